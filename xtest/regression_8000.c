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

/*
 * The core a sub-case runs on, as its row gives it: tee-core's options,
 * and what the case's setup opens there.
 */
struct pager_row {
	const char *args[7];	/* NULL-terminated */
	bool context;		/* a context */
	bool session;		/* and a session on pager_test in it */
};

/* A TA instance's pool of pages pages, a context and a session. */
#define TA_POOL(pages)	.args = { "--ta-pool-pages", pages }, \
			.context = true, .session = true

/*
 * The cases' .setup: starts the core the sub-case's row names and opens on
 * it what the row asks for.
 */
static void pager_case_setup(struct xtest_fixture *fx)
{
	const struct pager_row *row = fx->param;

	if (!row)
		xtest_fail("the sub-case has no pager_row");
	pager_case_start(fx, NULL, row->args, row->context, row->session);
}

static struct pager_case *pager_case(void **state)
{
	return xtest_fixture(state)->data;
}

/*
 * Threads a sub-case starts, joined when it ends if it has not joined them
 * itself: no thread outlives its sub-case, whatever stopped it.
 */
#define THREADS_MAX	8

static pthread_t threads[THREADS_MAX];
static unsigned int threads_running;
static volatile bool threads_stop;	/* tells the threads to finish */

static void threads_join(void *arg)
{
	(void)arg;
	threads_stop = true;
	while (threads_running)
		pthread_join(threads[--threads_running], NULL);
}

/* n threads running fn, on args[i] of size bytes each. */
static void threads_start(struct xtest_fixture *fx, unsigned int n,
			  void *(*fn)(void *), void *args, size_t size)
{
	unsigned int i;

	threads_stop = false;
	threads_running = 0;
	xtest_fx_defer(fx, threads_join, NULL);
	for (i = 0; i < n && i < THREADS_MAX; i++) {
		if (pthread_create(&threads[i], NULL, fn,
				   (uint8_t *)args + i * size))
			xtest_fail("pthread_create failed");
		threads_running++;
	}
	ASSERT_EQ(threads_running, n);
}

/* ---- 8001: a TA's data in a tiny pool ---------------------------------- */

static void test_8001_data(void **state)
{
	struct pager_case *c = pager_case(state);
	struct pager_view before, after;
	uint32_t bad, first;

	pager_view(c->ctx, &pager_test_uuid, &before);
	pt_cmd(c->sess, PT_CMD_FILL, 7, DATA_SET, NULL, NULL);
	pt_cmd(c->sess, PT_CMD_CHECK, 7, DATA_SET, &bad, &first);
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(first, DATA_SET);
	/* Once more: every page has been out and back since. */
	pt_cmd(c->sess, PT_CMD_CHECK, 7, DATA_SET, &bad, &first);
	EXPECT_EQ(bad, 0);
	pager_view(c->ctx, &pager_test_uuid, &after);
	EXPECT_EQ(after.ta_count, 1);
	EXPECT_EQ(after.ta.unlocked_pages, after.ta.pool_pages);
	/* Each page written once, read back twice, through 4 pages. */
	EXPECT_GE(after.ta.rw_faults - before.ta.rw_faults, 3 * DATA_SET - 8);
	EXPECT_GE(after.ta.saves - before.ta.saves, DATA_SET - TINY_POOL);
	EXPECT_GE(after.ta.evictions - before.ta.evictions,
		  3 * DATA_SET - 2 * TINY_POOL);
	EXPECT_EQ(after.ta.integrity_failures, 0);
}

static void test_8001_other_seed(void **state)
{
	struct pager_case *c = pager_case(state);
	uint32_t bad, first;

	pt_cmd(c->sess, PT_CMD_FILL, 7, DATA_SET, NULL, NULL);
	pt_cmd(c->sess, PT_CMD_FILL, 8, DATA_SET / 2, NULL, NULL);
	/* The second fill is seen, page by page, through the evictions. */
	pt_cmd(c->sess, PT_CMD_CHECK, 7, DATA_SET, &bad, &first);
	EXPECT_EQ(bad, DATA_SET / 2);
	EXPECT_EQ(first, 0);
	pt_cmd(c->sess, PT_CMD_CHECK, 8, DATA_SET / 2, &bad, &first);
	EXPECT_EQ(bad, 0);
}

