/*
 * 1012-1015: TA-to-TA calls. tcf_test opens sessions on tcf_peer (or on
 * any TA) with TEE_OpenTASession, invokes it and closes it; the cases check
 * what comes back, what the callee sees, and the errors.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcf_helpers.h"

/* ---- 1012: values and sessions ----------------------------------------- */

static void test_1012_values(void **state)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT,
						      VALUE_OUTPUT, NONE));
	struct xtest_fixture *fx = xtest_fixture(state);

	op.params[0].value.a = 6;
	op.params[0].value.b = 7;
	xtest_invoke_ok(xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid),
			TCF_CMD_TA2TA_VALUES, &op);
	/* The peer's output (a + b, a * b) and its inout (a + 1, b + 1). */
	EXPECT_EQ(op.params[1].value.a, 13);
	EXPECT_EQ(op.params[1].value.b, 42);
	EXPECT_EQ(op.params[2].value.a, 7);
	EXPECT_EQ(op.params[2].value.b, 8);
}

static TEEC_Result keep(TEEC_Session *s, uint32_t op_kind, uint32_t *count)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT, VALUE_INOUT,
						      NONE, NONE));
	uint32_t origin;
	TEEC_Result res;

	op.params[0].value.a = op_kind;
	res = TEEC_InvokeCommand(s, TCF_CMD_TA2TA_KEEP, &op, &origin);
	if (count)
		*count = op.params[1].value.a;
	return res;
}

static void test_1012_kept_session(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct teecheck_core_stats base, open;
	TEEC_Session *s;
	uint32_t n;

	tcf_stats(&fx->ctx, &base);
	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	ASSERT_RESULT(keep(s, 0, NULL), TEEC_SUCCESS);
	tcf_stats(&fx->ctx, &open);
	/* The client's session and the TA's one. */
	ASSERT_EQ(open.sessions, base.sessions + 2);
	ASSERT_RESULT(keep(s, 1, &n), TEEC_SUCCESS);
	ASSERT_EQ(n, 1);
	ASSERT_RESULT(keep(s, 1, &n), TEEC_SUCCESS);
	ASSERT_EQ(n, 2);
	ASSERT_RESULT(keep(s, 2, NULL), TEEC_SUCCESS);
	tcf_stats(&fx->ctx, &open);
	ASSERT_EQ(open.sessions, base.sessions + 1);
	xtest_fx_release(fx, s);
	tcf_wait_stats(&fx->ctx, &base);
}

/*
 * A session on tcf_test_mi whose TA keeps a session on tcf_peer, then how
 * the caller's instance ends (crash or not): the kept one goes with it.
 */
static void kept_session_ends(struct xtest_fixture *fx, bool crash)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT, NONE, NONE,
						      NONE));
	struct teecheck_core_stats base;
	TEEC_Session *s;

	tcf_stats(&fx->ctx, &base);
	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	ASSERT_RESULT(keep(s, 0, NULL), TEEC_SUCCESS);
	if (crash) {
		op.params[0].value.a = TCF_CRASH_PANIC;
		tcf_invoke_expect(s, TCF_CMD_CRASH, &op,
				  TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	}
	xtest_fx_release(fx, s);
	tcf_wait_stats(&fx->ctx, &base);
}

static void test_1012_closed_with_caller(void **state)
{
	/* The caller's instance ends: the session it kept goes with it. */
	kept_session_ends(xtest_fixture(state), false);
}

static void test_1012_closed_when_caller_dies(void **state)
{
	kept_session_ends(xtest_fixture(state), true);
}

static const struct xtest_sub subs_1012[] = {
	{ 1, "TEE_InvokeTACommand passes value input, output and inout",
	  test_1012_values },
	{ 2, "a TA-to-TA session lives across client calls until closed",
	  test_1012_kept_session,
	  .flags = XTEST_NEEDS_CORE_STATS },
	{ 3, "sessions a TA leaves open close when its instance ends",
	  test_1012_closed_with_caller,
	  .flags = XTEST_NEEDS_CORE_STATS },
	{ 4, "sessions a TA leaves open close when it panics",
	  test_1012_closed_when_caller_dies,
	  .flags = XTEST_NEEDS_CORE_STATS },
};

