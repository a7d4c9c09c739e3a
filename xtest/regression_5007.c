/*
 * 5007-5010: shared memory lifetimes. Releasing memory a call uses waits
 * for the call and lets no new one start; a guest that dies or destroys
 * itself leaves nothing behind, and cannot use another guest's cookies;
 * the core's window maps exactly the registered pages, supplicant pages
 * included; and SHM-churn under random client kills ends where it began.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <shm_churn_ta.h>

#include "shm_helpers.h"

#define PG	4096u
#define INOUT	(TEEC_MEM_INPUT | TEEC_MEM_OUTPUT)

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static TEEC_Parameter whole(TEEC_SharedMemory *shm)
{
	TEEC_Parameter p = { .memref = { .parent = shm } };

	return p;
}

static void allocate(TEEC_Context *ctx, TEEC_SharedMemory *shm, size_t size,
		     uint32_t seed)
{
	memset(shm, 0, sizeof(*shm));
	shm->size = size;
	shm->flags = INOUT;
	assert_int_equal(TEEC_AllocateSharedMemory(ctx, shm), TEEC_SUCCESS);
	shm_churn_fill(shm->buffer, size, seed);
}

/* HOLD rounds that keep the TA busy for about ms milliseconds. */
static uint32_t hold_rounds(TEEC_Session *sess, TEEC_SharedMemory *shm,
			    uint32_t seed, unsigned int ms)
{
	TEEC_Value out;
	uint32_t origin;
	double t = now_ms();

	assert_int_equal(xshm_invoke(sess, SHM_CHURN_CMD_HOLD,
				     TEEC_MEMREF_WHOLE, whole(shm), seed, 100,
				     &out, &origin), TEEC_SUCCESS);
	t = now_ms() - t;
	if (t < 0.05)
		t = 0.05;
	return (uint32_t)(100 * ms / t) + 100;
}

struct hold {
	TEEC_Session *sess;
	TEEC_Parameter mem;
	uint32_t seed, rounds;
	TEEC_Result res;
	TEEC_Value out;
	double ended_ms;
};

static void *hold_thread(void *arg)
{
	struct hold *h = arg;
	uint32_t origin;

	h->res = xshm_invoke(h->sess, SHM_CHURN_CMD_HOLD, TEEC_MEMREF_WHOLE,
			     h->mem, h->seed, h->rounds, &h->out, &origin);
	h->ended_ms = now_ms();
	return NULL;
}

/* 5007: releasing memory in use. */

static void test_5007_release_waits(void **state)
{
	struct hold h = { .seed = 9 };
	TEEC_SharedMemory shm;
	TEEC_Context ctx;
	TEEC_Session sess;
	double t0, released;
	pthread_t th;

	(void)state;
	xtest_context_init(&ctx);
	xtest_open_session(&ctx, &sess, &xshm_churn_uuid);
	allocate(&ctx, &shm, 4 * PG, 9);
	h.sess = &sess;
	h.mem = whole(&shm);
	h.rounds = hold_rounds(&sess, &shm, 9, 1000);
	assert_int_equal(pthread_create(&th, NULL, hold_thread, &h), 0);
	usleep(200000);
	t0 = now_ms();
	TEEC_ReleaseSharedMemory(&shm);
	released = now_ms();
	pthread_join(th, NULL);
	/* The call kept its memory to the end, and the release waited. */
	assert_int_equal(h.res, TEEC_SUCCESS);
	assert_int_equal(h.out.a, 0);
	if (t0 >= h.ended_ms)
		xtest_fail("the call ended before the release began");
	if (released < h.ended_ms - 50)
		xtest_fail("released %.0f ms before the call ended",
			   h.ended_ms - released);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
}

static void *release_thread(void *arg)
{
	TEEC_ReleaseSharedMemory(arg);
	return NULL;
}

static void test_5007_no_new_use(void **state)
{
	struct hold h = { .seed = 10 };
	TEEC_SharedMemory shm, copy;
	TEEC_Context ctx;
	TEEC_Session sess, other;
	TEEC_Value out;
	pthread_t th, rel;
	uint32_t origin = 0;
	TEEC_Result res;
	double t0;

	(void)state;
	xtest_context_init(&ctx);
	xtest_open_session(&ctx, &sess, &xshm_churn_uuid);
	xtest_open_session(&ctx, &other, &xshm_churn_uuid);
	allocate(&ctx, &shm, 2 * PG, 10);
	/* What the application still holds while the release goes on. */
	copy = shm;
	h.sess = &sess;
	h.mem = whole(&shm);
	h.rounds = hold_rounds(&sess, &shm, 10, 1500);
	assert_int_equal(pthread_create(&th, NULL, hold_thread, &h), 0);
	usleep(200000);
	assert_int_equal(pthread_create(&rel, NULL, release_thread, &shm), 0);
	usleep(200000);
	t0 = now_ms();
	res = xshm_invoke(&other, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_WHOLE,
			  whole(&copy), 10, 0, &out, &origin);
	xtest_assert_result("invoke during the release", res, origin,
			    TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_TEE);
	/* Refused at once, not after the call that holds it. */
	assert_true(now_ms() - t0 < 500);
	pthread_join(th, NULL);
	pthread_join(rel, NULL);
	assert_int_equal(h.res, TEEC_SUCCESS);
	assert_int_equal(h.out.a, 0);
	TEEC_CloseSession(&other);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
}

