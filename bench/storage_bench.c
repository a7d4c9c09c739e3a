/*
 * Benchmark: trusted storage against a private core. Throughput of
 * creating, writing, reading and rewriting 1 KiB, 64 KiB and 1 MiB
 * objects through the storage_test TA, against the same bytes written to
 * (and read from) a plain file with fsync in the same directory. Every
 * ratio is the storage's throughput over the baseline's.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <storage_test_ta.h>
#include <tee_api_defines.h>
#include <tee_client_api.h>

#include "../xtest/xtestsupport.h"
#include "bench_time.h"

#define T(a, b, c, d) \
	TEEC_PARAM_TYPES(TEEC_##a, TEEC_##b, TEEC_##c, TEEC_##d)
#define ST_FLAGS	(TEE_DATA_FLAG_ACCESS_READ | \
			 TEE_DATA_FLAG_ACCESS_WRITE | \
			 TEE_DATA_FLAG_ACCESS_WRITE_META | \
			 TEE_DATA_FLAG_OVERWRITE)

enum bench_op { B_CREATE, B_WRITE, B_READ, B_REWRITE };
static const char *const op_names[] = { "create", "write", "read",
					"rewrite" };

static TEEC_Session sess;

static int invoke(uint32_t cmd, TEEC_Operation *op)
{
	uint32_t origin;

	return TEEC_InvokeCommand(&sess, cmd, op, &origin) ? -1 : 0;
}

static void set_h(TEEC_Value *v, uint64_t h)
{
	v->a = (uint32_t)h;
	v->b = (uint32_t)(h >> 32);
}

static int st_create(void *buf, size_t len, uint64_t *h)
{
	TEEC_Operation op = { .paramTypes = T(VALUE_INPUT, MEMREF_TEMP_INPUT,
					      MEMREF_TEMP_INPUT, VALUE_INOUT) };

	op.params[0].value.a = TEE_STORAGE_PRIVATE;
	op.params[0].value.b = ST_FLAGS;
	op.params[1].tmpref.buffer = (void *)"bench";
	op.params[1].tmpref.size = 5;
	op.params[2].tmpref.buffer = buf;
	op.params[2].tmpref.size = len;
	if (invoke(ST_CMD_CREATE, &op))
		return -1;
	*h = ((uint64_t)op.params[3].value.b << 32) | op.params[3].value.a;
	return 0;
}

/* A command on handle h: SEEK to a, TRUNCATE to a, READ or WRITE buf. */
static int st_h(uint32_t cmd, uint64_t h, uint32_t a, void *buf, size_t len)
{
	TEEC_Operation op = { .paramTypes = T(VALUE_INPUT, NONE, NONE, NONE) };

	set_h(&op.params[0].value, h);
	if (cmd == ST_CMD_SEEK || cmd == ST_CMD_TRUNCATE) {
		op.paramTypes = T(VALUE_INPUT, VALUE_INPUT, VALUE_INPUT, NONE);
		op.params[1].value.a = a;	/* whence 0: from the start */
	} else if (cmd == ST_CMD_READ) {
		op.paramTypes = T(VALUE_INPUT, MEMREF_TEMP_OUTPUT, NONE, NONE);
	} else if (cmd == ST_CMD_WRITE) {
		op.paramTypes = T(VALUE_INPUT, MEMREF_TEMP_INPUT, NONE, NONE);
	}
	op.params[1].tmpref.buffer = buf;
	op.params[1].tmpref.size = len;
	return invoke(cmd, &op);
}

/* Seconds for n storage operations of len bytes. */
static double storage_s(enum bench_op what, uint8_t *buf, size_t len,
			unsigned int n)
{
	double t, total = 0;
	unsigned int i;
	uint64_t h;

	if (st_create(buf, len, &h))
		return -1;
	for (i = 0; i < n; i++) {
		if (what == B_CREATE) {
			st_h(ST_CMD_CLOSE, h, 0, NULL, 0);
			t = bench_now_us();
			if (st_create(buf, len, &h))
				return -1;
			total += bench_now_us() - t;
			continue;
		}
		if (what == B_WRITE && st_h(ST_CMD_TRUNCATE, h, 0, NULL, 0))
			return -1;
		if (st_h(ST_CMD_SEEK, h, 0, NULL, 0))
			return -1;
		t = bench_now_us();
		if (st_h(what == B_READ ? ST_CMD_READ : ST_CMD_WRITE, h, 0, buf,
			 len))
			return -1;
		total += bench_now_us() - t;
	}
	st_h(ST_CMD_CLOSE_DELETE, h, 0, NULL, 0);
	return total / 1e6;
}

