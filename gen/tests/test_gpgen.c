/*
 * Unit tests of gpgen: exact diagnostics for each fixture, generated C that
 * compiles and runs; run from the top of the tree (make test does).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

#include "../gpgen.h"

#ifndef GPGEN_TEST_CC
#define GPGEN_TEST_CC "cc"
#endif

#define XML		"gen/tests/xml/"
#define CFLAGS		"-std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE " \
			"-Iinclude -Igen/runtime -Ixtest"
#define RUNTIME		"gen/runtime/gp_expect.c gen/runtime/gp_client.c " \
			"gen/runtime/gp_fixture.c gen/runtime/gp_tta.c"

static const char *test_out(void)
{
	const char *out = getenv("TEECHECK_OUT");

	return out && *out ? out : "out";
}

/* A scratch directory under the build output, made once. */
static const char *test_dir(void)
{
	static char dir[512];

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "%s/tests/gpgen", test_out());
		mkdir(dir, 0777);
	}
	return dir;
}

/* One gpgen run over the given files; the caller frees it. */
static struct gpgen *test_run(const char *area, const char *exclude,
			      const char *first, ...)
{
	struct gpgen_opts opts = { .datadir = "gen", .area = area };
	const char *path;
	struct gpgen *g;
	va_list ap;

	assert_int_equal(gpgen_new(&opts, &g), 0);
	if (exclude)
		assert_int_equal(gpgen_exclude(g, exclude), 0);
	va_start(ap, first);
	for (path = first; path; path = va_arg(ap, const char *))
		gpgen_input(g, path);
	va_end(ap);
	gpgen_finish(g);
	return g;
}

