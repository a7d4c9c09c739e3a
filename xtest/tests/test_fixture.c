/*
 * Unit tests of the fixtures against a private core: made-up cases whose
 * sub-cases take contexts, sessions and shared memory and then fail (an
 * assertion, failed expectations, a skip, a failing setup or clean-up), and
 * a last sub-case in the same case process that finds the core's counts back
 * at the baseline the test took before the case started. The same for a
 * generated GP scenario that fails halfway (gp.gx-f1-01, made by gpgen from
 * gen/tests/xml/fail_midway.xml and linked in with the GP runtime).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include <os_test_ta.h>
#include <teecheck/teec_ext.h>

#include "private_core.h"
#include "proc.h"
#include "results.h"
#include "runner.h"
#include "select.h"
#include "settings.h"
#include "xtest_helpers.h"

static const TEEC_UUID os_test_uuid = TA_OS_TEST_UUID;

extern const struct xtest_case *const __start_xtest_cases[];
extern const struct xtest_case *const __stop_xtest_cases[];

/* The core's counts that a sub-case must leave as it found them. */
struct fixture_counts {
	uint32_t sessions;
	uint32_t guests;
	uint32_t shm_objects;
};

/*
 * Shared with the case processes: the baseline (with the observer's own
 * context as the only guest) and what the made-up sub-cases did.
 */
static struct {
	struct fixture_counts base;
	struct fixture_counts held;	/* in sub-case 1.1, before its assert */
	int after_expect;		/* 1.2 went on after its expectations */
	int bodies;			/* bodies that ran past their setup */
	int cleanups;			/* .cleanup calls */
	int rows[4];			/* the row each sub-case of case 4 saw */
	struct fixture_counts gp_held;	/* when the GP scenario stopped */
	int gp_held_read;
} *shared;

static void counts_read(TEEC_Context *ctx, struct fixture_counts *c)
{
	struct teecheck_core_stats core;
	struct teecheck_shm_stats shm;

	ASSERT_RESULT(teecheck_core_stats(ctx, &core), TEEC_SUCCESS);
	ASSERT_RESULT(teecheck_shm_stats(ctx, TEECHECK_SHM_TOTAL, &shm),
		      TEEC_SUCCESS);
	c->sessions = core.sessions;
	c->guests = core.guests;
	c->shm_objects = shm.objects;
}

/*
 * The core ends a guest when it sees the connection close, after
 * TEEC_FinalizeContext returned: wait (10 s at most) for the counts to come
 * to want, and leave the last ones read in now.
 */
static void counts_settle(TEEC_Context *ctx, const struct fixture_counts *want,
			  struct fixture_counts *now)
{
	int i;

	for (i = 0; i < 1000; i++) {
		counts_read(ctx, now);
		if (!memcmp(now, want, sizeof(*now)))
			return;
		usleep(10000);
	}
}

/*
 * Takes one of everything a fixture owns, on top of the case's context and
 * session: a context with a session, and shared memory both ways.
 */
static void take_everything(struct xtest_fixture *fx)
{
	static uint8_t buf[8192];
	TEEC_Context *ctx = xtest_fx_context(fx);

	xtest_fx_session(fx, ctx, &os_test_uuid);
	xtest_fx_session(fx, &fx->ctx, &os_test_uuid);
	xtest_fx_shm_alloc(fx, &fx->ctx, 4096, TEEC_MEM_INPUT);
	xtest_fx_shm_register(fx, ctx, buf, sizeof(buf), TEEC_MEM_OUTPUT);
}

/*
 * The case's own context and session are the only things open, as every
 * sub-case before this one released what it took.
 */
static void sub_back_at_base(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct fixture_counts want = shared->base, now;

	want.sessions++;
	want.guests++;
	counts_settle(&fx->ctx, &want, &now);
	ASSERT_EQ(now.sessions, shared->base.sessions + 1);
	ASSERT_EQ(now.guests, shared->base.guests + 1);
	ASSERT_EQ(now.shm_objects, shared->base.shm_objects);
}

