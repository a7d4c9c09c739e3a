/*
 * 1024-1026: cancellation as a TA sees it, time, and the TA persistent time
 * (on a core of the case's own, so the state directory is the case's and a
 * restart can be shown).
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <tee_api_defines.h>

#include "tcf_helpers.h"

/* ---- 1024: cancellation in the TA --------------------------------------- */

/* TCF_CMD_WAIT on s for ms, unmasked or not; cancelled after cancel_ms. */
static TEEC_Result wait_cancelled(TEEC_Session *s, uint32_t ms, bool unmask,
				  unsigned int cancel_ms, uint32_t *origin,
				  uint32_t *elapsed, uint32_t *flag)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));
	struct tcf_canceller c;
	TEEC_Result res;

	op.params[0].value.a = ms;
	op.params[0].value.b = unmask;
	tcf_cancel_later(&c, &op, cancel_ms);
	res = TEEC_InvokeCommand(s, TCF_CMD_WAIT, &op, origin);
	tcf_cancel_join(&c);
	*elapsed = op.params[1].value.a;
	*flag = op.params[1].value.b;
	return res;
}

static void test_1024_masks(void **state)
{
	TEEC_Session *s = &xtest_fixture(state)->sess;

	tcf_steps_ok(s, TCF_CMD_CANCEL_MASKS, "mask and unmask");
}

static void test_1024_wait_unmasked(void **state)
{
	uint32_t origin, elapsed, flag;
	TEEC_Session *s = &xtest_fixture(state)->sess;
	TEEC_Result res;

	res = wait_cancelled(s, 5000, true, 100, &origin, &elapsed, &flag);
	xtest_assert_result("TEE_Wait(5 s), unmasked, cancelled at 100 ms",
			    res, origin, TEEC_ERROR_CANCEL,
			    TEEC_ORIGIN_TRUSTED_APP);
	if (elapsed >= 2000)
		xtest_fail("the cancelled TEE_Wait lasted %u ms", elapsed);
	EXPECT_EQ(flag, 1);
}

static void test_1024_wait_masked(void **state)
{
	uint32_t origin, elapsed, flag;
	TEEC_Session *s = &xtest_fixture(state)->sess;
	TEEC_Result res;

	/* Never unmasked: the session's default. */
	res = wait_cancelled(s, 300, false, 50, &origin, &elapsed, &flag);
	xtest_assert_result("TEE_Wait(300 ms), masked, cancelled at 50 ms",
			    res, origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	if (elapsed < 300)
		xtest_fail("the masked TEE_Wait returned after %u ms", elapsed);
	EXPECT_EQ(flag, 0);	/* masked: the flag reads down */
}

static void test_1024_flag(void **state)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));
	struct tcf_canceller c;
	TEEC_Session *s = &xtest_fixture(state)->sess;

	op.params[0].value.a = 3000;
	op.params[0].value.b = 1;	/* unmasked */
	tcf_cancel_later(&c, &op, 100);
	xtest_invoke_ok(s, TCF_CMD_WATCH_FLAG, &op);
	tcf_cancel_join(&c);
	EXPECT_EQ(op.params[1].value.a, 1);
	if (op.params[1].value.b >= 2000)
		xtest_fail("the flag rose after %u ms", op.params[1].value.b);
	/* Masked, the same cancellation is not seen. */
	op.params[0].value.a = 300;
	op.params[0].value.b = 0;
	tcf_cancel_later(&c, &op, 50);
	xtest_invoke_ok(s, TCF_CMD_WATCH_FLAG, &op);
	tcf_cancel_join(&c);
	EXPECT_EQ(op.params[1].value.a, 0);
}

