/*
 * 1027: concurrency. Client threads on shared and separate contexts drive
 * several TAs at once, with TA-to-TA calls, memrefs and value checks,
 * looping long enough to shake out races (-l makes it longer), and the
 * core must hold nothing afterwards.
 */
#include <stdio.h>
#include <string.h>

#include "tcf_helpers.h"

#define STRESS_THREADS	8

struct stress_job {
	pthread_t thread;
	unsigned int index;
	unsigned int iterations;
	TEEC_Context *ctx;		/* shared, or NULL: its own */
	bool failed;
	char failure[200];
};

static bool stress_fail(struct stress_job *j, unsigned int it,
			const char *step, TEEC_Result res, uint32_t origin)
{
	j->failed = true;
	snprintf(j->failure, sizeof(j->failure),
		 "thread %u, iteration %u: %s: 0x%08x from origin %u",
		 j->index, it, step, (unsigned int)res, (unsigned int)origin);
	return false;
}

/* tcf_test -> tcf_peer with values. */
static bool stress_values(struct stress_job *j, TEEC_Session *s,
			  unsigned int it)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT,
						      VALUE_OUTPUT, NONE));
	uint32_t a = j->index * 1000 + it, b = it + 3, origin = 0;
	TEEC_Result res;

	op.params[0].value.a = a;
	op.params[0].value.b = b;
	res = TEEC_InvokeCommand(s, TCF_CMD_TA2TA_VALUES, &op, &origin);
	if (res)
		return stress_fail(j, it, "TA2TA_VALUES", res, origin);
	if (op.params[1].value.a != a + b || op.params[1].value.b != a * b ||
	    op.params[2].value.a != a + 1 || op.params[2].value.b != b + 1)
		return stress_fail(j, it, "TA2TA_VALUES gave wrong values", 0,
				   0);
	return true;
}

/* tcf_test -> tcf_peer with memrefs from the caller's heap. */
static bool stress_reverse(struct stress_job *j, TEEC_Session *s,
			   unsigned int it)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(MEMREF_TEMP_INPUT,
						      MEMREF_TEMP_OUTPUT,
						      VALUE_INPUT,
						      VALUE_OUTPUT));
	size_t n = 1 + (it * 131 + j->index * 17) % 6000, k;
	uint8_t in[6000], out[6000];
	uint32_t origin = 0;
	TEEC_Result res;

	xtest_fill(in, n, it ^ j->index);
	op.params[0].tmpref.buffer = in;
	op.params[0].tmpref.size = n;
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = n;
	op.params[2].value.a = (uint32_t)n;
	res = TEEC_InvokeCommand(s, TCF_CMD_TA2TA_REVERSE, &op, &origin);
	if (res || op.params[3].value.a)
		return stress_fail(j, it, "TA2TA_REVERSE",
				   res ? res : op.params[3].value.a, origin);
	for (k = 0; k < n; k++)
		if (out[k] != in[n - 1 - k])
			return stress_fail(j, it, "TA2TA_REVERSE bytes", 0, 0);
	return true;
}

/* Straight to tcf_peer, which others reach through tcf_test. */
static bool stress_fill(struct stress_job *j, TEEC_Session *s,
			unsigned int it)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      MEMREF_TEMP_INOUT, NONE,
						      NONE));
	uint8_t buf[512];
	uint32_t origin = 0;
	TEEC_Result res;
	size_t k;

	memset(buf, 0, sizeof(buf));
	op.params[0].value.a = 1 + it % sizeof(buf);
	op.params[0].value.b = (uint8_t)(j->index + it);
	op.params[1].tmpref.buffer = buf;
	op.params[1].tmpref.size = sizeof(buf);
	res = TEEC_InvokeCommand(s, TCF_PEER_CMD_FILL, &op, &origin);
	if (res)
		return stress_fail(j, it, "FILL", res, origin);
	for (k = 0; k < op.params[0].value.a; k++)
		if (buf[k] != (uint8_t)(j->index + it))
			return stress_fail(j, it, "FILL bytes", 0, 0);
	return true;
}

static void *stress_run(void *arg)
{
	struct stress_job *j = arg;
	TEEC_Session single, multi, peer;
	TEEC_Context own, *ctx = j->ctx;
	uint32_t origin = 0;
	TEEC_Result res;
	unsigned int it;

	if (!ctx) {
		res = TEEC_InitializeContext(NULL, &own);
		if (res) {
			stress_fail(j, 0, "TEEC_InitializeContext", res, 0);
			return NULL;
		}
		ctx = &own;
	}
	res = xtest_open_session_result(ctx, &single, &tcf_test_uuid, &origin);
	if (res) {
		stress_fail(j, 0, "open tcf_test", res, origin);
		goto out_ctx;
	}
	res = xtest_open_session_result(ctx, &multi, &tcf_test_mi_uuid,
					&origin);
	if (res) {
		stress_fail(j, 0, "open tcf_test_mi", res, origin);
		goto out_single;
	}
	res = xtest_open_session_result(ctx, &peer, &tcf_peer_uuid, &origin);
	if (res) {
		stress_fail(j, 0, "open tcf_peer", res, origin);
		goto out_multi;
	}
	for (it = 0; it < j->iterations; it++) {
		if (!stress_values(j, it % 2 ? &single : &multi, it) ||
		    !stress_reverse(j, it % 3 ? &multi : &single, it) ||
		    !stress_fill(j, &peer, it))
			break;
	}
	TEEC_CloseSession(&peer);
out_multi:
	TEEC_CloseSession(&multi);
out_single:
	TEEC_CloseSession(&single);
out_ctx:
	if (!j->ctx)
		TEEC_FinalizeContext(&own);
	return NULL;
}

static void test_1027_stress(void **state)
{
	TEEC_Context *shared = &xtest_fixture(state)->ctx;
	struct stress_job jobs[STRESS_THREADS];
	struct teecheck_core_stats base;
	size_t i, started = 0;
	int rc = 0;

	tcf_stats(shared, &base);
	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < STRESS_THREADS && !rc; i++) {
		jobs[i].index = (unsigned int)i;
		jobs[i].iterations = 40 * (1 + 4 * xtest_level);
		/* Half share one context, half have their own. */
		jobs[i].ctx = i % 2 ? shared : NULL;
		rc = pthread_create(&jobs[i].thread, NULL, stress_run,
				    jobs + i);
		if (!rc)
			started++;
	}
	for (i = 0; i < started; i++)
		pthread_join(jobs[i].thread, NULL);
	if (rc)
		xtest_fail("pthread_create: %s", strerror(rc));
	/* Every thread's failure is worth reading. */
	for (i = 0; i < STRESS_THREADS; i++)
		if (jobs[i].failed)
			xtest_expect_fail("%s", jobs[i].failure);
	tcf_wait_stats(shared, &base);
}

static const struct xtest_sub subs_1027[] = {
	{ 1, "8 threads on shared and own contexts: TA-to-TA calls, memrefs, 3 TAs",
	  test_1027_stress,
	  .flags = XTEST_NEEDS_CORE_STATS },
};

XTEST_CASE(case_1027, .id = "1027", .suite = "regression",
	   .title = "Concurrent clients, sessions and TA-to-TA calls",
	   .context = true,
	   .flags = XTEST_NEEDS_IDLE,
	   .subs = subs_1027, .nsubs = XTEST_ARRAY_SIZE(subs_1027));