XTEST_CASE(case_1012, .id = "1012", .suite = "regression",
	   .title = "TA-to-TA sessions and value parameters", .context = true,
	   .flags = XTEST_NEEDS_IDLE,	/* counts the core's sessions */
	   .subs = subs_1012, .nsubs = XTEST_ARRAY_SIZE(subs_1012));

/* ---- 1013: memory references -------------------------------------------- */

/* TCF_CMD_TA2TA_REVERSE: n bytes reversed by the peer into out_cap bytes. */
static TEEC_Result ta2ta_reverse(TEEC_Session *s, const uint8_t *in,
				 size_t n, uint8_t *out, size_t out_cap,
				 uint32_t peer_cap, uint32_t *peer_size)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(MEMREF_TEMP_INPUT,
						      MEMREF_TEMP_OUTPUT,
						      VALUE_INPUT,
						      VALUE_OUTPUT));

	op.params[0].tmpref.buffer = (void *)in;
	op.params[0].tmpref.size = n;
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = out_cap;
	op.params[2].value.a = peer_cap;
	xtest_invoke_ok(s, TCF_CMD_TA2TA_REVERSE, &op);
	*peer_size = op.params[3].value.b;
	return op.params[3].value.a;
}

static void test_1013_reverse(void **state)
{
	static const size_t sizes[] = { 1, 100, 4096, 5000, 20000 };
	struct xtest_fixture *fx = xtest_fixture(state);
	uint32_t got;
	size_t i, k;

	for (i = 0; i < XTEST_ARRAY_SIZE(sizes); i++) {
		size_t n = sizes[i];
		uint8_t *in = xtest_fx_alloc(fx, n), *out = xtest_fx_alloc(fx, n);

		xtest_fill(in, n, (uint32_t)n);
		ASSERT_RESULT(ta2ta_reverse(&fx->sess, in, n, out, n,
			      (uint32_t)n, &got),
			      TEEC_SUCCESS);
		ASSERT_EQ(got, n);
		for (k = 0; k < n; k++)
			if (out[k] != in[n - 1 - k])
				xtest_fail("%zu bytes: byte %zu is %#x, "
					   "expected %#x", n, k, out[k],
					   in[n - 1 - k]);
		xtest_fx_release(fx, out);
		xtest_fx_release(fx, in);
	}
}

static void test_1013_short(void **state)
{
	uint8_t in[300], out[300];
	uint32_t got;

	xtest_fill(in, sizeof(in), 3);
	ASSERT_RESULT(ta2ta_reverse(&xtest_fixture(state)->sess, in, sizeof(in),
		      out, sizeof(out), 299, &got),
		      TEEC_ERROR_SHORT_BUFFER);
	ASSERT_EQ(got, sizeof(in));
}

static void test_1013_input_read_only(void **state)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_OUTPUT, NONE, NONE,
						      NONE));

	xtest_invoke_ok(&xtest_fixture(state)->sess, TCF_CMD_TA2TA_RIGHTS, &op);
	/* Readable as shared memory; not writable; not the callee's own. */
	ASSERT_EQ(op.params[0].value.a,
		  TCF_PEER_RIGHT_IN_READ | TCF_PEER_RIGHT_INOUT_WRITE);
}

static const struct xtest_sub subs_1013[] = {
	{ 1, "memrefs from the caller's heap reach the callee and come back",
	  test_1013_reverse },
	{ 2, "a callee's SHORT_BUFFER gives the caller the size it needs",
	  test_1013_short },
	{ 3, "the callee may read an input memref, not write it",
	  test_1013_input_read_only },
};

XTEST_CASE(case_1013, .id = "1013", .suite = "regression",
	   .title = "TA-to-TA memory references", .ta = &tcf_test_uuid,
	   .subs = subs_1013, .nsubs = XTEST_ARRAY_SIZE(subs_1013));

/* ---- 1014: identities ---------------------------------------------------- */

