/*
 * Unit tests of xtest's own logic, no core needed: the case table, selection
 * by suite, level, ID and exclusion, sharding, the command line, and the
 * summary, TAP and JUnit reports.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "options.h"
#include "registry.h"
#include "report.h"
#include "results.h"
#include "select.h"
#include "tap.h"
#include "junit.h"

static void sub_nop(void **state)
{
	(void)state;
}

static const struct xtest_sub three_subs[] = {
	{ 1, "first", sub_nop },
	{ 2, "second", sub_nop },
	{ 3, "third", sub_nop },
};

static const struct xtest_sub one_sub[] = {
	{ 1, "only", sub_nop },
};

#define CASE(sym, id_, suite_, flags_, subs_)				\
	static const struct xtest_case sym = {				\
		.id = id_, .suite = suite_, .title = "title " id_,	\
		.flags = flags_, .subs = subs_,				\
		.nsubs = XTEST_ARRAY_SIZE(subs_),			\
	}

CASE(c1001, "1001", "regression", 0, three_subs);
CASE(c1002, "1002", "regression", 0, three_subs);
CASE(c1010, "1010", "regression", 0, one_sub);
CASE(c1005, "1005", "regression", XTEST_SLOW, one_sub);
CASE(c4001, "4001", "regression", 0, one_sub);
CASE(cgp1, "gp.01-02-03", "gp", 0, three_subs);
CASE(cgp2, "gp.01-02-04", "gp", 0, one_sub);

/* The table, checked and sorted as xtest sees it. */
static const struct xtest_case *table[7];

static void table_load(void)
{
	const struct xtest_case *unsorted[] = {
		&c1010, &cgp2, &c1002, &c4001, &c1001, &cgp1, &c1005,
	};
	char err[128];

	memcpy(table, unsorted, sizeof(table));
	assert_int_equal(registry_check_sort(table, XTEST_ARRAY_SIZE(table),
					     err, sizeof(err)), 0);
}

/* The plan as "ID:k,k ID:k" for one readable comparison. */
static const char *plan_string(const struct select_plan *p)
{
	static char buf[512];
	size_t i, k, pos = 0;

	buf[0] = '\0';
	for (i = 0; i < p->nitems; i++) {
		const struct xtest_case *tc = p->items[i].tc;
		const char *sep = ":";

		pos += (size_t)snprintf(buf + pos, sizeof(buf) - pos, "%s%s",
					i ? " " : "", tc->id);
		for (k = 0; k < tc->nsubs; k++) {
			if (!p->items[i].sub_on[k])
				continue;
			pos += (size_t)snprintf(buf + pos, sizeof(buf) - pos,
						"%s%u", sep, tc->subs[k].num);
			sep = ",";
		}
	}
	return buf;
}

static int plan_try(struct select_filter *f, char *out, size_t len)
{
	struct select_plan p;
	char err[160];
	int rc;

	rc = select_plan_build(table, XTEST_ARRAY_SIZE(table), f, &p, err,
			       sizeof(err));
	if (rc) {
		snprintf(out, len, "error: %s", err);
		return rc;
	}
	snprintf(out, len, "%s", plan_string(&p));
	select_plan_free(&p);
	return 0;
}

static void expect_plan(struct select_filter *f, const char *want)
{
	char got[512];

	plan_try(f, got, sizeof(got));
	assert_string_equal(got, want);
}

/* ---- the case table ----------------------------------------------------- */

static void test_registry_sorts_naturally(void **state)
{
	(void)state;
	table_load();
	/* By suite, then 1002 before 1010 (not strcmp order for numbers). */
	assert_string_equal(table[0]->id, "gp.01-02-03");
	assert_string_equal(table[1]->id, "gp.01-02-04");
	assert_string_equal(table[2]->id, "1001");
	assert_string_equal(table[3]->id, "1002");
	assert_string_equal(table[4]->id, "1005");
	assert_string_equal(table[5]->id, "1010");
	assert_string_equal(table[6]->id, "4001");
}

static void test_registry_rejects_duplicates(void **state)
{
	static const struct xtest_sub twice[] = {
		{ 1, "a", sub_nop },
		{ 1, "b", sub_nop },
	};
	CASE(dup_sub, "1099", "regression", 0, twice);
	CASE(same_id, "1001", "gp", 0, one_sub);
	const struct xtest_case *t1[] = { &c1001, &same_id };
	const struct xtest_case *t2[] = { &dup_sub };
	char err[128];

	(void)state;
	assert_int_not_equal(registry_check_sort(t1, 2, err, sizeof(err)), 0);
	assert_string_equal(err, "test case 1001 is declared twice");
	assert_int_not_equal(registry_check_sort(t2, 1, err, sizeof(err)), 0);
	assert_string_equal(err, "test case 1099: sub-case 1 is declared twice");
}

