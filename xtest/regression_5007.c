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

/* size bytes of ctx's shared memory, in and out, filled with seed's bytes. */
static void allocate_at(const char *file, int line, TEEC_Context *ctx,
			TEEC_SharedMemory *shm, size_t size, uint32_t seed)
{
	memset(shm, 0, sizeof(*shm));
	shm->size = size;
	shm->flags = INOUT;
	xtest_assert_result_at(file, line, "TEEC_AllocateSharedMemory",
			       TEEC_AllocateSharedMemory(ctx, shm),
			       XTEST_ORIGIN_ANY, TEEC_SUCCESS,
			       XTEST_ORIGIN_ANY);
	shm_churn_fill(shm->buffer, size, seed);
}

#define allocate(ctx, shm, size, seed) \
	allocate_at(__FILE__, __LINE__, (ctx), (shm), (size), (seed))

/* The same, in a block the fixture releases when the sub-case ends. */
static TEEC_SharedMemory *fx_allocate_at(const char *file, int line,
					 struct xtest_fixture *fx,
					 size_t size, uint32_t seed)
{
	TEEC_SharedMemory *shm;

	shm = xtest_fx_shm_alloc_at(file, line, fx, &fx->ctx, size, INOUT);
	shm_churn_fill(shm->buffer, size, seed);
	return shm;
}

#define fx_allocate(fx, size, seed) \
	fx_allocate_at(__FILE__, __LINE__, (fx), (size), (seed))

/* HOLD rounds that keep the TA busy for about ms milliseconds. */
static uint32_t hold_rounds(TEEC_Session *sess, TEEC_SharedMemory *shm,
			    uint32_t seed, unsigned int ms)
{
	TEEC_Value out;
	uint32_t origin;
	double t = now_ms();

	ASSERT_RESULT_ORIGIN(xshm_invoke(sess, SHM_CHURN_CMD_HOLD,
					 TEEC_MEMREF_WHOLE, whole(shm), seed,
					 100, &out, &origin),
			     origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	t = now_ms() - t;
	if (t < 0.05)
		t = 0.05;
	return (uint32_t)(100 * ms / t) + 100;
}

/*
 * A call that holds memory, made by a thread of the sub-case. Checks of
 * what the threads did come after they are joined: nothing stops the
 * sub-case while they run.
 */
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
	struct xtest_fixture *fx = xtest_fixture(state);
	struct hold h = { .seed = 9, .sess = &fx->sess };
	TEEC_SharedMemory *shm;
	double t0, released;
	pthread_t th;

	shm = fx_allocate(fx, 4 * PG, 9);
	h.mem = whole(shm);
	h.rounds = hold_rounds(&fx->sess, shm, 9, 1000);
	ASSERT_EQ(pthread_create(&th, NULL, hold_thread, &h), 0);
	usleep(200000);
	t0 = now_ms();
	/* The call reads the block after its reply: it stays readable. */
	xtest_fx_release_keep(fx, shm);
	released = now_ms();
	pthread_join(th, NULL);
	/* The call kept its memory to the end, and the release waited. */
	EXPECT_RESULT(h.res, TEEC_SUCCESS);
	EXPECT_EQ(h.out.a, 0);
	if (t0 >= h.ended_ms)
		xtest_fail("the call ended before the release began");
	if (released < h.ended_ms - 50)
		xtest_fail("released %.0f ms before the call ended",
			   h.ended_ms - released);
}

/* A call, 200 ms after it starts, on memory whose release is under way. */
struct late_call {
	TEEC_Session *sess;
	TEEC_SharedMemory shm;	/* what the application still holds */
	TEEC_Result res;
	uint32_t origin;
	double ms;		/* how long the call took */
};

static void *late_call_thread(void *arg)
{
	struct late_call *lc = arg;
	TEEC_Value out;
	double t0;

	usleep(200000);
	t0 = now_ms();
	lc->res = xshm_invoke(lc->sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_WHOLE,
			      whole(&lc->shm), 10, 0, &out, &lc->origin);
	lc->ms = now_ms() - t0;
	return NULL;
}

