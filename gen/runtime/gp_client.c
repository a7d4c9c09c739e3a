/*
 * Client API steps of generated GP cases: invokes, shared and temporary
 * memory contents, operation parameters, invokes on their own thread (the
 * steps that create and release objects are in gp_fixture.c).
 */
#include <errno.h>
#include <malloc.h>
#include <string.h>
#include <time.h>

#include "gp_runtime.h"

void gp_invoke(const char *file, int line, TEEC_Session *sess, uint32_t cmd,
	       TEEC_Operation *op, uint32_t origin, const char *origin_name,
	       uint32_t exp, const char *exp_name)
{
	uint32_t got_origin = 0;
	TEEC_Result res;

	res = TEEC_InvokeCommand(sess, cmd, op, &got_origin);
	gp_expect_result(file, line, exp_name, exp, res);
	gp_expect_origin(file, line, origin_name, origin, got_origin);
}

static void gp_check_param(const char *file, int line, uint32_t n)
{
	if (n >= TEEC_CONFIG_PAYLOAD_REF_COUNT)
		gp_fail(file, line, "parameter %u out of range 0-%d", n,
			TEEC_CONFIG_PAYLOAD_REF_COUNT - 1);
}

void gp_set_value(const char *file, int line, TEEC_Operation *op,
		  uint32_t n, uint32_t a, uint32_t b)
{
	gp_check_param(file, line, n);
	if (a != IGNORE)
		op->params[n].value.a = a;
	if (b != IGNORE)
		op->params[n].value.b = b;
}

void gp_set_memref(const char *file, int line, TEEC_Operation *op,
		   uint32_t n, TEEC_SharedMemory *shm, size_t offset,
		   size_t size)
{
	gp_check_param(file, line, n);
	op->params[n].memref.parent = shm;
	op->params[n].memref.offset = offset;
	op->params[n].memref.size = size;
}

void gp_set_tmpref(const char *file, int line, TEEC_Operation *op,
		   uint32_t n, void *buf, size_t size)
{
	gp_check_param(file, line, n);
	op->params[n].tmpref.buffer = buf;
	op->params[n].tmpref.size = size;
}

/* GP's test values are 32-bit words; a block gets the word's bytes. */
void gp_fill_shm(const char *file, int line, TEEC_SharedMemory *shm,
		 uint32_t value, size_t size)
{
	if (size > sizeof(value) || size > shm->size || !shm->buffer)
		gp_fail(file, line, "cannot put %zu bytes of 0x%08x in a "
			"%zu-byte shared memory", size, value, shm->size);
	memcpy(shm->buffer, &value, size);
}

void gp_check_shm(const char *file, int line, const TEEC_Operation *op,
		  uint32_t n, const TEEC_SharedMemory *shm, uint32_t value,
		  size_t size)
{
	gp_check_param(file, line, n);
	gp_expect_u32(file, line, "memref size", (uint32_t)size,
		      (uint32_t)op->params[n].memref.size);
	if (value == IGNORE)
		return;
	if (op->params[n].memref.parent != shm)
		gp_fail(file, line, "parameter %u does not refer to the "
			"expected shared memory", n);
	if (size > sizeof(value) || size > shm->size)
		gp_fail(file, line, "cannot compare %zu bytes with 0x%08x",
			size, value);
	if (memcmp(shm->buffer, &value, size))
		gp_fail(file, line, "shared memory does not hold 0x%08x",
			value);
}

void gp_check_value(const char *file, int line, const TEEC_Operation *op,
		    uint32_t n, uint32_t a, uint32_t b)
{
	gp_check_param(file, line, n);
	if (a != IGNORE)
		gp_expect_u32(file, line, "value.a", a, op->params[n].value.a);
	if (b != IGNORE)
		gp_expect_u32(file, line, "value.b", b, op->params[n].value.b);
}

/*
 * Temporary memory comes from gp_alloc_temp: malloc_usable_size bounds
 * what may be written or read there.
 */
void gp_fill_temp(const char *file, int line, void *buf, uint32_t value,
		  size_t size)
{
	if (!buf || size > sizeof(value) || size > malloc_usable_size(buf))
		gp_fail(file, line, "cannot put %zu bytes of 0x%08x in the "
			"temporary memory", size, value);
	memcpy(buf, &value, size);
}

void gp_check_temp(const char *file, int line, const TEEC_Operation *op,
		   uint32_t n, const void *buf, uint32_t value, size_t size)
{
	gp_check_param(file, line, n);
	gp_expect_u32(file, line, "tmpref size", (uint32_t)size,
		      (uint32_t)op->params[n].tmpref.size);
	if (value == IGNORE)
		return;
	if (op->params[n].tmpref.buffer != buf)
		gp_fail(file, line, "parameter %u does not refer to the "
			"expected temporary memory", n);
	if (!buf || size > sizeof(value) ||
	    size > malloc_usable_size((void *)buf))
		gp_fail(file, line, "cannot compare %zu bytes with 0x%08x",
			size, value);
	if (memcmp(buf, &value, size))
		gp_fail(file, line, "temporary memory does not hold 0x%08x",
			value);
}

void gp_sleep_ms(uint32_t ms)
{
	struct timespec ts = {
		.tv_sec = ms / 1000,
		.tv_nsec = (long)(ms % 1000) * 1000000,
	};

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void *gp_thread_main(void *arg)
{
	struct gp_thread *t = arg;

	t->res = TEEC_InvokeCommand(t->sess, t->cmd, t->op, &t->origin);
	return NULL;
}

void gp_thread_start_invoke(const char *file, int line, struct gp_thread *t,
			    TEEC_Session *sess, uint32_t cmd,
			    TEEC_Operation *op)
{
	int err;

	t->sess = sess;
	t->cmd = cmd;
	t->op = op;
	t->res = TEEC_ERROR_GENERIC;
	t->origin = 0;
	err = pthread_create(&t->tid, NULL, gp_thread_main, t);
	if (err)
		gp_fail(file, line, "cannot start a thread: %s", strerror(err));
	t->running = 1;
	gp_own_thread(file, line, t);
}

void gp_thread_join(const char *file, int line, struct gp_thread *t,
		    uint32_t origin, const char *origin_name, uint32_t exp,
		    const char *exp_name)
{
	int err;

	if (!t->running)
		gp_fail(file, line, "no thread to join");
	gp_disown_thread(t);
	err = pthread_join(t->tid, NULL);
	t->running = 0;
	if (err)
		gp_fail(file, line, "cannot join the thread: %s",
			strerror(err));
	gp_expect_result(file, line, exp_name, exp, t->res);
	gp_expect_origin(file, line, origin_name, origin, t->origin);
}
