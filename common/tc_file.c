/* Writing a file a user named without replacing what is not a regular file
 * (tc_file.h has the rules). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tc_file.h"

static int tc_file_fail(char *why, size_t why_len, int err,
			const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int tc_file_fail(char *why, size_t why_len, int err,
			const char *fmt, ...)
{
	va_list ap;

	if (why && why_len) {
		va_start(ap, fmt);
		vsnprintf(why, why_len, fmt, ap);
		va_end(ap);
	}
	return -err;
}

static int tc_file_put(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * A new file beside path, renamed over it once complete. O_EXCL with mode
 * 0666 lets the umask decide its permissions, as for any new file.
 */
static int tc_file_replace(const char *path, const void *buf, size_t len,
			   char *why, size_t why_len)
{
	static unsigned int seq;
	char *tmp = NULL;
	int fd = -1, res, tries;

	for (tries = 0; fd < 0 && tries < 100; tries++) {
		free(tmp);
		if (asprintf(&tmp, "%s.tmp%ld.%u", path, (long)getpid(),
			     seq++) < 0)
			return tc_file_fail(why, why_len, ENOMEM,
					    "out of memory");
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		res = tc_file_fail(why, why_len, errno, "cannot create %s: %s",
				   tmp, strerror(errno));
		free(tmp);
		return res;
	}
	res = tc_file_put(fd, buf, len);
	if (close(fd) && !res)
		res = -errno;
	if (res)
		tc_file_fail(why, why_len, -res, "writing %s: %s", tmp,
			     strerror(-res));
	else if (rename(tmp, path))
		res = tc_file_fail(why, why_len, errno, "renaming %s over it: "
				   "%s", tmp, strerror(errno));
	if (res)
		unlink(tmp);
	free(tmp);
	return res;
}

/* What is there already, written through: no O_CREAT, so a path that
 * vanished meanwhile is an error rather than a new file in its place. */
static int tc_file_through(const char *path, const struct stat *st,
			   const void *buf, size_t len, char *why,
			   size_t why_len)
{
	int flags = O_WRONLY | O_NOCTTY | O_CLOEXEC;
	int fd, res;

	if (S_ISREG(st->st_mode))
		flags |= O_TRUNC;
	fd = open(path, flags);
	if (fd < 0)
		return tc_file_fail(why, why_len, errno, "cannot open: %s",
				    strerror(errno));
	res = tc_file_put(fd, buf, len);
	if (close(fd) && !res)
		res = -errno;
	if (res)
		tc_file_fail(why, why_len, -res, "writing: %s", strerror(-res));
	return res;
}

static const char *tc_file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISBLK(mode))
		return "a block device";
	return "not a regular file";
}

int tc_file_write(const char *path, const void *buf, size_t len,
		  char *why, size_t why_len)
{
	struct stat lst, st;

	if (why && why_len)
		why[0] = '\0';
	if (lstat(path, &lst)) {
		if (errno == ENOENT)
			return tc_file_replace(path, buf, len, why, why_len);
		return tc_file_fail(why, why_len, errno, "%s",
				    strerror(errno));
	}
	if (S_ISREG(lst.st_mode))
		return tc_file_replace(path, buf, len, why, why_len);
	if (stat(path, &st)) {
		if (errno == ENOENT)
			return tc_file_fail(why, why_len, ENOENT,
					    "a symbolic link to nothing: "
					    "refusing to replace it");
		return tc_file_fail(why, why_len, errno, "%s",
				    strerror(errno));
	}
	if (S_ISREG(st.st_mode) || S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
		return tc_file_through(path, &st, buf, len, why, why_len);
	return tc_file_fail(why, why_len, S_ISDIR(st.st_mode) ? EISDIR : EINVAL,
			    "%s%s: refusing to write it",
			    S_ISLNK(lst.st_mode) ? "a symbolic link to " : "",
			    tc_file_kind(st.st_mode));
}