XTEST_CASE(linked_case, .id = "9999", .suite = "selftest",
	   .title = "a case linked into the test program",
	   .subs = one_sub, .nsubs = XTEST_ARRAY_SIZE(one_sub));

static void test_registry_finds_linked_cases(void **state)
{
	const struct xtest_case **cases;
	char err[128];
	size_t n;

	(void)state;
	assert_int_equal(registry_load(&cases, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 1);
	assert_ptr_equal(cases[0], &linked_case);
	free(cases);
}

/* ---- selection ---------------------------------------------------------- */

static void test_select_suite_and_level(void **state)
{
	struct select_filter f = { 0 };

	(void)state;
	table_load();
	/* Level 0 leaves the slow 1005 out; every suite without -t. */
	expect_plan(&f, "gp.01-02-03:1,2,3 gp.01-02-04:1 1001:1,2,3 "
		    "1002:1,2,3 1010:1 4001:1");
	f.suite = "regression";
	expect_plan(&f, "1001:1,2,3 1002:1,2,3 1010:1 4001:1");
	f.level = 1;
	expect_plan(&f, "1001:1,2,3 1002:1,2,3 1005:1 1010:1 4001:1");
	f.suite = "gp";
	expect_plan(&f, "gp.01-02-03:1,2,3 gp.01-02-04:1");
}

static void test_select_ids(void **state)
{
	const char *ids[] = { "1010", "1002.3", "1005", "gp.01-02-03.2",
			      "1002.1" };
	struct select_filter f = { .ids = ids, .nids = 5 };

	(void)state;
	table_load();
	/* Named slow cases run at level 0; table order, not argument order. */
	expect_plan(&f, "gp.01-02-03:2 1002:1,3 1005:1 1010:1");
}

static void test_select_excludes(void **state)
{
	const char *excl[] = { "1002", "1001.2", "gp.01-02-04", "4001.1" };
	const char *ids[] = { "1001", "1002.2" };
	struct select_filter f = { .suite = "regression", .excludes = excl,
				   .nexcludes = 4 };

	(void)state;
	table_load();
	/* A case left with no sub-case (4001) is not run at all. */
	expect_plan(&f, "1001:1,3 1010:1");
	/* Exclusions win over IDs. */
	f.ids = ids;
	f.nids = 2;
	expect_plan(&f, "1001:1,3");
}

static void test_select_errors(void **state)
{
	const char *unknown[] = { "1099" };
	const char *no_sub[] = { "1002.9" };
	const char *gp_id[] = { "gp.01-02-03" };
	struct select_filter f = { .ids = unknown, .nids = 1 };
	char got[256];

	(void)state;
	table_load();
	assert_int_not_equal(plan_try(&f, got, sizeof(got)), 0);
	assert_string_equal(got, "error: no test case \"1099\"");
	f.ids = no_sub;
	assert_int_not_equal(plan_try(&f, got, sizeof(got)), 0);
	assert_string_equal(got, "error: test case 1002 has no sub-case 9");
	f.ids = gp_id;
	f.suite = "regression";
	assert_int_not_equal(plan_try(&f, got, sizeof(got)), 0);
	assert_string_equal(got,
		"error: test case gp.01-02-03 is in suite gp, not regression");
	f.nids = 0;
	f.excludes = unknown;
	f.nexcludes = 1;
	assert_int_not_equal(plan_try(&f, got, sizeof(got)), 0);
	assert_string_equal(got, "error: no test case \"1099\"");
}

static void test_select_shards(void **state)
{
	struct select_filter f = { .suite = "regression", .shard_n = 3 };

	(void)state;
	table_load();
	/* 4 cases dealt over 3 shards; each case in exactly one shard. */
	f.shard_k = 1;
	expect_plan(&f, "1001:1,2,3 4001:1");
	f.shard_k = 2;
	expect_plan(&f, "1002:1,2,3");
	f.shard_k = 3;
	expect_plan(&f, "1010:1");
	/* More shards than cases: some shards are empty, not an error. */
	f.shard_n = 6;
	f.shard_k = 6;
	expect_plan(&f, "");
	f.shard_k = 7;
	expect_plan(&f, "error: shard 7/6: K must be 1..6");
}

static void test_select_describe(void **state)
{
	const char *ids[] = { "1002", "1003.1" };
	const char *excl[] = { "1002.3" };
	struct select_filter f = { 0 };
	char buf[128];

	(void)state;
	select_filter_describe(&f, buf, sizeof(buf));
	assert_string_equal(buf, "");
	f.ids = ids;
	f.nids = 2;
	f.excludes = excl;
	f.nexcludes = 1;
	f.shard_k = 2;
	f.shard_n = 4;
	select_filter_describe(&f, buf, sizeof(buf));
	assert_string_equal(buf, "1002 1003.1 -x 1002.3 --shard 2/4");
	/* Truncation keeps a terminated string. */
	select_filter_describe(&f, buf, 8);
	assert_string_equal(buf, "1002 10");
}

/* ---- the command line --------------------------------------------------- */

static int parse(struct options *o, char *err, size_t len, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;
	int rc;

	argv[argc++] = "xtest";
	va_start(ap, len);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	rc = options_parse(argc, argv, o, err, len);
	return rc;
}

static void test_options_parse(void **state)
{
	struct options o;
	char err[128];

	(void)state;
	assert_int_equal(parse(&o, err, sizeof(err), "-t", "regression",
			       "1002", "-x", "1002.3", "--shard", "2/4",
			       "--timeout", "5", "--tee", "unix:/run/c.sock",
			       "1003", "--repeat", "3", "--junit", "r.xml",
			       "--tap", "-l", "2", NULL), 0);
	assert_string_equal(o.filter.suite, "regression");
	assert_int_equal(o.filter.nids, 2);
	assert_string_equal(o.filter.ids[0], "1002");
	assert_string_equal(o.filter.ids[1], "1003");
	assert_int_equal(o.filter.nexcludes, 1);
	assert_string_equal(o.filter.excludes[0], "1002.3");
	assert_int_equal(o.filter.shard_k, 2);
	assert_int_equal(o.filter.shard_n, 4);
	assert_int_equal(o.filter.level, 2);
	assert_int_equal(o.timeout_s, 5);
	assert_int_equal(o.repeat, 3);
	assert_int_equal(o.tee, OPTIONS_TEE_UNIX);
	assert_string_equal(o.tee_arg, "unix:/run/c.sock");
	assert_string_equal(o.junit_path, "r.xml");
	assert_true(o.tap);
	options_free(&o);

	/* A TEE device: libteec's dev backend. */
	assert_int_equal(parse(&o, err, sizeof(err), "--tee", "/dev/tee1",
			       NULL), 0);
	assert_int_equal(o.tee, OPTIONS_TEE_DEV);
	assert_string_equal(o.tee_arg, "/dev/tee1");
	options_free(&o);

	assert_int_equal(parse(&o, err, sizeof(err), NULL), 0);
	assert_int_equal(o.timeout_s, OPTIONS_DEFAULT_TIMEOUT_S);
	assert_int_equal(o.repeat, 1);
	assert_int_equal(o.tee, OPTIONS_TEE_PRIVATE);
	assert_int_equal(o.filter.shard_n, 0);
	options_free(&o);
}

static void test_options_errors(void **state)
{
	static const char *const bad[][3] = {
		{ "--shard", "0/2", "--shard 0/2: expected K/N with 1 <= K <= N" },
		{ "--shard", "3/2", "--shard 3/2: expected K/N with 1 <= K <= N" },
		{ "--shard", "1", "--shard 1: expected K/N with 1 <= K <= N" },
		{ "--timeout", "0", "--timeout 0: S must be 1..86400 seconds" },
		{ "--timeout", "5s", "--timeout 5s: S must be 1..86400 seconds" },
		{ "--tee", "tee0", "--tee tee0: expected sim, unix:PATH or /dev/teeN" },
		{ "--tee", "/dev/", "--tee /dev/: expected sim, unix:PATH or /dev/teeN" },
		{ "--repeat", "-1", "--repeat -1: N must be 1..1000000" },
	};
	struct options o;
	char err[128];
	size_t i;

	(void)state;
	for (i = 0; i < XTEST_ARRAY_SIZE(bad); i++) {
		assert_int_not_equal(parse(&o, err, sizeof(err), bad[i][0],
					   bad[i][1], NULL), 0);
		assert_string_equal(err, bad[i][2]);
		options_free(&o);
	}
	assert_int_not_equal(parse(&o, err, sizeof(err), "--bogus", NULL), 0);
	assert_string_equal(err, "unknown option --bogus");
	options_free(&o);
	assert_int_not_equal(parse(&o, err, sizeof(err), "-x", NULL), 0);
	assert_string_equal(err, "-x needs an argument");
	options_free(&o);
}

/* ---- results and reports ------------------------------------------------ */

/* Results of a made-up run: 1001 passed, 1002 failed .2, 4001 skipped. */
struct fake_run {
	struct results res;
	const struct xtest_sub *subs3[3];
	const struct xtest_sub *subs1[1];
};

static void add_run(struct results_case *rc, enum results_status st,
		    const char *reason, const int *sub_st)
{
	struct results_run run = {
		.status = st, .seconds = 0.5, .nsubs = rc->nsubs,
		.sub_status = sub_st,
	};

	snprintf(run.reason, sizeof(run.reason), "%s", reason);
	assert_int_equal(results_add_run(rc, &run, "out\x01put\n", 8), 0);
}

static void fake_run_make(struct fake_run *f)
{
	static const int all_pass[] = { RESULTS_PASSED, RESULTS_PASSED,
					RESULTS_PASSED };
	static const int one_fail[] = { RESULTS_PASSED, RESULTS_FAILED,
					RESULTS_PASSED };
	static const int skip[] = { RESULTS_SKIPPED };
	size_t i;

	for (i = 0; i < 3; i++)
		f->subs3[i] = three_subs + i;
	f->subs1[0] = one_sub;
	assert_int_equal(results_init(&f->res, 4), 0);
	assert_int_equal(results_case_init(f->res.cases + 0, &c1001, f->subs3, 3), 0);
	assert_int_equal(results_case_init(f->res.cases + 1, &c1002, f->subs3, 3), 0);
	assert_int_equal(results_case_init(f->res.cases + 2, &c4001, f->subs1, 1), 0);
	assert_int_equal(results_case_init(f->res.cases + 3, &cgp2, f->subs1, 1), 0);
	add_run(f->res.cases + 0, RESULTS_PASSED, "", all_pass);
	add_run(f->res.cases + 1, RESULTS_FAILED, "failed: 1002.2", one_fail);
	add_run(f->res.cases + 2, RESULTS_SKIPPED, "needs root", skip);
	/* gp.01-02-04 never ran: the run was stopped before it. */
}

static void test_results_repeat(void **state)
{
	static const int pass[] = { RESULTS_PASSED };
	static const int fail[] = { RESULTS_RUNNING };
	const struct xtest_sub *subs[] = { one_sub };
	struct results res;

	(void)state;
	assert_int_equal(results_init(&res, 1), 0);
	assert_int_equal(results_case_init(res.cases, &c1010, subs, 1), 0);
	add_run(res.cases, RESULTS_PASSED, "", pass);
	add_run(res.cases, RESULTS_FAILED, "timeout after 1 s in 1010.1", fail);
	add_run(res.cases, RESULTS_PASSED, "", pass);
	/* One failed run of three fails the case, and says why. */
	assert_int_equal(res.cases[0].status, RESULTS_FAILED);
	assert_int_equal(res.cases[0].runs, 3);
	assert_int_equal(res.cases[0].runs_failed, 1);
	assert_string_equal(res.cases[0].reason, "timeout after 1 s in 1010.1");
	assert_int_equal(res.cases[0].subs[0].passed, 2);
	assert_int_equal(res.cases[0].subs[0].failed, 1);
	assert_non_null(res.cases[0].output);
	results_free(&res);
}

static char *capture_summary(const struct results *r, const char *filter)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	report_summary(f, r, filter);
	fclose(f);
	return text;
}

