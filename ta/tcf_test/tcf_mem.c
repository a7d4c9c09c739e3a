/*
 * tcf_test's memory commands: the heap functions and the byte functions
 * checked in the TA, TEE_CheckMemoryAccessRights on each kind of region, and
 * the ways a TA can crash.
 */
#include <stdlib.h>
#include <string.h>
#include <tcf_test_ta.h>

#include "tcf_test.h"

#define TYPES(a, b, c, d) \
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
			TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_##d)

static const uint8_t tcf_rodata[64] = { 1, 2, 3, 4 };
static uint8_t tcf_data[64] = { 5, 6, 7, 8 };
static uint8_t tcf_bss[64];

static bool tcf_all(const uint8_t *p, uint8_t v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != v)
			return false;
	return true;
}

static uint32_t tcf_malloc_steps(void)
{
	uint8_t *p, *q;

	p = TEE_Malloc(100, TEE_MALLOC_FILL_ZERO);
	if (!p || !tcf_all(p, 0, 100))
		return 1;	/* hint 0: zero-filled */
	TEE_MemFill(p, 0xa5, 100);
	TEE_Free(p);
	/*
	 * NO_FILL alone is not tried: GP has a TA use it only together with
	 * NO_SHARE, and OP-TEE panics the TA that does not.
	 */
	/*
	 * NO_SHARE: memory no other TA sees. A TEE without such a heap may
	 * have none to give (OP-TEE gives NULL then); what it gives must
	 * still be zero-filled unless NO_FILL.
	 */
	p = TEE_Malloc(100, TEE_MALLOC_NO_SHARE);
	if (p && !tcf_all(p, 0, 100))
		return 3;	/* NO_SHARE alone: still zero-filled */
	TEE_Free(p);
	p = TEE_Malloc(100, TEE_MALLOC_NO_SHARE | TEE_MALLOC_NO_FILL);
	TEE_Free(p);
	if (TEE_Malloc(100, 0x4) || TEE_Malloc(100, 0x40000000u) ||
	    TEE_Malloc(100, 0x80000001u))
		return 5;	/* reserved and unknown hints get nothing */
	p = TEE_Malloc(100, 0x80000000u);
	if (!p)
		return 6;	/* OP-TEE's own no-fill hint works */
	TEE_Free(p);
	p = TEE_Malloc(0, TEE_MALLOC_FILL_ZERO);
	q = TEE_Malloc(0, TEE_MALLOC_NO_SHARE | TEE_MALLOC_NO_FILL);
	if (!p || !q)
		return 7;	/* size 0: non-NULL, freeable pointers */
	TEE_Free(p);
	TEE_Free(q);
	if (TEE_Malloc(SIZE_MAX / 2, TEE_MALLOC_FILL_ZERO))
		return 8;	/* more than the heap: NULL, no panic */
	TEE_Free(NULL);		/* no effect */
	return 0;
}

