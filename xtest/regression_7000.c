/*
 * 7001-7009: the GP Client API v1.0 itself. Contexts, shared memory
 * (allocated and registered), every memref type with offsets, NULL and
 * zero-size buffers, size feedback, and the parameter checks. The TAs:
 * os_test (os_test_ta.h) and tcf_peer (tcf_peer_ta.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <os_test_ta.h>

#include "tcf_helpers.h"

static const TEEC_UUID os_test_uuid = TA_OS_TEST_UUID;

/* ---- 7001: contexts ----------------------------------------------------- */

static void test_7001_null(void **state)
{
	(void)state;
	ASSERT_RESULT(TEEC_InitializeContext(NULL, NULL),
		      TEEC_ERROR_BAD_PARAMETERS);
	/* Finalizing nothing does nothing. */
	TEEC_FinalizeContext(NULL);
}

static void test_7001_unknown_tee(void **state)
{
	TEEC_Context ctx;

	(void)state;
	EXPECT_RESULT(TEEC_InitializeContext("unix:/nonexistent/tee.sock",
					     &ctx),
		      TEEC_ERROR_ITEM_NOT_FOUND);
	EXPECT_RESULT(TEEC_InitializeContext("no such TEE", &ctx),
		      TEEC_ERROR_ITEM_NOT_FOUND);
}

#define MANY_CONTEXTS	16

static void test_7001_many(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s[MANY_CONTEXTS];
	TEEC_Operation op;
	size_t i;

	for (i = 0; i < MANY_CONTEXTS; i++)
		s[i] = xtest_fx_session(fx, xtest_fx_context(fx),
					&tcf_peer_uuid);
	for (i = 0; i < MANY_CONTEXTS; i++) {
		op = xtest_operation(TCF_TYPES(VALUE_INOUT, NONE, NONE, NONE));
		xtest_invoke_ok(s[i], TCF_PEER_CMD_COUNT, &op);
		EXPECT_EQ(op.params[0].value.a, 1);
	}
}

static void test_7001_finalize_releases(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_SharedMemory *shm = xtest_fx_alloc(fx, sizeof(*shm));
	TEEC_Session *s = xtest_fx_alloc(fx, sizeof(*s));
	struct teecheck_core_stats base, now;
	TEEC_Context *other;

	tcf_stats(&fx->ctx, &base);
	other = xtest_fx_context(fx);
	/* Not the fixture's: finalizing the context is what releases them. */
	shm->size = 8192;
	shm->flags = TEEC_MEM_INPUT;
	ASSERT_RESULT(TEEC_AllocateSharedMemory(other, shm), TEEC_SUCCESS);
	xtest_open_session(other, s, &tcf_test_mi_uuid);
	tcf_stats(&fx->ctx, &now);
	ASSERT_EQ(now.guests, base.guests + 1);
	xtest_fx_release(fx, other);
	tcf_wait_stats(&fx->ctx, &base);
}

static const struct xtest_sub subs_7001[] = {
	{ 1, "TEEC_InitializeContext(NULL context) gives BAD_PARAMETERS",
	  test_7001_null },
	{ 2, "a TEE name that names no TEE gives ITEM_NOT_FOUND",
	  test_7001_unknown_tee },
	{ 3, "16 contexts in one process, each with a session, work side by side",
	  test_7001_many },
	{ 4, "finalizing a context releases its sessions and shared memory",
	  test_7001_finalize_releases,
	  .flags = XTEST_NEEDS_CORE_STATS },
};

XTEST_CASE(case_7001, .id = "7001", .suite = "regression",
	   .title = "TEEC_InitializeContext and TEEC_FinalizeContext",
	   .context = true,
	   .flags = XTEST_NEEDS_IDLE,
	   .subs = subs_7001, .nsubs = XTEST_ARRAY_SIZE(subs_7001));

/* ---- 7002: allocated shared memory -------------------------------------- */

/* OS_TEST_CMD_SUM over a whole input block: fails unless it matches. */
static void sum_whole(TEEC_Session *s, TEEC_SharedMemory *shm)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(MEMREF_WHOLE,
						      VALUE_OUTPUT, NONE,
						      NONE));
	const uint8_t *p = shm->buffer;
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i < shm->size; i++)
		sum += p[i];
	op.params[0].memref.parent = shm;
	xtest_invoke_ok(s, OS_TEST_CMD_SUM, &op);
	EXPECT_EQ(op.params[1].value.a, sum);
	EXPECT_EQ(op.params[1].value.b, shm->size);
}

