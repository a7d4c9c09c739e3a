/*
 * 1021-1023: panics and crashes end the instance only; the heap and byte
 * functions; TEE_CheckMemoryAccessRights on every kind of memory a TA has.
 */
#include <string.h>

#include <tee_api_defines.h>

#include "tcf_helpers.h"

/* ---- 1021: crashes ------------------------------------------------------ */

/* A 1021 sub-case's row: how tcf_test is made to crash. */
struct crash_row {
	uint32_t kind;
};

/*
 * Crashes tcf_test the way the row says through one of two sessions and
 * checks that both report TARGET_DEAD from the TEE from then on, that a TA
 * opened before carries on, and that a new session gets a new instance.
 */
static void test_1021_crash(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	const struct crash_row *row = xtest_param(state, struct crash_row);
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT, NONE, NONE,
						      NONE));
	TEEC_Operation info = xtest_operation(TCF_TYPES(VALUE_OUTPUT,
							VALUE_OUTPUT, NONE,
							NONE));
	TEEC_Session *victim, *other, *bystander, *fresh;
	struct teecheck_core_stats base;
	struct tcf_info before, after;
	/* The core's counters close the check where there are any. */
	bool stats = !(xtest_tee_lacks & XTEST_NEEDS_CORE_STATS);

	if (stats)
		tcf_stats(&fx->ctx, &base);
	bystander = xtest_fx_session(fx, &fx->ctx, &tcf_peer_uuid);
	victim = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	other = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	tcf_info(other, &before);
	op.params[0].value.a = row->kind;
	op.params[0].value.b = 0;	/* the address of NULL_WRITE */
	tcf_invoke_expect(victim, TCF_CMD_CRASH, &op, TEEC_ERROR_TARGET_DEAD,
			  TEEC_ORIGIN_TEE);
	tcf_invoke_expect(victim, TCF_CMD_INFO, &info, TEEC_ERROR_TARGET_DEAD,
			  TEEC_ORIGIN_TEE);
	tcf_invoke_expect(other, TCF_CMD_INFO, &info, TEEC_ERROR_TARGET_DEAD,
			  TEEC_ORIGIN_TEE);
	op = xtest_operation(TCF_TYPES(VALUE_INOUT, NONE, NONE, NONE));
	xtest_invoke_ok(bystander, TCF_PEER_CMD_COUNT, &op);
	fresh = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	tcf_info(fresh, &after);
	if (after.instance == before.instance)
		xtest_fail("a session after the crash is on the dead instance");
	ASSERT_EQ(after.sessions, 1);
	/* Closing them all leaves the core as it was, dead instance and all. */
	xtest_fx_release(fx, fresh);
	xtest_fx_release(fx, other);
	xtest_fx_release(fx, victim);
	xtest_fx_release(fx, bystander);
	if (stats)
		tcf_wait_stats(&fx->ctx, &base);
}

static void test_1021_write_input(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Operation op = xtest_operation(TCF_TYPES(MEMREF_TEMP_INPUT, NONE,
						      NONE, NONE));
	uint8_t buf[64] = { 1 };

	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = sizeof(buf);
	tcf_invoke_expect(xtest_fx_session(fx, &fx->ctx, &tcf_peer_uuid),
			  TCF_PEER_CMD_WRITE_INPUT, &op,
			  TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	ASSERT_EQ(buf[0], 1);
}

#define CRASH_ROW(num, title, kind) \
	XTEST_SUB_ROW(num, title, test_1021_crash, struct crash_row, kind)

static const struct xtest_sub subs_1021[] = {
	CRASH_ROW(1, "TEE_Panic ends the instance: TARGET_DEAD for all its "
		  "sessions", TCF_CRASH_PANIC),
	CRASH_ROW(2, "a store to address 0 ends the instance only",
		  TCF_CRASH_NULL_WRITE),
	CRASH_ROW(3, "a load from unmapped memory ends the instance only",
		  TCF_CRASH_UNMAPPED_READ),
	CRASH_ROW(4, "a store to read-only data ends the instance only",
		  TCF_CRASH_WRITE_RODATA),
	CRASH_ROW(5, "a store to the TA's code ends the instance only",
		  TCF_CRASH_WRITE_CODE),
	CRASH_ROW(6, "a jump into the heap (not executable) ends the "
		  "instance only", TCF_CRASH_EXEC_DATA),
	CRASH_ROW(7, "an illegal instruction ends the instance only",
		  TCF_CRASH_ILLEGAL),
	CRASH_ROW(8, "abort() ends the instance only", TCF_CRASH_ABORT),
	CRASH_ROW(9, "a stack overflow ends the instance only",
		  TCF_CRASH_STACK_OVERFLOW),
	CRASH_ROW(10, "TEE_Free of a pointer TEE_Malloc did not give panics "
		  "the TA", TCF_CRASH_BAD_FREE),
	{ 11, "a TA writing into an input memref faults; the client's buffer is intact",
	  test_1021_write_input,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
};

XTEST_CASE(case_1021, .id = "1021", .suite = "regression",
	   .title = "TA panics and crashes end their instance only",
	   .context = true,
	   .flags = XTEST_NEEDS_IDLE,
	   .subs = subs_1021, .nsubs = XTEST_ARRAY_SIZE(subs_1021));

/* ---- 1022: heap and byte functions -------------------------------------- */

/* A 1022 sub-case's row: a step-checking command of tcf_test. */
struct steps_row {
	uint32_t cmd;
	const char *what;
};

static void test_1022_steps(void **state)
{
	const struct steps_row *row = xtest_param(state, struct steps_row);

	tcf_steps_ok(&xtest_fixture(state)->sess, row->cmd, row->what);
}

/*
 * TEE_Realloc keeps the contents as a block grows and moves: checked by the
 * client on data of its own, a second check beside the TA's own steps
 * (1022.2).
 */
static void test_1022_realloc_data(void **state)
{
	static uint8_t in[5 * 4096 + 123], out[sizeof(in)];
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
		TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
		TEEC_NONE));

	xtest_fill(in, sizeof(in), 1022);
	memset(out, 0, sizeof(out));
	op.params[0].tmpref.buffer = in;
	op.params[0].tmpref.size = sizeof(in);
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = sizeof(out);
	xtest_invoke_ok(&xtest_fixture(state)->sess, TCF_CMD_REALLOC_DATA, &op);
	ASSERT_EQ(op.params[1].tmpref.size, sizeof(in));
	ASSERT_MEM_EQ(out, in, sizeof(in));
}