static void test_8001_zero(void **state)
{
	struct pager_case *c = pager_case(state);
	struct pager_view before, after;
	uint32_t nonzero;

	pager_view(c->ctx, &pager_test_uuid, &before);
	pt_cmd(c->sess, PT_CMD_ZERO, 128, DATA_SET, &nonzero, NULL);
	EXPECT_EQ(nonzero, 0);
	pager_view(c->ctx, &pager_test_uuid, &after);
	/*
	 * Read, never written: given up without a save. (Only stack pages
	 * the calls before wrote may be saved meanwhile.)
	 */
	EXPECT_GE(after.ta.zero_released - before.ta.zero_released,
		  DATA_SET - TINY_POOL);
	EXPECT_LE(after.ta.saves - before.ta.saves,
		  pager_instance_pages(0, PT_TA_STACK_SIZE));
	EXPECT_LE(after.ta.store_pages - before.ta.store_pages,
		  pager_instance_pages(0, PT_TA_STACK_SIZE));
}

static const struct xtest_sub subs_8001[] = {
	XTEST_SUB_ROW(1, "data 16 times the pool reads back right after "
		      "evictions", test_8001_data, struct pager_row,
		      TA_POOL(TINY_POOL_ARG)),
	XTEST_SUB_ROW(2, "a second fill of half the pages is what the checks "
		      "see", test_8001_other_seed, struct pager_row,
		      TA_POOL(TINY_POOL_ARG)),
	XTEST_SUB_ROW(3, "zero pages read but never written are released "
		      "unsaved", test_8001_zero, struct pager_row,
		      TA_POOL(TINY_POOL_ARG)),
};

XTEST_CASE(case_8001, .id = "8001", .suite = "regression",
	   .title = "Paging a TA's data in a tiny pool, every word checked",
	   .setup = pager_case_setup,
	   .subs = subs_8001, .nsubs = XTEST_ARRAY_SIZE(subs_8001),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_NEEDS_CORE_STATS | XTEST_OWN_CORE);

/* ---- 8002: code and read-only data many times the pool ----------------- */

static void code_rounds_at(const char *file, int line, struct pager_case *c,
			   uint32_t seed, uint32_t rounds)
{
	uint64_t want = pt_code_sum(seed, rounds), got;
	uint32_t lo, hi;

	pt_cmd_at(file, line, c->sess, PT_CMD_CODE, seed, rounds, &lo, &hi);
	got = (uint64_t)hi << 32 | lo;
	if (got != want)
		xtest_fail_at(file, line, "PT_CMD_CODE(%u, %u) = %#llx, "
			      "expected %#llx", seed, rounds,
			      (unsigned long long)got,
			      (unsigned long long)want);
}

#define code_rounds(c, seed, rounds) \
	code_rounds_at(__FILE__, __LINE__, (c), (seed), (rounds))

static void test_8002_code(void **state)
{
	struct pager_case *c = pager_case(state);
	struct pager_view before, after;

	pager_view(c->ctx, &pager_test_uuid, &before);
	code_rounds(c, 11, 4000);
	pager_view(c->ctx, &pager_test_uuid, &after);
	/* 64 code and 64 table pages in 4: nearly every call faults. */
	EXPECT_GE(after.ta.ro_faults - before.ta.ro_faults,
		  PT_CODE_PAGES + PT_TABLE_PAGES);
	EXPECT_GT(after.ta.evictions, before.ta.evictions);
	EXPECT_EQ(after.ta.integrity_failures, 0);
}

static void test_8002_again(void **state)
{
	struct pager_case *c = pager_case(state);
	struct pager_view mid, after;

	code_rounds(c, 12, 1000);
	pager_view(c->ctx, &pager_test_uuid, &mid);
	code_rounds(c, 12, 1000);
	pager_view(c->ctx, &pager_test_uuid, &after);
	/* Nothing stays: the same calls fault their pages in again. */
	EXPECT_GE(after.ta.ro_faults - mid.ta.ro_faults, PT_CODE_PAGES);
}

static const struct xtest_sub subs_8002[] = {
	XTEST_SUB_ROW(1, "64 one-page functions and 64 table pages in a pool "
		      "of 4 compute the right sum", test_8002_code,
		      struct pager_row, TA_POOL(TINY_POOL_ARG)),
	XTEST_SUB_ROW(2, "evicted code pages come back, checked, when called "
		      "again", test_8002_again, struct pager_row,
		      TA_POOL(TINY_POOL_ARG)),
};

XTEST_CASE(case_8002, .id = "8002", .suite = "regression",
	   .title = "Code and read-only data many times the pool",
	   .setup = pager_case_setup,
	   .subs = subs_8002, .nsubs = XTEST_ARRAY_SIZE(subs_8002),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_NEEDS_CORE_STATS | XTEST_OWN_CORE);

