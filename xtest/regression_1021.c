/*
 * 1021-1023: panics and crashes end the instance only; the heap and byte
 * functions; TEE_CheckMemoryAccessRights on every kind of memory a TA has.
 */
#include <string.h>

#include <tee_api_defines.h>

#include "tcf_helpers.h"

/* ---- 1021: crashes ------------------------------------------------------ */

/*
 * Crashes tcf_test the way kind says through one of two sessions and checks
 * that both report TARGET_DEAD from the TEE from then on, that a TA opened
 * before carries on, and that a new session gets a new instance.
 */
static void crash_check(uint32_t kind)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT, NONE, NONE,
						      NONE));
	TEEC_Operation info = xtest_operation(TCF_TYPES(VALUE_OUTPUT,
							VALUE_OUTPUT, NONE,
							NONE));
	struct teecheck_core_stats base;
	struct tcf_info before, after;
	TEEC_Session victim, other, bystander, fresh;
	TEEC_Context ctx;

	xtest_context_init(&ctx);
	tcf_stats(&ctx, &base);
	xtest_open_session(&ctx, &bystander, &tcf_peer_uuid);
	xtest_open_session(&ctx, &victim, &tcf_test_uuid);
	xtest_open_session(&ctx, &other, &tcf_test_uuid);
	tcf_info(&other, &before);
	op.params[0].value.a = kind;
	op.params[0].value.b = 0;	/* the address of NULL_WRITE */
	tcf_invoke_expect(&victim, TCF_CMD_CRASH, &op, TEEC_ERROR_TARGET_DEAD,
			  TEEC_ORIGIN_TEE);
	tcf_invoke_expect(&victim, TCF_CMD_INFO, &info, TEEC_ERROR_TARGET_DEAD,
			  TEEC_ORIGIN_TEE);
	tcf_invoke_expect(&other, TCF_CMD_INFO, &info, TEEC_ERROR_TARGET_DEAD,
			  TEEC_ORIGIN_TEE);
	op = xtest_operation(TCF_TYPES(VALUE_INOUT, NONE, NONE, NONE));
	xtest_invoke_ok(&bystander, TCF_PEER_CMD_COUNT, &op);
	xtest_open_session(&ctx, &fresh, &tcf_test_uuid);
	tcf_info(&fresh, &after);
	if (after.instance == before.instance)
		xtest_fail("a session after the crash is on the dead instance");
	assert_int_equal(after.sessions, 1);
	TEEC_CloseSession(&fresh);
	TEEC_CloseSession(&other);
	TEEC_CloseSession(&victim);
	TEEC_CloseSession(&bystander);
	tcf_wait_stats(&ctx, &base);
	TEEC_FinalizeContext(&ctx);
}

#define CRASH_TEST(name, kind)				\
	static void test_1021_##name(void **state)	\
	{						\
		(void)state;				\
		crash_check(kind);			\
	}

CRASH_TEST(panic, TCF_CRASH_PANIC)
CRASH_TEST(null_write, TCF_CRASH_NULL_WRITE)
CRASH_TEST(unmapped_read, TCF_CRASH_UNMAPPED_READ)
CRASH_TEST(write_rodata, TCF_CRASH_WRITE_RODATA)
CRASH_TEST(write_code, TCF_CRASH_WRITE_CODE)
CRASH_TEST(exec_data, TCF_CRASH_EXEC_DATA)
CRASH_TEST(illegal, TCF_CRASH_ILLEGAL)
CRASH_TEST(abort, TCF_CRASH_ABORT)
CRASH_TEST(stack_overflow, TCF_CRASH_STACK_OVERFLOW)
CRASH_TEST(bad_free, TCF_CRASH_BAD_FREE)

