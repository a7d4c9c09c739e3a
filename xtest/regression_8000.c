/*
 * The 8000 series, part one: paging under small pools, seen from a client.
 * Each case starts a core of its own with the pool it needs, drives the
 * pager_test TA (ta/pager_test/include/pager_test_ta.h) and reads the pager
 * statistics through libteec's teecheck extension.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <os_test_ta.h>

#include "pager_helpers.h"

/* Pages the tests give a TA instance to page in: the pager's minimum. */
#define TINY_POOL		4
#define TINY_POOL_ARG		"4"
/* Working sets many times that. */
#define DATA_SET		64

struct pager_case {
	struct private_core pc;
	TEEC_Context ctx;
	TEEC_Session sess;
};

static void pager_case_open(struct pager_case *c)
{
	xtest_context_init(&c->ctx);
	xtest_open_session(&c->ctx, &c->sess, &pager_test_uuid);
}

static void pager_case_close(struct pager_case *c)
{
	TEEC_CloseSession(&c->sess);
	TEEC_FinalizeContext(&c->ctx);
	pager_core_stop(&c->pc);
}

/* ---- 8001: a TA's data in a tiny pool ---------------------------------- */

static void test_8001_data(void **state)
{
	struct pager_case c;
	struct pager_view before, after;
	uint32_t bad, first;

	(void)state;
	pager_core_start(&c.pc, NULL, "--ta-pool-pages", TINY_POOL_ARG);
	pager_case_open(&c);
	pager_view(&c.ctx, &pager_test_uuid, &before);
	pt_cmd(&c.sess, PT_CMD_FILL, 7, DATA_SET, NULL, NULL);
	pt_cmd(&c.sess, PT_CMD_CHECK, 7, DATA_SET, &bad, &first);
	assert_int_equal(bad, 0);
	assert_int_equal(first, DATA_SET);
	/* Once more: every page has been out and back since. */
	pt_cmd(&c.sess, PT_CMD_CHECK, 7, DATA_SET, &bad, &first);
	assert_int_equal(bad, 0);
	pager_view(&c.ctx, &pager_test_uuid, &after);
	assert_int_equal(after.ta_count, 1);
	assert_int_equal(after.ta.unlocked_pages, after.ta.pool_pages);
	/* Each page written once, read back twice, through 4 pages. */
	assert_true(after.ta.rw_faults - before.ta.rw_faults >= 3 * DATA_SET - 8);
	assert_true(after.ta.saves - before.ta.saves >= DATA_SET - TINY_POOL);
	assert_true(after.ta.evictions - before.ta.evictions >=
		    3 * DATA_SET - 2 * TINY_POOL);
	assert_int_equal(after.ta.integrity_failures, 0);
	pager_case_close(&c);
}

static void test_8001_other_seed(void **state)
{
	struct pager_case c;
	uint32_t bad, first;

	(void)state;
	pager_core_start(&c.pc, NULL, "--ta-pool-pages", TINY_POOL_ARG);
	pager_case_open(&c);
	pt_cmd(&c.sess, PT_CMD_FILL, 7, DATA_SET, NULL, NULL);
	pt_cmd(&c.sess, PT_CMD_FILL, 8, DATA_SET / 2, NULL, NULL);
	/* The second fill is seen, page by page, through the evictions. */
	pt_cmd(&c.sess, PT_CMD_CHECK, 7, DATA_SET, &bad, &first);
	assert_int_equal(bad, DATA_SET / 2);
	assert_int_equal(first, 0);
	pt_cmd(&c.sess, PT_CMD_CHECK, 8, DATA_SET / 2, &bad, &first);
	assert_int_equal(bad, 0);
	pager_case_close(&c);
}