/* Seconds for the same bytes through a plain file, synced when written. */
static double file_s(enum bench_op what, const char *path, uint8_t *buf,
		     size_t len, unsigned int n)
{
	double t, total = 0;
	unsigned int i;
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, buf, len) != (ssize_t)len || fsync(fd))
		return -1;
	for (i = 0; i < n; i++) {
		if (what == B_CREATE) {
			close(fd);
			t = bench_now_us();
			fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
			if (fd < 0 || write(fd, buf, len) != (ssize_t)len ||
			    fsync(fd))
				return -1;
			total += bench_now_us() - t;
			continue;
		}
		if (what == B_WRITE && ftruncate(fd, 0))
			return -1;
		t = bench_now_us();
		if (what == B_READ) {
			if (pread(fd, buf, len, 0) != (ssize_t)len)
				return -1;
		} else if (pwrite(fd, buf, len, 0) != (ssize_t)len ||
			   fsync(fd)) {
			return -1;
		}
		total += bench_now_us() - t;
	}
	close(fd);
	unlink(path);
	return total / 1e6;
}

static int run(const char *dir)
{
	static const struct { size_t len; unsigned int n; const char *name; }
	sizes[] = { { 1024, 200, "1kib" }, { 64 * 1024, 60, "64kib" },
		    { 1024 * 1024, 12, "1mib" } };
	char path[4200];
	unsigned int i, k;
	uint8_t *buf = malloc(1024 * 1024);

	if (!buf)
		return -1;
	snprintf(path, sizeof(path), "%s/baseline.bin", dir);
	for (i = 0; i < 3; i++) {
		double mib = (double)sizes[i].len * sizes[i].n / (1 << 20);

		memset(buf, 0x5a, sizes[i].len);
		for (k = B_CREATE; k <= B_REWRITE; k++) {
			double s = storage_s(k, buf, sizes[i].len, sizes[i].n);
			double b = file_s(k, path, buf, sizes[i].len,
					  sizes[i].n);

			if (s <= 0 || b <= 0) {
				free(buf);
				return -1;
			}
			printf("storage_%s_%s: %.2f MiB/s (baseline: %.2f "
			       "MiB/s, ratio: %.2f)\n", op_names[k],
			       sizes[i].name, mib / s, mib / b, b / s);
		}
	}
	printf("  per size %u/%u/%u operations; baseline: the same bytes "
	       "to a plain file with fsync (read: pread)\n", sizes[0].n,
	       sizes[1].n, sizes[2].n);
	free(buf);
	return 0;
}

int main(void)
{
	const TEEC_UUID uuid = TA_STORAGE_TEST_UUID;
	const char *out = getenv("TEECHECK_OUT");
	struct private_core pc;
	char bin[4096], ta[4096];
	TEEC_Context ctx;
	uint32_t origin;
	int rc = 1;

	if (!out)
		out = "out";
	snprintf(bin, sizeof(bin), "%s/bin", out);
	snprintf(ta, sizeof(ta), "%s/ta", out);
	if (private_core_start(&pc, bin, ta, false))
		return 1;
	if (!TEEC_InitializeContext(pc.socket, &ctx)) {
		if (!TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC,
				      NULL, NULL, &origin)) {
			rc = run(pc.dir) ? 1 : 0;
			TEEC_CloseSession(&sess);
		}
		TEEC_FinalizeContext(&ctx);
	}
	private_core_stop(&pc);
	if (rc)
		fprintf(stderr, "storage_bench: a measurement failed\n");
	return rc;
}