static void test_report_summary(void **state)
{
	struct fake_run f;
	char *text;

	(void)state;
	fake_run_make(&f);
	text = capture_summary(&f.res, "1001 1002 4001 -x 1003");
	assert_string_equal(text,
		"+-----------------------------------------------------\n"
		"Result of testsuite regression filtered by \"1001 1002 4001 -x 1003\":\n"
		"1001 OK\n"
		"1002 FAILED\n"
		"4001 SKIPPED\n"
		"+-----------------------------------------------------\n"
		"6 subtests of which 1 failed\n"
		"2 test cases of which 1 failed\n"
		"1 test cases were skipped\n"
		"xtest: 1 passed, 1 failed, 1 skipped\n");
	free(text);

	f.res.stop_signal = 2;
	f.res.ncases = 1;
	text = capture_summary(&f.res, "");
	assert_string_equal(text,
		"+-----------------------------------------------------\n"
		"Result of testsuite regression:\n"
		"1001 OK\n"
		"+-----------------------------------------------------\n"
		"3 subtests of which 0 failed\n"
		"1 test cases of which 0 failed\n"
		"0 test cases were skipped\n"
		"xtest: stopped by signal 2 (Interrupt); 0 test cases not run\n"
		"xtest: 1 passed, 0 failed, 0 skipped\n");
	free(text);
	f.res.ncases = 4;
	results_free(&f.res);
}