static const struct xtest_sub subs_1022[] = {
	XTEST_SUB_ROW(1, "TEE_Malloc: zero fill, NO_FILL, NO_SHARE, reserved "
		      "hints, 0, too big; TEE_Free(NULL)", test_1022_steps,
		      struct steps_row, TCF_CMD_MALLOC, "TEE_Malloc"),
	XTEST_SUB_ROW(2, "TEE_Realloc: NULL, grow (zero-filled, moved), "
		      "shrink, too big keeps the block", test_1022_steps,
		      struct steps_row, TCF_CMD_REALLOC, "TEE_Realloc"),
	XTEST_SUB_ROW(3, "TEE_MemMove overlapping both ways, TEE_MemFill, "
		      "TEE_MemCompare's sign", test_1022_steps,
		      struct steps_row, TCF_CMD_MEMOPS,
		      "TEE_MemMove/Compare/Fill"),
	{ 4, "TEE_Realloc keeps the client's data as the block grows and moves",
	  test_1022_realloc_data },
};

XTEST_CASE(case_1022, .id = "1022", .suite = "regression",
	   .title = "TEE_Malloc, TEE_Realloc, TEE_Free and the byte functions",
	   .ta = &tcf_test_mi_uuid,
	   .subs = subs_1022, .nsubs = XTEST_ARRAY_SIZE(subs_1022));

/* ---- 1023: TEE_CheckMemoryAccessRights --------------------------------- */

#define R	TEE_MEMORY_ACCESS_READ
#define W	TEE_MEMORY_ACCESS_WRITE
#define ANY	TEE_MEMORY_ACCESS_ANY_OWNER

/* TEE_CheckMemoryAccessRights(flags, region); memref_type for PARAM. */
static TEEC_Result access_check(TEEC_Session *s, uint32_t region,
				uint32_t flags, uint32_t memref_type)
{
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
							     TEEC_VALUE_OUTPUT,
							     memref_type,
							     TEEC_NONE));
	uint8_t buf[128];

	memset(buf, 0, sizeof(buf));
	op.params[0].value.a = region;
	op.params[0].value.b = flags;
	op.params[2].tmpref.buffer = buf;
	op.params[2].tmpref.size = sizeof(buf);
	op.params[1].value.a = 0x12345678;
	xtest_invoke_ok(s, TCF_CMD_CHECK_ACCESS, &op);
	return op.params[1].value.a;
}

struct access_vector {
	uint32_t region;
	uint32_t flags;
	uint32_t memref_type;
	TEEC_Result want;
	const char *what;
};

#define IN	TEEC_MEMREF_TEMP_INPUT
#define OUT	TEEC_MEMREF_TEMP_OUTPUT
#define INOUT	TEEC_MEMREF_TEMP_INOUT
#define OK	TEEC_SUCCESS
#define DENIED	TEE_ERROR_ACCESS_DENIED

/*
 * A 1023 sub-case's row: the checks to make on a fresh tcf_test_mi
 * instance, which first gets instance data when instance_data says so.
 */