static void test_1024_other_operation(void **state)
{
	TEEC_Operation other = xtest_operation(0);
	uint32_t origin, elapsed, flag;
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));
	struct tcf_canceller c;
	TEEC_Session *s = &xtest_fixture(state)->sess;
	TEEC_Result res;

	op.params[0].value.a = 200;
	op.params[0].value.b = 1;
	/* An operation that is not running: cancelling it stops nothing. */
	other.started = 1;
	tcf_cancel_later(&c, &other, 50);
	res = TEEC_InvokeCommand(s, TCF_CMD_WAIT, &op, &origin);
	tcf_cancel_join(&c);
	elapsed = op.params[1].value.a;
	flag = op.params[1].value.b;
	xtest_assert_result("TEE_Wait(200 ms) while another operation is "
			    "cancelled", res, origin, TEEC_SUCCESS,
			    XTEST_ORIGIN_ANY);
	EXPECT_GE(elapsed, 200);
	EXPECT_EQ(flag, 0);
}

static const struct xtest_sub subs_1024[] = {
	{ 1, "a session starts masked; mask and unmask return the state before",
	  test_1024_masks },
	{ 2, "an unmasked TEE_Wait returns CANCEL at once when cancelled",
	  test_1024_wait_unmasked },
	{ 3, "a masked TEE_Wait ignores the cancellation and waits it out",
	  test_1024_wait_masked },
	{ 4, "TEE_GetCancellationFlag rises when cancelled and unmasked only",
	  test_1024_flag },
	{ 5, "cancelling another operation does not cancel this one",
	  test_1024_other_operation },
};

XTEST_CASE(case_1024, .id = "1024", .suite = "regression",
	   .title = "Cancellation in the TA: flag, masks and TEE_Wait",
	   .ta = &tcf_test_mi_uuid,
	   .subs = subs_1024, .nsubs = XTEST_ARRAY_SIZE(subs_1024));

/* ---- 1025: time ---------------------------------------------------------- */

static uint64_t ta_time_ms(TEEC_Session *s, uint32_t cmd)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_OUTPUT, NONE, NONE,
						      NONE));

	xtest_invoke_ok(s, cmd, &op);
	ASSERT_LT(op.params[0].value.b, 1000);	/* millis */
	return (uint64_t)op.params[0].value.a * 1000 + op.params[0].value.b;
}

static uint32_t ta_wait(TEEC_Session *s, uint32_t ms)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));

	op.params[0].value.a = ms;
	xtest_invoke_ok(s, TCF_CMD_WAIT, &op);
	return op.params[1].value.a;
}

static void test_1025_system_time(void **state)
{
	uint64_t t0, t1, t2;
	TEEC_Session *s = &xtest_fixture(state)->sess;

	t0 = ta_time_ms(s, TCF_CMD_SYSTEM_TIME);
	t1 = ta_time_ms(s, TCF_CMD_SYSTEM_TIME);
	ASSERT_GE(t1, t0);
	ta_wait(s, 200);
	t2 = ta_time_ms(s, TCF_CMD_SYSTEM_TIME);
	if (t2 - t1 < 200 || t2 - t1 > 3000)
		xtest_fail("system time advanced %llu ms over a 200 ms wait",
			   (unsigned long long)(t2 - t1));
}

static void test_1025_wait(void **state)
{
	TEEC_Session *s = &xtest_fixture(state)->sess;
	long long start;
	uint32_t took;

	start = tcf_now_ms();
	took = ta_wait(s, 0);
	if (took > 100 || tcf_now_ms() - start > 1000)
		xtest_fail("TEE_Wait(0) took %u ms", took);
	start = tcf_now_ms();
	took = ta_wait(s, 100);
	if (took < 100 || tcf_now_ms() - start < 100)
		xtest_fail("TEE_Wait(100) returned after %u ms", took);
}

static void test_1025_ree_time(void **state)
{
	struct timespec ts;
	TEEC_Session *s = &xtest_fixture(state)->sess;
	uint64_t ta, ree;

	ta = ta_time_ms(s, TCF_CMD_REE_TIME);
	clock_gettime(CLOCK_REALTIME, &ts);
	ree = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	if (ta > ree || ree - ta > 2000)
		xtest_fail("TEE_GetREETime is %llu ms, the REE's clock %llu ms",
			   (unsigned long long)ta, (unsigned long long)ree);
}