static const struct xtest_sub subs_5007[] = {
	{ 1, "releasing memory a call uses waits for the call to end",
	  test_5007_release_waits },
	{ 2, "no new call can use memory once its release has begun",
	  test_5007_no_new_use },
};

XTEST_CASE(case_5007, .id = "5007", .suite = "regression",
	   .title = "Releasing shared memory while a call uses it",
	   .subs = subs_5007, .nsubs = XTEST_ARRAY_SIZE(subs_5007));

/* 5008: guests. */

/* The child of 5008.1: memory of every kind, then a call of a second. */
static void child_in_call(int ready_fd, uint32_t rounds)
{
	TEEC_SharedMemory a, r;
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Value out;
	uint32_t origin;
	static uint8_t heap[64 * 1024];

	if (TEEC_InitializeContext(NULL, &ctx) ||
	    TEEC_OpenSession(&ctx, &sess, &xshm_churn_uuid, TEEC_LOGIN_PUBLIC,
			     NULL, NULL, &origin))
		_exit(10);
	memset(&a, 0, sizeof(a));
	a.size = 1 << 20;
	a.flags = INOUT;
	memset(&r, 0, sizeof(r));
	r.buffer = heap;
	r.size = sizeof(heap);
	r.flags = TEEC_MEM_INPUT;
	if (TEEC_AllocateSharedMemory(&ctx, &a) ||
	    TEEC_RegisterSharedMemory(&ctx, &r))
		_exit(11);
	shm_churn_fill(a.buffer, a.size, 3);
	if (xshm_invoke(&sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_WHOLE,
			whole(&r), 0, 0, &out, &origin))
		_exit(12);
	if (write(ready_fd, "r", 1) != 1)
		_exit(13);
	/* Checks the megabyte over and over; it is killed meanwhile. */
	xshm_invoke(&sess, SHM_CHURN_CMD_HOLD, TEEC_MEMREF_WHOLE, whole(&a), 3,
		    rounds, &out, &origin);
	_exit(0);
}

static void test_5008_killed_in_call(void **state)
{
	struct xshm_baseline base;
	struct teecheck_shm_stats mid;
	TEEC_SharedMemory shm;
	TEEC_Context ctx;
	TEEC_Session sess;
	int p[2], status;
	uint32_t rounds;
	pid_t pid;
	char c;

	(void)state;
	xtest_context_init(&ctx);
	/* A call the TA ends by itself: a dead client's call runs on. */
	xtest_open_session(&ctx, &sess, &xshm_churn_uuid);
	allocate(&ctx, &shm, 1 << 20, 3);
	rounds = hold_rounds(&sess, &shm, 3, 1000);
	TEEC_ReleaseSharedMemory(&shm);
	TEEC_CloseSession(&sess);
	xshm_baseline(&ctx, &base);
	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		close(p[0]);
		child_in_call(p[1], rounds);
	}
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	usleep(200000);
	xshm_stats(&ctx, TEECHECK_SHM_TOTAL, &mid);
	assert_true(mid.objects >= base.shm.objects + 2);
	assert_true(mid.pages >= base.shm.pages + 256 + 16);
	assert_true(mid.host_maps >= base.shm.host_maps + 2);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	xshm_wait_baseline(&ctx, &base);
	TEEC_FinalizeContext(&ctx);
}

