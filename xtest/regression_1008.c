/*
 * 1008-1011: the TA lifecycle. Single and multi instance, multi session,
 * keep-alive and instance data, entry points that fail, and a busy single
 * instance making other callers wait. The tcf_test TAs (tcf_test_ta.h).
 */
#include <string.h>
#include <unistd.h>

#include "tcf_helpers.h"

/* ---- 1008: instances and sessions -------------------------------------- */

static void test_1008_single_instance(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s1 = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	TEEC_Session *s2 = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	struct tcf_info a, b;

	tcf_info(s1, &a);
	tcf_info(s2, &b);
	EXPECT_EQ(a.instance, b.instance);
	EXPECT_EQ(a.sessions, 2);
	EXPECT_EQ(b.sessions, 2);
	xtest_fx_release(fx, s1);
	tcf_info(s2, &b);
	EXPECT_EQ(b.instance, a.instance);
	EXPECT_EQ(b.sessions, 1);
}

static void test_1008_multi_instance(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s1 = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	TEEC_Session *s2 = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	struct tcf_info a, b;

	tcf_info(s1, &a);
	tcf_info(s2, &b);
	if (a.instance == b.instance)
		xtest_fail("two sessions on multi-instance tcf_test_mi share "
			   "instance %#x", a.instance);
	EXPECT_EQ(a.sessions, 1);
	EXPECT_EQ(b.sessions, 1);
}

static void test_1008_last_close_ends(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct teecheck_core_stats base, mid;
	struct tcf_info before, after;
	TEEC_Session *s;

	tcf_stats(&fx->ctx, &base);
	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	tcf_stats(&fx->ctx, &mid);
	ASSERT_EQ(mid.instances, base.instances + 1);
	tcf_info(s, &before);
	xtest_fx_release(fx, s);
	tcf_wait_stats(&fx->ctx, &base);
	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	tcf_info(s, &after);
	if (after.instance == before.instance)
		xtest_fail("instance %#x outlived its last session",
			   before.instance);
}

static const struct xtest_sub subs_1008[] = {
	{ 1, "sessions on single-instance tcf_test share one instance",
	  test_1008_single_instance },
	{ 2, "sessions on multi-instance tcf_test_mi get an instance each",
	  test_1008_multi_instance },
	{ 3, "closing the last session ends an instance that is not kept alive",
	  test_1008_last_close_ends,
	  .flags = XTEST_NEEDS_CORE_STATS },
};

XTEST_CASE(case_1008, .id = "1008", .suite = "regression",
	   .title = "TA instances and sessions", .context = true,
	   .flags = XTEST_NEEDS_IDLE,
	   .subs = subs_1008, .nsubs = XTEST_ARRAY_SIZE(subs_1008));

/* ---- 1009: instance data and keep-alive -------------------------------- */

static void data_set(TEEC_Session *s, uint32_t v)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT, NONE, NONE,
						      NONE));

	op.params[0].value.a = v;
	xtest_invoke_ok(s, TCF_CMD_INSTANCE_DATA_SET, &op);
}

/* The instance data's value; *set says whether there is any. */
static uint32_t data_get(TEEC_Session *s, bool *set)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_OUTPUT, NONE, NONE,
						      NONE));

	xtest_invoke_ok(s, TCF_CMD_INSTANCE_DATA_GET, &op);
	*set = op.params[0].value.b;
	return op.params[0].value.a;
}

static void test_1009_set_get(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	bool set;

	data_get(s, &set);
	ASSERT_FALSE(set);	/* NULL until the TA sets it */
	data_set(s, 0x1009);
	EXPECT_EQ(data_get(s, &set), 0x1009);
	EXPECT_TRUE(set);
}

static void test_1009_shared_by_sessions(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s1 = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	TEEC_Session *s2 = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	bool set;

	data_set(s1, 0xabc);
	EXPECT_EQ(data_get(s2, &set), 0xabc);
	EXPECT_TRUE(set);
}

static void test_1009_separate_instances(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s1 = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	TEEC_Session *s2 = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	bool set;

	data_set(s1, 0x111);
	data_get(s2, &set);
	ASSERT_FALSE(set);
	data_set(s2, 0x222);
	EXPECT_EQ(data_get(s1, &set), 0x111);
	EXPECT_EQ(data_get(s2, &set), 0x222);
}

static void test_1009_keep_alive(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct teecheck_core_stats with, after;
	struct tcf_info before, again;
	TEEC_Session *s;
	bool set;

	s = xtest_fx_session(fx, &fx->ctx, &tcf_keepalive_uuid);
	tcf_info(s, &before);
	data_set(s, 0x4a11e);
	tcf_stats(&fx->ctx, &with);
	xtest_fx_release(fx, s);
	/* No session holds it now, and it is still there. */
	tcf_stats(&fx->ctx, &after);
	ASSERT_EQ(after.instances, with.instances);
	ASSERT_EQ(after.sessions, with.sessions - 1);
	s = xtest_fx_session(fx, &fx->ctx, &tcf_keepalive_uuid);
	tcf_info(s, &again);
	EXPECT_EQ(again.instance, before.instance);
	EXPECT_EQ(again.sessions, 1);
	EXPECT_EQ(data_get(s, &set), 0x4a11e);
	EXPECT_TRUE(set);
}