static const struct xtest_sub subs_1025[] = {
	{ 1, "TEE_GetSystemTime never goes back and follows TEE_Wait",
	  test_1025_system_time },
	{ 2, "TEE_Wait(0) returns at once, TEE_Wait(100) waits 100 ms",
	  test_1025_wait },
	{ 3, "TEE_GetREETime is the REE's wall clock", test_1025_ree_time },
};

XTEST_CASE(case_1025, .id = "1025", .suite = "regression",
	   .title = "System time, REE time and TEE_Wait",
	   .ta = &tcf_test_mi_uuid,
	   .subs = subs_1025, .nsubs = XTEST_ARRAY_SIZE(subs_1025));

/* ---- 1026: TA persistent time ------------------------------------------- */

/* TEE_GetTAPersistentTime: its result, and the time in *ms (seconds as
 * returned, so truncated ones stay truncated). */
static TEEC_Result ptime_get(TEEC_Session *s, uint64_t *ms)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_OUTPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));

	xtest_invoke_ok(s, TCF_CMD_PTIME_GET, &op);
	*ms = (uint64_t)op.params[0].value.a * 1000 + op.params[0].value.b;
	return op.params[1].value.a;
}

static void ptime_set(TEEC_Session *s, uint32_t seconds, uint32_t millis)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));

	op.params[0].value.a = seconds;
	op.params[0].value.b = millis;
	xtest_invoke_ok(s, TCF_CMD_PTIME_SET, &op);
	ASSERT_RESULT(op.params[1].value.a, TEEC_SUCCESS);
}

/*
 * A core of the sub-case's own, its state in a directory of the sub-case's,
 * and a session on tcf_test_mi there, all owned by the fixture: the case's
 * setup makes them, and the fixture ends them newest first.
 */
struct ptime_env {
	char state[PATH_MAX];
	struct private_core pc;
	TEEC_Context *ctx;
	TEEC_Session *s;
};

static void ptime_rmdir(void *arg)
{
	struct ptime_env *e = arg;

	tcf_rmdir_all(e->state);
}

static void ptime_core_stop(void *arg)
{
	private_core_stop(arg);
}

static void ptime_start(struct xtest_fixture *fx, struct ptime_env *e)
{
	tcf_core_start(&e->pc, e->state);
	xtest_fx_defer(fx, ptime_core_stop, &e->pc);
	e->ctx = xtest_fx_context_named(fx, e->pc.socket);
	e->s = xtest_fx_session(fx, e->ctx, &tcf_test_mi_uuid);
}

/* Ends the session, the context and the core, newest first. */
static void ptime_stop(struct xtest_fixture *fx, struct ptime_env *e)
{
	xtest_fx_release(fx, e->s);
	xtest_fx_release(fx, e->ctx);
	xtest_fx_release(fx, &e->pc);
}

static void ptime_setup(struct xtest_fixture *fx)
{
	struct ptime_env *e = xtest_fx_alloc(fx, sizeof(*e));

	fx->data = e;
	tcf_mkdtemp(e->state, sizeof(e->state));
	xtest_fx_defer(fx, ptime_rmdir, e);
	ptime_start(fx, e);
}

static struct ptime_env *ptime_env(void **state)
{
	return xtest_fixture(state)->data;
}

static void test_1026_not_set(void **state)
{
	uint64_t ms;

	ASSERT_RESULT(ptime_get(ptime_env(state)->s, &ms),
		      TEE_ERROR_TIME_NOT_SET);
}