/*
 * The blocks are the sub-case's own, not the fixture's: what release does
 * to them is under test. A failure in between leaves a block to the
 * fixture's context, whose end releases it.
 */
static void test_7002_sizes(void **state)
{
	static const size_t sizes[] = { 0, 1, 4096, 4097, 1024 * 1024 };
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_SharedMemory shm;
	size_t i;

	for (i = 0; i < XTEST_ARRAY_SIZE(sizes); i++) {
		memset(&shm, 0, sizeof(shm));
		shm.size = sizes[i];
		shm.flags = TEEC_MEM_INPUT;
		ASSERT_RESULT(TEEC_AllocateSharedMemory(&fx->ctx, &shm),
			      TEEC_SUCCESS);
		assert_non_null(shm.buffer);
		xtest_fill(shm.buffer, shm.size, (uint32_t)i);
		sum_whole(&fx->sess, &shm);
		TEEC_ReleaseSharedMemory(&shm);
		assert_null(shm.buffer);
		ASSERT_EQ(shm.size, 0);
	}
}

static void test_7002_bad(void **state)
{
	TEEC_Context *ctx = &xtest_fixture(state)->ctx;
	TEEC_SharedMemory shm = { .size = 16 };

	shm.flags = 0;
	EXPECT_RESULT(TEEC_AllocateSharedMemory(ctx, &shm),
		      TEEC_ERROR_BAD_PARAMETERS);
	shm.flags = TEEC_MEM_INPUT | 0x100;
	EXPECT_RESULT(TEEC_AllocateSharedMemory(ctx, &shm),
		      TEEC_ERROR_BAD_PARAMETERS);
	shm.flags = TEEC_MEM_INPUT;
	EXPECT_RESULT(TEEC_AllocateSharedMemory(NULL, &shm),
		      TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_RESULT(TEEC_AllocateSharedMemory(ctx, NULL),
		      TEEC_ERROR_BAD_PARAMETERS);
	shm.size = TEEC_CONFIG_SHAREDMEM_MAX_SIZE + 1;
	EXPECT_RESULT(TEEC_AllocateSharedMemory(ctx, &shm),
		      TEEC_ERROR_OUT_OF_MEMORY);
	TEEC_ReleaseSharedMemory(NULL);
}

static const struct xtest_sub subs_7002[] = {
	{ 1, "blocks of 0, 1, 4096, 4097 and 1 MiB serve as whole memrefs",
	  test_7002_sizes },
	{ 2, "bad flags or NULL arguments give BAD_PARAMETERS, too big OUT_OF_MEMORY",
	  test_7002_bad },
};

XTEST_CASE(case_7002, .id = "7002", .suite = "regression",
	   .title = "TEEC_AllocateSharedMemory and TEEC_ReleaseSharedMemory",
	   .ta = &os_test_uuid,
	   .subs = subs_7002, .nsubs = XTEST_ARRAY_SIZE(subs_7002));

/* ---- 7003: registered shared memory ------------------------------------- */

/* tcf_peer FILL of n bytes with b into param 1 (an output kind). */
static TEEC_Result fill(TEEC_Session *s, TEEC_Operation *op, uint32_t n,
			uint8_t b, uint32_t *origin)
{
	op->params[0].value.a = n;
	op->params[0].value.b = b;
	return TEEC_InvokeCommand(s, TCF_PEER_CMD_FILL, op, origin);
}

/* FILL of n bytes into param 1, expecting res from origin. */
static void fill_expect_at(const char *file, int line, TEEC_Session *s,
			   TEEC_Operation *op, uint32_t n, TEEC_Result res,
			   uint32_t origin, const char *what)
{
	uint32_t got_origin = 0;
	TEEC_Result got = fill(s, op, n, 5, &got_origin);

	xtest_assert_result_at(file, line, what, got, got_origin, res, origin);
}

#define fill_expect(s, op, n, res, origin, what) \
	fill_expect_at(__FILE__, __LINE__, (s), (op), (n), (res), (origin), \
		       (what))

static void test_7003_stack_and_heap(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	uint8_t stack_buf[3000];
	uint8_t *heap_buf = xtest_fx_alloc(fx, 70000);
	TEEC_SharedMemory in = { .flags = TEEC_MEM_INPUT };
	TEEC_SharedMemory out = { .flags = TEEC_MEM_OUTPUT };
	TEEC_Session *peer = xtest_fx_session(fx, &fx->ctx, &tcf_peer_uuid);
	TEEC_Operation op;
	uint32_t origin;
	size_t i;

	/* The sub-case's own blocks: what release leaves is under test. */
	xtest_fill(stack_buf, sizeof(stack_buf), 7003);
	in.buffer = stack_buf;
	in.size = sizeof(stack_buf);
	ASSERT_RESULT(TEEC_RegisterSharedMemory(&fx->ctx, &in), TEEC_SUCCESS);
	sum_whole(&fx->sess, &in);
	out.buffer = heap_buf;
	out.size = 70000;
	ASSERT_RESULT(TEEC_RegisterSharedMemory(&fx->ctx, &out), TEEC_SUCCESS);
	op = xtest_operation(TCF_TYPES(VALUE_INPUT, MEMREF_WHOLE, NONE, NONE));
	op.params[1].memref.parent = &out;
	ASSERT_RESULT(fill(peer, &op, 70000, 0x7e, &origin), TEEC_SUCCESS);
	for (i = 0; i < 70000; i++)
		if (heap_buf[i] != 0x7e)
			xtest_fail("registered heap buffer byte %zu is %#x", i,
				   heap_buf[i]);
	ASSERT_EQ(op.params[1].memref.size, 70000);
	TEEC_ReleaseSharedMemory(&in);
	TEEC_ReleaseSharedMemory(&out);
	/* Registered memory stays the application's. */
	assert_ptr_equal(in.buffer, stack_buf);
}

static void test_7003_null_and_bad(void **state)
{
	TEEC_Context *ctx = &xtest_fixture(state)->ctx;
	TEEC_SharedMemory shm = { .flags = TEEC_MEM_INPUT };
	uint8_t buf[16];

	shm.buffer = NULL;
	shm.size = 0;
	ASSERT_RESULT(TEEC_RegisterSharedMemory(ctx, &shm), TEEC_SUCCESS);
	TEEC_ReleaseSharedMemory(&shm);
	shm.size = 16;
	EXPECT_RESULT(TEEC_RegisterSharedMemory(ctx, &shm),
		      TEEC_ERROR_BAD_PARAMETERS);
	shm.buffer = buf;
	shm.flags = 0;
	EXPECT_RESULT(TEEC_RegisterSharedMemory(ctx, &shm),
		      TEEC_ERROR_BAD_PARAMETERS);
	shm.flags = 0x4;
	EXPECT_RESULT(TEEC_RegisterSharedMemory(ctx, &shm),
		      TEEC_ERROR_BAD_PARAMETERS);
	shm.flags = TEEC_MEM_INPUT;
	EXPECT_RESULT(TEEC_RegisterSharedMemory(NULL, &shm),
		      TEEC_ERROR_BAD_PARAMETERS);
}

static const struct xtest_sub subs_7003[] = {
	{ 1, "a stack and a heap buffer, registered, carry data in and out",
	  test_7003_stack_and_heap },
	{ 2, "NULL of size 0 registers; NULL with a size or bad flags do not",
	  test_7003_null_and_bad },
};

XTEST_CASE(case_7003, .id = "7003", .suite = "regression",
	   .title = "TEEC_RegisterSharedMemory", .ta = &os_test_uuid,
	   .subs = subs_7003, .nsubs = XTEST_ARRAY_SIZE(subs_7003));

/* ---- 7004: TEEC_MEMREF_WHOLE --------------------------------------------- */

static void test_7004_directions(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_SharedMemory *in, *out, *io;
	TEEC_Operation op = xtest_operation(TCF_TYPES(MEMREF_WHOLE,
						      MEMREF_WHOLE,
						      MEMREF_WHOLE, NONE));
	uint8_t *pi, *po, *pio;
	size_t i;

	in = xtest_fx_shm_alloc(fx, &fx->ctx, 100, TEEC_MEM_INPUT);
	out = xtest_fx_shm_alloc(fx, &fx->ctx, 100, TEEC_MEM_OUTPUT);
	io = xtest_fx_shm_alloc(fx, &fx->ctx, 100,
				TEEC_MEM_INPUT | TEEC_MEM_OUTPUT);
	pi = in->buffer;
	po = out->buffer;
	pio = io->buffer;
	for (i = 0; i < 100; i++) {
		pi[i] = (uint8_t)i;
		pio[i] = (uint8_t)(200 + i);
	}
	/* The flags give the directions OS_TEST_CMD_MEMREFS expects. */
	op.params[0].memref.parent = in;
	op.params[1].memref.parent = out;
	op.params[2].memref.parent = io;
	xtest_invoke_ok(&fx->sess, OS_TEST_CMD_MEMREFS, &op);
	for (i = 0; i < 100; i++) {
		ASSERT_EQ(po[i], 99 - i);
		ASSERT_EQ(pio[i], (uint8_t)(201 + i));
	}
	ASSERT_EQ(op.params[1].memref.size, 100);
}

static const struct xtest_sub subs_7004[] = {
	{ 1, "whole blocks take their direction from the block's flags",
	  test_7004_directions },
};

XTEST_CASE(case_7004, .id = "7004", .suite = "regression",
	   .title = "TEEC_MEMREF_WHOLE", .ta = &os_test_uuid,
	   .subs = subs_7004, .nsubs = XTEST_ARRAY_SIZE(subs_7004));

/* ---- 7005: partial memrefs ------------------------------------------------ */

static void partial_input(TEEC_Session *s, TEEC_SharedMemory *shm,
			  size_t offset, size_t size)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(MEMREF_PARTIAL_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));
	const uint8_t *p = shm->buffer;
	uint32_t sum = 0;
	size_t i;

	for (i = offset; i < offset + size; i++)
		sum += p[i];
	op.params[0].memref.parent = shm;
	op.params[0].memref.offset = offset;
	op.params[0].memref.size = size;
	xtest_invoke_ok(s, OS_TEST_CMD_SUM, &op);
	EXPECT_EQ(op.params[1].value.a, sum);
	EXPECT_EQ(op.params[1].value.b, size);
}

