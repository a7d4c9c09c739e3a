/*
 * The runner's self-test suite: cases that pass, fail, crash, hang, fork and
 * fail, leave a TA stuck in the core, and skip, on purpose. They are linked
 * into xtest-selftest only, never into xtest; test_xtest_selftest runs that
 * program and checks every line of what it reports.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tee_client_api.h>

#include "tcf_test_ta.h"
#include "xtest_case.h"

/* Long enough for a loaded machine, short enough for `make test`. */
#define SELFTEST_HANG_TIMEOUT_S		6

static void selftest_pass(void **state)
{
	(void)state;
}

static void selftest_fail(void **state)
{
	(void)state;
	assert_int_equal(1, 2);
}

/* A crash cmocka cannot catch (as a stack overflow would be): the process ends. */
static void selftest_crash(void **state)
{
	(void)state;
	signal(SIGSEGV, SIG_DFL);
	raise(SIGSEGV);
}

static void selftest_hang(void **state)
{
	(void)state;
	for (;;)
		pause();
}

static void selftest_skip(void **state)
{
	(void)state;
	xtest_skip("a self-test that skips");
}

/* Records pid in $XTEST_SELFTEST_PIDS, so the test can look for it after. */
static void selftest_note_pid(pid_t pid)
{
	const char *path = getenv("XTEST_SELFTEST_PIDS");
	FILE *f;

	if (!path)
		return;
	f = fopen(path, "a");
	if (!f)
		return;
	fprintf(f, "%d\n", (int)pid);
	fclose(f);
}

/*
 * Forks two children that would run forever and fails without reaping
 * them: one stays in the case's process group, the other leaves it (its own
 * session), as a daemonising helper would.
 */
static void selftest_fork_and_fail(void **state)
{
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		pid_t pid = fork();

		assert_true(pid >= 0);
		if (pid == 0) {
			if (k == 1)
				setsid();
			for (;;)
				pause();
		}
		selftest_note_pid(pid);
	}
	fail_msg("failing with two children still running");
}

/*
 * One session on the single-instance TA, which takes one session at a time,
 * and a TEE_Wait of ms with cancellation masked (TEE_TIMEOUT_INFINITE: the
 * TA never returns, whatever the client does).
 */
static void selftest_single_wait(uint32_t ms)
{
	const TEEC_UUID uuid = TA_TCF_SINGLE_UUID;
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	uint32_t origin = 0;

	assert_int_equal(TEEC_InitializeContext(NULL, &ctx), TEEC_SUCCESS);
	assert_int_equal(TEEC_OpenSession(&ctx, &sess, &uuid,
					  TEEC_LOGIN_PUBLIC, NULL, NULL,
					  &origin), TEEC_SUCCESS);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = ms;
	op.params[0].value.b = 0;
	assert_int_equal(TEEC_InvokeCommand(&sess, TCF_CMD_WAIT, &op,
					    &origin), TEEC_SUCCESS);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
}

static void selftest_ta_hang(void **state)
{
	(void)state;
	selftest_single_wait(0xffffffffu);
}

static void selftest_ta_after_hang(void **state)
{
	(void)state;
	selftest_single_wait(1);
}

static const struct xtest_sub subs_9001[] = {
	{ 1, "passes", selftest_pass },
	{ 2, "passes too", selftest_pass },
};
XTEST_CASE(case_9001, .id = "9001", .suite = "selftest",
	   .title = "A case that passes",
	   .subs = subs_9001, .nsubs = XTEST_ARRAY_SIZE(subs_9001));

static const struct xtest_sub subs_9002[] = {
	{ 1, "passes", selftest_pass },
	{ 2, "fails an assertion", selftest_fail },
	{ 3, "passes after a failed sub-case", selftest_pass },
};
XTEST_CASE(case_9002, .id = "9002", .suite = "selftest",
	   .title = "A case that fails",
	   .subs = subs_9002, .nsubs = XTEST_ARRAY_SIZE(subs_9002));

static const struct xtest_sub subs_9003[] = {
	{ 1, "crashes", selftest_crash },
	{ 2, "never runs", selftest_pass },
};
XTEST_CASE(case_9003, .id = "9003", .suite = "selftest",
	   .title = "A case that crashes",
	   .subs = subs_9003, .nsubs = XTEST_ARRAY_SIZE(subs_9003));

static const struct xtest_sub subs_9004[] = {
	{ 1, "hangs", selftest_hang },
};
XTEST_CASE(case_9004, .id = "9004", .suite = "selftest",
	   .title = "A case that hangs",
	   .timeout_s = SELFTEST_HANG_TIMEOUT_S,
	   .subs = subs_9004, .nsubs = XTEST_ARRAY_SIZE(subs_9004));

static const struct xtest_sub subs_9005[] = {
	{ 1, "forks two children and fails", selftest_fork_and_fail },
};
XTEST_CASE(case_9005, .id = "9005", .suite = "selftest",
	   .title = "A case that forks and fails",
	   .subs = subs_9005, .nsubs = XTEST_ARRAY_SIZE(subs_9005));

static const struct xtest_sub subs_9006[] = {
	{ 1, "a TA call that never returns", selftest_ta_hang },
};
XTEST_CASE(case_9006, .id = "9006", .suite = "selftest",
	   .title = "A case whose TA never returns",
	   .timeout_s = SELFTEST_HANG_TIMEOUT_S,
	   .subs = subs_9006, .nsubs = XTEST_ARRAY_SIZE(subs_9006));

static const struct xtest_sub subs_9007[] = {
	{ 1, "the single-instance TA serves a session again",
	  selftest_ta_after_hang },
};
XTEST_CASE(case_9007, .id = "9007", .suite = "selftest",
	   .title = "The TA that hung is usable again",
	   .timeout_s = 20,
	   .subs = subs_9007, .nsubs = XTEST_ARRAY_SIZE(subs_9007));

static const struct xtest_sub subs_9008[] = {
	{ 1, "skips", selftest_skip },
};
XTEST_CASE(case_9008, .id = "9008", .suite = "selftest",
	   .title = "A case that skips",
	   .subs = subs_9008, .nsubs = XTEST_ARRAY_SIZE(subs_9008));

static const struct xtest_sub subs_9009[] = {
	{ 1, "passes", selftest_pass },
};
XTEST_CASE(case_9009, .id = "9009", .suite = "selftest",
	   .title = "A case that passes after all that",
	   .subs = subs_9009, .nsubs = XTEST_ARRAY_SIZE(subs_9009));

static const struct xtest_sub subs_9010[] = {
	{ 1, "passes", selftest_pass },
};
XTEST_CASE(case_9010, .id = "9010", .suite = "selftest",
	   .title = "A case that needs an idle core",
	   .flags = XTEST_NEEDS_IDLE,
	   .subs = subs_9010, .nsubs = XTEST_ARRAY_SIZE(subs_9010));
