/*
 * 1006: a client process that dies, in a call or between calls, leaves
 * nothing behind in the core: its sessions are closed and the TA instances
 * they held are released. Checked with the core's own counts.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <os_test_ta.h>
#include <teecheck/teec_ext.h>

#include "xtest_helpers.h"

static const TEEC_UUID os_test_uuid = TA_OS_TEST_UUID;
static const TEEC_UUID os_test_mi_uuid = TA_OS_TEST_MI_UUID;

static void core_stats(TEEC_Context *ctx, struct teecheck_core_stats *st)
{
	xtest_assert_result("teecheck_core_stats",
			    teecheck_core_stats(ctx, st), TEEC_ORIGIN_API,
			    TEEC_SUCCESS, XTEST_ORIGIN_ANY);
}

/* Waits until the core's counts are back to base, or fails after 10 s. */
static void wait_back_to(TEEC_Context *ctx,
			 const struct teecheck_core_stats *base)
{
	struct teecheck_core_stats now;
	int i;

	for (i = 0; i < 1000; i++) {
		core_stats(ctx, &now);
		if (now.sessions == base->sessions &&
		    now.instances == base->instances &&
		    now.guests == base->guests)
			return;
		usleep(10000);
	}
	xtest_fail("core still holds %u sessions, %u instances, %u guests; "
		   "expected %u, %u, %u", now.sessions, now.instances,
		   now.guests, base->sessions, base->instances, base->guests);
}

/*
 * The child: opens n_mi sessions on os_test_mi and n_st on os_test, tells
 * the parent, then spins in the TA (in_call) or waits to be killed.
 */
static void child_client(int ready_fd, int n_mi, int n_st, bool in_call)
{
	TEEC_Context ctx;
	TEEC_Session s[16];
	TEEC_Operation op;
	uint32_t origin;
	int i;

	if (TEEC_InitializeContext(NULL, &ctx))
		_exit(10);
	for (i = 0; i < n_mi + n_st; i++)
		if (TEEC_OpenSession(&ctx, &s[i], i < n_mi ? &os_test_mi_uuid :
				     &os_test_uuid, TEEC_LOGIN_PUBLIC, NULL,
				     NULL, &origin))
			_exit(11);
	if (write(ready_fd, "r", 1) != 1)
		_exit(12);
	if (in_call) {
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE,
						 TEEC_NONE, TEEC_NONE);
		op.params[0].value.a = 1000;	/* about a second, not forever */
		TEEC_InvokeCommand(&s[0], OS_TEST_CMD_SPIN, &op, &origin);
	}
	pause();
	_exit(0);
}

/* Kills and reaps the child *arg names, unless the sub-case already did. */
static void child_reap(void *arg)
{
	pid_t *pid = arg;

	if (*pid > 0) {
		kill(*pid, SIGKILL);
		waitpid(*pid, NULL, 0);
	}
}

static void kill_client_and_check(struct xtest_fixture *fx, int n_mi,
				  int n_st, bool in_call)
{
	pid_t *pid = xtest_fx_alloc(fx, sizeof(*pid));
	struct teecheck_core_stats base, mid;
	int p[2], status;
	char c;

	core_stats(&fx->ctx, &base);
	ASSERT_EQ(pipe(p), 0);
	*pid = fork();
	ASSERT_GE(*pid, 0);
	if (!*pid) {
		close(p[0]);
		child_client(p[1], n_mi, n_st, in_call);
	}
	xtest_fx_defer(fx, child_reap, pid);
	close(p[1]);
	ASSERT_EQ(read(p[0], &c, 1), 1);
	close(p[0]);
	if (in_call)
		usleep(100000);	/* let the invoke reach the TA */
	core_stats(&fx->ctx, &mid);
	ASSERT_EQ(mid.sessions, base.sessions + n_mi + n_st);
	/* os_test_mi: one instance per session; os_test: one at most. */
	ASSERT_GE(mid.instances, base.instances + n_mi);
	/*
	 * At least the child's guest. An exact count was once one more in
	 * the sanitizer build, cause not found; what this case is about is
	 * checked exactly below: the core back at its start.
	 */
	ASSERT_GE(mid.guests, base.guests + 1);
	kill(*pid, SIGKILL);
	ASSERT_EQ(waitpid(*pid, &status, 0), *pid);
	*pid = 0;
	wait_back_to(&fx->ctx, &base);
}

static void test_1006_killed_between_calls(void **state)
{
	kill_client_and_check(xtest_fixture(state), 4, 4, false);
}

static void test_1006_killed_in_call(void **state)
{
	kill_client_and_check(xtest_fixture(state), 1, 2, true);
}

static void test_1006_finalize_closes(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct teecheck_core_stats base;
	TEEC_Context *other;
	int i;

	core_stats(&fx->ctx, &base);
	other = xtest_fx_context(fx);
	for (i = 0; i < 3; i++)
		xtest_open_session(other, xtest_fx_alloc(fx, sizeof(TEEC_Session)),
				   &os_test_mi_uuid);
	/* No CloseSession: finalizing the context ends the guest. */
	xtest_fx_release(fx, other);
	wait_back_to(&fx->ctx, &base);
}

static const struct xtest_sub subs_1006[] = {
	{ 1, "a client killed between calls leaves no session or instance",
	  test_1006_killed_between_calls },
	{ 2, "a client killed during an invoke leaves no session or instance",
	  test_1006_killed_in_call },
	{ 3, "finalizing a context with open sessions releases them",
	  test_1006_finalize_closes },
};

XTEST_CASE(case_1006, .id = "1006", .suite = "regression",
	   .title = "Clients that die or finalize leave nothing behind",
	   .context = true,
	   .flags = XTEST_NEEDS_IDLE | XTEST_NEEDS_CORE_STATS,
	   .subs = subs_1006, .nsubs = XTEST_ARRAY_SIZE(subs_1006));