static void test_5007_no_new_use(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct hold h = { .seed = 10, .sess = &fx->sess };
	struct late_call lc = { .origin = 0 };
	TEEC_SharedMemory *shm;
	pthread_t th, late;
	int late_rc;

	lc.sess = xtest_fx_session(fx, &fx->ctx, &xshm_churn_uuid);
	shm = fx_allocate(fx, 2 * PG, 10);
	lc.shm = *shm;
	h.mem = whole(shm);
	h.rounds = hold_rounds(&fx->sess, shm, 10, 1500);
	ASSERT_EQ(pthread_create(&th, NULL, hold_thread, &h), 0);
	usleep(200000);
	late_rc = pthread_create(&late, NULL, late_call_thread, &lc);
	/* Waits for the holding call, while the late one is refused. */
	xtest_fx_release_keep(fx, shm);
	if (!late_rc)
		pthread_join(late, NULL);
	pthread_join(th, NULL);
	ASSERT_EQ(late_rc, 0);
	/* The call during the release. */
	EXPECT_RESULT_ORIGIN(lc.res, lc.origin, TEEC_ERROR_BAD_PARAMETERS,
			     TEEC_ORIGIN_TEE);
	/* Refused at once, not after the call that holds it. */
	EXPECT_LT(lc.ms, 500);
	EXPECT_RESULT(h.res, TEEC_SUCCESS);
	EXPECT_EQ(h.out.a, 0);
}