static void test_tap_point(void **state)
{
	static const int st[] = { RESULTS_PASSED, RESULTS_SKIPPED,
				  RESULTS_FAILED };
	static const struct xtest_sub hash_sub[] = { { 1, "a # b", sub_nop } };
	const struct xtest_sub *subs[] = { three_subs, three_subs + 1,
					   three_subs + 2 };
	const struct xtest_sub *hsubs[] = { hash_sub };
	static const int hst[] = { RESULTS_NOT_RUN };
	struct results_run run = { .status = RESULTS_FAILED, .subs = subs,
				   .sub_status = st, .nsubs = 3 };
	char *text = NULL;
	bool bol = true;
	size_t len = 0;
	FILE *f;

	(void)state;
	snprintf(run.reason, sizeof(run.reason), "failed: 1002.3");
	f = open_memstream(&text, &len);
	tap_begin(f, 2);
	tap_comment(f, "line one\nline", 13, &bol);
	tap_comment(f, " two\n", 5, &bol);
	tap_point(f, 1, &c1002, &run);
	run.status = RESULTS_FAILED;
	run.subs = hsubs;
	run.sub_status = hst;
	run.nsubs = 1;
	snprintf(run.reason, sizeof(run.reason), "timeout after 2 s");
	tap_point(f, 2, &c1010, &run);
	fclose(f);
	assert_string_equal(text,
		"TAP version 14\n"
		"1..2\n"
		"# line one\n"
		"# line two\n"
		"    # Subtest: 1002\n"
		"    ok 1 - 1002.1 first\n"
		"    ok 2 - 1002.2 second # SKIP\n"
		"    not ok 3 - 1002.3 third\n"
		"    1..3\n"
		"# 1002: failed: 1002.3\n"
		"not ok 1 - 1002 title 1002\n"
		"# 1010: timeout after 2 s\n"
		"not ok 2 - 1010 title 1010\n");
	free(text);

	/* '#' in a description is escaped. */
	text = NULL;
	f = open_memstream(&text, &len);
	run.status = RESULTS_PASSED;
	run.sub_status = (const int[]){ RESULTS_PASSED };
	tap_point(f, 3, &c1010, &run);
	fclose(f);
	assert_string_equal(text,
		"    # Subtest: 1010\n"
		"    ok 1 - 1010.1 a \\# b\n"
		"    1..1\n"
		"ok 3 - 1010 title 1010\n");
	free(text);
}