static void test_1026_set_get(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct ptime_env *e = ptime_env(state);
	uint64_t ms, later;

	ptime_set(e->s, 1000000, 500);
	ASSERT_RESULT(ptime_get(e->s, &ms), TEEC_SUCCESS);
	if (ms < 1000000500ull || ms > 1000000500ull + 2000)
		xtest_fail("persistent time %llu ms just after setting "
			   "1000000500 ms", (unsigned long long)ms);
	usleep(120000);
	ASSERT_RESULT(ptime_get(e->s, &later), TEEC_SUCCESS);
	if (later < ms + 100)
		xtest_fail("persistent time did not advance: %llu then %llu",
			   (unsigned long long)ms, (unsigned long long)later);
	/* Another TA has a persistent time of its own: still not set. */
	ASSERT_RESULT(ptime_get(xtest_fx_session(fx, e->ctx,
						 &tcf_keepalive_uuid), &ms),
		      TEE_ERROR_TIME_NOT_SET);
}

static void test_1026_restart(void **state)
{
	struct ptime_env *e = ptime_env(state);
	uint64_t ms;

	ptime_set(e->s, 2000000, 0);
	ptime_stop(xtest_fixture(state), e);
	/* A new core on the same state directory. */
	ptime_start(xtest_fixture(state), e);
	ASSERT_RESULT(ptime_get(e->s, &ms), TEEC_SUCCESS);
	if (ms < 2000000000ull || ms > 2000000000ull + 10000)
		xtest_fail("after the restart the time is %llu ms, expected "
			   "2000000000 ms and a little", (unsigned long long)ms);
}

/* Flips one byte (of the stored offset) in every file of dir. */
static void ptime_damage(const char *dir)
{
	char path[PATH_MAX + 256];
	struct dirent *d;
	int fd, damaged = 0;
	uint8_t b;
	DIR *dp;

	dp = opendir(dir);
	assert_non_null(dp);
	while ((d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (pread(fd, &b, 1, 30) == 1) {
			b ^= 0x40;
			damaged += pwrite(fd, &b, 1, 30) == 1;
		}
		close(fd);
	}
	closedir(dp);
	if (!damaged)
		xtest_fail("no stored time found in %s", dir);
}

static void test_1026_needs_reset(void **state)
{
	struct ptime_env *e = ptime_env(state);
	uint64_t ms;

	ptime_set(e->s, 3000000, 0);
	ptime_damage(e->state);
	ASSERT_RESULT(ptime_get(e->s, &ms), TEE_ERROR_TIME_NEEDS_RESET);
	/* Setting it again repairs it. */
	ptime_set(e->s, 3000000, 0);
	ASSERT_RESULT(ptime_get(e->s, &ms), TEEC_SUCCESS);
}

static void test_1026_overflow(void **state)
{
	struct ptime_env *e = ptime_env(state);
	uint64_t ms;

	ptime_set(e->s, 0xffffffffu, 999);
	usleep(20000);
	/* Past 2^32 - 1 seconds: OVERFLOW, and the seconds modulo 2^32. */
	ASSERT_RESULT(ptime_get(e->s, &ms), TEE_ERROR_OVERFLOW);
	if (ms > 5000)
		xtest_fail("the overflowed time reads %llu ms, expected the "
			   "few ms past 2^32 s", (unsigned long long)ms);
}

static const struct xtest_sub subs_1026[] = {
	{ 1, "a TA whose persistent time was never set gets TIME_NOT_SET",
	  test_1026_not_set },
	{ 2, "the time set comes back and advances; each TA has its own",
	  test_1026_set_get },
	{ 3, "the persistent time survives a restart of the core",
	  test_1026_restart,
	  .flags = XTEST_NEEDS_CORE_PROC },
	{ 4, "a damaged stored time gives TIME_NEEDS_RESET until set again",
	  test_1026_needs_reset },
	{ 5, "seconds beyond 2^32 - 1 give OVERFLOW, truncated to 32 bits",
	  test_1026_overflow },
};

XTEST_CASE(case_1026, .id = "1026", .suite = "regression",
	   .title = "TA persistent time",
	   .setup = ptime_setup,
	   .subs = subs_1026, .nsubs = XTEST_ARRAY_SIZE(subs_1026),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_OWN_CORE);