static const struct xtest_sub subs_5007[] = {
	{ 1, "releasing memory a call uses waits for the call to end",
	  test_5007_release_waits,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
	{ 2, "no new call can use memory once its release has begun",
	  test_5007_no_new_use,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
};

XTEST_CASE(case_5007, .id = "5007", .suite = "regression",
	   .title = "Releasing shared memory while a call uses it",
	   .ta = &xshm_churn_uuid,
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

/* The child of 5008.1, killed and reaped when the sub-case ends. */
static pid_t child_pid;

static void child_reap(void *arg)
{
	(void)arg;
	if (child_pid > 0) {
		kill(child_pid, SIGKILL);
		waitpid(child_pid, NULL, 0);
	}
	child_pid = 0;
}

static void close_fd(void *fd)
{
	close(*(int *)fd);
}

static void test_5008_killed_in_call(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	static int p[2];
	struct xshm_baseline base;
	struct teecheck_shm_stats mid;
	TEEC_SharedMemory *shm;
	TEEC_Session *sess;
	uint32_t rounds;
	int status;
	char c;

	/* A call the TA ends by itself: a dead client's call runs on. */
	sess = xtest_fx_session(fx, &fx->ctx, &xshm_churn_uuid);
	shm = fx_allocate(fx, 1 << 20, 3);
	rounds = hold_rounds(sess, shm, 3, 1000);
	xtest_fx_release(fx, shm);
	xtest_fx_release(fx, sess);
	xshm_baseline(&fx->ctx, &base);
	ASSERT_EQ(pipe(p), 0);
	xtest_fx_defer(fx, close_fd, &p[0]);
	child_pid = fork();
	if (!child_pid) {
		close(p[0]);
		child_in_call(p[1], rounds);
	}
	close(p[1]);
	ASSERT_GE(child_pid, 0);
	xtest_fx_defer(fx, child_reap, NULL);
	ASSERT_EQ(read(p[0], &c, 1), 1);
	usleep(200000);
	xshm_stats(&fx->ctx, TEECHECK_SHM_TOTAL, &mid);
	EXPECT_GE(mid.objects, base.shm.objects + 2);
	EXPECT_GE(mid.pages, base.shm.pages + 256 + 16);
	EXPECT_GE(mid.host_maps, base.shm.host_maps + 2);
	kill(child_pid, SIGKILL);
	ASSERT_EQ(waitpid(child_pid, &status, 0), child_pid);
	child_pid = 0;
	xshm_wait_baseline(&fx->ctx, &base);
}

static void test_5008_foreign_cookie(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_SharedMemory *shm = fx_allocate(fx, PG, 4);
	struct shm_raw *g = xshm_fx_raw_guest(fx, 8);
	uint64_t d;
	uint32_t sess;

	ASSERT_NE(g->guest, teecheck_guest_id(&fx->ctx));
	ASSERT_RESULT(shm_raw_open_session(g, &xshm_churn_uuid, &sess),
		      TEEC_SUCCESS);
	/* shm->imp.cookie is libteec's; read here to play the other guest. */
	EXPECT_RESULT(shm_raw_invoke_rmem(g, sess, SHM_CHURN_CMD_CHECK,
					  TC_PARAM_RMEM_IN, shm->imp.cookie,
					  0, PG, 4, NULL),
		      TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_RESULT(shm_raw_digest(g, shm->imp.cookie, &d),
		      TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_RESULT(shm_raw_unregister(g, shm->imp.cookie),
		      TEEC_ERROR_ITEM_NOT_FOUND);
	shm_raw_close(g);
	/* Its owner still has it, whole. */
	ASSERT_RESULT(teecheck_shm_digest(shm, &d), TEEC_SUCCESS);
	EXPECT_EQ(d, shm_raw_local_digest(shm->buffer, PG));
}

/*
 * The victim's sessions and memory are not the fixture's: what is under
 * test is that destroying the guest releases them, and finalizing its
 * context (the fixture's) is all that is left to do.
 */
static void test_5008_destroy(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct xshm_baseline base, now;
	TEEC_SharedMemory shm[4];
	TEEC_Context *victim;
	TEEC_Session sess[2];
	static uint8_t heap[3][3000];
	TEEC_Value out;
	uint32_t origin;
	int i;

	xshm_baseline(&fx->ctx, &base);
	victim = xtest_fx_context(fx);
	for (i = 0; i < 2; i++)
		xtest_open_session(victim, &sess[i], &xshm_churn_uuid);
	allocate(victim, &shm[0], 5 * PG, 1);
	for (i = 1; i < 4; i++) {
		memset(&shm[i], 0, sizeof(shm[i]));
		shm[i].buffer = heap[i - 1];
		shm[i].size = sizeof(heap[0]);
		shm[i].flags = INOUT;
		ASSERT_RESULT(TEEC_RegisterSharedMemory(victim, &shm[i]),
			      TEEC_SUCCESS);
	}
	for (i = 0; i < 4; i++)
		ASSERT_RESULT_ORIGIN(xshm_invoke(&sess[i % 2],
						 SHM_CHURN_CMD_FILL,
						 TEEC_MEMREF_WHOLE,
						 whole(&shm[i]), i, 0, &out,
						 &origin),
				     origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	ASSERT_RESULT(teecheck_guest_destroy(victim), TEEC_SUCCESS);
	/* Released before the reply: no waiting for it. */
	xshm_baseline(&fx->ctx, &now);
	EXPECT_EQ(now.shm.objects, base.shm.objects);
	EXPECT_EQ(now.shm.pages, base.shm.pages);
	EXPECT_EQ(now.shm.va_used, base.shm.va_used);
	EXPECT_EQ(now.shm.host_maps, base.shm.host_maps);
	EXPECT_EQ(now.shm.rams, base.shm.rams);
	EXPECT_EQ(now.core.sessions, base.core.sessions);
	EXPECT_EQ(now.core.instances, base.core.instances);
	/* The guest is gone: nothing more goes through. */
	EXPECT_NE(xshm_invoke(&sess[0], SHM_CHURN_CMD_FILL, TEEC_MEMREF_WHOLE,
			      whole(&shm[0]), 0, 0, &out, &origin),
		  TEEC_SUCCESS);
	xtest_fx_release(fx, victim);
	xshm_wait_baseline(&fx->ctx, &base);
}

static void test_5008_finalize_releases(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct xshm_baseline base;
	TEEC_SharedMemory shm[3];
	TEEC_Context *other;
	int i;

	xshm_baseline(&fx->ctx, &base);
	other = xtest_fx_context(fx);
	for (i = 0; i < 3; i++)
		allocate(other, &shm[i], (size_t)(i + 1) * PG, 0);
	/* No release: finalizing the context ends the guest. */
	xtest_fx_release(fx, other);
	xshm_wait_baseline(&fx->ctx, &base);
}

static const struct xtest_sub subs_5008[] = {
	{ 1, "a guest killed during a call leaves nothing behind",
	  test_5008_killed_in_call,
	  .flags = XTEST_NEEDS_CORE_STATS },
	{ 2, "another guest's cookies are refused",
	  test_5008_foreign_cookie,
	  .flags = XTEST_NEEDS_CORE_HOOKS },
	{ 3, "a destroyed guest has everything released before the reply",
	  test_5008_destroy,
	  .flags = XTEST_NEEDS_CORE_HOOKS },
	{ 4, "finalizing a context releases its shared memory",
	  test_5008_finalize_releases,
	  .flags = XTEST_NEEDS_CORE_STATS },
};

XTEST_CASE(case_5008, .id = "5008", .suite = "regression",
	   .title = "Shared memory belongs to its guest", .context = true,
	   .flags = XTEST_NEEDS_IDLE,	/* the core's SHM totals */
	   .subs = subs_5008, .nsubs = XTEST_ARRAY_SIZE(subs_5008));

/* 5009: the core's window. */

/* A scattered page list: the TA and the core see it in list order. */
static void test_5009_scattered_pages(void **state)
{
	static const uint64_t scattered[] = { 7, 3, 12, 5, 6 };
	static const uint64_t contiguous[] = { 20, 21, 22 };
	const uint32_t offs = 10, size = 4 * PG + 100;
	struct xtest_fixture *fx = xtest_fixture(state);
	struct shm_raw *g = xshm_fx_raw_guest(fx, 32);
	uint8_t *flat = xtest_alloc(size);
	uint64_t cookie, cookie2, d;
	TEEC_Value out;
	uint32_t sess;
	size_t i;

	xtest_fx_defer(fx, free, flat);
	for (i = 0; i < size; i++) {
		*shm_raw_byte(g, scattered, offs, i) = shm_churn_byte(31, i);
		flat[i] = shm_churn_byte(31, i);
	}
	ASSERT_RESULT(shm_raw_register(g, scattered, 5, offs, size,
				       TC_PARAM_MEM_INOUT, &cookie),
		      TEEC_SUCCESS);
	ASSERT_RESULT(shm_raw_digest(g, cookie, &d), TEEC_SUCCESS);
	EXPECT_EQ(d, shm_raw_local_digest(flat, size));
	ASSERT_RESULT(shm_raw_open_session(g, &xshm_churn_uuid, &sess),
		      TEEC_SUCCESS);
	ASSERT_RESULT(shm_raw_invoke_rmem(g, sess, SHM_CHURN_CMD_CHECK,
					  TC_PARAM_RMEM_IN, cookie, 0, size,
					  31, &out), TEEC_SUCCESS);
	EXPECT_EQ(out.a, 0);
	/* The TA writes through the list too: at an offset, in place. */
	ASSERT_RESULT(shm_raw_invoke_rmem(g, sess, SHM_CHURN_CMD_FILL,
					  TC_PARAM_RMEM_OUT, cookie, 3,
					  size - 3, 32, NULL), TEEC_SUCCESS);
	for (i = 0; i < size - 3; i++)
		if (*shm_raw_byte(g, scattered, offs + 3, i) !=
		    shm_churn_byte(32, i))
			xtest_fail("byte %zu of the scattered buffer", i);
	memset(g->ram + 20 * PG, 0x3c, 3 * PG);
	ASSERT_RESULT(shm_raw_register(g, contiguous, 3, 0, 3 * PG,
				       TC_PARAM_MEM_IN, &cookie2),
		      TEEC_SUCCESS);
	ASSERT_RESULT(shm_raw_digest(g, cookie2, &d), TEEC_SUCCESS);
	EXPECT_EQ(d, shm_raw_local_digest(g->ram + 20 * PG, 3 * PG));
	EXPECT_RESULT(shm_raw_unregister(g, cookie), TEEC_SUCCESS);
	EXPECT_RESULT(shm_raw_unregister(g, cookie),
		      TEEC_ERROR_ITEM_NOT_FOUND);
}

static void test_5009_supplicant_pages(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct xshm_baseline base;
	uint32_t checked;

	xshm_baseline(&fx->ctx, &base);
	if (EXPECT_RESULT(teecheck_shm_rpc_probe(&fx->ctx, 1, &checked),
			  TEEC_SUCCESS))
		EXPECT_EQ(checked, 1);
	if (EXPECT_RESULT(teecheck_shm_rpc_probe(&fx->ctx, 37, &checked),
			  TEEC_SUCCESS))
		EXPECT_EQ(checked, 37);
	EXPECT_RESULT(teecheck_shm_rpc_probe(&fx->ctx, 0, &checked),
		      TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_RESULT(teecheck_shm_rpc_probe(&fx->ctx, 5000, &checked),
		      TEEC_ERROR_BAD_PARAMETERS);
	xshm_wait_baseline(&fx->ctx, &base);
}

static void test_5009_statistics(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct teecheck_shm_stats b, s, t, tb;
	TEEC_SharedMemory *a, *r, *sub;
	TEEC_Session *sess;
	TEEC_Value out;
	uint32_t origin;
	static uint8_t byte;

	byte = shm_churn_byte(5, 0);
	sess = xtest_fx_session(fx, &fx->ctx, &xshm_churn_uuid);
	xshm_stats(&fx->ctx, TEECHECK_SHM_SELF, &b);
	xshm_stats(&fx->ctx, TEECHECK_SHM_TOTAL, &tb);
	EXPECT_EQ(b.guest, teecheck_guest_id(&fx->ctx));
	EXPECT_EQ(tb.guest, 0);
	a = fx_allocate(fx, 3 * PG, 0);
	r = xtest_fx_shm_register(fx, &fx->ctx, &byte, 1, TEEC_MEM_INPUT);
	/* Two bytes over two pages. */
	sub = xtest_fx_shm_register(fx, &fx->ctx, (uint8_t *)a->buffer + PG - 1,
				    2, TEEC_MEM_OUTPUT);
	xshm_stats(&fx->ctx, TEECHECK_SHM_SELF, &s);
	EXPECT_EQ(s.objects, b.objects + 3);
	EXPECT_EQ(s.pages, b.pages + 6);
	/* Each object has its guard page in the window. */
	EXPECT_EQ(s.va_used, b.va_used + 9);
	EXPECT_EQ(s.rams, 1);
	EXPECT_EQ(s.host_maps, b.host_maps);
	xshm_stats(&fx->ctx, TEECHECK_SHM_TOTAL, &t);
	EXPECT_GE(t.objects, s.objects);
	/* Used and free always add up to the whole window. */
	EXPECT_EQ(t.va_used + t.va_free, tb.va_used + tb.va_free);
	EXPECT_LE(t.va_largest_free, t.va_free);
	ASSERT_RESULT_ORIGIN(xshm_invoke(sess, SHM_CHURN_CMD_CHECK,
					 TEEC_MEMREF_WHOLE, whole(r), 5, 0,
					 &out, &origin),
			     origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	ASSERT_RESULT_ORIGIN(xshm_invoke(sess, SHM_CHURN_CMD_FILL,
					 TEEC_MEMREF_WHOLE, whole(sub), 1, 0,
					 &out, &origin),
			     origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	/* Used in calls: the TA's host maps them, and keeps them mapped. */
	xshm_stats(&fx->ctx, TEECHECK_SHM_SELF, &s);
	EXPECT_EQ(s.host_maps, b.host_maps + 2);
	xtest_fx_release(fx, r);
	xtest_fx_release(fx, sub);
	xtest_fx_release(fx, a);
	xshm_stats(&fx->ctx, TEECHECK_SHM_SELF, &s);
	EXPECT_EQ(s.objects, b.objects);
	EXPECT_EQ(s.pages, b.pages);
	EXPECT_EQ(s.va_used, b.va_used);
	EXPECT_EQ(s.host_maps, b.host_maps);
}

static const struct xtest_sub subs_5009[] = {
	{ 1, "scattered and contiguous page lists, as the TA and core see them",
	  test_5009_scattered_pages,
	  .flags = XTEST_NEEDS_CORE_HOOKS },
	{ 2, "supplicant pages are mapped, checked and given back",
	  test_5009_supplicant_pages,
	  .flags = XTEST_NEEDS_CORE_HOOKS },
	{ 3, "statistics count objects, pages, window and host mappings",
	  test_5009_statistics,
	  .flags = XTEST_NEEDS_CORE_HOOKS | XTEST_NEEDS_CORE_STATS },
};

XTEST_CASE(case_5009, .id = "5009", .suite = "regression",
	   .title = "The core's SHM window maps what was registered",
	   .context = true,
	   .flags = XTEST_NEEDS_IDLE,
	   .subs = subs_5009, .nsubs = XTEST_ARRAY_SIZE(subs_5009));

/* 5010: SHM-churn. */

static void test_5010_churn(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct xshm_baseline base;
	char path[4096], seed[32];
	char *argv[] = { path, "--seconds", "4", "--procs", "3", "--threads",
			 "3", "--kill-ms", "400", "--seed", seed, NULL };

	snprintf(path, sizeof(path), "%s/bin/shm-churn", xtest_out_dir());
	snprintf(seed, sizeof(seed), "%ld", (long)time(NULL));
	xshm_baseline(&fx->ctx, &base);
	/* The driver checks every byte and its own return to baseline. */
	xtest_run(argv);
	xshm_wait_baseline(&fx->ctx, &base);
}

static const struct xtest_sub subs_5010[] = {
	{ 1, "SHM-churn with random client kills ends where it began",
	  test_5010_churn,
	  .flags = XTEST_NEEDS_CORE_STATS },
};

XTEST_CASE(case_5010, .id = "5010", .suite = "regression",
	   .title = "SHM-churn: shared memory under load and client kills",
	   .timeout_s = 120, .context = true,
	   .flags = XTEST_NEEDS_IDLE,	/* expects the core back at its start */
	   .subs = subs_5010, .nsubs = XTEST_ARRAY_SIZE(subs_5010));