static void test_1014_callee_sees_ta(void **state)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_OUTPUT,
						      MEMREF_TEMP_OUTPUT, NONE,
						      NONE));
	uint8_t uuid[16], want[16];

	op.params[1].tmpref.buffer = uuid;
	op.params[1].tmpref.size = sizeof(uuid);
	xtest_invoke_ok(&xtest_fixture(state)->sess, TCF_CMD_TA2TA_IDENTITY,
			&op);
	EXPECT_EQ(op.params[0].value.a, 0xf0000000);	/* TRUSTED_APP */
	xtest_uuid_to_bytes(&tcf_test_uuid, want);
	EXPECT_MEM_EQ(uuid, want, 16);
}

static void test_1014_client_sees_public(void **state)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_OUTPUT,
						      MEMREF_TEMP_OUTPUT,
						      MEMREF_TEMP_OUTPUT, NONE));
	uint8_t uuid[16], nil[16] = { 0 };
	char text[64];

	op.params[1].tmpref.buffer = uuid;
	op.params[1].tmpref.size = sizeof(uuid);
	op.params[2].tmpref.buffer = text;
	op.params[2].tmpref.size = sizeof(text);
	xtest_invoke_ok(&xtest_fixture(state)->sess, TCF_CMD_CLIENT_IDENTITY,
			&op);
	EXPECT_EQ(op.params[0].value.a, TEEC_LOGIN_PUBLIC);
	EXPECT_MEM_EQ(uuid, nil, 16);
}

static const struct xtest_sub subs_1014[] = {
	{ 1, "the callee sees TEE_LOGIN_TRUSTED_APP and the caller TA's UUID",
	  test_1014_callee_sees_ta },
	{ 2, "the caller TA still sees its own client (PUBLIC, nil UUID)",
	  test_1014_client_sees_public },
};

XTEST_CASE(case_1014, .id = "1014", .suite = "regression",
	   .title = "TA-to-TA client identity", .ta = &tcf_test_uuid,
	   .subs = subs_1014, .nsubs = XTEST_ARRAY_SIZE(subs_1014));

/* ---- 1015: errors --------------------------------------------------------- */

/*
 * TCF_CMD_TA2TA_CALL: what opening (and invoking) uuid gave the TA; *arg
 * goes in as the inout value's a and comes back with b in arg[1].
 */
static TEEC_Result ta2ta_call_inout(TEEC_Session *s, const TEEC_UUID *uuid,
				    uint32_t cmd, uint32_t timeout,
				    uint32_t arg[2], uint32_t *origin)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(MEMREF_TEMP_INPUT,
						      VALUE_INPUT, VALUE_INOUT,
						      VALUE_OUTPUT));
	uint8_t b[16];

	xtest_uuid_to_bytes(uuid, b);
	op.params[0].tmpref.buffer = b;
	op.params[0].tmpref.size = sizeof(b);
	op.params[1].value.a = cmd;
	op.params[1].value.b = timeout;
	op.params[2].value.a = arg[0];
	op.params[2].value.b = arg[1];
	xtest_invoke_ok(s, TCF_CMD_TA2TA_CALL, &op);
	arg[0] = op.params[2].value.a;
	arg[1] = op.params[2].value.b;
	*origin = op.params[3].value.b;
	return op.params[3].value.a;
}

static TEEC_Result ta2ta_call(TEEC_Session *s, const TEEC_UUID *uuid,
			      uint32_t cmd, uint32_t timeout, uint32_t a,
			      uint32_t *origin)
{
	uint32_t arg[2] = { a, 0 };

	return ta2ta_call_inout(s, uuid, cmd, timeout, arg, origin);
}

static void test_1015_unknown(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s;
	TEEC_UUID nobody;
	uint32_t origin;
	TEEC_Result res;

	xtest_uuid_random(&nobody);
	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	res = ta2ta_call(s, &nobody, TCF_NO_CMD, 0xffffffff, 0, &origin);
	xtest_assert_result("TEE_OpenTASession(unknown UUID)", res, origin,
			    TEEC_ERROR_ITEM_NOT_FOUND, TEEC_ORIGIN_TEE);
}

/*
 * The failure origin of TA_CreateEntryPoint seen from a TA, through the
 * core's TA-to-TA path: a second check of what 1010.1 sees from a client.
 */