static void test_1009_not_kept(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s;
	bool set;

	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	data_set(s, 0x5);
	xtest_fx_release(fx, s);
	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	data_get(s, &set);
	ASSERT_FALSE(set);
}

static void test_1009_keep_alive_dies(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT, NONE, NONE,
						      NONE));
	struct teecheck_core_stats with, after;
	struct tcf_info before, again;
	TEEC_Session *s;

	s = xtest_fx_session(fx, &fx->ctx, &tcf_keepalive_uuid);
	tcf_info(s, &before);
	tcf_stats(&fx->ctx, &with);
	op.params[0].value.a = TCF_CRASH_PANIC;
	tcf_invoke_expect(s, TCF_CMD_CRASH, &op, TEEC_ERROR_TARGET_DEAD,
			  TEEC_ORIGIN_TEE);
	xtest_fx_release(fx, s);
	/* Dead, it is not kept: the instance is gone with its session. */
	with.sessions--;
	with.instances--;
	tcf_wait_stats(&fx->ctx, &with);
	tcf_stats(&fx->ctx, &after);
	ASSERT_EQ(after.instances, with.instances);
	s = xtest_fx_session(fx, &fx->ctx, &tcf_keepalive_uuid);
	tcf_info(s, &again);
	if (again.instance == before.instance)
		xtest_fail("the keep-alive instance that panicked is still used");
}

static const struct xtest_sub subs_1009[] = {
	{ 1, "TEE_GetInstanceData is NULL, then what TEE_SetInstanceData set",
	  test_1009_set_get },
	{ 2, "the sessions of one instance share its instance data",
	  test_1009_shared_by_sessions },
	{ 3, "instances of a multi-instance TA have their own instance data",
	  test_1009_separate_instances },
	{ 4, "a keep-alive instance and its data outlive its last session",
	  test_1009_keep_alive,
	  .flags = XTEST_NEEDS_CORE_STATS },
	{ 5, "an instance that is not kept alive takes its data with it",
	  test_1009_not_kept },
	{ 6, "a keep-alive instance that panics is not kept: a new one follows",
	  test_1009_keep_alive_dies,
	  .flags = XTEST_NEEDS_CORE_STATS },
};

XTEST_CASE(case_1009, .id = "1009", .suite = "regression",
	   .title = "Instance data and keep-alive instances", .context = true,
	   .flags = XTEST_NEEDS_IDLE,
	   .subs = subs_1009, .nsubs = XTEST_ARRAY_SIZE(subs_1009));

/* ---- 1010: entry points that fail -------------------------------------- */

static void test_1010_create_fails(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct teecheck_core_stats base;

	tcf_stats(&fx->ctx, &base);
	tcf_open_expect(fx, &fx->ctx, &tcf_create_fail_uuid, NULL,
			TCF_CREATE_FAIL_CODE, TEEC_ORIGIN_TRUSTED_APP);
	/* Again: no half-made instance stays behind to be found. */
	tcf_open_expect(fx, &fx->ctx, &tcf_create_fail_uuid, NULL,
			TCF_CREATE_FAIL_CODE, TEEC_ORIGIN_TRUSTED_APP);
	tcf_wait_stats(&fx->ctx, &base);
}

static void test_1010_create_panics(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct teecheck_core_stats base;

	tcf_stats(&fx->ctx, &base);
	tcf_open_expect(fx, &fx->ctx, &tcf_create_panic_uuid, NULL,
			TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	tcf_wait_stats(&fx->ctx, &base);
}

static TEEC_Operation open_op(uint32_t mode, uint32_t arg)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));

	op.params[0].value.a = mode;
	op.params[0].value.b = arg;
	return op;
}

static void test_1010_open_fails(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Operation op = open_op(TCF_OPEN_FAIL, 0);
	TEEC_Session *keep = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	struct tcf_info before, after;

	tcf_info(keep, &before);
	tcf_open_expect(fx, &fx->ctx, &tcf_test_uuid, &op, TCF_OPEN_FAIL_CODE,
			TEEC_ORIGIN_TRUSTED_APP);
	tcf_info(keep, &after);
	EXPECT_EQ(after.instance, before.instance);
	EXPECT_EQ(after.sessions, 1);
}

static void test_1010_open_panics(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Operation op = open_op(TCF_OPEN_PANIC, 0);
	TEEC_Operation info = xtest_operation(TCF_TYPES(VALUE_OUTPUT,
							VALUE_OUTPUT, NONE,
							NONE));
	TEEC_Session *keep = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);

	tcf_open_expect(fx, &fx->ctx, &tcf_test_uuid, &op,
			TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	/* The instance died with the panic, and the session on it too. */
	tcf_invoke_expect(keep, TCF_CMD_INFO, &info, TEEC_ERROR_TARGET_DEAD,
			  TEEC_ORIGIN_TEE);
}