struct access_table {
	const struct access_vector *v;
	size_t n;
	bool instance_data;
};

static void test_1023_access(void **state)
{
	const struct access_table *t = xtest_param(state, struct access_table);
	TEEC_Session *s = &xtest_fixture(state)->sess;
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT, NONE, NONE,
						      NONE));
	TEEC_Result res;
	size_t i;

	if (t->instance_data) {
		op.params[0].value.a = 1;
		xtest_invoke_ok(s, TCF_CMD_INSTANCE_DATA_SET, &op);
	}
	for (i = 0; i < t->n; i++) {
		res = access_check(s, t->v[i].region, t->v[i].flags,
				   t->v[i].memref_type);
		if (res != t->v[i].want)
			xtest_expect_fail("%s (flags %#x): 0x%08x, expected "
					  "0x%08x", t->v[i].what,
					  t->v[i].flags, res, t->v[i].want);
	}
}

static const struct access_vector access_input[] = {
	{ TCF_REGION_PARAM, R | ANY, IN, OK, "input memref, read" },
	{ TCF_REGION_PARAM, W | ANY, IN, DENIED, "input memref, write" },
	{ TCF_REGION_PARAM, R | W | ANY, IN, DENIED,
	  "input memref, read and write" },
	{ TCF_REGION_PARAM, R, IN, DENIED, "input memref, read, not shared" },
};

static const struct access_vector access_output[] = {
	{ TCF_REGION_PARAM, R | W | ANY, OUT, OK, "output memref" },
	{ TCF_REGION_PARAM, R | W | ANY, INOUT, OK, "inout memref" },
	{ TCF_REGION_PARAM, W, OUT, DENIED, "output memref, not shared" },
	{ TCF_REGION_PARAM, R, INOUT, DENIED, "inout memref, not shared" },
};

static const struct access_vector access_private[] = {
	{ TCF_REGION_HEAP, R | W, TEEC_NONE, OK, "heap" },
	{ TCF_REGION_HEAP, R | W | ANY, TEEC_NONE, OK, "heap, any owner" },
	{ TCF_REGION_STACK, R | W, TEEC_NONE, OK, "stack" },
	{ TCF_REGION_DATA, R | W, TEEC_NONE, OK, "data" },
	{ TCF_REGION_BSS, R | W, TEEC_NONE, OK, "bss" },
	{ TCF_REGION_INSTANCE_DATA, R | W, TEEC_NONE, OK, "instance data" },
};

static const struct access_vector access_read_only[] = {
	{ TCF_REGION_RODATA, R, TEEC_NONE, OK, "read-only data, read" },
	{ TCF_REGION_RODATA, W, TEEC_NONE, DENIED, "read-only data, write" },
	{ TCF_REGION_CODE, R, TEEC_NONE, OK, "code, read" },
	{ TCF_REGION_CODE, R | W, TEEC_NONE, DENIED, "code, write" },
};

static const struct access_vector access_not_owned[] = {
	{ TCF_REGION_NULL, R, TEEC_NONE, DENIED, "NULL" },
	{ TCF_REGION_NULL, R | ANY, TEEC_NONE, DENIED, "NULL, any owner" },
	{ TCF_REGION_UNOWNED, R, TEEC_NONE, DENIED,
	  "an address no part of the TA" },
	{ TCF_REGION_UNOWNED, R | ANY, TEEC_NONE, DENIED,
	  "an address no part of the TA, any owner" },
	{ TCF_REGION_PAST_STACK, R, TEEC_NONE, DENIED,
	  "a range running off the stack" },
};

#define ACCESS_ROW(num, title, table, data)				\
	XTEST_SUB_ROW(num, title, test_1023_access, struct access_table, \
		      table, XTEST_ARRAY_SIZE(table), data)

static const struct xtest_sub subs_1023[] = {
	ACCESS_ROW(1, "an input memref is readable shared memory, never "
		   "writable", access_input, false),
	ACCESS_ROW(2, "output and inout memrefs are writable, and shared",
		   access_output, false),
	/* tcf_test_mi gets instance data to check (a fresh instance). */
	ACCESS_ROW(3, "heap, stack, data, bss and instance data are the TA's "
		   "own, read-write", access_private, true),
	ACCESS_ROW(4, "read-only data and code are readable, not writable",
		   access_read_only, false),
	ACCESS_ROW(5, "NULL, addresses the TA does not own, ranges off the "
		   "stack: denied", access_not_owned, false),
};

XTEST_CASE(case_1023, .id = "1023", .suite = "regression",
	   .title = "TEE_CheckMemoryAccessRights", .ta = &tcf_test_mi_uuid,
	   .subs = subs_1023, .nsubs = XTEST_ARRAY_SIZE(subs_1023));