TEE_Result tcf_malloc(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TYPES(VALUE_OUTPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	p[0].value.a = tcf_malloc_steps();
	return TEE_SUCCESS;
}

static uint32_t tcf_realloc_steps(void)
{
	uint8_t *p, *q, *big;
	size_t i;

	p = TEE_Realloc(NULL, 32);
	if (!p || !tcf_all(p, 0, 32))
		return 1;	/* NULL: like TEE_Malloc(hint 0) */
	for (i = 0; i < 32; i++)
		p[i] = (uint8_t)i;
	/* Something after it, so growing must move it. */
	big = TEE_Malloc(64, TEE_MALLOC_FILL_ZERO);
	q = TEE_Realloc(p, 4096);
	if (!q)
		return 2;
	for (i = 0; i < 32; i++)
		if (q[i] != i)
			return 3;	/* contents kept */
	if (!tcf_all(q + 32, 0, 4096 - 32))
		return 4;	/* a zero-filled block grows zero-filled */
	p = TEE_Realloc(q, 16);
	if (!p)
		return 5;
	for (i = 0; i < 16; i++)
		if (p[i] != i)
			return 6;	/* shrinking keeps the start */
	q = TEE_Realloc(p, SIZE_MAX / 2);
	if (q)
		return 7;	/* too big: NULL */
	for (i = 0; i < 16; i++)
		if (p[i] != i)
			return 8;	/* and the block unharmed */
	TEE_Free(p);
	TEE_Free(big);
	return 0;
}

TEE_Result tcf_realloc(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TYPES(VALUE_OUTPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	p[0].value.a = tcf_realloc_steps();
	return TEE_SUCCESS;
}

TEE_Result tcf_realloc_data(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	const uint8_t *in = p[0].memref.buffer;
	size_t len = p[0].memref.size, have = 16, i;
	uint8_t *blk, *grown;
	void *after[64];
	size_t nafter = 0;
	TEE_Result res;

	if (types != TYPES(MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE) ||
	    p[1].memref.size < len || len > 64 * 4096)
		return TEE_ERROR_BAD_PARAMETERS;
	blk = TEE_Malloc(have, TEE_MALLOC_FILL_ZERO);
	if (!blk)
		return TEE_ERROR_OUT_OF_MEMORY;
	for (i = 0; i < have && i < len; i++)
		blk[i] = in[i];
	while (have < len) {
		/* Something right after it: growing has to move it. */
		after[nafter++] = TEE_Malloc(8, TEE_MALLOC_FILL_ZERO);
		grown = TEE_Realloc(blk, have + 4096 < len ? have + 4096 : len);
		if (!grown) {
			TEE_Free(blk);
			blk = NULL;
			break;
		}
		blk = grown;
		for (i = have; i < len && i < have + 4096; i++)
			blk[i] = in[i];
		have = have + 4096 < len ? have + 4096 : len;
	}
	res = blk ? TEE_SUCCESS : TEE_ERROR_OUT_OF_MEMORY;
	if (blk)
		TEE_MemMove(p[1].memref.buffer, blk, len);
	p[1].memref.size = len;
	TEE_Free(blk);
	while (nafter)
		TEE_Free(after[--nafter]);
	return res;
}

static uint32_t tcf_memops_steps(void)
{
	uint8_t a[16], b[16];
	size_t i;

	for (i = 0; i < sizeof(a); i++)
		a[i] = (uint8_t)i;
	TEE_MemMove(a + 2, a, 8);	/* overlapping, forwards */
	if (a[2] != 0 || a[9] != 7 || a[10] != 10)
		return 1;
	TEE_MemMove(a, a + 2, 8);	/* overlapping, backwards */
	if (a[0] != 0 || a[7] != 7 || a[8] != 6)
		return 2;
	TEE_MemFill(b, 0x5a, sizeof(b));
	if (!tcf_all(b, 0x5a, sizeof(b)))
		return 3;
	TEE_MemFill(b, 0xff, 4);	/* only the first size bytes */
	if (!tcf_all(b, 0xff, 4) || b[4] != 0x5a)
		return 4;
	memcpy(a, b, sizeof(a));
	if (TEE_MemCompare(a, b, sizeof(a)) != 0)
		return 5;
	a[7] = 0x00;
	if (TEE_MemCompare(a, b, sizeof(a)) >= 0)
		return 6;	/* first difference decides: a is smaller */
	a[3] = 0x00;
	b[7] = 0x00;
	if (TEE_MemCompare(b, a, sizeof(a)) <= 0)
		return 7;
	if (TEE_MemCompare(a, b, 0) != 0)
		return 8;	/* nothing to compare: equal */
	TEE_MemMove(a, b, 0);	/* nothing to move */
	return 0;
}

TEE_Result tcf_memops(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TYPES(VALUE_OUTPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	p[0].value.a = tcf_memops_steps();
	return TEE_SUCCESS;
}

static bool tcf_memref_type(uint32_t t)
{
	return t == TEE_PARAM_TYPE_MEMREF_INPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_OUTPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_INOUT;
}

/* The stack's top: the last byte of a frame further down is below it. */
static __attribute__((noinline)) uintptr_t tcf_stack_here(void)
{
	volatile uint8_t here;

	return (uintptr_t)&here;
}

TEE_Result tcf_check_access(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	uint8_t local[64];
	uint32_t t2 = TEE_PARAM_TYPE_GET(types, 2);
	uint32_t flags = p[0].value.b;
	void *buf = NULL, *heap = NULL;
	size_t size = 16;

	if (TEE_PARAM_TYPE_GET(types, 0) != TEE_PARAM_TYPE_VALUE_INPUT ||
	    TEE_PARAM_TYPE_GET(types, 1) != TEE_PARAM_TYPE_VALUE_OUTPUT ||
	    (t2 != TEE_PARAM_TYPE_NONE && !tcf_memref_type(t2)) ||
	    TEE_PARAM_TYPE_GET(types, 3) != TEE_PARAM_TYPE_NONE)
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_MemFill(local, 0, sizeof(local));
	switch (p[0].value.a) {
	case TCF_REGION_PARAM:
		if (!tcf_memref_type(t2))
			return TEE_ERROR_BAD_PARAMETERS;
		buf = p[2].memref.buffer;
		size = p[2].memref.size;
		break;
	case TCF_REGION_HEAP:
		buf = heap = TEE_Malloc(size, TEE_MALLOC_FILL_ZERO);
		if (!heap)
			return TEE_ERROR_OUT_OF_MEMORY;
		break;
	case TCF_REGION_STACK:
		buf = local;
		size = sizeof(local);
		break;
	case TCF_REGION_RODATA:
		buf = (void *)tcf_rodata;
		size = sizeof(tcf_rodata);
		break;
	case TCF_REGION_DATA:
		buf = tcf_data;
		size = sizeof(tcf_data);
		break;
	case TCF_REGION_BSS:
		buf = tcf_bss;
		size = sizeof(tcf_bss);
		break;
	case TCF_REGION_CODE:
		buf = (void *)(uintptr_t)tcf_check_access;
		break;
	case TCF_REGION_NULL:
		buf = NULL;
		break;
	case TCF_REGION_UNOWNED:
		/* Far from anything a 64 KiB-aligned TA image maps. */
		buf = (void *)(uintptr_t)0x10000;
		break;
	case TCF_REGION_PAST_STACK:
		/* From just below the top down into what is no stack. */
		buf = (void *)(tcf_stack_here() & ~(uintptr_t)0xf);
		size = 1024 * 1024 * 64;
		break;
	case TCF_REGION_INSTANCE_DATA:
		buf = TEE_GetInstanceData();
		size = 4;
		if (!buf)
			return TEE_ERROR_BAD_STATE;
		break;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
	p[1].value.a = TEE_CheckMemoryAccessRights(flags, buf, size);
	TEE_Free(heap);
	return TEE_SUCCESS;
}

/* Each level keeps a frame the compiler cannot fold away. */
static __attribute__((noinline)) uint32_t tcf_recurse(uint32_t n)
{
	volatile uint8_t frame[256];

	frame[n % sizeof(frame)] = (uint8_t)n;
	/* Never true before the stack runs out; the compiler cannot know. */
	if (frame[0] == 0xff && n == UINT32_MAX)
		return 0;
	return tcf_recurse(n + 1) + frame[0];
}

typedef void (*tcf_fn)(void);

TEE_Result tcf_crash(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	static const uint8_t code_like[16] = { 0 };
	uint8_t *heap;

	if (types != TYPES(VALUE_INPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (p[0].value.a) {
	case TCF_CRASH_PANIC:
		TEE_Panic(TCF_PANIC_CODE);
	case TCF_CRASH_NULL_WRITE:
		*(volatile uint32_t *)(uintptr_t)p[0].value.b = 1;
		break;
	case TCF_CRASH_UNMAPPED_READ:
		return *(volatile uint32_t *)(uintptr_t)0x10000;
	case TCF_CRASH_WRITE_RODATA:
		*(volatile uint8_t *)(uintptr_t)code_like = 1;
		break;
	case TCF_CRASH_WRITE_CODE:
		*(volatile uint8_t *)(uintptr_t)tcf_crash = 0;
		break;
	case TCF_CRASH_EXEC_DATA:
		heap = TEE_Malloc(64, TEE_MALLOC_FILL_ZERO);
		if (heap)
			((tcf_fn)(uintptr_t)heap)();
		break;
	case TCF_CRASH_ILLEGAL:
		__builtin_trap();
	case TCF_CRASH_ABORT:
		abort();
	case TCF_CRASH_STACK_OVERFLOW:
		return tcf_recurse(0);
	case TCF_CRASH_BAD_FREE:
		TEE_Free(tcf_data + 16);
		break;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
	/* Still here: the crash did not happen. */
	return TEE_ERROR_GENERIC;
}