/* Fills a window of shm through type; the bytes around stay as they were. */
static void partial_fill(TEEC_Session *peer, TEEC_SharedMemory *shm,
			 uint32_t type, size_t offset, size_t size)
{
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
							     type, TEEC_NONE,
							     TEEC_NONE));
	uint8_t *p = shm->buffer;
	uint32_t origin;
	size_t i;

	memset(p, 0x11, shm->size);
	op.params[1].memref.parent = shm;
	op.params[1].memref.offset = offset;
	op.params[1].memref.size = size;
	ASSERT_RESULT(fill(peer, &op, (uint32_t)size, 0xee, &origin),
		      TEEC_SUCCESS);
	for (i = 0; i < shm->size; i++) {
		uint8_t want = i >= offset && i < offset + size ? 0xee : 0x11;

		if (p[i] != want)
			xtest_fail("offset %zu size %zu: byte %zu is %#x, "
				   "expected %#x", offset, size, i, p[i], want);
	}
}

static void test_7005_input(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s = xtest_fx_session(fx, &fx->ctx, &os_test_uuid);
	TEEC_SharedMemory *shm;

	shm = xtest_fx_shm_alloc(fx, &fx->ctx, 10000, TEEC_MEM_INPUT);
	xtest_fill(shm->buffer, shm->size, 7005);
	partial_input(s, shm, 0, 10000);
	partial_input(s, shm, 1, 1);
	partial_input(s, shm, 4095, 2);
	partial_input(s, shm, 5000, 5000);
	partial_input(s, shm, 10000, 0);
}

