/*
 * Storage keys: a device-unique secret, created once in the core's state
 * directory (never in the directory the supplicant serves) and readable by
 * the core's user only, and per TA, with HKDF-SHA-256 from it and the TA's
 * UUID, the key that seals its files and the name of its directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>

#include "../../common/tc_log.h"
#include "sto_priv.h"

#define STO_SECRET_FILE	"storage.secret"

static uint8_t sto_secret[32];

/* Reads the secret, or creates it when there is none yet. */
static int key_load(const char *path)
{
	struct stat st;
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 && errno == ENOENT) {
		if (getrandom(sto_secret, sizeof(sto_secret), 0) !=
		    (ssize_t)sizeof(sto_secret))
			return -EIO;
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0)
			return -errno;
		n = write(fd, sto_secret, sizeof(sto_secret));
		err = n == (ssize_t)sizeof(sto_secret) && !fsync(fd) ? 0 : EIO;
		close(fd);
		if (err)
			unlink(path);
		return -err;
	}
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || (st.st_mode & 077) || st.st_uid != geteuid()) {
		close(fd);
		tc_err("%s: must belong to this user, mode 0600", path);
		return -EPERM;
	}
	n = read(fd, sto_secret, sizeof(sto_secret));
	close(fd);
	return n == (ssize_t)sizeof(sto_secret) ? 0 : -EIO;
}

int sto_key_init(const char *state_dir)
{
	char path[4096];
	int rc;

	snprintf(path, sizeof(path), "%s/%s", state_dir, STO_SECRET_FILE);
	rc = key_load(path);
	if (rc)
		tc_err("storage secret %s: %s", path, strerror(-rc));
	return rc;
}

static TEE_Result hkdf(const char *label, const uint8_t uuid[16],
		       uint8_t *out, size_t len)
{
	uint8_t info[64];
	size_t llen = strlen(label);
	OSSL_PARAM params[5], *p = params;
	EVP_KDF_CTX *ctx;
	EVP_KDF *kdf;
	int ok;

	memcpy(info, label, llen);
	memcpy(info + llen, uuid, 16);
	kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	if (!kdf)
		return TEE_ERROR_GENERIC;
	ctx = EVP_KDF_CTX_new(kdf);
	EVP_KDF_free(kdf);
	if (!ctx)
		return TEE_ERROR_OUT_OF_MEMORY;
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						(char *)"SHA256", 0);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
						 sto_secret,
						 sizeof(sto_secret));
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
						 (char *)"teecheck storage v1",
						 19);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info,
						 llen + 16);
	*p = OSSL_PARAM_construct_end();
	ok = EVP_KDF_derive(ctx, out, len, params);
	EVP_KDF_CTX_free(ctx);
	OPENSSL_cleanse(info, sizeof(info));
	return ok == 1 ? TEE_SUCCESS : TEE_ERROR_GENERIC;
}

TEE_Result sto_key_derive(const uint8_t uuid[16], struct sto_ta_keys *k)
{
	TEE_Result res;

	res = hkdf("ta key ", uuid, k->key, sizeof(k->key));
	if (!res)
		res = hkdf("ta directory ", uuid, k->dirname,
			   sizeof(k->dirname));
	return res;
}
