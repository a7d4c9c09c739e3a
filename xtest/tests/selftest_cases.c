/*
 * The runner's self-test suite: cases that pass, fail, crash, hang, fork and
 * fail, leave a TA stuck in the core, and skip, on purpose. They are linked
 * into xtest-selftest only, never into xtest; test_xtest_selftest runs that
 * program and checks every line of what it reports.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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
	   .flags = XTEST_NEEDS_ALONE,	/* holds the single-instance TA */
	   .subs = subs_9006, .nsubs = XTEST_ARRAY_SIZE(subs_9006));

static const struct xtest_sub subs_9007[] = {
	{ 1, "the single-instance TA serves a session again",
	  selftest_ta_after_hang },
};
XTEST_CASE(case_9007, .id = "9007", .suite = "selftest",
	   .title = "The TA that hung is usable again",
	   .timeout_s = 20,
	   .flags = XTEST_NEEDS_ALONE,
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

/*
 * Cases for xtest -j, run only when named (XTEST_SLOW): each writes the
 * span it ran in, "ID START END" in monotonic milliseconds, to
 * $XTEST_SELFTEST_SPANS, so the test can check which ran beside which.
 */
static long long selftest_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void selftest_span(const char *id, long long start)
{
	const char *path = getenv("XTEST_SELFTEST_SPANS");
	char line[96];
	int fd, n;

	if (!path)
		return;
	n = snprintf(line, sizeof(line), "%s %lld %lld\n", id, start,
		     selftest_now_ms());
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, line, (size_t)n), n);
	close(fd);
}

/* Runs a while, then records its span. */
static void selftest_span_after_a_while(const char *id)
{
	long long start = selftest_now_ms();

	usleep(300000);
	selftest_span(id, start);
}

static void selftest_span_9011(void **state)
{
	(void)state;
	selftest_span_after_a_while("9011");
}

static void selftest_span_9014(void **state)
{
	(void)state;
	selftest_span_after_a_while("9014");
}

static void selftest_span_9015(void **state)
{
	(void)state;
	selftest_span_after_a_while("9015");
}

/*
 * Leaves a mark beside $XTEST_SELFTEST_SPANS and waits for the other
 * case's: passes only when both run at once.
 */
static void selftest_meet(void **state, const char *mine, const char *other)
{
	const char *spans = getenv("XTEST_SELFTEST_SPANS");
	long long start = selftest_now_ms();
	char path[4096];
	int fd, i;

	(void)state;
	assert_non_null(spans);
	snprintf(path, sizeof(path), "%s.%s", spans, mine);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	close(fd);
	snprintf(path, sizeof(path), "%s.%s", spans, other);
	for (i = 0; i < 200 && access(path, F_OK); i++)
		usleep(50000);
	if (access(path, F_OK))
		fail_msg("%s never ran beside this case", other);
	selftest_span(mine, start);
}

static void selftest_meet_9013(void **state)
{
	selftest_meet(state, "9012", "9013");
}

static void selftest_meet_9012(void **state)
{
	selftest_meet(state, "9013", "9012");
}

static const struct xtest_sub subs_9011[] = {
	{ 1, "runs with no other case beside it", selftest_span_9011 },
};
XTEST_CASE(case_9011, .id = "9011", .suite = "selftest",
	   .title = "A case that needs the core alone",
	   .flags = XTEST_NEEDS_ALONE | XTEST_SLOW,
	   .subs = subs_9011, .nsubs = XTEST_ARRAY_SIZE(subs_9011));

static const struct xtest_sub subs_9012[] = {
	{ 1, "meets 9013", selftest_meet_9013 },
};
XTEST_CASE(case_9012, .id = "9012", .suite = "selftest",
	   .title = "A case that runs beside 9013",
	   .timeout_s = 20, .flags = XTEST_SLOW,
	   .subs = subs_9012, .nsubs = XTEST_ARRAY_SIZE(subs_9012));

static const struct xtest_sub subs_9013[] = {
	{ 1, "meets 9012", selftest_meet_9012 },
};
XTEST_CASE(case_9013, .id = "9013", .suite = "selftest",
	   .title = "A case that runs beside 9012",
	   .timeout_s = 20, .flags = XTEST_SLOW,
	   .subs = subs_9013, .nsubs = XTEST_ARRAY_SIZE(subs_9013));

static const struct xtest_sub subs_9014[] = {
	{ 1, "runs with no other case beside it", selftest_span_9014 },
};
XTEST_CASE(case_9014, .id = "9014", .suite = "selftest",
	   .title = "Another case that needs the core alone",
	   .flags = XTEST_NEEDS_ALONE | XTEST_SLOW,
	   .subs = subs_9014, .nsubs = XTEST_ARRAY_SIZE(subs_9014));

static const struct xtest_sub subs_9015[] = {
	{ 1, "runs a while", selftest_span_9015 },
};
XTEST_CASE(case_9015, .id = "9015", .suite = "selftest",
	   .title = "A case that may run beside others",
	   .flags = XTEST_SLOW,
	   .subs = subs_9015, .nsubs = XTEST_ARRAY_SIZE(subs_9015));