static void test_7005_output(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *peer = xtest_fx_session(fx, &fx->ctx, &tcf_peer_uuid);
	TEEC_SharedMemory *shm;

	shm = xtest_fx_shm_alloc(fx, &fx->ctx, 9000,
				 TEEC_MEM_INPUT | TEEC_MEM_OUTPUT);
	partial_fill(peer, shm, TEEC_MEMREF_PARTIAL_OUTPUT, 100, 200);
	partial_fill(peer, shm, TEEC_MEMREF_PARTIAL_INOUT, 4000, 4200);
	partial_fill(peer, shm, TEEC_MEMREF_PARTIAL_OUTPUT, 8999, 1);
}

static void test_7005_registered(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	uint8_t *buf = xtest_fx_alloc(fx, 6000);
	TEEC_Session *s = xtest_fx_session(fx, &fx->ctx, &os_test_uuid);
	TEEC_Session *peer = xtest_fx_session(fx, &fx->ctx, &tcf_peer_uuid);
	TEEC_SharedMemory *shm;

	shm = xtest_fx_shm_register(fx, &fx->ctx, buf, 6000,
				    TEEC_MEM_INPUT | TEEC_MEM_OUTPUT);
	xtest_fill(buf, 6000, 75);
	partial_input(s, shm, 3, 5000);
	partial_fill(peer, shm, TEEC_MEMREF_PARTIAL_INOUT, 2000, 3000);
}

