/*
 * TA persistent time: per TA, an offset from the REE's wall clock in a file
 * of the core's state directory, so it survives a core restart. A file that
 * fails its checks means the time may have been tampered with or lost
 * (TEE_ERROR_TIME_NEEDS_RESET); no file means it was never set.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <openssl/evp.h>

#include <tee_api_defines.h>

#include "../../common/tc_log.h"
#include "../../common/uuid.h"
#include "../core.h"
#include "ptime.h"

#define PTIME_MAGIC	0x54505443u	/* "CTPT" */
#define PTIME_VERSION	1

struct ptime_file {
	uint32_t magic;
	uint32_t version;
	uint8_t uuid[16];
	int64_t offset_ms;		/* TA time minus CLOCK_REALTIME */
	uint8_t digest[32];		/* SHA-256 of the fields above */
};

static char ptime_dir[4096];
/* One writer at a time: a set is a write and a rename. */
static pthread_mutex_t ptime_lock = PTHREAD_MUTEX_INITIALIZER;

/* Creates dir and its parents as needed. Returns 0 or -errno. */
static int ptime_mkdirs(const char *dir)
{
	char path[sizeof(ptime_dir)];
	char *p;

	if (strlen(dir) >= sizeof(path))
		return -ENAMETOOLONG;
	strcpy(path, dir);
	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0700) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(path, 0700) && errno != EEXIST)
		return -errno;
	return 0;
}

int ptime_init(const char *dir)
{
	int rc;

	if (strlen(dir) >= sizeof(ptime_dir) - 64) {
		tc_err("--state-dir: path too long");
		return -ENAMETOOLONG;
	}
	rc = ptime_mkdirs(dir);
	if (rc) {
		tc_err("state directory %s: %s", dir, strerror(-rc));
		return rc;
	}
	strcpy(ptime_dir, dir);
	return 0;
}

static int64_t ptime_ree_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void ptime_path(const uint8_t uuid[16], char *path, size_t len)
{
	char u[TC_UUID_STR_LEN];

	tc_uuid_bytes_to_str(uuid, u);
	snprintf(path, len, "%s/ta-time-%s", ptime_dir, u);
}

static int ptime_digest(const struct ptime_file *f, uint8_t out[32])
{
	unsigned int len = 32;

	return EVP_Digest(f, offsetof(struct ptime_file, digest), out, &len,
			  EVP_sha256(), NULL) == 1 ? 0 : -EIO;
}

TEE_Result ptime_get(const uint8_t uuid[16], uint64_t *ms)
{
	char path[sizeof(ptime_dir) + 64];
	struct ptime_file f;
	uint8_t digest[32];
	int64_t now;
	ssize_t n;
	int fd;

	ptime_path(uuid, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? TEE_ERROR_TIME_NOT_SET :
					 TEE_ERROR_TIME_NEEDS_RESET;
	n = read(fd, &f, sizeof(f));
	close(fd);
	if (n != (ssize_t)sizeof(f) || f.magic != PTIME_MAGIC ||
	    f.version != PTIME_VERSION || memcmp(f.uuid, uuid, 16) ||
	    ptime_digest(&f, digest) || memcmp(digest, f.digest, 32)) {
		tc_warn("%s: persistent time damaged: it needs a reset", path);
		return TEE_ERROR_TIME_NEEDS_RESET;
	}
	now = ptime_ree_ms();
	if (f.offset_ms < -now) {
		tc_warn("%s: the REE clock went back before the time set",
			path);
		return TEE_ERROR_TIME_NEEDS_RESET;
	}
	*ms = (uint64_t)(now + f.offset_ms);
	return TEE_SUCCESS;
}

TEE_Result ptime_set(const uint8_t uuid[16], uint64_t ms)
{
	char path[sizeof(ptime_dir) + 64], tmp[sizeof(path) + 8];
	struct ptime_file f;
	TEE_Result res = TEE_SUCCESS;
	int fd;

	if (ms > (uint64_t)INT64_MAX / 2)
		return TEE_ERROR_BAD_PARAMETERS;
	memset(&f, 0, sizeof(f));
	f.magic = PTIME_MAGIC;
	f.version = PTIME_VERSION;
	memcpy(f.uuid, uuid, 16);
	f.offset_ms = (int64_t)ms - ptime_ree_ms();
	if (ptime_digest(&f, f.digest))
		return TEE_ERROR_GENERIC;
	ptime_path(uuid, path, sizeof(path));
	snprintf(tmp, sizeof(tmp), "%s.new", path);

	pthread_mutex_lock(&ptime_lock);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, &f, sizeof(f)) != (ssize_t)sizeof(f) ||
	    fsync(fd) || rename(tmp, path)) {
		int err = errno;

		tc_err("%s: cannot store the persistent time: %s", path,
		       strerror(err));
		res = err == ENOSPC || err == EDQUOT ?
		      TEE_ERROR_STORAGE_NO_SPACE : TEE_ERROR_GENERIC;
		unlink(tmp);
	}
	if (fd >= 0)
		close(fd);
	pthread_mutex_unlock(&ptime_lock);
	return res;
}