static void test_8001_zero(void **state)
{
	struct pager_case c;
	struct pager_view before, after;
	uint32_t nonzero;

	(void)state;
	pager_core_start(&c.pc, NULL, "--ta-pool-pages", TINY_POOL_ARG);
	pager_case_open(&c);
	pager_view(&c.ctx, &pager_test_uuid, &before);
	pt_cmd(&c.sess, PT_CMD_ZERO, 128, DATA_SET, &nonzero, NULL);
	assert_int_equal(nonzero, 0);
	pager_view(&c.ctx, &pager_test_uuid, &after);
	/*
	 * Read, never written: given up without a save. (Only stack pages
	 * the calls before wrote may be saved meanwhile.)
	 */
	assert_true(after.ta.zero_released - before.ta.zero_released >=
		    DATA_SET - TINY_POOL);
	assert_true(after.ta.saves - before.ta.saves <=
		    pager_instance_pages(0, PT_TA_STACK_SIZE));
	assert_true(after.ta.store_pages - before.ta.store_pages <=
		    pager_instance_pages(0, PT_TA_STACK_SIZE));
	pager_case_close(&c);
}

static const struct xtest_sub subs_8001[] = {
	{ 1, "data 16 times the pool reads back right after evictions",
	  test_8001_data },
	{ 2, "a second fill of half the pages is what the checks see",
	  test_8001_other_seed },
	{ 3, "zero pages read but never written are released unsaved",
	  test_8001_zero },
};

XTEST_CASE(case_8001, .id = "8001", .suite = "regression",
	   .title = "Paging a TA's data in a tiny pool, every word checked",
	   .subs = subs_8001, .nsubs = XTEST_ARRAY_SIZE(subs_8001),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_NEEDS_CORE_STATS);

/* ---- 8002: code and read-only data many times the pool ----------------- */

static void code_rounds(struct pager_case *c, uint32_t seed, uint32_t rounds)
{
	uint64_t want = pt_code_sum(seed, rounds), got;
	uint32_t lo, hi;

	pt_cmd(&c->sess, PT_CMD_CODE, seed, rounds, &lo, &hi);
	got = (uint64_t)hi << 32 | lo;
	if (got != want)
		xtest_fail("PT_CMD_CODE(%u, %u) = %#llx, expected %#llx", seed,
			   rounds, (unsigned long long)got,
			   (unsigned long long)want);
}

static void test_8002_code(void **state)
{
	struct pager_case c;
	struct pager_view before, after;

	(void)state;
	pager_core_start(&c.pc, NULL, "--ta-pool-pages", TINY_POOL_ARG);
	pager_case_open(&c);
	pager_view(&c.ctx, &pager_test_uuid, &before);
	code_rounds(&c, 11, 4000);
	pager_view(&c.ctx, &pager_test_uuid, &after);
	/* 64 code and 64 table pages in 4: nearly every call faults. */
	assert_true(after.ta.ro_faults - before.ta.ro_faults >=
		    PT_CODE_PAGES + PT_TABLE_PAGES);
	assert_true(after.ta.evictions > before.ta.evictions);
	assert_int_equal(after.ta.integrity_failures, 0);
	pager_case_close(&c);
}

static void test_8002_again(void **state)
{
	struct pager_case c;
	struct pager_view mid, after;

	(void)state;
	pager_core_start(&c.pc, NULL, "--ta-pool-pages", TINY_POOL_ARG);
	pager_case_open(&c);
	code_rounds(&c, 12, 1000);
	pager_view(&c.ctx, &pager_test_uuid, &mid);
	code_rounds(&c, 12, 1000);
	pager_view(&c.ctx, &pager_test_uuid, &after);
	/* Nothing stays: the same calls fault their pages in again. */
	assert_true(after.ta.ro_faults - mid.ta.ro_faults >= PT_CODE_PAGES);
	pager_case_close(&c);
}

static const struct xtest_sub subs_8002[] = {
	{ 1, "64 one-page functions and 64 table pages in a pool of 4 "
	     "compute the right sum", test_8002_code },
	{ 2, "evicted code pages come back, checked, when called again",
	  test_8002_again },
};

XTEST_CASE(case_8002, .id = "8002", .suite = "regression",
	   .title = "Code and read-only data many times the pool",
	   .subs = subs_8002, .nsubs = XTEST_ARRAY_SIZE(subs_8002),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_NEEDS_CORE_STATS);