/* Expects op to be refused by the API for s, with nothing sent. */
static void expect_api_refusal(TEEC_Session *s, uint32_t cmd,
			       TEEC_Operation *op, const char *what)
{
	uint32_t origin = 0;
	TEEC_Result res;

	res = TEEC_InvokeCommand(s, cmd, op, &origin);
	xtest_assert_result(what, res, origin, TEEC_ERROR_BAD_PARAMETERS,
			    TEEC_ORIGIN_API);
}

static void test_7005_out_of_range(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s = xtest_fx_session(fx, &fx->ctx, &os_test_uuid);
	TEEC_SharedMemory *shm;
	TEEC_Operation op = xtest_operation(TCF_TYPES(MEMREF_PARTIAL_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));

	shm = xtest_fx_shm_alloc(fx, &fx->ctx, 100, TEEC_MEM_INPUT);
	op.params[0].memref.parent = shm;
	op.params[0].memref.offset = 50;
	op.params[0].memref.size = 51;
	expect_api_refusal(s, OS_TEST_CMD_SUM, &op, "offset 50 + size 51 of 100");
	op.params[0].memref.offset = 101;
	op.params[0].memref.size = 0;
	expect_api_refusal(s, OS_TEST_CMD_SUM, &op, "offset 101 of 100");
	op.params[0].memref.offset = 1;
	op.params[0].memref.size = (size_t)-1;
	expect_api_refusal(s, OS_TEST_CMD_SUM, &op, "a size that wraps");
}

static void test_7005_flag_mismatch(void **state)
{
	static const struct {
		uint32_t flags;
		uint32_t type;
		const char *what;
	} bad[] = {
		{ TEEC_MEM_INPUT, TEEC_MEMREF_PARTIAL_OUTPUT,
		  "PARTIAL_OUTPUT of an input-only block" },
		{ TEEC_MEM_INPUT, TEEC_MEMREF_PARTIAL_INOUT,
		  "PARTIAL_INOUT of an input-only block" },
		{ TEEC_MEM_OUTPUT, TEEC_MEMREF_PARTIAL_INPUT,
		  "PARTIAL_INPUT of an output-only block" },
		{ TEEC_MEM_OUTPUT, TEEC_MEMREF_PARTIAL_INOUT,
		  "PARTIAL_INOUT of an output-only block" },
	};
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s = xtest_fx_session(fx, &fx->ctx, &tcf_peer_uuid);
	TEEC_SharedMemory *shm;
	TEEC_Operation op;
	size_t i;

	for (i = 0; i < XTEST_ARRAY_SIZE(bad); i++) {
		shm = xtest_fx_shm_alloc(fx, &fx->ctx, 64, bad[i].flags);
		op = xtest_operation(TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
						      bad[i].type, TEEC_NONE,
						      TEEC_NONE));
		op.params[1].memref.parent = shm;
		op.params[1].memref.size = 64;
		expect_api_refusal(s, TCF_PEER_CMD_FILL, &op, bad[i].what);
		xtest_fx_release(fx, shm);
	}
}

static const struct xtest_sub subs_7005[] = {
	{ 1, "PARTIAL_INPUT windows at offsets deliver exactly their bytes",
	  test_7005_input },
	{ 2, "PARTIAL_OUTPUT and PARTIAL_INOUT change their window only",
	  test_7005_output },
	{ 3, "partial windows of registered (copied) memory work the same",
	  test_7005_registered },
	{ 4, "a window beyond its block gives BAD_PARAMETERS from the API",
	  test_7005_out_of_range },
	{ 5, "a direction the block's flags do not allow gives BAD_PARAMETERS from the API",
	  test_7005_flag_mismatch },
};