static int test_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int test_sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Runs a shell command and returns everything it printed. */
static char *test_capture(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static char *test_capture(const char *fmt, ...)
{
	char cmd[2048];
	char *buf = NULL;
	size_t len = 0;
	va_list ap;
	FILE *p;
	int c;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	assert_non_null(p);
	for (;;) {
		c = fgetc(p);
		buf = realloc(buf, len + 2);
		assert_non_null(buf);
		if (c == EOF)
			break;
		buf[len++] = (char)c;
	}
	buf[len] = '\0';
	pclose(p);
	return buf;
}

static void test_write(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Writes output i of g to the scratch directory as NAME.c. */
static void test_save(struct gpgen *g, size_t i, const char *name,
		      char *path, size_t size)
{
	const char *text;
	size_t len;

	text = gpgen_output(g, i, NULL, &len);
	assert_non_null(text);
	snprintf(path, size, "%s/%s.c", test_dir(), name);
	test_write(path, text, len);
}

static void test_compiles(struct gpgen *g, size_t i, const char *name)
{
	char path[600];

	test_save(g, i, name, path, sizeof(path));
	assert_int_equal(test_sh(GPGEN_TEST_CC " " CFLAGS " -c %s -o %s.o",
				 path, path), 0);
}

static void test_diag(const char *file, const char *area,
		      const char *expected)
{
	struct gpgen *g = test_run(area, NULL, file, NULL);

	assert_string_equal(gpgen_diagnostics(g), expected);
	assert_int_equal(gpgen_outputs(g), 0);
	gpgen_free(g);
}

/* Valid files of each area: no diagnostics, and C that compiles. */

static void test_client_area(void **state)
{
	struct gpgen *g = test_run(NULL, NULL, XML "client_api.xml", NULL);
	const char *c;

	(void)state;
	assert_string_equal(gpgen_diagnostics(g), "");
	assert_int_equal(gpgen_outputs(g), 1);
	c = gpgen_output(g, 0, NULL, NULL);
	assert_non_null(strstr(c, "(area client)"));
	assert_non_null(strstr(c,
		"XTEST_CASE(gp_case_gx_c1_02, .id = \"gp.gx-c1-02\", "
		".suite = \"gp\",\n"
		"\t   .title = \"TEEC_OpenSession with an unknown UUID fails, "
		"not from the TA\",\n"));
	/* The preamble's OpenSession is there: the bug gpgen exists to end. */
	assert_non_null(strstr(c,
		"#line 81 \"gen/tests/xml/client_api.xml\"\n"
		"\tGP_OPEN_SESSION(CONTEXT01, SESSION01, TTA_testingClientAPI, "
		"TEEC_LOGIN_PUBLIC, NULL, NULL, GP_ORIGIN_ANY, TEEC_SUCCESS);\n"
		"#line 94 \"gen/tests/xml/client_api.xml\"\n"
		"\tGP_EXPECT_RESULT(TEEC_SUCCESS, GP_REGISTER_SHM(CONTEXT01, "
		"SHARE_MEM01, SIZE_VALUE01, TEEC_MEM_INOUT));\n"));
	/* The observation follows its invoke. */
	assert_non_null(strstr(c,
		"#line 134 \"gen/tests/xml/client_api.xml\"\n"
		"\tGP_INVOKE(SESSION01, COMMAND_TTA_Success, OPERATION01, "
		"TEEC_ORIGIN_TRUSTED_APP, TEEC_SUCCESS);\n"
		"#line 142 \"gen/tests/xml/client_api.xml\"\n"
		"\tGP_CHECK_SHM(OPERATION01, 0, SHARE_MEM01, VALUE01, "
		"SIZE_VALUE01);\n"));
	test_compiles(g, 0, "client_api");
	gpgen_free(g);
}

static void test_tcf_area(void **state)
{
	struct gpgen *g = test_run(NULL, NULL, XML "tcf_examples.xml", NULL);
	const char *c;

	(void)state;
	assert_string_equal(gpgen_diagnostics(g), "");
	c = gpgen_output(g, 0, NULL, NULL);
	assert_non_null(c);
	assert_non_null(strstr(c, "(area tcf)"));
	assert_non_null(strstr(c,
		"\tGP_EXPECT_RESULT(TEEC_ERROR_TARGET_DEAD, "
		"gp_tta_invoke(SESSION01, CMD_TEE_Panic));\n"));
	assert_non_null(strstr(c, "gp_tcf_get_instance_data(__FILE__, "
			       "__LINE__, SESSION01, CMD_TEE_GetInstanceData, "
			       "STRING_SAMPLE_SIZE_4_CHAR)"));
	test_compiles(g, 0, "tcf_examples");
	gpgen_free(g);
}

static void test_time_area(void **state)
{
	struct gpgen *g = test_run(NULL, NULL, XML "time_examples.xml", NULL);
	const char *c;

	(void)state;
	assert_string_equal(gpgen_diagnostics(g), "");
	c = gpgen_output(g, 0, NULL, NULL);
	assert_non_null(c);
	assert_non_null(strstr(c, "(area time)"));
	assert_non_null(strstr(c,
		"\tGP_EXPECT_RESULT(TEEC_SUCCESS, gp_tta_invoke_value("
		"SESSION01, CMD_TEE_Wait, CASE_WAIT_SUCCESS, 0));\n"));
	assert_non_null(strstr(c,
		"\tGP_THREAD_JOIN(THREAD01, TEEC_ORIGIN_TRUSTED_APP, "
		"TEEC_ERROR_CANCEL);\n"));
	test_compiles(g, 0, "time_examples");
	gpgen_free(g);
}

/* Sequencing faults: exact messages, no output. */

static void test_invoke_before_open(void **state)
{
	(void)state;
	test_diag(XML "seq_invoke_before_open.xml", "client",
		  XML "seq_invoke_before_open.xml:8: scenario \"Invoke before "
		  "open (gx-f1-01)\": step 2: SESSION01 is used before it is "
		  "opened\n");
}

static void test_double_open(void **state)
{
	(void)state;
	test_diag(XML "seq_double_open.xml", "client",
		  XML "seq_double_open.xml:9: scenario \"Double open "
		  "(gx-f1-02)\": step 3: SESSION01 is opened again while still "
		  "open (opened at step 2)\n");
}

static void test_use_after_close(void **state)
{
	(void)state;
	test_diag(XML "seq_use_after_close.xml", "client",
		  XML "seq_use_after_close.xml:10: scenario \"Use after close "
		  "(gx-f1-03)\": step 4: SESSION01 is used after it was closed "
		  "at step 3\n"
		  XML "seq_use_after_close.xml:12: scenario \"Use after close "
		  "(gx-f1-03)\": step 6: CONTEXT01 is used after it was "
		  "finalized at step 5\n");
}

static void test_release_before_use(void **state)
{
	(void)state;
	test_diag(XML "seq_release_before_use.xml", "client",
		  XML "seq_release_before_use.xml:8: scenario \"Release before "
		  "allocation (gx-f1-04)\": step 2: SHARE_MEM01 is released "
		  "before it is allocated\n"
		  XML "seq_release_before_use.xml:19: scenario \"Invoke with "
		  "released memory (gx-f1-05)\": step 6: OPERATION01 parameter "
		  "0 refers to SHARE_MEM01, which was released at step 5\n");
}

static void test_other_context(void **state)
{
	(void)state;
	test_diag(XML "seq_other_context.xml", "client",
		  XML "seq_other_context.xml:13: scenario \"Session and memory "
		  "of different contexts (gx-f1-06)\": step 7: SESSION01 "
		  "belongs to CONTEXT01 but SHARE_MEM01 (OPERATION01 parameter "
		  "0) belongs to CONTEXT02\n");
}

static void test_thread_not_joined(void **state)
{
	(void)state;
	test_diag(XML "seq_thread.xml", "client",
		  XML "seq_thread.xml:9: scenario \"Thread never joined "
		  "(gx-f1-07)\": step 3: THREAD02 is joined before it is "
		  "started\n"
		  XML "seq_thread.xml:10: scenario \"Thread never joined "
		  "(gx-f1-07)\": step 4: THREAD01 is still running at the end "
		  "of the scenario; it must be joined\n");
}

/*
 * Finalizing a context with its session open, or leaving things open, is
 * a warning: gpgen adds the cleanup, at the XML line that needed it.
 */
static void test_cleanup_warnings(void **state)
{
	struct gpgen *g = test_run("client", NULL, XML "seq_cleanup.xml",
				   NULL);
	const char *c;

	(void)state;
	assert_string_equal(gpgen_diagnostics(g),
		XML "seq_cleanup.xml:10: scenario \"Finalize with a session "
		"open (gx-w1-01)\": step 4: warning: CONTEXT01 is finalized "
		"while SESSION01 is still open; generated cleanup calls "
		"CloseSession first\n"
		XML "seq_cleanup.xml:17: scenario \"Left open at the end "
		"(gx-w1-02)\": step 3: warning: SHARE_MEM01 is still allocated "
		"at the end of the scenario; generated cleanup calls "
		"ReleaseSharedMemory\n"
		XML "seq_cleanup.xml:16: scenario \"Left open at the end "
		"(gx-w1-02)\": step 2: warning: SESSION01 is still open at the "
		"end of the scenario; generated cleanup calls CloseSession\n"
		XML "seq_cleanup.xml:15: scenario \"Left open at the end "
		"(gx-w1-02)\": step 1: warning: CONTEXT01 is still initialized "
		"at the end of the scenario; generated cleanup calls "
		"FinalizeContext\n");
	assert_int_equal(gpgen_errors(g), 0);
	assert_int_equal(gpgen_warnings(g), 4);
	c = gpgen_output(g, 0, NULL, NULL);
	assert_non_null(c);
	assert_non_null(strstr(c,
		"#line 10 \"gen/tests/xml/seq_cleanup.xml\"\n"
		"\tgp_close_session(SESSION01); /* cleanup added by gpgen */\n"
		"#line 10 \"gen/tests/xml/seq_cleanup.xml\"\n"
		"\tgp_finalize_context(CONTEXT01);\n"));
	assert_non_null(strstr(c,
		"#line 17 \"gen/tests/xml/seq_cleanup.xml\"\n"
		"\tgp_release_shm(SHARE_MEM01); /* cleanup added by gpgen */\n"
		"#line 16 \"gen/tests/xml/seq_cleanup.xml\"\n"
		"\tgp_close_session(SESSION01); /* cleanup added by gpgen */\n"
		"#line 15 \"gen/tests/xml/seq_cleanup.xml\"\n"
		"\tgp_finalize_context(CONTEXT01); /* cleanup added by gpgen */\n"
		"}\n"));
	test_compiles(g, 0, "seq_cleanup");
	gpgen_free(g);
}

/* Input that is not the format at all. */

static void test_malformed_xml(void **state)
{
	(void)state;
	test_diag(XML "malformed.xml", "client",
		  XML "malformed.xml:8: malformed XML: Opening and ending tag "
		  "mismatch: body line 6 and preamble\n");
}

static void test_schema_violations(void **state)
{
	(void)state;
	test_diag(XML "schema_order.xml", "client",
		  XML "schema_order.xml:7: schema: Did not expect element "
		  "preamble there\n"
		  XML "schema_order.xml:11: schema: Element value failed to "
		  "validate attributes\n"
		  XML "schema_order.xml:16: schema: Did not expect element "
		  "operation there\n");
}

static void test_entities_refused(void **state)
{
	(void)state;
	test_diag(XML "entity.xml", "client",
		  XML "entity.xml:4: malformed XML: Attribute references "
		  "external entity 'secret'\n");
}

static void test_missing_file(void **state)
{
	(void)state;
	test_diag(XML "no_such_file.xml", "client",
		  XML "no_such_file.xml: cannot read: No such file or "
		  "directory\n");
}

static void test_unknown_operation(void **state)
{
	(void)state;
	test_diag(XML "unknown_op.xml", "client",
		  XML "unknown_op.xml:8: scenario \"Unknown operation "
		  "(gx-f2-01)\": step 2: unknown operation \"Frobnicate\" "
		  "(area client)\n");
}

static void test_missing_expected(void **state)
{
	(void)state;
	test_diag(XML "missing_expected.xml", "client",
		  XML "missing_expected.xml:8: scenario \"Missing expected "
		  "result (gx-f2-02)\": step 2: OpenSession has no expected "
		  "result (a last argument whose parameter name contains "
		  "\"xpected\")\n"
		  XML "missing_expected.xml:9: scenario \"Missing expected "
		  "result (gx-f2-02)\": step 3: argument 1 of OpenSession must "
		  "be a context, not SESSION01\n"
		  XML "missing_expected.xml:9: scenario \"Missing expected "
		  "result (gx-f2-02)\": step 3: argument 2 of OpenSession must "
		  "be a session, not CONTEXT01\n"
		  XML "missing_expected.xml:10: scenario \"Missing expected "
		  "result (gx-f2-02)\": step 4: InvokeCommand takes 4 "
		  "arguments before the expected result, not 3\n");
}

/* Scenario codes and IDs. */

static void test_duplicate_code(void **state)
{
	(void)state;
	test_diag(XML "duplicate_code.xml", "client",
		  XML "duplicate_code.xml:11: scenario \"Second (GX-F3-01)\": "
		  "scenario code gx-f3-01 is already used at "
		  XML "duplicate_code.xml:5\n"
		  XML "duplicate_code.xml:17: scenario \"No code at all\": the "
		  "name does not end with a scenario code \"(xx-yy-zz)\"\n");
}

static void test_duplicate_across_files(void **state)
{
	struct gpgen *g = test_run(NULL, NULL, XML "client_api.xml",
				   XML "client_api.xml", NULL);
	const char *d = gpgen_diagnostics(g);

	(void)state;
	assert_int_equal(gpgen_errors(g), 4);
	assert_non_null(strstr(d,
		XML "client_api.xml:6: scenario \"TEEC_InitializeContext "
		"with a NULL name, then TEEC_FinalizeContext (gx-c1-01)\": "
		"scenario code gx-c1-01 is already used at "
		XML "client_api.xml:6\n"));
	assert_int_equal(gpgen_outputs(g), 1);
	gpgen_free(g);
}

/* The C of one scenario: from its function's #line to its closing brace. */
static char *test_function(const char *c, const char *sym)
{
	char head[128];
	const char *start, *end;

	snprintf(head, sizeof(head), "static void gp_run_%s(void **state)\n{",
		 sym);
	start = strstr(c, head);
	if (!start)
		return NULL;
	end = strstr(start, "\n}\n");
	assert_non_null(end);
	return strndup(start, (size_t)(end - start));
}

static void test_exclusion_keeps_ids(void **state)
{
	struct gpgen *all = test_run(NULL, NULL, XML "client_api.xml", NULL);
	struct gpgen *ex = test_run(NULL, XML "exclude.txt",
				    XML "client_api.xml", NULL);
	const char *a = gpgen_output(all, 0, NULL, NULL);
	const char *e = gpgen_output(ex, 0, NULL, NULL);
	static const char *const kept[] = { "gx_c1_01", "gx_c1_03",
					    "gx_c1_04" };
	size_t i;

	(void)state;
	assert_non_null(a);
	assert_non_null(e);
	assert_string_equal(gpgen_diagnostics(ex),
		XML "exclude.txt:3: warning: no scenario has code gx-zz-99\n");
	assert_non_null(strstr(a, ".id = \"gp.gx-c1-02\""));
	assert_null(strstr(e, "gx-c1-02"));
	assert_null(strstr(e, "gx_c1_02"));
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		char *fa = test_function(a, kept[i]);
		char *fe = test_function(e, kept[i]);
		char id[64];

		assert_non_null(fa);
		assert_non_null(fe);
		assert_string_equal(fa, fe);
		snprintf(id, sizeof(id), ".id = \"gp.%.2s-%.2s-%.2s\"",
			 kept[i], kept[i] + 3, kept[i] + 6);
		assert_non_null(strstr(e, id));
		free(fa);
		free(fe);
	}
	gpgen_free(all);
	gpgen_free(ex);
}

static void test_bad_exclusion_list(void **state)
{
	struct gpgen_opts opts = { .datadir = "gen" };
	char path[600];
	struct gpgen *g;

	(void)state;
	snprintf(path, sizeof(path), "%s/bad_exclude.txt", test_dir());
	test_write(path, "gx-c1-01\nnot a code\n", 20);
	assert_int_equal(gpgen_new(&opts, &g), 0);
	assert_int_equal(gpgen_exclude(g, path), -EINVAL);
	assert_non_null(strstr(gpgen_diagnostics(g),
			       "bad_exclude.txt:2: \"not a code\" is not a "
			       "scenario code (xx-yy-zz)\n"));
	gpgen_free(g);
}

static void test_deterministic(void **state)
{
	struct gpgen *g1 = test_run(NULL, NULL, XML "time_examples.xml", NULL);
	struct gpgen *g2 = test_run(NULL, NULL, XML "time_examples.xml", NULL);
	const char *c1, *c2;
	size_t n1, n2;

	(void)state;
	c1 = gpgen_output(g1, 0, NULL, &n1);
	c2 = gpgen_output(g2, 0, NULL, &n2);
	assert_non_null(c1);
	assert_non_null(c2);
	assert_int_equal(n1, n2);
	assert_memory_equal(c1, c2, n1);
	gpgen_free(g1);
	gpgen_free(g2);
}

/* Areas. */

static void test_area_from_name(void **state)
{
	(void)state;
	test_diag(XML "seq_double_open.xml", NULL,
		  XML "seq_double_open.xml: no area matches the file or "
		  "package name; choose one with --area (client, tcf, time)\n");
}

static void test_unknown_area(void **state)
{
	struct gpgen_opts opts = { .datadir = "gen", .area = "storage" };
	struct gpgen *g;

	(void)state;
	assert_int_equal(gpgen_new(&opts, &g), -EINVAL);
	assert_string_equal(gpgen_diagnostics(g),
			    "gen/storage.xsl: no such area \"storage\"\n");
	gpgen_free(g);
}

/* Writes an area stylesheet whose table has the given elements. */
static void test_area_file(const char *dir, const char *name,
			   const char *table)
{
	char path[700], text[2048];
	int n;

	snprintf(path, sizeof(path), "%s/%s.xsl", dir, name);
	n = snprintf(text, sizeof(text),
		     "<?xml version=\"1.0\"?>\n"
		     "<xsl:stylesheet version=\"1.0\" "
		     "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" "
		     "xmlns:area=\"urn:teecheck:gpgen:area\">\n"
		     "<area:area>broken on purpose</area:area>\n"
		     "%s</xsl:stylesheet>\n", table);
	test_write(path, text, (size_t)n);
}

static void test_area_load(const char *dir, const char *area,
			   const char *expected)
{
	struct gpgen_opts opts = { .datadir = dir, .area = area };
	struct gpgen *g;

	assert_int_equal(gpgen_new(&opts, &g), -EINVAL);
	assert_string_equal(gpgen_diagnostics(g), expected);
	gpgen_free(g);
}

/* A broken area table is reported where it is broken, never used. */
static void test_area_table_errors(void **state)
{
	char dir[600], want[2048];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/areas", test_dir());
	assert_int_equal(test_sh("mkdir -p %s && cp gen/gp-suite.rng "
				 "gen/common.xsl %s", dir, dir), 0);
	test_area_file(dir, "badpos",
		       "<area:op name=\"Use\" args=\"1\">\n"
		       "<area:arg pos=\"2\" kind=\"session\" "
		       "effect=\"use\"/></area:op>\n");
	snprintf(want, sizeof(want), "%s/badpos.xsl:5: area table: "
		 "operation Use: pos must name one of its arguments\n", dir);
	test_area_load(dir, "badpos", want);

	test_area_file(dir, "badkind",
		       "<area:kind name=\"session\" prefix=\"SESSION\" "
		       "type=\"TEEC_Session\" release=\"Close\" "
		       "created=\"opened\" destroyed=\"closed\" "
		       "live=\"open\"/>\n"
		       "<area:op name=\"Open\" args=\"1\" "
		       "expect=\"required\"><area:arg pos=\"1\" "
		       "kind=\"sesion\" effect=\"create\"/></area:op>\n"
		       "<area:op name=\"Close\" args=\"2\"><area:arg "
		       "pos=\"1\" kind=\"session\" effect=\"destroy\"/>"
		       "</area:op>\n");
	snprintf(want, sizeof(want),
		 "%s/badkind.xsl: area table: kind session: release operation "
		 "Close must take one argument that it destroys and no "
		 "expected result\n"
		 "%s/badkind.xsl: area table: operation Open: unknown kind "
		 "sesion\n", dir, dir);
	test_area_load(dir, "badkind", want);

	/* Only files of the data directory may be imported. */
	test_area_file(dir, "outside",
		       "<xsl:import href=\"/etc/hostname\"/>\n");
	snprintf(want, sizeof(want),
		 "/etc/hostname: refused: gpgen reads no file outside its "
		 "data directory\n");
	test_area_load(dir, "outside", want);
}

/* The command line: exit status and what it writes. */

static void test_cli(void **state)
{
	char dir[600], *err;
	const char *d = test_dir();
	const char *bin = test_out();
	struct stat st;

	(void)state;
	assert_int_equal(test_sh("%s/bin/gpgen >/dev/null 2>&1", bin), 2);
	assert_int_equal(test_sh("%s/bin/gpgen --bogus x.xml >/dev/null "
				 "2>&1", bin), 2);
	assert_int_equal(test_sh("%s/bin/gpgen --area nope " XML
				 "client_api.xml >/dev/null 2>&1", bin), 2);
	/* An input error: status 1, message on stderr, nothing written. */
	snprintf(dir, sizeof(dir), "%s/cli_err.c", d);
	unlink(dir);
	err = test_capture("%s/bin/gpgen --area client -o %s " XML
			   "unknown_op.xml 2>&1; echo status=$?", bin, dir);
	assert_string_equal(err, XML "unknown_op.xml:8: scenario \"Unknown "
			    "operation (gx-f2-01)\": step 2: unknown operation "
			    "\"Frobnicate\" (area client)\nstatus=1\n");
	free(err);
	assert_int_not_equal(stat(dir, &st), 0);
	/* --check writes nothing and succeeds. */
	assert_int_equal(test_sh("%s/bin/gpgen --check -o %s " XML
				 "client_api.xml", bin, dir), 0);
	assert_int_not_equal(stat(dir, &st), 0);
	/* Several inputs: one C file each in the -o directory. */
	snprintf(dir, sizeof(dir), "%s/cli_out", d);
	assert_int_equal(test_sh("rm -rf %s && %s/bin/gpgen -o %s " XML
				 "client_api.xml " XML "tcf_examples.xml " XML
				 "time_examples.xml", dir, bin, dir), 0);
	assert_int_equal(test_sh("test -s %s/client_api.c && test -s "
				 "%s/tcf_examples.c && test -s "
				 "%s/time_examples.c", dir, dir, dir), 0);
}

/*
 * -o names something that is not a regular file: a FIFO, a symbolic link or
 * a device is written through, never replaced by a file of gpgen's own.
 */
static void test_cli_special_targets(void **state)
{
	char fifo[600], copy[600], link[600], target[600], dev[600];
	const char *d = test_dir();
	const char *bin = test_out();
	struct stat st;

	(void)state;
	snprintf(fifo, sizeof(fifo), "%s/target.fifo", d);
	snprintf(copy, sizeof(copy), "%s/target.fifo.read", d);
	unlink(fifo);
	unlink(copy);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(test_sh("timeout 20 cat %s >%s & %s/bin/gpgen -o %s "
				 XML "client_api.xml; s=$?; wait; exit $s",
				 fifo, copy, bin, fifo), 0);
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(stat(copy, &st), 0);
	assert_true(st.st_size > 0);

	/* A symbolic link stays one; the file it names gets the output. */
	snprintf(link, sizeof(link), "%s/target.link", d);
	snprintf(target, sizeof(target), "%s/target.linked.c", d);
	unlink(link);
	assert_int_equal(test_sh("echo old >%s", target), 0);
	assert_int_equal(symlink("target.linked.c", link), 0);
	assert_int_equal(test_sh("%s/bin/gpgen -o %s " XML "client_api.xml",
				 bin, link), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat(target, &st), 0);
	assert_true(st.st_size > 100);

	/* A character device (a null device of our own: needs CAP_MKNOD). */
	snprintf(dev, sizeof(dev), "%s/target.null", d);
	unlink(dev);
	if (mknod(dev, S_IFCHR | 0666, makedev(1, 3))) {
		print_message("no character device check: mknod: %s\n",
			      strerror(errno));
		return;
	}
	assert_int_equal(test_sh("%s/bin/gpgen -o %s " XML "client_api.xml",
				 bin, dev), 0);
	assert_int_equal(lstat(dev, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	unlink(dev);
}

/*
 * The generated cases themselves, linked with the runtime and a Client API
 * that records calls: steps run in XML order, cleanup runs where gpgen put
 * it, and a failed expectation names the XML line.
 */
static void test_generated_cases_run(void **state)
{
	struct gpgen *g = test_run(NULL, NULL, XML "client_api.xml", NULL);
	struct gpgen *w = test_run("client", NULL, XML "seq_cleanup.xml",
				   NULL);
	struct gpgen *f = test_run(NULL, NULL, XML "fail_midway.xml", NULL);
	char c1[600], c2[600], c3[600], exe[600];
	char *out;

	(void)state;
	test_save(g, 0, "run_client_api", c1, sizeof(c1));
	test_save(w, 0, "run_seq_cleanup", c2, sizeof(c2));
	test_save(f, 0, "run_fail_midway", c3, sizeof(c3));
	snprintf(exe, sizeof(exe), "%s/run_cases", test_dir());
	assert_int_equal(test_sh(GPGEN_TEST_CC " " CFLAGS " -o %s %s %s %s "
				 RUNTIME " gen/tests/fake_teec.c "
				 "gen/tests/run_cases.c -lcmocka -lpthread",
				 exe, c1, c2, c3), 0);

	out = test_capture("%s --list", exe);
	assert_non_null(strstr(out, "gp gp.gx-c1-01 TEEC_InitializeContext "
			       "with a NULL name, then TEEC_FinalizeContext\n"));
	assert_non_null(strstr(out, "gp gp.gx-w1-02 Left open at the end\n"));
	free(out);

	out = test_capture("%s gp.gx-c1-03 2>/dev/null; echo status=$?", exe);
	assert_non_null(strstr(out,
		"teec: InitializeContext\n"
		"teec: OpenSession\n"
		"teec: RegisterSharedMemory\n"
		"teec: InvokeCommand 0x5\n"
		"teec: ReleaseSharedMemory\n"
		"teec: CloseSession\n"
		"teec: FinalizeContext\n"));
	assert_non_null(strstr(out, "status=0\n"));
	free(out);

	out = test_capture("%s gp.gx-w1-01 2>/dev/null; echo status=$?", exe);
	assert_non_null(strstr(out,
		"teec: InvokeCommand 0x5\n"
		"teec: CloseSession\n"
		"teec: FinalizeContext\n"));
	assert_non_null(strstr(out, "status=0\n"));
	free(out);

	/*
	 * The fake TA opens every session: the expected error is missing.
	 * The session the step opened, and the context, are released all
	 * the same when the sub-case ends.
	 */
	out = test_capture("{ %s gp.gx-c1-02 2>/dev/null; echo status=$?; } | "
			   "grep -e '^teec: ' -e '^status='", exe);
	assert_string_equal(out,
		"teec: InitializeContext\n"
		"teec: OpenSession\n"
		"teec: CloseSession\n"
		"teec: FinalizeContext\n"
		"status=1\n");
	free(out);
	out = test_capture("%s gp.gx-c1-02 2>&1 >/dev/null", exe);
	assert_non_null(strstr(out, "gen/tests/xml/client_api.xml:45: "
			       "expected TEEC_ERROR_ITEM_NOT_FOUND got "
			       "0x00000000\n"));
	free(out);

	/*
	 * A failure halfway: what is still open is released once, last
	 * taken first; what the scenario released itself is not again.
	 */
	out = test_capture("{ %s gp.gx-f1-01 2>/dev/null; echo status=$?; } | "
			   "grep -e '^teec: ' -e '^status='", exe);
	assert_string_equal(out,
		"teec: InitializeContext\n"
		"teec: OpenSession\n"
		"teec: RegisterSharedMemory\n"
		"teec: AllocateSharedMemory\n"
		"teec: ReleaseSharedMemory\n"
		"teec: InvokeCommand 0x5\n"
		"teec: ReleaseSharedMemory\n"
		"teec: CloseSession\n"
		"teec: FinalizeContext\n"
		"status=1\n");
	free(out);
	out = test_capture("%s gp.gx-f1-01 2>&1 >/dev/null", exe);
	assert_non_null(strstr(out, "gen/tests/xml/fail_midway.xml:64: "
			       "expected TEEC_ERROR_GENERIC got "
			       "0x00000000\n"));
	free(out);
	gpgen_free(g);
	gpgen_free(w);
	gpgen_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_client_area),
		cmocka_unit_test(test_tcf_area),
		cmocka_unit_test(test_time_area),
		cmocka_unit_test(test_invoke_before_open),
		cmocka_unit_test(test_double_open),
		cmocka_unit_test(test_use_after_close),
		cmocka_unit_test(test_release_before_use),
		cmocka_unit_test(test_other_context),
		cmocka_unit_test(test_thread_not_joined),
		cmocka_unit_test(test_cleanup_warnings),
		cmocka_unit_test(test_malformed_xml),
		cmocka_unit_test(test_schema_violations),
		cmocka_unit_test(test_entities_refused),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_unknown_operation),
		cmocka_unit_test(test_missing_expected),
		cmocka_unit_test(test_duplicate_code),
		cmocka_unit_test(test_duplicate_across_files),
		cmocka_unit_test(test_exclusion_keeps_ids),
		cmocka_unit_test(test_bad_exclusion_list),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_area_from_name),
		cmocka_unit_test(test_unknown_area),
		cmocka_unit_test(test_area_table_errors),
		cmocka_unit_test(test_cli),
		cmocka_unit_test(test_cli_special_targets),
		cmocka_unit_test(test_generated_cases_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