/* ---- 8003: faults at once ---------------------------------------------- */

#define CLIENT_THREADS	8
#define CLIENT_MIN_CALLS	50

struct client_thread {
	pthread_t t;
	const TEEC_UUID *uuid;
	unsigned int index;
	volatile bool *stop;
	unsigned int calls;
	char error[160];
};

/* Calls os_test_mi's VALUES until told to stop, checking every answer. */
static void *values_thread(void *arg)
{
	struct client_thread *ct = arg;
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t origin, i;
	TEEC_Result res;

	if (TEEC_InitializeContext(NULL, &ctx)) {
		snprintf(ct->error, sizeof(ct->error), "no context");
		return NULL;
	}
	res = TEEC_OpenSession(&ctx, &sess, ct->uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	for (i = 0; !res && (i < CLIENT_MIN_CALLS || !*ct->stop); i++) {
		TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
			TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_VALUE_INOUT,
			TEEC_NONE));

		op.params[0].value.a = i;
		op.params[0].value.b = ct->index;
		res = TEEC_InvokeCommand(&sess, OS_TEST_CMD_VALUES, &op,
					 &origin);
		if (!res && op.params[1].value.a != i + ct->index)
			snprintf(ct->error, sizeof(ct->error), "call %u gave "
				 "%u, not %u", i, op.params[1].value.a,
				 i + ct->index);
		if (ct->error[0])
			break;
		ct->calls++;
	}
	if (res)
		snprintf(ct->error, sizeof(ct->error), "call %u: 0x%08x", i,
			 res);
	else
		TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return NULL;
}

static void test_8003_core(void **state)
{
	static const TEEC_UUID os_test_mi = TA_OS_TEST_MI_UUID;
	struct client_thread ct[CLIENT_THREADS];
	struct private_core pc;
	struct pager_view before, after;
	volatile bool stop = false;
	TEEC_Context ctx;
	time_t end;
	unsigned int i;

	(void)state;
	/* The core's text in 4 pages, 8 secure threads running it. */
	pager_core_start(&pc, NULL, "--core-pool-pages", "4", "--threads",
			 "8");
	xtest_context_init(&ctx);
	pager_view(&ctx, NULL, &before);
	memset(ct, 0, sizeof(ct));
	for (i = 0; i < CLIENT_THREADS; i++) {
		ct[i].uuid = &os_test_mi;
		ct[i].index = i;
		ct[i].stop = &stop;
		if (pthread_create(&ct[i].t, NULL, values_thread, &ct[i]))
			xtest_fail("pthread_create failed");
	}
	/* Until two threads have met on a page being filled, or 10 s. */
	end = time(NULL) + 10;
	do {
		usleep(100 * 1000);
		pager_view(&ctx, NULL, &after);
	} while (after.core.busy_waits == before.core.busy_waits &&
		 time(NULL) < end);
	stop = true;
	for (i = 0; i < CLIENT_THREADS; i++)
		pthread_join(ct[i].t, NULL);
	for (i = 0; i < CLIENT_THREADS; i++) {
		if (ct[i].error[0])
			xtest_fail("thread %u: %s", i, ct[i].error);
		assert_true(ct[i].calls >= CLIENT_MIN_CALLS);
	}
	pager_view(&ctx, NULL, &after);
	assert_true(after.core.ro_faults > before.core.ro_faults);
	assert_true(after.core.busy_waits > before.core.busy_waits);
	assert_int_equal(after.core.integrity_failures, 0);
	TEEC_FinalizeContext(&ctx);
	pager_core_stop(&pc);
}

struct pager_thread {
	pthread_t t;
	uint32_t seed;
	char error[160];
};