static void test_1021_write_input(void **state)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(MEMREF_TEMP_INPUT, NONE,
						      NONE, NONE));
	uint8_t buf[64] = { 1 };
	TEEC_Context ctx;
	TEEC_Session s;

	(void)state;
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = sizeof(buf);
	xtest_context_init(&ctx);
	xtest_open_session(&ctx, &s, &tcf_peer_uuid);
	tcf_invoke_expect(&s, TCF_PEER_CMD_WRITE_INPUT, &op,
			  TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	assert_int_equal(buf[0], 1);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static const struct xtest_sub subs_1021[] = {
	{ 1, "TEE_Panic ends the instance: TARGET_DEAD for all its sessions",
	  test_1021_panic },
	{ 2, "a store to address 0 ends the instance only", test_1021_null_write },
	{ 3, "a load from unmapped memory ends the instance only",
	  test_1021_unmapped_read },
	{ 4, "a store to read-only data ends the instance only",
	  test_1021_write_rodata },
	{ 5, "a store to the TA's code ends the instance only",
	  test_1021_write_code },
	{ 6, "a jump into the heap (not executable) ends the instance only",
	  test_1021_exec_data },
	{ 7, "an illegal instruction ends the instance only", test_1021_illegal },
	{ 8, "abort() ends the instance only", test_1021_abort },
	{ 9, "a stack overflow ends the instance only",
	  test_1021_stack_overflow },
	{ 10, "TEE_Free of a pointer TEE_Malloc did not give panics the TA",
	  test_1021_bad_free },
	{ 11, "a TA writing into an input memref faults; the client's buffer is intact",
	  test_1021_write_input },
};

XTEST_CASE(case_1021, .id = "1021", .suite = "regression",
	   .title = "TA panics and crashes end their instance only",
	   .flags = XTEST_NEEDS_IDLE,
	   .subs = subs_1021, .nsubs = XTEST_ARRAY_SIZE(subs_1021));

/* ---- 1022: heap and byte functions -------------------------------------- */

static void steps_on_tcf_test(uint32_t cmd, const char *what)
{
	TEEC_Context ctx;
	TEEC_Session s;

	xtest_context_init(&ctx);
	xtest_open_session(&ctx, &s, &tcf_test_mi_uuid);
	tcf_steps_ok(&s, cmd, what);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_1022_malloc(void **state)
{
	(void)state;
	steps_on_tcf_test(TCF_CMD_MALLOC, "TEE_Malloc");
}

static void test_1022_realloc(void **state)
{
	(void)state;
	steps_on_tcf_test(TCF_CMD_REALLOC, "TEE_Realloc");
}

static void test_1022_memops(void **state)
{
	(void)state;
	steps_on_tcf_test(TCF_CMD_MEMOPS, "TEE_MemMove/Compare/Fill");
}

static const struct xtest_sub subs_1022[] = {
	{ 1, "TEE_Malloc: zero fill, NO_FILL, NO_SHARE, reserved hints, 0, too big; TEE_Free(NULL)",
	  test_1022_malloc },
	{ 2, "TEE_Realloc: NULL, grow (zero-filled, moved), shrink, too big keeps the block",
	  test_1022_realloc },
	{ 3, "TEE_MemMove overlapping both ways, TEE_MemFill, TEE_MemCompare's sign",
	  test_1022_memops },
};

XTEST_CASE(case_1022, .id = "1022", .suite = "regression",
	   .title = "TEE_Malloc, TEE_Realloc, TEE_Free and the byte functions",
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

static void access_check_all(const struct access_vector *v, size_t n)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Result res;
	size_t i;

	xtest_context_init(&ctx);
	xtest_open_session(&ctx, &s, &tcf_test_mi_uuid);
	for (i = 0; i < n; i++) {
		res = access_check(&s, v[i].region, v[i].flags,
				   v[i].memref_type);
		if (res != v[i].want)
			xtest_fail("%s (flags %#x): 0x%08x, expected 0x%08x",
				   v[i].what, v[i].flags, res, v[i].want);
	}
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

#define IN	TEEC_MEMREF_TEMP_INPUT
#define OUT	TEEC_MEMREF_TEMP_OUTPUT
#define INOUT	TEEC_MEMREF_TEMP_INOUT
#define OK	TEEC_SUCCESS
#define DENIED	TEE_ERROR_ACCESS_DENIED

static void test_1023_input(void **state)
{
	static const struct access_vector v[] = {
		{ TCF_REGION_PARAM, R | ANY, IN, OK, "input memref, read" },
		{ TCF_REGION_PARAM, W | ANY, IN, DENIED, "input memref, write" },
		{ TCF_REGION_PARAM, R | W | ANY, IN, DENIED,
		  "input memref, read and write" },
		{ TCF_REGION_PARAM, R, IN, DENIED,
		  "input memref, read, not shared" },
	};

	(void)state;
	access_check_all(v, XTEST_ARRAY_SIZE(v));
}

static void test_1023_output(void **state)
{
	static const struct access_vector v[] = {
		{ TCF_REGION_PARAM, R | W | ANY, OUT, OK, "output memref" },
		{ TCF_REGION_PARAM, R | W | ANY, INOUT, OK, "inout memref" },
		{ TCF_REGION_PARAM, W, OUT, DENIED,
		  "output memref, not shared" },
		{ TCF_REGION_PARAM, R, INOUT, DENIED,
		  "inout memref, not shared" },
	};

	(void)state;
	access_check_all(v, XTEST_ARRAY_SIZE(v));
}

static void test_1023_private(void **state)
{
	static const struct access_vector v[] = {
		{ TCF_REGION_HEAP, R | W, TEEC_NONE, OK, "heap" },
		{ TCF_REGION_HEAP, R | W | ANY, TEEC_NONE, OK,
		  "heap, any owner" },
		{ TCF_REGION_STACK, R | W, TEEC_NONE, OK, "stack" },
		{ TCF_REGION_DATA, R | W, TEEC_NONE, OK, "data" },
		{ TCF_REGION_BSS, R | W, TEEC_NONE, OK, "bss" },
		{ TCF_REGION_INSTANCE_DATA, R | W, TEEC_NONE, OK,
		  "instance data" },
	};
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT, NONE, NONE,
						      NONE));
	TEEC_Context ctx;
	TEEC_Session s;

	(void)state;
	/* tcf_test_mi gets instance data to check (a fresh instance). */
	xtest_context_init(&ctx);
	xtest_open_session(&ctx, &s, &tcf_test_mi_uuid);
	op.params[0].value.a = 1;
	xtest_invoke_ok(&s, TCF_CMD_INSTANCE_DATA_SET, &op);
	{
		size_t i;

		for (i = 0; i < XTEST_ARRAY_SIZE(v); i++)
			if (access_check(&s, v[i].region, v[i].flags,
					 v[i].memref_type) != v[i].want)
				xtest_fail("%s (flags %#x): denied", v[i].what,
					   v[i].flags);
	}
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_1023_read_only(void **state)
{
	static const struct access_vector v[] = {
		{ TCF_REGION_RODATA, R, TEEC_NONE, OK, "read-only data, read" },
		{ TCF_REGION_RODATA, W, TEEC_NONE, DENIED,
		  "read-only data, write" },
		{ TCF_REGION_CODE, R, TEEC_NONE, OK, "code, read" },
		{ TCF_REGION_CODE, R | W, TEEC_NONE, DENIED, "code, write" },
	};

	(void)state;
	access_check_all(v, XTEST_ARRAY_SIZE(v));
}

static void test_1023_not_owned(void **state)
{
	static const struct access_vector v[] = {
		{ TCF_REGION_NULL, R, TEEC_NONE, DENIED, "NULL" },
		{ TCF_REGION_NULL, R | ANY, TEEC_NONE, DENIED, "NULL, any owner" },
		{ TCF_REGION_UNOWNED, R, TEEC_NONE, DENIED,
		  "an address no part of the TA" },
		{ TCF_REGION_UNOWNED, R | ANY, TEEC_NONE, DENIED,
		  "an address no part of the TA, any owner" },
		{ TCF_REGION_PAST_STACK, R, TEEC_NONE, DENIED,
		  "a range running off the stack" },
	};

	(void)state;
	access_check_all(v, XTEST_ARRAY_SIZE(v));
}

static const struct xtest_sub subs_1023[] = {
	{ 1, "an input memref is readable shared memory, never writable",
	  test_1023_input },
	{ 2, "output and inout memrefs are writable, and shared",
	  test_1023_output },
	{ 3, "heap, stack, data, bss and instance data are the TA's own, read-write",
	  test_1023_private },
	{ 4, "read-only data and code are readable, not writable",
	  test_1023_read_only },
	{ 5, "NULL, addresses the TA does not own, ranges off the stack: denied",
	  test_1023_not_owned },
};

XTEST_CASE(case_1023, .id = "1023", .suite = "regression",
	   .title = "TEE_CheckMemoryAccessRights",
	   .subs = subs_1023, .nsubs = XTEST_ARRAY_SIZE(subs_1023));