static void sub_assert_stops(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);

	take_everything(fx);
	counts_read(&fx->ctx, &shared->held);
	ASSERT_EQ(1, 2);
	shared->bodies = -1000;		/* not reached */
}

static void sub_expect_goes_on(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);

	take_everything(fx);
	EXPECT_EQ(1, 2);
	EXPECT_RESULT(TEEC_SUCCESS, TEEC_ERROR_GENERIC);
	EXPECT_TRUE(fx == NULL);
	EXPECT_EQ(-1, -1);
	EXPECT_LT((uint32_t)0xffffffff, -1);	/* by value: false */
	shared->after_expect = 1;
}

static void sub_skips(void **state)
{
	take_everything(xtest_fixture(state));
	xtest_skip("made-up reason");
}

static const struct xtest_sub subs_stop[] = {
	{ 1, "stops on an assertion holding everything", sub_assert_stops },
	{ 2, "fails expectations holding everything", sub_expect_goes_on },
	{ 3, "skips holding everything", sub_skips },
	{ 4, "finds the core at the baseline", sub_back_at_base },
};

struct fail_row {
	int fail_setup;
	int fail_cleanup;
	int tag;
};

static void setup_maybe_fails(struct xtest_fixture *fx)
{
	const struct fail_row *row = fx->param;

	if (row->fail_setup || row->fail_cleanup)
		take_everything(fx);
	if (row->fail_setup)
		xtest_fail("made-up setup failure");
}

static void cleanup_maybe_fails(struct xtest_fixture *fx)
{
	const struct fail_row *row = fx->param;

	shared->cleanups++;
	if (row->fail_cleanup)
		xtest_fail("made-up clean-up failure");
}

static void sub_row_body(void **state)
{
	const struct fail_row *row = xtest_param(state, struct fail_row);

	shared->bodies++;
	if (row->tag)
		shared->rows[row->tag - 1] = row->tag * 10;
	else if (!row->fail_cleanup)
		sub_back_at_base(state);
}

static const struct xtest_sub subs_setup[] = {
	XTEST_SUB_ROW(1, "setup fails", sub_row_body, struct fail_row,
		      .fail_setup = 1),
	XTEST_SUB_ROW(2, "finds the core at the baseline", sub_row_body,
		      struct fail_row),
};

static const struct xtest_sub subs_cleanup[] = {
	XTEST_SUB_ROW(1, "clean-up fails", sub_row_body, struct fail_row,
		      .fail_cleanup = 1),
	XTEST_SUB_ROW(2, "finds the core at the baseline", sub_row_body,
		      struct fail_row),
};

static const struct xtest_sub subs_rows[] = {
	XTEST_SUB_ROW(1, "row one", sub_row_body, struct fail_row, .tag = 1),
	XTEST_SUB_ROW(2, "row two", sub_row_body, struct fail_row, .tag = 2),
	XTEST_SUB_ROW(5, "row three", sub_row_body, struct fail_row, .tag = 3),
};

/* Old-style sub-cases, which ignore state, beside a fixture. */
static void sub_plain(void **state)
{
	(void)state;
	shared->bodies++;
}

static const struct xtest_sub subs_plain[] = {
	{ 1, "ignores the fixture", sub_plain },
};

/*
 * Sub-case 1 of case 6 is the generated scenario (filled in by main()); its
 * .cleanup, which runs before the fixture releases anything, notes what the
 * core held when the scenario stopped (from a context of its own).
 */
static struct xtest_sub subs_gp[] = {
	{ 1, "the GP scenario fails at its invoke", NULL },
	{ 2, "finds the core at the baseline", sub_back_at_base },
};

static void setup_nothing(struct xtest_fixture *fx)
{
	(void)fx;
}