XTEST_CASE(case_7005, .id = "7005", .suite = "regression",
	   .title = "TEEC_MEMREF_PARTIAL_INPUT, _OUTPUT and _INOUT",
	   .context = true,
	   .subs = subs_7005, .nsubs = XTEST_ARRAY_SIZE(subs_7005));

/* ---- 7006: NULL and zero-size temporary memrefs ------------------------- */

static void test_7006_null_input(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s = xtest_fx_session(fx, &fx->ctx, &os_test_uuid);
	TEEC_Operation op = xtest_operation(TCF_TYPES(MEMREF_TEMP_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));
	uint8_t byte = 9;

	op.params[0].tmpref.buffer = NULL;
	op.params[0].tmpref.size = 0;
	op.params[1].value.a = 77;
	xtest_invoke_ok(s, OS_TEST_CMD_SUM, &op);
	EXPECT_EQ(op.params[1].value.a, 0);
	EXPECT_EQ(op.params[1].value.b, 0);
	/* Not NULL but empty: the same for the TA. */
	op.params[0].tmpref.buffer = &byte;
	op.params[1].value.a = 77;
	xtest_invoke_ok(s, OS_TEST_CMD_SUM, &op);
	EXPECT_EQ(op.params[1].value.a, 0);
}

static void test_7006_null_output_asks(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s = xtest_fx_session(fx, &fx->ctx, &tcf_peer_uuid);
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      MEMREF_TEMP_OUTPUT, NONE,
						      NONE));

	op.params[1].tmpref.buffer = NULL;
	op.params[1].tmpref.size = 0;
	fill_expect(s, &op, 300, TEEC_ERROR_SHORT_BUFFER,
		    TEEC_ORIGIN_TRUSTED_APP, "FILL of 300 into a NULL buffer");
	ASSERT_EQ(op.params[1].tmpref.size, 300);
}

static const struct xtest_sub subs_7006[] = {
	{ 1, "a NULL or empty input buffer reaches the TA as 0 bytes",
	  test_7006_null_input },
	{ 2, "a NULL output buffer of size 0 gets the size the TA needs",
	  test_7006_null_output_asks },
};

XTEST_CASE(case_7006, .id = "7006", .suite = "regression",
	   .title = "NULL and zero-size temporary memory references",
	   .context = true,
	   .subs = subs_7006, .nsubs = XTEST_ARRAY_SIZE(subs_7006));

/* ---- 7007: SHORT_BUFFER size feedback ----------------------------------- */

/*
 * Each output kind, 100 bytes where the TA needs 300: SHORT_BUFFER, and the
 * size the TA asked for lands where the kind keeps its size.
 */
static void short_check(TEEC_Session *s, TEEC_Operation *op,
			size_t *size_field, const char *what)
{
	fill_expect(s, op, 300, TEEC_ERROR_SHORT_BUFFER,
		    TEEC_ORIGIN_TRUSTED_APP, what);
	if (*size_field != 300)
		xtest_fail("%s: size %zu after SHORT_BUFFER, expected 300",
			   what, *size_field);
	/* With the size it asked for, the call succeeds. */
	*size_field = 300;
	fill_expect(s, op, 300, TEEC_SUCCESS, XTEST_ORIGIN_ANY, what);
}

static void test_7007_temp(void **state)
{
	TEEC_Session *s = &xtest_fixture(state)->sess;
	uint8_t buf[300];
	TEEC_Operation op;

	op = xtest_operation(TCF_TYPES(VALUE_INPUT, MEMREF_TEMP_OUTPUT, NONE,
				       NONE));
	op.params[1].tmpref.buffer = buf;
	op.params[1].tmpref.size = 100;
	short_check(s, &op, &op.params[1].tmpref.size, "TEMP_OUTPUT");
	op = xtest_operation(TCF_TYPES(VALUE_INPUT, MEMREF_TEMP_INOUT, NONE,
				       NONE));
	op.params[1].tmpref.buffer = buf;
	op.params[1].tmpref.size = 100;
	short_check(s, &op, &op.params[1].tmpref.size, "TEMP_INOUT");
}

