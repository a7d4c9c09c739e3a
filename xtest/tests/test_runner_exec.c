/*
 * Unit tests of the runner's process handling, no core needed: made-up cases
 * that pass, fail, skip, crash, hang or exit in the middle, each run in its
 * own process as xtest runs real ones.
 */
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "proc.h"
#include "results.h"
#include "runner.h"
#include "select.h"

static void sub_pass(void **state)
{
	(void)state;
}

static void sub_fail(void **state)
{
	(void)state;
	assert_int_equal(1, 2);
}

static void sub_skip(void **state)
{
	(void)state;
	xtest_skip("made-up reason");
}

static void sub_bare_skip(void **state)
{
	(void)state;
	skip();
}

static void sub_killed(void **state)
{
	(void)state;
	kill(getpid(), SIGKILL);
}

static void sub_hang(void **state)
{
	(void)state;
	for (;;)
		pause();
}

static void sub_exit(void **state)
{
	(void)state;
	exit(0);
}

#define SUBS(name, ...) static const struct xtest_sub name[] = { __VA_ARGS__ }

SUBS(s_pass, { 1, "passes", sub_pass }, { 2, "passes too", sub_pass });
SUBS(s_mixed, { 1, "passes", sub_pass }, { 2, "fails", sub_fail },
     { 3, "passes", sub_pass });
SUBS(s_skip, { 1, "skips", sub_skip }, { 2, "skips bare", sub_bare_skip });
SUBS(s_part_skip, { 1, "skips", sub_skip }, { 2, "passes", sub_pass });
SUBS(s_killed, { 1, "passes", sub_pass }, { 2, "is killed", sub_killed },
     { 3, "never runs", sub_pass });
SUBS(s_hang, { 1, "hangs", sub_hang }, { 2, "never runs", sub_pass });
SUBS(s_exit, { 1, "exits", sub_exit }, { 2, "never runs", sub_pass });
SUBS(s_root, { 1, "passes", sub_pass });

#define CASE(sym, id_, subs_, ...)					\
	static const struct xtest_case sym = {				\
		.id = id_, .suite = "selftest", .title = "case " id_,	\
		.subs = subs_, .nsubs = XTEST_ARRAY_SIZE(subs_),	\
		__VA_ARGS__						\
	}

CASE(c_pass, "1", s_pass);
CASE(c_mixed, "2", s_mixed);
CASE(c_skip, "3", s_skip);
CASE(c_part_skip, "4", s_part_skip);
CASE(c_killed, "5", s_killed);
CASE(c_hang, "6", s_hang, .timeout_s = 1);
CASE(c_exit, "7", s_exit);
CASE(c_root, "8", s_root, .flags = XTEST_NEEDS_ROOT);

static const struct xtest_case *const table[] = {
	&c_pass, &c_mixed, &c_skip, &c_part_skip, &c_killed, &c_hang, &c_exit,
	&c_root,
};

/* Runs the one case id, repeat times, and returns its results. */
static void run_one(const char *id, unsigned int repeat, struct results *res)
{
	const char *ids[] = { id };
	struct select_filter f = { .ids = ids, .nids = 1 };
	struct runner_config cfg = { .timeout_s = 30, .repeat = repeat };
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
	char got[64] = "";
	size_t i;

	/* One letter per sub-case: Passed, Failed, Skipped, or - (not run). */
	for (i = 0; i < rc->nsubs; i++)
		got[i] = rc->subs[i].failed ? 'F' : rc->subs[i].passed ? 'P' :
			 rc->subs[i].skipped ? 'S' : '-';
	got[i] = '\0';
	assert_string_equal(got, want);
}

static void test_pass(void **state)
{
	struct results res;

	(void)state;
	run_one("1", 1, &res);
	assert_int_equal(res.cases[0].status, RESULTS_PASSED);
	expect_subs(res.cases, "PP");
	results_free(&res);
}

static void test_failed_sub_case(void **state)
{
	struct results res;

	(void)state;
	run_one("2", 1, &res);
	assert_int_equal(res.cases[0].status, RESULTS_FAILED);
	assert_string_equal(res.cases[0].reason, "failed: 2.2");
	/* A failed sub-case does not stop the next one. */
	expect_subs(res.cases, "PFP");
	/* Its output is kept for the report. */
	assert_non_null(res.cases[0].output);
	assert_non_null(strstr(res.cases[0].output, "2.2 fails"));
	results_free(&res);
}

static void test_all_skipped(void **state)
{
	struct results res;

	(void)state;
	/* xtest_skip() and a bare skip() both count as skips. */
	run_one("3", 1, &res);
	assert_int_equal(res.cases[0].status, RESULTS_SKIPPED);
	expect_subs(res.cases, "SS");
	results_free(&res);
	run_one("4", 1, &res);
	assert_int_equal(res.cases[0].status, RESULTS_PASSED);
	expect_subs(res.cases, "SP");
	results_free(&res);
}

static void test_killed(void **state)
{
	struct results res;

	(void)state;
	run_one("5", 1, &res);
	assert_int_equal(res.cases[0].status, RESULTS_FAILED);
	assert_string_equal(res.cases[0].reason,
			    "case process ended in 5.2: killed by signal 9 (Killed)");
	expect_subs(res.cases, "PF-");
	results_free(&res);
}

static void test_timeout(void **state)
{
	long long start = proc_now_ms();
	struct results res;

	(void)state;
	run_one("6", 1, &res);
	assert_int_equal(res.cases[0].status, RESULTS_FAILED);
	assert_string_equal(res.cases[0].reason, "timeout after 1 s in 6.1");
	expect_subs(res.cases, "F-");
	/* The case's own timeout, not the runner's 30 s. */
	assert_true(proc_now_ms() - start < 5000);
	results_free(&res);
}

static void test_exit_mid_case(void **state)
{
	struct results res;

	(void)state;
	/* exit(0) from a sub-case is no pass. */
	run_one("7", 1, &res);
	assert_int_equal(res.cases[0].status, RESULTS_FAILED);
	assert_string_equal(res.cases[0].reason,
			    "case process ended in 7.1: exit status 0");
	expect_subs(res.cases, "F-");
	results_free(&res);
}

static void test_needs_root(void **state)
{
	struct results res;

	(void)state;
	run_one("8", 1, &res);
	if (geteuid() == 0) {
		assert_int_equal(res.cases[0].status, RESULTS_PASSED);
	} else {
		assert_int_equal(res.cases[0].status, RESULTS_SKIPPED);
		assert_string_equal(res.cases[0].reason, "needs root");
	}
	results_free(&res);
}

static void test_repeat(void **state)
{
	struct results res;

	(void)state;
	run_one("2", 3, &res);
	assert_int_equal(res.cases[0].runs, 3);
	assert_int_equal(res.cases[0].runs_failed, 3);
	assert_int_equal(res.cases[0].subs[0].passed, 3);
	assert_int_equal(res.cases[0].subs[1].failed, 3);
	results_free(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pass),
		cmocka_unit_test(test_failed_sub_case),
		cmocka_unit_test(test_all_skipped),
		cmocka_unit_test(test_killed),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_exit_mid_case),
		cmocka_unit_test(test_needs_root),
		cmocka_unit_test(test_repeat),
	};

	if (proc_signals_init()) {
		fprintf(stderr, "cannot set up signals\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
