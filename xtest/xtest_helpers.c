/*
 * The helper layer of the xtest cases. Failures are reported at the caller's
 * file and line through cmocka's _fail(), which ends the sub-case.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xtest_helpers.h"
#include "xtestsupport.h"

#define XTEST_NAME(x)	{ x, #x }

static const struct {
	TEEC_Result res;
	const char *name;
} xtest_results[] = {
	XTEST_NAME(TEEC_SUCCESS),
	XTEST_NAME(TEEC_ERROR_GENERIC),
	XTEST_NAME(TEEC_ERROR_ACCESS_DENIED),
	XTEST_NAME(TEEC_ERROR_CANCEL),
	XTEST_NAME(TEEC_ERROR_ACCESS_CONFLICT),
	XTEST_NAME(TEEC_ERROR_EXCESS_DATA),
	XTEST_NAME(TEEC_ERROR_BAD_FORMAT),
	XTEST_NAME(TEEC_ERROR_BAD_PARAMETERS),
	XTEST_NAME(TEEC_ERROR_BAD_STATE),
	XTEST_NAME(TEEC_ERROR_ITEM_NOT_FOUND),
	XTEST_NAME(TEEC_ERROR_NOT_IMPLEMENTED),
	XTEST_NAME(TEEC_ERROR_NOT_SUPPORTED),
	XTEST_NAME(TEEC_ERROR_NO_DATA),
	XTEST_NAME(TEEC_ERROR_OUT_OF_MEMORY),
	XTEST_NAME(TEEC_ERROR_BUSY),
	XTEST_NAME(TEEC_ERROR_COMMUNICATION),
	XTEST_NAME(TEEC_ERROR_SECURITY),
	XTEST_NAME(TEEC_ERROR_SHORT_BUFFER),
	XTEST_NAME(TEEC_ERROR_EXTERNAL_CANCEL),
	XTEST_NAME(TEEC_ERROR_OVERFLOW),
	XTEST_NAME(TEEC_ERROR_TARGET_DEAD),
	XTEST_NAME(TEEC_ERROR_STORAGE_NO_SPACE),
};

static const char *const xtest_origins[] = {
	[TEEC_ORIGIN_API] = "TEEC_ORIGIN_API",
	[TEEC_ORIGIN_COMMS] = "TEEC_ORIGIN_COMMS",
	[TEEC_ORIGIN_TEE] = "TEEC_ORIGIN_TEE",
	[TEEC_ORIGIN_TRUSTED_APP] = "TEEC_ORIGIN_TRUSTED_APP",
};

const char *xtest_result_name(TEEC_Result res)
{
	size_t i;

	for (i = 0; i < XTEST_ARRAY_SIZE(xtest_results); i++) {
		if (xtest_results[i].res == res)
			return xtest_results[i].name;
	}
	return NULL;
}

const char *xtest_origin_name(uint32_t origin)
{
	if (origin < XTEST_ARRAY_SIZE(xtest_origins))
		return xtest_origins[origin];
	return NULL;
}

void xtest_fail_at(const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* cmocka's own failure path: "[  ERROR   ] --- msg", then file:line. */
	_assert_true(0, msg, file, line);
	abort();	/* not reached: a failed assertion leaves the sub-case */
}

/* "TEEC_ERROR_SECURITY (0xffff000f)" */
static void xtest_describe_result(char *buf, size_t len, TEEC_Result res)
{
	const char *name = xtest_result_name(res);

	snprintf(buf, len, "%s (0x%08x)", name ? name : "unknown code",
		 (unsigned int)res);
}

static void xtest_describe_origin(char *buf, size_t len, uint32_t origin)
{
	const char *name = xtest_origin_name(origin);

	snprintf(buf, len, "%s (%u)", name ? name : "unknown origin",
		 (unsigned int)origin);
}

void xtest_check_failed_at(const char *file, int line, bool fatal,
			   const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (fatal)
		xtest_fail_at(file, line, "%s", msg);
	print_error("[  ERROR   ] --- %s\n[   LINE   ] --- %s:%d: "
		    "expectation failed, going on\n", msg, file, line);
	fixture_note_expect_failure_at(file, line);
}