static void test_1015_create_fails(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	uint32_t origin;
	TEEC_Result res;

	res = ta2ta_call(s, &tcf_create_fail_uuid, TCF_NO_CMD, 0xffffffff, 0,
			 &origin);
	xtest_assert_result("TEE_OpenTASession(a TA whose create fails)", res,
			    origin, TCF_CREATE_FAIL_CODE,
			    TEEC_ORIGIN_TRUSTED_APP);
}

static void test_1015_self(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s;
	uint32_t origin;
	TEEC_Result res;

	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	res = ta2ta_call(s, &tcf_test_uuid, TCF_NO_CMD, 0xffffffff, 0,
			 &origin);
	xtest_assert_result("TEE_OpenTASession(itself, single instance)", res,
			    origin, TEEC_ERROR_BUSY, TEEC_ORIGIN_TEE);
	/* The instance is fine afterwards. */
	res = ta2ta_call(s, &tcf_peer_uuid, TCF_PEER_CMD_COUNT, 0xffffffff, 0,
			 &origin);
	xtest_assert_result("TEE_InvokeTACommand(tcf_peer)", res, origin,
			    TEEC_SUCCESS, XTEST_ORIGIN_ANY);
}

static void test_1015_cycle(void **state)
{
	uint32_t arg[2] = { 0, 0 }, origin;
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s;
	TEEC_Result res;

	/*
	 * Client -> tcf_test -> tcf_peer -> tcf_test again would wait for
	 * itself: the TEE refuses the last step with BUSY.
	 */
	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	res = ta2ta_call_inout(s, &tcf_peer_uuid, TCF_PEER_CMD_CALL_BACK,
			       0xffffffff, arg, &origin);
	xtest_assert_result("TEE_InvokeTACommand(tcf_peer, call back)", res,
			    origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	xtest_assert_result("tcf_peer opening its caller tcf_test", arg[0],
			    arg[1], TEEC_ERROR_BUSY, TEEC_ORIGIN_TEE);
}

static void test_1015_callee_panics(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s;
	uint32_t origin;
	TEEC_Result res;

	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	res = ta2ta_call(s, &tcf_peer_uuid, TCF_PEER_CMD_PANIC, 0xffffffff,
			 0, &origin);
	xtest_assert_result("TEE_InvokeTACommand(a panicking TA)", res,
			    origin, TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	/* The caller carries on; a new peer instance serves it. */
	res = ta2ta_call(s, &tcf_peer_uuid, TCF_PEER_CMD_COUNT, 0xffffffff, 0,
			 &origin);
	xtest_assert_result("TEE_InvokeTACommand after the panic", res,
			    origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
}

static void test_1015_bad_handle(void **state)
{
	TEEC_Operation op = xtest_operation(0);
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s;

	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	tcf_invoke_expect(s, TCF_CMD_TA2TA_BAD_HANDLE, &op,
			  TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
}

static void test_1015_timeout(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s;
	uint32_t origin;
	TEEC_Result res;
	long long start;

	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	start = tcf_now_ms();
	/* The peer waits 5 s unmasked; the call's timeout is 100 ms. */
	res = ta2ta_call(s, &tcf_peer_uuid, TCF_PEER_CMD_WAIT, 100, 5000,
			 &origin);
	xtest_assert_result("TEE_InvokeTACommand(timeout 100 ms, 5 s wait)",
			    res, origin, TEEC_ERROR_CANCEL,
			    TEEC_ORIGIN_TRUSTED_APP);
	if (tcf_now_ms() - start > 2000)
		xtest_fail("the timed out call took %lld ms",
			   tcf_now_ms() - start);
}

struct cross_job {
	TEEC_Context *ctx;
	bool via_test;
	TEEC_Result res;
	TEEC_Result inner;
};

/* One side of a crossing: tcf_test -> tcf_peer, or tcf_peer -> tcf_test. */
static void *cross_run(void *arg)
{
	struct cross_job *j = arg;
	TEEC_Operation op;
	TEEC_Session s;
	uint32_t origin;
	uint8_t b[16];

	j->res = xtest_open_session_result(j->ctx, &s, j->via_test ?
					   &tcf_test_uuid : &tcf_peer_uuid,
					   &origin);
	if (j->res)
		return NULL;
	memset(&op, 0, sizeof(op));
	if (j->via_test) {
		op.paramTypes = TCF_TYPES(MEMREF_TEMP_INPUT, VALUE_INPUT,
					  VALUE_INOUT, VALUE_OUTPUT);
		xtest_uuid_to_bytes(&tcf_peer_uuid, b);
		op.params[1].value.a = TCF_PEER_CMD_WAIT;
		op.params[1].value.b = 0xffffffff;
		op.params[2].value.a = 200;
		op.params[0].tmpref.buffer = b;
		op.params[0].tmpref.size = sizeof(b);
		j->res = TEEC_InvokeCommand(&s, TCF_CMD_TA2TA_CALL, &op,
					    &origin);
		j->inner = op.params[3].value.a;
	} else {
		op.paramTypes = TCF_TYPES(MEMREF_TEMP_INPUT, VALUE_OUTPUT,
					  NONE, NONE);
		xtest_uuid_to_bytes(&tcf_test_uuid, b);
		op.params[0].tmpref.buffer = b;
		op.params[0].tmpref.size = sizeof(b);
		j->res = TEEC_InvokeCommand(&s, TCF_PEER_CMD_CALL, &op,
					    &origin);
		j->inner = op.params[1].value.a;
	}
	TEEC_CloseSession(&s);
	return NULL;
}

static void test_1015_crossing(void **state)
{
	struct cross_job a = { .via_test = true }, b = { .via_test = false };
	unsigned int round, rounds = 5 * (1 + xtest_level);
	pthread_t ta, tb;

	a.ctx = b.ctx = &xtest_fixture(state)->ctx;
	for (round = 0; round < rounds; round++) {
		ASSERT_EQ(pthread_create(&ta, NULL, cross_run, &a), 0);
		usleep(20000 * (round % 3));
		if (pthread_create(&tb, NULL, cross_run, &b)) {
			pthread_join(ta, NULL);
			xtest_fail("pthread_create failed");
		}
		pthread_join(ta, NULL);
		pthread_join(tb, NULL);
		/* Both ends return: one waits, or one is told BUSY. */
		EXPECT_RESULT(a.res, TEEC_SUCCESS);
		EXPECT_RESULT(b.res, TEEC_SUCCESS);
		if ((a.inner != TEEC_SUCCESS && a.inner != TEEC_ERROR_BUSY) ||
		    (b.inner != TEEC_SUCCESS && b.inner != TEEC_ERROR_BUSY))
			xtest_fail("round %u: crossing calls gave %#x and %#x",
				   round, a.inner, b.inner);
	}
}

static const struct xtest_sub subs_1015[] = {
	{ 1, "TEE_OpenTASession on an unknown UUID gives ITEM_NOT_FOUND",
	  test_1015_unknown },
	{ 2, "a single-instance TA opening itself gets BUSY, no deadlock",
	  test_1015_self },
	{ 3, "a call back into a TA in the call chain gets BUSY",
	  test_1015_cycle },
	{ 4, "a callee's panic gives its caller TARGET_DEAD; the caller goes on",
	  test_1015_callee_panics },
	{ 5, "an invalid TEE_TASessionHandle panics the caller",
	  test_1015_bad_handle },
	{ 6, "cancellationRequestTimeout cancels a callee's unmasked TEE_Wait",
	  test_1015_timeout },
	{ 7, "two threads calling across two TAs both return (no deadlock)",
	  test_1015_crossing },
	{ 8, "a TA opening a TA whose TA_CreateEntryPoint fails gets that "
	     "code from the trusted application", test_1015_create_fails },
};

XTEST_CASE(case_1015, .id = "1015", .suite = "regression",
	   .title = "TA-to-TA errors, cycles and timeouts", .context = true,
	   .flags = XTEST_NEEDS_ALONE,	/* ends tcf_peer and tcf_test instances */
	   .subs = subs_1015, .nsubs = XTEST_ARRAY_SIZE(subs_1015));