/* ---- 8003: faults at once ---------------------------------------------- */

#define CLIENT_THREADS	8
#define CLIENT_MIN_CALLS	50

struct client_thread {
	const TEEC_UUID *uuid;
	unsigned int index;
	unsigned int calls;
	char error[160];
};

/*
 * Calls os_test_mi's VALUES until told to stop, checking every answer.
 * A thread of its own: its context is its own, not the fixture's.
 */
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
	for (i = 0; !res && (i < CLIENT_MIN_CALLS || !threads_stop); i++) {
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
	static struct client_thread ct[CLIENT_THREADS];
	struct pager_case *c = pager_case(state);
	struct pager_view before, after;
	time_t end;
	unsigned int i;

	pager_view(c->ctx, NULL, &before);
	memset(ct, 0, sizeof(ct));
	for (i = 0; i < CLIENT_THREADS; i++) {
		ct[i].uuid = &os_test_mi;
		ct[i].index = i;
	}
	threads_start(xtest_fixture(state), CLIENT_THREADS, values_thread, ct,
		      sizeof(ct[0]));
	/* Until two threads have met on a page being filled, or 10 s. */
	end = time(NULL) + 10;
	do {
		usleep(100 * 1000);
		pager_view(c->ctx, NULL, &after);
	} while (after.core.busy_waits == before.core.busy_waits &&
		 time(NULL) < end);
	threads_join(NULL);
	for (i = 0; i < CLIENT_THREADS; i++) {
		if (ct[i].error[0])
			xtest_fail("thread %u: %s", i, ct[i].error);
		EXPECT_GE(ct[i].calls, CLIENT_MIN_CALLS);
	}
	pager_view(c->ctx, NULL, &after);
	EXPECT_GT(after.core.ro_faults, before.core.ro_faults);
	EXPECT_GT(after.core.busy_waits, before.core.busy_waits);
	EXPECT_EQ(after.core.integrity_failures, 0);
}

struct pager_thread {
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
	static struct pager_thread pt[4];
	unsigned int i;

	memset(pt, 0, sizeof(pt));
	for (i = 0; i < XTEST_ARRAY_SIZE(pt); i++)
		pt[i].seed = 100 * (i + 1);
	threads_start(xtest_fixture(state), XTEST_ARRAY_SIZE(pt), data_thread,
		      pt, sizeof(pt[0]));
	threads_join(NULL);
	for (i = 0; i < XTEST_ARRAY_SIZE(pt); i++)
		if (pt[i].error[0])
			xtest_fail("instance %u: %s", i, pt[i].error);
}

static const struct xtest_sub subs_8003[] = {
	/* The core's text in 4 pages, 8 secure threads running it. */
	XTEST_SUB_ROW(1, "eight secure threads fault on the core's paged text "
		      "at once and meet on pages being filled", test_8003_core,
		      struct pager_row, .args = { "--core-pool-pages", "4",
		      "--threads", "8" }, .context = true),
	/* The threads take their own contexts. */
	XTEST_SUB_ROW(2, "four TA instances page at once, each checking its "
		      "own data", test_8003_instances, struct pager_row,
		      .args = { "--ta-pool-pages", TINY_POOL_ARG }),
};

XTEST_CASE(case_8003, .id = "8003", .suite = "regression",
	   .title = "Faults at once: the core's threads, several instances",
	   .setup = pager_case_setup,
	   .subs = subs_8003, .nsubs = XTEST_ARRAY_SIZE(subs_8003),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_NEEDS_CORE_STATS | XTEST_OWN_CORE);

/* ---- 8006: statistics that move as they should ------------------------- */

static void test_8006_counts(void **state)
{
	struct pager_case *c = pager_case(state);
	struct pager_view v0, v1, v2;
	uint64_t timed = 0;
	size_t b;

	pager_view(c->ctx, &pager_test_uuid, &v0);
	/* Between calls nothing is locked: the stack is locked in calls. */
	EXPECT_EQ(v0.ta.pool_pages, pager_instance_pages(8, PT_TA_STACK_SIZE));
	EXPECT_EQ(v0.ta.locked_pages, 0);
	EXPECT_EQ(v0.ta.unlocked_pages, v0.ta.pool_pages);
	pt_cmd(c->sess, PT_CMD_FILL, 3, 32, NULL, NULL);
	pager_view(c->ctx, &pager_test_uuid, &v1);
	EXPECT_GE(v1.ta.rw_faults - v0.ta.rw_faults, 32);
	EXPECT_GE(v1.ta.saves - v0.ta.saves, 32 - 8);
	EXPECT_GE(v1.ta.store_pages, 32 - 8);
	pt_cmd(c->sess, PT_CMD_CHECK, 3, 32, NULL, NULL);
	pager_view(c->ctx, &pager_test_uuid, &v2);
	/* Reading back what was saved: faults, no new saves needed. */
	EXPECT_GE(v2.ta.rw_faults - v1.ta.rw_faults, 32 - 8);
	EXPECT_EQ(v2.ta.integrity_failures, 0);
	/* The histogram counts every fault it timed. */
	for (b = 0; b < TC_PAGER_HIST_BUCKETS; b++)
		timed += v2.ta.fault_ns_hist[b];
	EXPECT_GE(timed, v2.ta.ro_faults + v2.ta.rw_faults);
}