/* Fills and checks its own instance's data, three times over. */
static void *data_thread(void *arg)
{
	struct pager_thread *pt = arg;
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t origin, round;
	TEEC_Result res;

	if (TEEC_InitializeContext(NULL, &ctx)) {
		snprintf(pt->error, sizeof(pt->error), "no context");
		return NULL;
	}
	res = TEEC_OpenSession(&ctx, &sess, &pager_test_uuid,
			       TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	for (round = 0; !res && round < 3; round++) {
		TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
			TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE,
			TEEC_NONE));

		op.params[0].value.a = pt->seed + round;
		op.params[0].value.b = DATA_SET;
		res = TEEC_InvokeCommand(&sess, PT_CMD_FILL, &op, &origin);
		if (!res)
			res = TEEC_InvokeCommand(&sess, PT_CMD_CHECK, &op,
						 &origin);
		if (!res && op.params[1].value.a)
			snprintf(pt->error, sizeof(pt->error), "round %u: %u "
				 "pages wrong, the first %u", round,
				 op.params[1].value.a, op.params[1].value.b);
		if (pt->error[0])
			break;
	}
	if (res)
		snprintf(pt->error, sizeof(pt->error), "0x%08x from %u", res,
			 origin);
	else
		TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return NULL;
}

static void test_8003_instances(void **state)
{
	struct pager_thread pt[4];
	struct private_core pc;
	unsigned int i;

	(void)state;
	pager_core_start(&pc, NULL, "--ta-pool-pages", TINY_POOL_ARG);
	memset(pt, 0, sizeof(pt));
	for (i = 0; i < XTEST_ARRAY_SIZE(pt); i++) {
		pt[i].seed = 100 * (i + 1);
		if (pthread_create(&pt[i].t, NULL, data_thread, &pt[i]))
			xtest_fail("pthread_create failed");
	}
	for (i = 0; i < XTEST_ARRAY_SIZE(pt); i++)
		pthread_join(pt[i].t, NULL);
	for (i = 0; i < XTEST_ARRAY_SIZE(pt); i++)
		if (pt[i].error[0])
			xtest_fail("instance %u: %s", i, pt[i].error);
	pager_core_stop(&pc);
}

static const struct xtest_sub subs_8003[] = {
	{ 1, "eight secure threads fault on the core's paged text at once "
	     "and meet on pages being filled", test_8003_core },
	{ 2, "four TA instances page at once, each checking its own data",
	  test_8003_instances },
};

XTEST_CASE(case_8003, .id = "8003", .suite = "regression",
	   .title = "Faults at once: the core's threads, several instances",
	   .subs = subs_8003, .nsubs = XTEST_ARRAY_SIZE(subs_8003),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_NEEDS_CORE_STATS);

/* ---- 8006: statistics that move as they should ------------------------- */

static void test_8006_counts(void **state)
{
	struct pager_case c;
	struct pager_view v0, v1, v2;

	(void)state;
	pager_core_start(&c.pc, NULL, "--ta-pool-pages", "8");
	pager_case_open(&c);
	pager_view(&c.ctx, &pager_test_uuid, &v0);
	/* Between calls nothing is locked: the stack is locked in calls. */
	assert_int_equal(v0.ta.pool_pages,
			 pager_instance_pages(8, PT_TA_STACK_SIZE));
	assert_int_equal(v0.ta.locked_pages, 0);
	assert_int_equal(v0.ta.unlocked_pages, v0.ta.pool_pages);
	pt_cmd(&c.sess, PT_CMD_FILL, 3, 32, NULL, NULL);
	pager_view(&c.ctx, &pager_test_uuid, &v1);
	assert_true(v1.ta.rw_faults - v0.ta.rw_faults >= 32);
	assert_true(v1.ta.saves - v0.ta.saves >= 32 - 8);
	assert_true(v1.ta.store_pages >= 32 - 8);
	pt_cmd(&c.sess, PT_CMD_CHECK, 3, 32, NULL, NULL);
	pager_view(&c.ctx, &pager_test_uuid, &v2);
	/* Reading back what was saved: faults, no new saves needed. */
	assert_true(v2.ta.rw_faults - v1.ta.rw_faults >= 32 - 8);
	assert_int_equal(v2.ta.integrity_failures, 0);
	/* The histogram counts every fault it timed. */
	{
		uint64_t timed = 0;
		size_t b;

		for (b = 0; b < TC_PAGER_HIST_BUCKETS; b++)
			timed += v2.ta.fault_ns_hist[b];
		assert_true(timed >= v2.ta.ro_faults + v2.ta.rw_faults);
	}
	pager_case_close(&c);
}

