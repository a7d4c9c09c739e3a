/*
 * Trusted storage's files in the normal world: DIR/<32 hex>/<16 hex>, names
 * the core chooses and that say nothing of what is inside. A file is
 * replaced by writing DIR/.../<name>.tmp, syncing it, renaming it over the
 * old one and syncing the directory, so it is always one version or the
 * other; the core's directory record makes the commit of several files.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tee_client_api.h>

#include "../../common/tc_log.h"
#include "supp_fs.h"

enum fault_kind { FAULT_NONE, FAULT_KILL, FAULT_KILL_CORE, FAULT_SHORT,
		  FAULT_ENOSPC, FAULT_EIO };

static char fs_root[3000];
static enum fault_kind fault_kind;
static unsigned long fault_at;		/* step number, from 1 */
static unsigned long fault_steps;	/* steps reached so far */
static pid_t core_pid;

enum lie_kind { LIE_NONE, LIE_SIZE, LIE_NOFD, LIE_SWAP, LIE_FUNC };
static enum lie_kind lie_kind;

int supp_fs_init(const char *dir)
{
	if (strlen(dir) >= sizeof(fs_root))
		return -ENAMETOOLONG;
	if (mkdir(dir, 0700) && errno != EEXIST)
		return -errno;
	strcpy(fs_root, dir);
	return 0;
}

int supp_fs_fault(const char *spec)
{
	static const struct { const char *name; enum fault_kind kind; } k[] = {
		{ "kill", FAULT_KILL }, { "kill-core", FAULT_KILL_CORE },
		{ "short", FAULT_SHORT }, { "enospc", FAULT_ENOSPC },
		{ "eio", FAULT_EIO },
	};
	const char *at = strchr(spec, '@');
	char *end;
	size_t i;

	if (!at)
		return -EINVAL;
	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		if (strlen(k[i].name) == (size_t)(at - spec) &&
		    !strncmp(spec, k[i].name, (size_t)(at - spec)))
			break;
	}
	if (i == sizeof(k) / sizeof(k[0]))
		return -EINVAL;
	fault_at = strtoul(at + 1, &end, 10);
	if (*end || !fault_at)
		return -EINVAL;
	fault_kind = k[i].kind;
	return 0;
}

int supp_fs_lie(const char *kind)
{
	static const char *const names[] = { "size", "nofd", "swap", "func" };
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(kind, names[i])) {
			lie_kind = (enum lie_kind)(i + 1);
			return 0;
		}
	}
	return -EINVAL;
}

void supp_fs_core_pid(pid_t pid)
{
	core_pid = pid;
}

/*
 * One step of a write. Returns 0 to go on, or the errno the write fails
 * with here; kills happen here and do not return.
 */
static int fs_step(bool mid_write)
{
	if (++fault_steps != fault_at)
		return 0;
	tc_info("fault injected at step %lu", fault_steps);
	switch (fault_kind) {
	case FAULT_KILL:
		raise(SIGKILL);
		break;
	case FAULT_KILL_CORE:
		if (core_pid > 0)
			kill(core_pid, SIGKILL);
		_exit(0);
	case FAULT_SHORT:
		return mid_write ? EAGAIN : EIO;
	case FAULT_ENOSPC:
		return ENOSPC;
	case FAULT_EIO:
		return EIO;
	default:
		break;
	}
	return 0;
}

static uint32_t fs_result(int err)
{
	switch (err) {
	case 0:
		return TEEC_SUCCESS;
	case ENOENT:
		return TEEC_ERROR_ITEM_NOT_FOUND;
	case ENOSPC:
	case EDQUOT:
		return TEEC_ERROR_STORAGE_NO_SPACE;
	default:
		return TEEC_ERROR_GENERIC;
	}
}

static void fs_dir_path(const struct tc_msg *m, char *path, size_t len)
{
	size_t n = (size_t)snprintf(path, len, "%s/", fs_root);
	int i;

	for (i = 0; i < 16 && n + 3 < len; i++, n += 2)
		snprintf(path + n, len - n, "%02x", m->uuid[i]);
}

static void fs_file_path(const struct tc_msg *m, const char *suffix,
			 char *path, size_t len)
{
	char dir[sizeof(fs_root) + 40];

	fs_dir_path(m, dir, sizeof(dir));
	snprintf(path, len, "%s/%016llx%s", dir, (unsigned long long)m->arg,
		 suffix);
}

static int fs_sync_dir(const struct tc_msg *m)
{
	char dir[sizeof(fs_root) + 40];
	int fd, err = 0;

	fs_dir_path(m, dir, sizeof(dir));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fsync(fd))
		err = errno;
	close(fd);
	return err;
}

static int fs_copy_range(int in_fd, int fd, uint64_t from, uint64_t to)
{
	char buf[65536];
	ssize_t n;

	while (from < to) {
		n = pread(in_fd, buf, to - from < sizeof(buf) ? to - from :
			  sizeof(buf), (off_t)from);
		if (n <= 0)
			return EIO;
		if (write(fd, buf, (size_t)n) != n)
			return errno ? errno : EIO;
		from += (uint64_t)n;
	}
	return 0;
}