static void test_8006_hidden(void **state)
{
	struct pager_case *c = pager_case(state);
	struct pager_view before, after;
	uint32_t done;

	pager_view(c->ctx, &pager_test_uuid, &before);
	/* 4 hot pages read between cold ones: the clock hides them, and
	 * touching them again costs only a hidden hit. */
	pt_cmd(c->sess, PT_CMD_HOTCOLD, 4, 400, &done, NULL);
	EXPECT_EQ(done, 400);
	pager_view(c->ctx, &pager_test_uuid, &after);
	EXPECT_GE(after.ta.hidden_hits - before.ta.hidden_hits, 100);
	EXPECT_GE(after.ta.evictions - before.ta.evictions, 300);
	/* Cold pages are read, never written: released, not saved. */
	EXPECT_GE(after.ta.zero_released - before.ta.zero_released, 300);
}

static void test_8006_ended(void **state)
{
	struct pager_case *c = pager_case(state);
	struct pager_view live, gone;

	pt_cmd(c->sess, PT_CMD_FILL, 5, 16, NULL, NULL);
	pager_view(c->ctx, &pager_test_uuid, &live);
	EXPECT_EQ(live.ta_count, 1);
	xtest_fx_release(xtest_fixture(state), c->sess);
	pager_view(c->ctx, &pager_test_uuid, &gone);
	/* Its counts live on in the ended sum; its pages went back. */
	EXPECT_EQ(gone.ta_count, 0);
	EXPECT_EQ(gone.ended.pid, live.ended.pid + 1);
	EXPECT_GE(gone.ended.rw_faults,
		  live.ended.rw_faults + live.ta.rw_faults);
	EXPECT_EQ(gone.budget.free, live.budget.free +
		  pager_instance_pages(TINY_POOL, PT_TA_STACK_SIZE));
}

static void test_8006_core(void **state)
{
	struct pager_case *c = pager_case(state);
	struct pager_view v;

	pager_view(c->ctx, NULL, &v);
	/* The core runs its own paged text: it faulted to get here. */
	EXPECT_EQ(v.core.kind, TC_PAGER_PROC_CORE);
	EXPECT_EQ(v.core.pool_pages, 6);
	EXPECT_EQ(v.budget.core, 6);
	EXPECT_GT(v.core.ro_faults, 0);
	EXPECT_GE(v.core.regions, 2);
	EXPECT_EQ(v.core.integrity_failures, 0);
	EXPECT_EQ(v.budget.free, v.budget.total - v.budget.core);
}

static const struct xtest_sub subs_8006[] = {
	XTEST_SUB_ROW(1, "faults, saves and the fault-time histogram count a "
		      "known workload; nothing is locked between calls",
		      test_8006_counts, struct pager_row, TA_POOL("8")),
	XTEST_SUB_ROW(2, "a hot set read between cold pages gives hidden hits",
		      test_8006_hidden, struct pager_row, TA_POOL("8")),
	XTEST_SUB_ROW(3, "an instance that ends adds its counts to the ended "
		      "sum and gives its pages back", test_8006_ended,
		      struct pager_row, TA_POOL(TINY_POOL_ARG)),
	XTEST_SUB_ROW(4, "the core's own pager counts the faults of its paged "
		      "text", test_8006_core, struct pager_row,
		      .args = { "--core-pool-pages", "6" }, .context = true),
};

XTEST_CASE(case_8006, .id = "8006", .suite = "regression",
	   .title = "Pager statistics that move as they should",
	   .setup = pager_case_setup,
	   .subs = subs_8006, .nsubs = XTEST_ARRAY_SIZE(subs_8006),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_NEEDS_CORE_STATS | XTEST_OWN_CORE);