static long xpath_count(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr obj;
	long n;

	assert_non_null(ctx);
	obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	assert_non_null(obj);
	n = (long)xmlXPathCastToNumber(obj);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	return n;
}

static void test_junit(void **state)
{
	char path[] = "/tmp/xtest-junit-XXXXXX";
	struct fake_run f;
	xmlDocPtr doc;
	int fd;

	(void)state;
	fake_run_make(&f);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(junit_write(path, &f.res), 0);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	unlink(path);
	/* It parses: escaping and the control byte in the output are handled. */
	assert_non_null(doc);
	assert_int_equal(xpath_count(doc, "count(/testsuites/testsuite)"), 2);
	assert_int_equal(xpath_count(doc, "number(/testsuites/@tests)"), 7);
	assert_int_equal(xpath_count(doc, "number(/testsuites/@failures)"), 1);
	assert_int_equal(xpath_count(doc, "number(/testsuites/@skipped)"), 1);
	assert_int_equal(xpath_count(doc,
		"count(//testcase[@name='1002.2 second']/failure)"), 1);
	assert_int_equal(xpath_count(doc,
		"count(//testcase[@name='1002.2 second']/system-out)"), 1);
	assert_int_equal(xpath_count(doc,
		"count(//testcase[@classname='regression.1002']/system-out)"), 1);
	assert_int_equal(xpath_count(doc,
		"count(//testcase[@name='4001.1 only']/skipped[@message='needs root'])"),
		1);
	xmlFreeDoc(doc);
	results_free(&f.res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry_sorts_naturally),
		cmocka_unit_test(test_registry_rejects_duplicates),
		cmocka_unit_test(test_registry_finds_linked_cases),
		cmocka_unit_test(test_select_suite_and_level),
		cmocka_unit_test(test_select_ids),
		cmocka_unit_test(test_select_excludes),
		cmocka_unit_test(test_select_errors),
		cmocka_unit_test(test_select_shards),
		cmocka_unit_test(test_select_describe),
		cmocka_unit_test(test_options_parse),
		cmocka_unit_test(test_options_errors),
		cmocka_unit_test(test_results_repeat),
		cmocka_unit_test(test_report_summary),
		cmocka_unit_test(test_tap_point),
		cmocka_unit_test(test_junit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