bool xtest_check_result_at(const char *file, int line, bool fatal,
			   const char *what, TEEC_Result res, uint32_t origin,
			   TEEC_Result exp_res, uint32_t exp_origin)
{
	char got[64], want[64], got_o[48], want_o[48];

	if (res == exp_res &&
	    (exp_origin == XTEST_ORIGIN_ANY || origin == exp_origin))
		return true;
	xtest_describe_result(got, sizeof(got), res);
	xtest_describe_result(want, sizeof(want), exp_res);
	if (origin == XTEST_ORIGIN_ANY) {
		/* A call without an origin: TEEC_InitializeContext. */
		xtest_check_failed_at(file, line, fatal,
				      "%s returned %s, expected %s", what,
				      got, want);
		return false;
	}
	xtest_describe_origin(got_o, sizeof(got_o), origin);
	if (exp_origin == XTEST_ORIGIN_ANY)
		snprintf(want_o, sizeof(want_o), "any origin");
	else
		xtest_describe_origin(want_o, sizeof(want_o), exp_origin);
	xtest_check_failed_at(file, line, fatal,
			      "%s returned %s from %s, expected %s from %s",
			      what, got, got_o, want, want_o);
	return false;
}

void xtest_assert_result_at(const char *file, int line, const char *what,
			    TEEC_Result res, uint32_t origin,
			    TEEC_Result exp_res, uint32_t exp_origin)
{
	xtest_check_result_at(file, line, true, what, res, origin, exp_res,
			      exp_origin);
}

/* "-5", or "4096 (0x1000)" */
static void xtest_describe_int(char *buf, size_t len, __int128 v)
{
	if (v < 0)
		snprintf(buf, len, "-%llu", (unsigned long long)-v);
	else if (v < 10)
		snprintf(buf, len, "%llu", (unsigned long long)v);
	else
		snprintf(buf, len, "%llu (%#llx)", (unsigned long long)v,
			 (unsigned long long)v);
}

void xtest_check_int_at(const char *file, int line, bool fatal,
			const char *expr, __int128 a, __int128 b)
{
	char sa[48], sb[48];

	xtest_describe_int(sa, sizeof(sa), a);
	xtest_describe_int(sb, sizeof(sb), b);
	xtest_check_failed_at(file, line, fatal, "%s does not hold: %s vs %s",
			      expr, sa, sb);
}

void xtest_check_mem_at(const char *file, int line, bool fatal,
			const char *expr, const void *a, const void *b,
			size_t len)
{
	const uint8_t *pa = a, *pb = b;
	size_t i;

	for (i = 0; i < len && pa[i] == pb[i]; i++)
		;
	if (i == len)
		return;
	xtest_check_failed_at(file, line, fatal,
			      "%s does not hold: byte %zu of %zu is %#04x vs "
			      "%#04x", expr, i, len, pa[i], pb[i]);
}

void xtest_context_init_at(const char *file, int line, TEEC_Context *ctx)
{
	TEEC_Result res = TEEC_InitializeContext(NULL, ctx);

	xtest_assert_result_at(file, line, "TEEC_InitializeContext", res,
			       XTEST_ORIGIN_ANY, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
}

TEEC_Result xtest_open_session_result(TEEC_Context *ctx, TEEC_Session *sess,
				      const TEEC_UUID *uuid, uint32_t *origin)
{
	*origin = 0;
	return TEEC_OpenSession(ctx, sess, uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
				origin);
}

void xtest_open_session_at(const char *file, int line, TEEC_Context *ctx,
			   TEEC_Session *sess, const TEEC_UUID *uuid)
{
	char what[80], u[XTEST_UUID_STRLEN];
	uint32_t origin;
	TEEC_Result res;

	res = xtest_open_session_result(ctx, sess, uuid, &origin);
	xtest_uuid_string(uuid, u);
	snprintf(what, sizeof(what), "TEEC_OpenSession(%s)", u);
	xtest_assert_result_at(file, line, what, res, origin, TEEC_SUCCESS,
			       XTEST_ORIGIN_ANY);
}

void xtest_invoke_ok_at(const char *file, int line, TEEC_Session *sess,
			uint32_t cmd, TEEC_Operation *op)
{
	uint32_t origin = 0;
	TEEC_Result res;
	char what[48];

	res = TEEC_InvokeCommand(sess, cmd, op, &origin);
	snprintf(what, sizeof(what), "TEEC_InvokeCommand(command %u)",
		 (unsigned int)cmd);
	xtest_assert_result_at(file, line, what, res, origin, TEEC_SUCCESS,
			       XTEST_ORIGIN_ANY);
}

void *xtest_alloc_at(const char *file, int line, size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (!p)
		xtest_fail_at(file, line, "out of memory allocating %zu bytes",
			      size);
	return p;
}

void *xtest_read_file_at(const char *file, int line, const char *path,
			 size_t *len)
{
	struct stat st;
	size_t done = 0;
	char *buf;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		xtest_fail_at(file, line, "cannot open %s: %s", path,
			      strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		xtest_fail_at(file, line, "%s is not a readable regular file",
			      path);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		xtest_fail_at(file, line, "out of memory reading %s", path);
	}
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(buf);
			close(fd);
			xtest_fail_at(file, line, "reading %s failed", path);
		}
		done += (size_t)n;
	}
	close(fd);
	*len = done;
	return buf;
}