static void test_7007_whole(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_SharedMemory *out, *io;
	TEEC_Operation op;

	out = xtest_fx_shm_alloc(fx, &fx->ctx, 100, TEEC_MEM_OUTPUT);
	io = xtest_fx_shm_alloc(fx, &fx->ctx, 100,
				TEEC_MEM_INPUT | TEEC_MEM_OUTPUT);
	op = xtest_operation(TCF_TYPES(VALUE_INPUT, MEMREF_WHOLE, NONE, NONE));
	op.params[1].memref.parent = out;
	fill_expect(&fx->sess, &op, 300, TEEC_ERROR_SHORT_BUFFER,
		    TEEC_ORIGIN_TRUSTED_APP, "WHOLE, output block");
	/* The size comes back in the parameter; the block keeps its own. */
	EXPECT_EQ(op.params[1].memref.size, 300);
	EXPECT_EQ(out->size, 100);
	op.params[1].memref.parent = io;
	fill_expect(&fx->sess, &op, 300, TEEC_ERROR_SHORT_BUFFER,
		    TEEC_ORIGIN_TRUSTED_APP, "WHOLE, inout block");
	EXPECT_EQ(op.params[1].memref.size, 300);
	EXPECT_EQ(io->size, 100);
}

static void test_7007_partial(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_SharedMemory *shm;
	TEEC_Operation op;

	shm = xtest_fx_shm_alloc(fx, &fx->ctx, 1000,
				 TEEC_MEM_INPUT | TEEC_MEM_OUTPUT);
	op = xtest_operation(TCF_TYPES(VALUE_INPUT, MEMREF_PARTIAL_OUTPUT,
				       NONE, NONE));
	op.params[1].memref.parent = shm;
	op.params[1].memref.offset = 10;
	op.params[1].memref.size = 100;
	short_check(&fx->sess, &op, &op.params[1].memref.size,
		    "PARTIAL_OUTPUT");
	op = xtest_operation(TCF_TYPES(VALUE_INPUT, MEMREF_PARTIAL_INOUT,
				       NONE, NONE));
	op.params[1].memref.parent = shm;
	op.params[1].memref.offset = 600;
	op.params[1].memref.size = 100;
	short_check(&fx->sess, &op, &op.params[1].memref.size,
		    "PARTIAL_INOUT");
}

static const struct xtest_sub subs_7007[] = {
	{ 1, "TEMP_OUTPUT and TEMP_INOUT get the size needed with SHORT_BUFFER",
	  test_7007_temp },
	{ 2, "MEMREF_WHOLE of output and inout blocks get it in memref.size",
	  test_7007_whole },
	{ 3, "PARTIAL_OUTPUT and PARTIAL_INOUT get it in memref.size",
	  test_7007_partial },
};

XTEST_CASE(case_7007, .id = "7007", .suite = "regression",
	   .title = "SHORT_BUFFER size feedback for every output kind",
	   .ta = &tcf_peer_uuid,
	   .subs = subs_7007, .nsubs = XTEST_ARRAY_SIZE(subs_7007));

/* ---- 7008: parameter checks ------------------------------------------------ */

static void test_7008_bad_types(void **state)
{
	static const uint32_t bad[] = { 4, 8, 9, 0xa, 0xb };
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	struct tcf_info before, after;
	TEEC_Operation op;
	char what[64];
	size_t i;

	tcf_info(s, &before);
	for (i = 0; i < XTEST_ARRAY_SIZE(bad); i++) {
		op = xtest_operation(TEEC_PARAM_TYPES(TEEC_NONE, bad[i],
						      TEEC_NONE, TEEC_NONE));
		snprintf(what, sizeof(what), "parameter type %#x",
			 (unsigned int)bad[i]);
		expect_api_refusal(s, TCF_CMD_INFO, &op, what);
	}
	/* None of them reached the TA. */
	tcf_info(s, &after);
	ASSERT_EQ(after.invokes, before.invokes + 1);
}

static void test_7008_bad_parent(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s = xtest_fx_session(fx, &fx->ctx, &os_test_uuid);
	TEEC_Operation op = xtest_operation(TCF_TYPES(MEMREF_WHOLE,
						      VALUE_OUTPUT, NONE,
						      NONE));

	op.params[0].memref.parent = NULL;
	expect_api_refusal(s, OS_TEST_CMD_SUM, &op, "WHOLE with no parent");
	op.params[0].memref.parent = xtest_fx_shm_alloc(fx,
							xtest_fx_context(fx),
							64, TEEC_MEM_INPUT);
	expect_api_refusal(s, OS_TEST_CMD_SUM, &op,
			   "WHOLE of another context's block");
}