static void cleanup_note_held(struct xtest_fixture *fx)
{
	TEEC_Context ctx;

	(void)fx;
	if (shared->gp_held_read)
		return;
	shared->gp_held_read = 1;
	if (TEEC_InitializeContext(NULL, &ctx) != TEEC_SUCCESS)
		return;
	counts_read(&ctx, &shared->gp_held);
	TEEC_FinalizeContext(&ctx);
}

#define CASE(sym, id_, subs_, ...)					\
	static const struct xtest_case sym = {				\
		.id = id_, .suite = "selftest", .title = "case " id_,	\
		.subs = subs_, .nsubs = XTEST_ARRAY_SIZE(subs_),	\
		__VA_ARGS__						\
	}

CASE(c_stop, "1", subs_stop, .ta = &os_test_uuid);
CASE(c_setup, "2", subs_setup, .ta = &os_test_uuid,
     .setup = setup_maybe_fails, .cleanup = cleanup_maybe_fails);
CASE(c_cleanup, "3", subs_cleanup, .ta = &os_test_uuid,
     .setup = setup_maybe_fails, .cleanup = cleanup_maybe_fails);
CASE(c_rows, "4", subs_rows, .context = true);
CASE(c_plain, "5", subs_plain, .ta = &os_test_uuid);
CASE(c_gp, "6", subs_gp, .ta = &os_test_uuid, .setup = setup_nothing,
     .cleanup = cleanup_note_held);

static const struct xtest_case *const table[] = {
	&c_stop, &c_setup, &c_cleanup, &c_rows, &c_plain, &c_gp,
};

static struct private_core core;
static TEEC_Context observer;

static void run_one(const char *id, struct results *res)
{
	const char *ids[] = { id };
	struct select_filter f = { .ids = ids, .nids = 1 };
	struct runner_config cfg = { .timeout_s = 60, .repeat = 1 };
	struct select_plan plan;
	char err[128];

	assert_int_equal(select_plan_build(table, XTEST_ARRAY_SIZE(table), &f,
					   &plan, err, sizeof(err)), 0);
	assert_int_equal(runner_run(&plan, &cfg, res), 0);
	assert_int_equal(res->ncases, 1);
	select_plan_free(&plan);
}

static void expect_subs(const struct results_case *rc, const char *want)
{
	char got[16] = "";
	size_t i;

	for (i = 0; i < rc->nsubs && i + 1 < sizeof(got); i++)
		got[i] = rc->subs[i].failed ? 'F' : rc->subs[i].passed ? 'P' :
			 rc->subs[i].skipped ? 'S' : '-';
	got[i] = '\0';
	assert_string_equal(got, want);
}

/* The observer alone: earlier case processes' guests have gone. */
static void baseline(void)
{
	struct fixture_counts alone = { .guests = 1 };

	memset(shared, 0, sizeof(*shared));
	counts_settle(&observer, &alone, &shared->base);
	assert_memory_equal(&shared->base, &alone, sizeof(alone));
}

static void test_failures_leave_nothing(void **state)
{
	struct fixture_counts after;
	struct results res;

	(void)state;
	baseline();
	run_one("1", &res);
	expect_subs(res.cases, "FFSP");
	/* 1.1 really held something before it stopped. */
	assert_int_equal(shared->held.sessions, shared->base.sessions + 3);
	assert_int_equal(shared->held.guests, shared->base.guests + 2);
	assert_int_equal(shared->held.shm_objects,
			 shared->base.shm_objects + 2);
	/* 1.2 went on after its failed expectations, which were reported. */
	assert_int_equal(shared->after_expect, 1);
	assert_non_null(strstr(res.cases[0].output, "expectation failed"));
	assert_non_null(strstr(res.cases[0].output,
			       "4 expectations failed, the last one here"));
	assert_non_null(strstr(res.cases[0].output,
			       "TEEC_SUCCESS returned TEEC_SUCCESS (0x00000000), "
			       "expected TEEC_ERROR_GENERIC (0xffff0000)"));
	results_free(&res);
	counts_settle(&observer, &shared->base, &after);
	assert_memory_equal(&after, &shared->base, sizeof(after));
}