static void test_5008_foreign_cookie(void **state)
{
	TEEC_SharedMemory shm;
	TEEC_Context ctx;
	struct shm_raw g;
	uint64_t d;
	uint32_t sess;

	(void)state;
	xtest_context_init(&ctx);
	allocate(&ctx, &shm, PG, 4);
	xshm_raw_open(&g, 8);
	assert_int_not_equal(g.guest, teecheck_guest_id(&ctx));
	assert_int_equal(shm_raw_open_session(&g, &xshm_churn_uuid, &sess),
			 TEEC_SUCCESS);
	/* shm.imp.cookie is libteec's; read here to play the other guest. */
	assert_int_equal(shm_raw_invoke_rmem(&g, sess, SHM_CHURN_CMD_CHECK,
					     TC_PARAM_RMEM_IN, shm.imp.cookie,
					     0, PG, 4, NULL),
			 TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(shm_raw_digest(&g, shm.imp.cookie, &d),
			 TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(shm_raw_unregister(&g, shm.imp.cookie),
			 TEEC_ERROR_ITEM_NOT_FOUND);
	shm_raw_close(&g);
	/* Its owner still has it, whole. */
	assert_int_equal(teecheck_shm_digest(&shm, &d), TEEC_SUCCESS);
	assert_int_equal(d, shm_raw_local_digest(shm.buffer, PG));
	TEEC_ReleaseSharedMemory(&shm);
	TEEC_FinalizeContext(&ctx);
}

static void test_5008_destroy(void **state)
{
	struct xshm_baseline base, now;
	TEEC_SharedMemory shm[4];
	TEEC_Context ctx, victim;
	TEEC_Session sess[2];
	static uint8_t heap[3][3000];
	TEEC_Value out;
	uint32_t origin;
	int i;

	(void)state;
	xtest_context_init(&ctx);
	xshm_baseline(&ctx, &base);
	xtest_context_init(&victim);
	for (i = 0; i < 2; i++)
		xtest_open_session(&victim, &sess[i], &xshm_churn_uuid);
	allocate(&victim, &shm[0], 5 * PG, 1);
	for (i = 1; i < 4; i++) {
		memset(&shm[i], 0, sizeof(shm[i]));
		shm[i].buffer = heap[i - 1];
		shm[i].size = sizeof(heap[0]);
		shm[i].flags = INOUT;
		assert_int_equal(TEEC_RegisterSharedMemory(&victim, &shm[i]),
				 TEEC_SUCCESS);
	}
	for (i = 0; i < 4; i++)
		assert_int_equal(xshm_invoke(&sess[i % 2], SHM_CHURN_CMD_FILL,
					     TEEC_MEMREF_WHOLE, whole(&shm[i]),
					     i, 0, &out, &origin),
				 TEEC_SUCCESS);
	assert_int_equal(teecheck_guest_destroy(&victim), TEEC_SUCCESS);
	/* Released before the reply: no waiting for it. */
	xshm_baseline(&ctx, &now);
	assert_int_equal(now.shm.objects, base.shm.objects);
	assert_int_equal(now.shm.pages, base.shm.pages);
	assert_int_equal(now.shm.va_used, base.shm.va_used);
	assert_int_equal(now.shm.host_maps, base.shm.host_maps);
	assert_int_equal(now.shm.rams, base.shm.rams);
	assert_int_equal(now.core.sessions, base.core.sessions);
	assert_int_equal(now.core.instances, base.core.instances);
	/* The guest is gone: nothing more goes through. */
	assert_int_not_equal(xshm_invoke(&sess[0], SHM_CHURN_CMD_FILL,
					 TEEC_MEMREF_WHOLE, whole(&shm[0]), 0,
					 0, &out, &origin), TEEC_SUCCESS);
	TEEC_FinalizeContext(&victim);
	xshm_wait_baseline(&ctx, &base);
	TEEC_FinalizeContext(&ctx);
}

static void test_5008_finalize_releases(void **state)
{
	struct xshm_baseline base;
	TEEC_SharedMemory shm[3];
	TEEC_Context ctx, other;
	int i;

	(void)state;
	xtest_context_init(&ctx);
	xshm_baseline(&ctx, &base);
	xtest_context_init(&other);
	for (i = 0; i < 3; i++)
		allocate(&other, &shm[i], (size_t)(i + 1) * PG, 0);
	/* No release: finalizing the context ends the guest. */
	TEEC_FinalizeContext(&other);
	xshm_wait_baseline(&ctx, &base);
	TEEC_FinalizeContext(&ctx);
}

static const struct xtest_sub subs_5008[] = {
	{ 1, "a guest killed during a call leaves nothing behind",
	  test_5008_killed_in_call },
	{ 2, "another guest's cookies are refused",
	  test_5008_foreign_cookie },
	{ 3, "a destroyed guest has everything released before the reply",
	  test_5008_destroy },
	{ 4, "finalizing a context releases its shared memory",
	  test_5008_finalize_releases },
};

XTEST_CASE(case_5008, .id = "5008", .suite = "regression",
	   .title = "Shared memory belongs to its guest",
	   .flags = XTEST_NEEDS_IDLE,	/* the core's SHM totals */
	   .subs = subs_5008, .nsubs = XTEST_ARRAY_SIZE(subs_5008));

/* 5009: the core's window. */

/* A scattered page list: the TA and the core see it in list order. */
static void test_5009_scattered_pages(void **state)
{
	static const uint64_t scattered[] = { 7, 3, 12, 5, 6 };
	static const uint64_t contiguous[] = { 20, 21, 22 };
	const uint32_t offs = 10, size = 4 * PG + 100;
	uint8_t *flat = xtest_alloc(size);
	uint64_t cookie, cookie2, d;
	struct shm_raw g;
	TEEC_Value out;
	uint32_t sess;
	size_t i;

	(void)state;
	xshm_raw_open(&g, 32);
	for (i = 0; i < size; i++) {
		*shm_raw_byte(&g, scattered, offs, i) =
			shm_churn_byte(31, i);
		flat[i] = shm_churn_byte(31, i);
	}
	assert_int_equal(shm_raw_register(&g, scattered, 5, offs, size,
					  TC_PARAM_MEM_INOUT, &cookie),
			 TEEC_SUCCESS);
	assert_int_equal(shm_raw_digest(&g, cookie, &d), TEEC_SUCCESS);
	assert_int_equal(d, shm_raw_local_digest(flat, size));
	assert_int_equal(shm_raw_open_session(&g, &xshm_churn_uuid, &sess),
			 TEEC_SUCCESS);
	assert_int_equal(shm_raw_invoke_rmem(&g, sess, SHM_CHURN_CMD_CHECK,
					     TC_PARAM_RMEM_IN, cookie, 0, size,
					     31, &out), TEEC_SUCCESS);
	assert_int_equal(out.a, 0);
	/* The TA writes through the list too: at an offset, in place. */
	assert_int_equal(shm_raw_invoke_rmem(&g, sess, SHM_CHURN_CMD_FILL,
					     TC_PARAM_RMEM_OUT, cookie, 3,
					     size - 3, 32, NULL),
			 TEEC_SUCCESS);
	for (i = 0; i < size - 3; i++)
		if (*shm_raw_byte(&g, scattered, offs + 3, i) !=
		    shm_churn_byte(32, i))
			xtest_fail("byte %zu of the scattered buffer", i);
	memset(g.ram + 20 * PG, 0x3c, 3 * PG);
	assert_int_equal(shm_raw_register(&g, contiguous, 3, 0, 3 * PG,
					  TC_PARAM_MEM_IN, &cookie2),
			 TEEC_SUCCESS);
	assert_int_equal(shm_raw_digest(&g, cookie2, &d), TEEC_SUCCESS);
	assert_int_equal(d, shm_raw_local_digest(g.ram + 20 * PG, 3 * PG));
	assert_int_equal(shm_raw_unregister(&g, cookie), TEEC_SUCCESS);
	assert_int_equal(shm_raw_unregister(&g, cookie),
			 TEEC_ERROR_ITEM_NOT_FOUND);
	shm_raw_close(&g);
	free(flat);
}

static void test_5009_supplicant_pages(void **state)
{
	struct xshm_baseline base;
	TEEC_Context ctx;
	uint32_t checked;

	(void)state;
	xtest_context_init(&ctx);
	xshm_baseline(&ctx, &base);
	assert_int_equal(teecheck_shm_rpc_probe(&ctx, 1, &checked),
			 TEEC_SUCCESS);
	assert_int_equal(checked, 1);
	assert_int_equal(teecheck_shm_rpc_probe(&ctx, 37, &checked),
			 TEEC_SUCCESS);
	assert_int_equal(checked, 37);
	assert_int_equal(teecheck_shm_rpc_probe(&ctx, 0, &checked),
			 TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(teecheck_shm_rpc_probe(&ctx, 5000, &checked),
			 TEEC_ERROR_BAD_PARAMETERS);
	xshm_wait_baseline(&ctx, &base);
	TEEC_FinalizeContext(&ctx);
}

static void test_5009_statistics(void **state)
{
	struct teecheck_shm_stats b, s, t, tb;
	TEEC_SharedMemory a, r, sub;
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Value out;
	uint32_t origin;
	uint8_t byte = shm_churn_byte(5, 0);

	(void)state;
	xtest_context_init(&ctx);
	xtest_open_session(&ctx, &sess, &xshm_churn_uuid);
	xshm_stats(&ctx, TEECHECK_SHM_SELF, &b);
	xshm_stats(&ctx, TEECHECK_SHM_TOTAL, &tb);
	assert_int_equal(b.guest, teecheck_guest_id(&ctx));
	assert_int_equal(tb.guest, 0);
	allocate(&ctx, &a, 3 * PG, 0);
	memset(&r, 0, sizeof(r));
	r.buffer = &byte;
	r.size = 1;
	r.flags = TEEC_MEM_INPUT;
	assert_int_equal(TEEC_RegisterSharedMemory(&ctx, &r), TEEC_SUCCESS);
	memset(&sub, 0, sizeof(sub));
	sub.buffer = (uint8_t *)a.buffer + PG - 1;
	sub.size = 2;		/* two bytes over two pages */
	sub.flags = TEEC_MEM_OUTPUT;
	assert_int_equal(TEEC_RegisterSharedMemory(&ctx, &sub), TEEC_SUCCESS);
	xshm_stats(&ctx, TEECHECK_SHM_SELF, &s);
	assert_int_equal(s.objects, b.objects + 3);
	assert_int_equal(s.pages, b.pages + 6);
	/* Each object has its guard page in the window. */
	assert_int_equal(s.va_used, b.va_used + 9);
	assert_int_equal(s.rams, 1);
	assert_int_equal(s.host_maps, b.host_maps);
	xshm_stats(&ctx, TEECHECK_SHM_TOTAL, &t);
	assert_true(t.objects >= s.objects);
	/* Used and free always add up to the whole window. */
	assert_int_equal(t.va_used + t.va_free, tb.va_used + tb.va_free);
	assert_true(t.va_largest_free <= t.va_free);
	assert_int_equal(xshm_invoke(&sess, SHM_CHURN_CMD_CHECK,
				     TEEC_MEMREF_WHOLE, whole(&r), 5, 0,
				     &out, &origin), TEEC_SUCCESS);
	assert_int_equal(xshm_invoke(&sess, SHM_CHURN_CMD_FILL,
				     TEEC_MEMREF_WHOLE, whole(&sub), 1, 0,
				     &out, &origin), TEEC_SUCCESS);
	/* Used in calls: the TA's host maps them, and keeps them mapped. */
	xshm_stats(&ctx, TEECHECK_SHM_SELF, &s);
	assert_int_equal(s.host_maps, b.host_maps + 2);
	TEEC_ReleaseSharedMemory(&r);
	TEEC_ReleaseSharedMemory(&sub);
	TEEC_ReleaseSharedMemory(&a);
	xshm_stats(&ctx, TEECHECK_SHM_SELF, &s);
	assert_int_equal(s.objects, b.objects);
	assert_int_equal(s.pages, b.pages);
	assert_int_equal(s.va_used, b.va_used);
	assert_int_equal(s.host_maps, b.host_maps);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
}

static const struct xtest_sub subs_5009[] = {
	{ 1, "scattered and contiguous page lists, as the TA and core see them",
	  test_5009_scattered_pages },
	{ 2, "supplicant pages are mapped, checked and given back",
	  test_5009_supplicant_pages },
	{ 3, "statistics count objects, pages, window and host mappings",
	  test_5009_statistics },
};

XTEST_CASE(case_5009, .id = "5009", .suite = "regression",
	   .title = "The core's SHM window maps what was registered",
	   .flags = XTEST_NEEDS_IDLE,
	   .subs = subs_5009, .nsubs = XTEST_ARRAY_SIZE(subs_5009));

/* 5010: SHM-churn. */

static void test_5010_churn(void **state)
{
	struct xshm_baseline base;
	TEEC_Context ctx;
	char path[4096], seed[32];
	char *argv[] = { path, "--seconds", "4", "--procs", "3", "--threads",
			 "3", "--kill-ms", "400", "--seed", seed, NULL };

	(void)state;
	snprintf(path, sizeof(path), "%s/bin/shm-churn", xtest_out_dir());
	snprintf(seed, sizeof(seed), "%ld", (long)time(NULL));
	xtest_context_init(&ctx);
	xshm_baseline(&ctx, &base);
	/* The driver checks every byte and its own return to baseline. */
	xtest_run(argv);
	xshm_wait_baseline(&ctx, &base);
	TEEC_FinalizeContext(&ctx);
}

static const struct xtest_sub subs_5010[] = {
	{ 1, "SHM-churn with random client kills ends where it began",
	  test_5010_churn },
};

XTEST_CASE(case_5010, .id = "5010", .suite = "regression",
	   .title = "SHM-churn: shared memory under load and client kills",
	   .timeout_s = 120,
	   .flags = XTEST_NEEDS_IDLE,	/* expects the core back at its start */
	   .subs = subs_5010, .nsubs = XTEST_ARRAY_SIZE(subs_5010));