/* Copies len bytes of in_fd into fd, with a step half-way. */
static int fs_copy(int in_fd, int fd, uint64_t len)
{
	int err = fs_copy_range(in_fd, fd, 0, len / 2);

	if (!err)
		err = fs_step(true);
	if (err == EAGAIN)
		return EIO;		/* a short write */
	return err ? err : fs_copy_range(in_fd, fd, len / 2, len);
}

static int fs_put(const struct tc_msg *m, int in_fd)
{
	char dir[sizeof(fs_root) + 40], tmp[sizeof(dir) + 40],
	     path[sizeof(dir) + 40];
	int fd, err;

	if (in_fd < 0)
		return EINVAL;
	err = fs_step(false);
	if (err)
		return err;
	fs_dir_path(m, dir, sizeof(dir));
	if (mkdir(dir, 0700) && errno != EEXIST)
		return errno;
	fs_file_path(m, ".tmp", tmp, sizeof(tmp));
	fs_file_path(m, "", path, sizeof(path));
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno;
	err = fs_copy(in_fd, fd, m->arg2);
	if (!err && fsync(fd))
		err = errno;
	close(fd);
	if (!err)
		err = fs_step(false);
	if (err)
		return err;
	if (rename(tmp, path))
		return errno;
	err = fs_sync_dir(m);
	return err ? err : fs_step(false);
}

static int fs_remove(const struct tc_msg *m)
{
	char path[sizeof(fs_root) + 80];
	int err = fs_step(false);

	if (err)
		return err;
	fs_file_path(m, "", path, sizeof(path));
	if (unlink(path) && errno != ENOENT)
		return errno;
	return fs_step(false);
}

static int fs_get(const struct tc_msg *m, int *fd, uint64_t *size)
{
	char path[sizeof(fs_root) + 80];
	struct stat st;
	int f;

	fs_file_path(m, "", path, sizeof(path));
	f = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (f < 0)
		return errno;
	if (fstat(f, &st) || !S_ISREG(st.st_mode)) {
		close(f);
		return EIO;
	}
	*fd = f;
	*size = (uint64_t)st.st_size;
	return 0;
}

/*
 * The numbers of the files in the directory, into a memfd. The core lists
 * a directory to sweep what no record names; the temporary files of PUTs
 * that did not finish go here.
 */
static int fs_list(const struct tc_msg *m, int *fd, uint64_t *count)
{
	char dir[sizeof(fs_root) + 40], *end;
	struct dirent *d;
	uint64_t num;
	DIR *dp;
	int f;

	*count = 0;
	f = memfd_create("supp-fs-list", MFD_CLOEXEC);
	if (f < 0)
		return errno;
	fs_dir_path(m, dir, sizeof(dir));
	dp = opendir(dir);
	if (dp) {
		while ((d = readdir(dp))) {
			/* A PUT's leftover: none is under way while we list. */
			if (strlen(d->d_name) == 20 &&
			    !strcmp(d->d_name + 16, ".tmp")) {
				unlinkat(dirfd(dp), d->d_name, 0);
				continue;
			}
			if (strlen(d->d_name) != 16)
				continue;
			num = strtoull(d->d_name, &end, 16);
			if (*end)
				continue;
			if (write(f, &num, sizeof(num)) != sizeof(num)) {
				closedir(dp);
				close(f);
				return EIO;
			}
			(*count)++;
		}
		closedir(dp);
	}
	*fd = f;
	return 0;
}

/* The answer to a GET, falsified as --fs-lie says. */
static void fs_lie(struct tc_msg *m, int *fd, uint64_t *size)
{
	uint64_t file = m->arg, other_size;
	int other;

	switch (lie_kind) {
	case LIE_SIZE:
		(*size)++;
		break;
	case LIE_NOFD:
		close(*fd);
		*fd = -1;
		break;
	case LIE_SWAP:		/* an object's file: the record instead */
		if (!file)
			break;
		m->arg = 0;
		if (!fs_get(m, &other, &other_size)) {
			close(*fd);
			*fd = other;
			*size = other_size;
		}
		m->arg = file;
		break;
	case LIE_FUNC:
		m->func = TC_RPC_FS_LIST;
		break;
	default:
		break;
	}
}

uint32_t supp_fs_serve(struct tc_msg *m, int in_fd, int *fd)
{
	uint64_t val = 0;
	int err;

	*fd = -1;
	switch (m->func) {
	case TC_RPC_FS_GET:
		err = fs_get(m, fd, &val);
		if (!err && lie_kind)
			fs_lie(m, fd, &val);
		break;
	case TC_RPC_FS_PUT:
		err = fs_put(m, in_fd);
		break;
	case TC_RPC_FS_REMOVE:
		err = fs_remove(m);
		break;
	default:
		err = fs_list(m, fd, &val);
		break;
	}
	m->arg = val;
	return fs_result(err);
}