static void test_7008_null_args(void **state)
{
	TEEC_Context *ctx = &xtest_fixture(state)->ctx;
	TEEC_Session s;
	uint32_t origin = 0;

	EXPECT_RESULT_ORIGIN(TEEC_OpenSession(NULL, &s, &os_test_uuid,
					      TEEC_LOGIN_PUBLIC, NULL, NULL,
					      &origin),
			     origin, TEEC_ERROR_BAD_PARAMETERS,
			     TEEC_ORIGIN_API);
	EXPECT_RESULT_ORIGIN(TEEC_OpenSession(ctx, NULL, &os_test_uuid,
					      TEEC_LOGIN_PUBLIC, NULL, NULL,
					      &origin),
			     origin, TEEC_ERROR_BAD_PARAMETERS,
			     TEEC_ORIGIN_API);
	EXPECT_RESULT_ORIGIN(TEEC_OpenSession(ctx, &s, NULL,
					      TEEC_LOGIN_PUBLIC, NULL, NULL,
					      &origin),
			     origin, TEEC_ERROR_BAD_PARAMETERS,
			     TEEC_ORIGIN_API);
	EXPECT_RESULT_ORIGIN(TEEC_InvokeCommand(NULL, 0, NULL, &origin),
			     origin, TEEC_ERROR_BAD_PARAMETERS,
			     TEEC_ORIGIN_API);
	/* A NULL returnOrigin is fine. */
	EXPECT_RESULT(TEEC_InvokeCommand(NULL, 0, NULL, NULL),
		      TEEC_ERROR_BAD_PARAMETERS);
	TEEC_CloseSession(NULL);
}

static void test_7008_null_operation(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Operation info = xtest_operation(TCF_TYPES(VALUE_INOUT, NONE,
							NONE, NONE));
	TEEC_Session *s;
	uint32_t origin;

	/* No operation: the TA sees no parameters (tcf_peer requires so). */
	ASSERT_RESULT_ORIGIN(xtest_fx_open_session(fx, &fx->ctx, &s,
						   &tcf_peer_uuid,
						   TEEC_LOGIN_PUBLIC, NULL,
						   NULL, &origin),
			     origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	tcf_invoke_expect(s, TCF_PEER_CMD_COUNT, NULL,
			  TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_TRUSTED_APP);
	xtest_invoke_ok(s, TCF_PEER_CMD_COUNT, &info);
	ASSERT_EQ(info.params[0].value.a, 2);
}

static const struct xtest_sub subs_7008[] = {
	{ 1, "parameter types GP does not define give BAD_PARAMETERS from the API",
	  test_7008_bad_types },
	{ 2, "a memref with no parent, or another context's, is refused by the API",
	  test_7008_bad_parent },
	{ 3, "NULL context, session or destination give BAD_PARAMETERS from the API",
	  test_7008_null_args },
	{ 4, "a NULL operation opens and invokes with no parameters",
	  test_7008_null_operation },
};

XTEST_CASE(case_7008, .id = "7008", .suite = "regression",
	   .title = "Parameter checks and return origins", .context = true,
	   .subs = subs_7008, .nsubs = XTEST_ARRAY_SIZE(subs_7008));

/* ---- 7009: sessions of one context and another -------------------------- */

static void test_7009_foreign_session(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INOUT, NONE, NONE,
						      NONE));
	TEEC_Context *b = xtest_fx_context(fx);
	TEEC_Session *s = xtest_fx_session(fx, &fx->ctx, &tcf_peer_uuid);
	TEEC_Session forged;
	uint32_t origin = 0;

	/* The same session ID, presented by another context (guest). */
	forged = *s;
	forged.imp.ctx = b->imp.priv;
	ASSERT_RESULT_ORIGIN(TEEC_InvokeCommand(&forged, TCF_PEER_CMD_COUNT,
						&op, &origin),
			     origin, TEEC_ERROR_BAD_PARAMETERS,
			     TEEC_ORIGIN_TEE);
	xtest_invoke_ok(s, TCF_PEER_CMD_COUNT, &op);
}

static const struct xtest_sub subs_7009[] = {
	{ 1, "a session belongs to its context: another cannot use it",
	  test_7009_foreign_session,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
};

XTEST_CASE(case_7009, .id = "7009", .suite = "regression",
	   .title = "Sessions belong to their context", .context = true,
	   .subs = subs_7009, .nsubs = XTEST_ARRAY_SIZE(subs_7009));