static void test_8006_hidden(void **state)
{
	struct pager_case c;
	struct pager_view before, after;
	uint32_t done;

	(void)state;
	pager_core_start(&c.pc, NULL, "--ta-pool-pages", "8");
	pager_case_open(&c);
	pager_view(&c.ctx, &pager_test_uuid, &before);
	/* 4 hot pages read between cold ones: the clock hides them, and
	 * touching them again costs only a hidden hit. */
	pt_cmd(&c.sess, PT_CMD_HOTCOLD, 4, 400, &done, NULL);
	assert_int_equal(done, 400);
	pager_view(&c.ctx, &pager_test_uuid, &after);
	assert_true(after.ta.hidden_hits - before.ta.hidden_hits >= 100);
	assert_true(after.ta.evictions - before.ta.evictions >= 300);
	/* Cold pages are read, never written: released, not saved. */
	assert_true(after.ta.zero_released - before.ta.zero_released >= 300);
	pager_case_close(&c);
}

static void test_8006_ended(void **state)
{
	struct pager_case c;
	struct pager_view live, gone;

	(void)state;
	pager_core_start(&c.pc, NULL, "--ta-pool-pages", TINY_POOL_ARG);
	pager_case_open(&c);
	pt_cmd(&c.sess, PT_CMD_FILL, 5, 16, NULL, NULL);
	pager_view(&c.ctx, &pager_test_uuid, &live);
	assert_int_equal(live.ta_count, 1);
	TEEC_CloseSession(&c.sess);
	pager_view(&c.ctx, &pager_test_uuid, &gone);
	/* Its counts live on in the ended sum; its pages went back. */
	assert_int_equal(gone.ta_count, 0);
	assert_int_equal(gone.ended.pid, live.ended.pid + 1);
	assert_true(gone.ended.rw_faults >= live.ended.rw_faults +
					    live.ta.rw_faults);
	assert_int_equal(gone.budget.free, live.budget.free +
			 pager_instance_pages(TINY_POOL, PT_TA_STACK_SIZE));
	TEEC_FinalizeContext(&c.ctx);
	pager_core_stop(&c.pc);
}

static void test_8006_core(void **state)
{
	struct private_core pc;
	struct pager_view v;
	TEEC_Context ctx;

	(void)state;
	pager_core_start(&pc, NULL, "--core-pool-pages", "6");
	xtest_context_init(&ctx);
	pager_view(&ctx, NULL, &v);
	/* The core runs its own paged text: it faulted to get here. */
	assert_int_equal(v.core.kind, TC_PAGER_PROC_CORE);
	assert_int_equal(v.core.pool_pages, 6);
	assert_int_equal(v.budget.core, 6);
	assert_true(v.core.ro_faults > 0);
	assert_true(v.core.regions >= 2);
	assert_int_equal(v.core.integrity_failures, 0);
	assert_int_equal(v.budget.free, v.budget.total - v.budget.core);
	TEEC_FinalizeContext(&ctx);
	pager_core_stop(&pc);
}

static const struct xtest_sub subs_8006[] = {
	{ 1, "faults, saves and the fault-time histogram count a known "
	     "workload; nothing is locked between calls", test_8006_counts },
	{ 2, "a hot set read between cold pages gives hidden hits",
	  test_8006_hidden },
	{ 3, "an instance that ends adds its counts to the ended sum and "
	     "gives its pages back", test_8006_ended },
	{ 4, "the core's own pager counts the faults of its paged text",
	  test_8006_core },
};

XTEST_CASE(case_8006, .id = "8006", .suite = "regression",
	   .title = "Pager statistics that move as they should",
	   .subs = subs_8006, .nsubs = XTEST_ARRAY_SIZE(subs_8006),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_NEEDS_CORE_STATS);