static void test_1010_open_params(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT,
						      MEMREF_TEMP_INOUT, NONE));
	uint8_t buf[5] = { 0, 1, 2, 0xfe, 0xff };
	const uint8_t want[5] = { 1, 2, 3, 0xff, 0 };

	op.params[0].value.a = TCF_OPEN_OK;
	op.params[0].value.b = 41;
	op.params[2].tmpref.buffer = buf;
	op.params[2].tmpref.size = sizeof(buf);
	tcf_open_expect(fx, &fx->ctx, &tcf_test_uuid, &op, TEEC_SUCCESS,
			XTEST_ORIGIN_ANY);
	EXPECT_EQ(op.params[1].value.a, 0x600d);
	EXPECT_EQ(op.params[1].value.b, 42);
	EXPECT_MEM_EQ(buf, want, sizeof(buf));
}

static const struct xtest_sub subs_1010[] = {
	{ 1, "TA_CreateEntryPoint's error comes back from the TA, no instance stays",
	  test_1010_create_fails,
	  .flags = XTEST_NEEDS_CORE_STATS },
	{ 2, "a panic in TA_CreateEntryPoint gives TARGET_DEAD from the TEE",
	  test_1010_create_panics,
	  .flags = XTEST_NEEDS_CORE_STATS },
	{ 3, "TA_OpenSessionEntryPoint's error comes back from the TA, no session",
	  test_1010_open_fails },
	{ 4, "a panic in TA_OpenSessionEntryPoint kills the instance's sessions",
	  test_1010_open_panics },
	{ 5, "an OpenSession operation reaches the entry point and comes back",
	  test_1010_open_params },
};

XTEST_CASE(case_1010, .id = "1010", .suite = "regression",
	   .title = "Entry points that fail or panic", .context = true,
	   .flags = XTEST_NEEDS_IDLE,
	   .subs = subs_1010, .nsubs = XTEST_ARRAY_SIZE(subs_1010));

/* ---- 1011: one session at a time, busy instances ----------------------- */

static void test_1011_single_session(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s1 = xtest_fx_session(fx, &fx->ctx, &tcf_single_uuid);

	tcf_open_expect(fx, &fx->ctx, &tcf_single_uuid, NULL, TEEC_ERROR_BUSY,
			TEEC_ORIGIN_TEE);
	xtest_fx_release(fx, s1);
	/* Free again: the next session opens. */
	xtest_fx_session(fx, &fx->ctx, &tcf_single_uuid);
}

struct busy_job {
	TEEC_Session *sess;
	uint32_t ms;
	TEEC_Result res;
	long long end;
};

static void *busy_wait_run(void *arg)
{
	struct busy_job *j = arg;
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));
	uint32_t origin;

	op.params[0].value.a = j->ms;
	j->res = TEEC_InvokeCommand(j->sess, TCF_CMD_WAIT, &op, &origin);
	j->end = tcf_now_ms();
	return NULL;
}

static void test_1011_busy_waits(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct busy_job job = { .ms = 300 };
	struct tcf_info info;
	long long start, done;
	TEEC_Session *s2;
	pthread_t t;

	job.sess = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	s2 = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	start = tcf_now_ms();
	ASSERT_EQ(pthread_create(&t, NULL, busy_wait_run, &job), 0);
	usleep(50000);
	/* The instance runs s1's TEE_Wait: s2's call waits its turn. */
	tcf_info(s2, &info);
	done = tcf_now_ms();
	pthread_join(t, NULL);
	ASSERT_RESULT(job.res, TEEC_SUCCESS);
	if (done - start < 280)
		xtest_fail("the call on the busy instance returned after %lld "
			   "ms, before the 300 ms call ended", done - start);
}

static void test_1011_instances_in_parallel(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct busy_job a = { .ms = 400 }, b = { .ms = 400 };
	long long start;
	pthread_t ta, tb;

	a.sess = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	b.sess = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	start = tcf_now_ms();
	ASSERT_EQ(pthread_create(&ta, NULL, busy_wait_run, &a), 0);
	if (pthread_create(&tb, NULL, busy_wait_run, &b)) {
		pthread_join(ta, NULL);
		xtest_fail("pthread_create failed");
	}
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	EXPECT_RESULT(a.res, TEEC_SUCCESS);
	EXPECT_RESULT(b.res, TEEC_SUCCESS);
	if (tcf_now_ms() - start >= 750)
		xtest_fail("two instances took %lld ms for two 400 ms waits: "
			   "they did not run at once", tcf_now_ms() - start);
}

static const struct xtest_sub subs_1011[] = {
	{ 1, "a TA without multi-session gives BUSY to a second session",
	  test_1011_single_session },
	{ 2, "a call on a busy single instance waits for the running one",
	  test_1011_busy_waits },
	{ 3, "instances of a multi-instance TA run at the same time",
	  test_1011_instances_in_parallel },
};

XTEST_CASE(case_1011, .id = "1011", .suite = "regression",
	   .title = "Busy instances: waiting and BUSY", .context = true,
	   .flags = XTEST_NEEDS_ALONE,	/* holds tcf_single; times two waits */
	   .subs = subs_1011, .nsubs = XTEST_ARRAY_SIZE(subs_1011));