static void test_setup_failure_cleans_up(void **state)
{
	struct results res;

	(void)state;
	baseline();
	run_one("2", &res);
	expect_subs(res.cases, "FP");
	/* Only 2.2's body ran; .cleanup ran after both. */
	assert_int_equal(shared->bodies, 1);
	assert_int_equal(shared->cleanups, 2);
	results_free(&res);
}

static void test_cleanup_failure_fails_and_releases(void **state)
{
	struct results res;

	(void)state;
	baseline();
	run_one("3", &res);
	expect_subs(res.cases, "FP");
	assert_int_equal(shared->bodies, 2);
	assert_int_equal(shared->cleanups, 2);
	assert_non_null(strstr(res.cases[0].output,
			       "made-up clean-up failure"));
	results_free(&res);
}

static void test_rows(void **state)
{
	struct results res;

	(void)state;
	baseline();
	run_one("4", &res);
	expect_subs(res.cases, "PPP");
	assert_int_equal(shared->rows[0], 10);
	assert_int_equal(shared->rows[1], 20);
	assert_int_equal(shared->rows[2], 30);
	results_free(&res);
	/* One sub-case ID per row, as declared. */
	assert_int_equal(subs_rows[2].num, 5);
}

static void test_plain_sub_with_fixture(void **state)
{
	struct results res;

	(void)state;
	baseline();
	run_one("5", &res);
	expect_subs(res.cases, "P");
	assert_int_equal(shared->bodies, 1);
	results_free(&res);
}

static void test_gp_scenario_leaves_nothing(void **state)
{
	struct fixture_counts after;
	struct results res;

	(void)state;
	assert_non_null(subs_gp[0].fn);
	baseline();
	run_one("6", &res);
	expect_subs(res.cases, "FP");
	assert_non_null(strstr(res.cases[0].output,
			       "gen/tests/xml/fail_midway.xml:64: expected "
			       "TEEC_ERROR_GENERIC got 0x00000000"));
	/*
	 * It stopped holding its session and one shared memory (the other
	 * it released itself), beside the case's session: on its context,
	 * the case's, and the one that counted.
	 */
	assert_int_equal(shared->gp_held_read, 1);
	assert_int_equal(shared->gp_held.sessions, shared->base.sessions + 2);
	assert_int_equal(shared->gp_held.guests, shared->base.guests + 3);
	assert_int_equal(shared->gp_held.shm_objects,
			 shared->base.shm_objects + 1);
	results_free(&res);
	counts_settle(&observer, &shared->base, &after);
	assert_memory_equal(&after, &shared->base, sizeof(after));
}

static int core_up(void **state)
{
	char ta_dir[PATH_MAX];
	int rc;

	(void)state;
	snprintf(ta_dir, sizeof(ta_dir), "%s/ta", xtest_out_dir());
	rc = private_core_start(&core, settings_bin_dir(), ta_dir, false);
	if (rc)
		return rc;
	if (setenv("TEECHECK_CORE", core.socket, 1) ||
	    TEEC_InitializeContext(NULL, &observer) != TEEC_SUCCESS) {
		private_core_stop(&core);
		return -EIO;
	}
	return 0;
}

static int core_down(void **state)
{
	(void)state;
	TEEC_FinalizeContext(&observer);
	private_core_stop(&core);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_failures_leave_nothing),
		cmocka_unit_test(test_setup_failure_cleans_up),
		cmocka_unit_test(test_cleanup_failure_fails_and_releases),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_plain_sub_with_fixture),
		cmocka_unit_test(test_gp_scenario_leaves_nothing),
	};
	const struct xtest_case *const *c;

	for (c = __start_xtest_cases; c < __stop_xtest_cases; c++)
		if (!strcmp((*c)->id, "gp.gx-f1-01"))
			subs_gp[0].fn = (*c)->subs[0].fn;

	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED || proc_signals_init()) {
		fprintf(stderr, "cannot set up the test\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, core_up, core_down);
}