void xtest_write_file_at(const char *file, int line, const char *path,
			 const void *buf, size_t len)
{
	const char *p = buf;
	size_t done = 0;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		xtest_fail_at(file, line, "cannot create %s: %s", path,
			      strerror(errno));
	while (done < len) {
		ssize_t n = write(fd, p + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			xtest_fail_at(file, line, "writing %s failed", path);
		}
		done += (size_t)n;
	}
	if (close(fd))
		xtest_fail_at(file, line, "writing %s failed: %s", path,
			      strerror(errno));
}

void xtest_run_at(const char *file, int line, char *const argv[])
{
	extern char **environ;
	int rc, status;
	pid_t pid;

	fflush(stdout);
	rc = posix_spawn(&pid, argv[0], NULL, NULL, argv, environ);
	if (rc)
		xtest_fail_at(file, line, "cannot run %s: %s", argv[0],
			      strerror(rc));
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			xtest_fail_at(file, line, "waiting for %s: %s",
				      argv[0], strerror(errno));
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		xtest_fail_at(file, line, "%s failed (wait status 0x%x)",
			      argv[0], (unsigned int)status);
}

void xtest_uuid_random_at(const char *file, int line, TEEC_UUID *uuid)
{
	uint8_t b[16];

	if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b))
		xtest_fail_at(file, line, "getrandom: %s", strerror(errno));
	/* RFC 4122: version 4 (random), variant 10x. */
	b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
	b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
	xtest_uuid_from_bytes(b, uuid);
}

void xtest_uuid_string(const TEEC_UUID *u, char str[XTEST_UUID_STRLEN])
{
	uint8_t b[16];

	xtest_uuid_to_bytes(u, b);
	tc_uuid_bytes_to_str(b, str);
}

void xtest_ta_path_at(const char *file, int line, char *path, size_t len,
		      const char *dir, const TEEC_UUID *uuid, const char *ext)
{
	char u[XTEST_UUID_STRLEN];

	xtest_uuid_string(uuid, u);
	if ((size_t)snprintf(path, len, "%s/%s.%s", dir, u, ext) >= len)
		xtest_fail_at(file, line, "path too long: %s/%s.%s", dir, u,
			      ext);
}

const char *xtest_ta_extra_dir_at(const char *file, int line)
{
	const char *dir = getenv("XTEST_TA_EXTRA_DIR");

	if (!dir || !*dir) {
		print_message("skipped: no writable TA directory "
			      "(XTEST_TA_EXTRA_DIR is not set)\n");
		xtest_note_skip();
		_skip(file, line);
	}
	return dir;
}

void xtest_fill(void *buf, size_t len, uint32_t seed)
{
	uint8_t *p = buf;
	uint32_t x = seed * 2654435761u + 0x9e3779b9u;
	size_t i;

	if (!x)
		x = 1;	/* xorshift never leaves zero */

	/* A cheap generator is enough: the pattern only has to vary. */
	for (i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (uint8_t)x;
	}
}
