/*
 * TTA_TCF's memory commands: TEE_Malloc, TEE_Realloc, TEE_Free,
 * TEE_MemMove, TEE_MemCompare, TEE_MemFill and
 * TEE_CheckMemoryAccessRights, each checked inside the TA; the client sees
 * TEE_SUCCESS, or the error that tells what went wrong.
 */
#include "tcf.h"

#define TCF_PATTERN(i)	((uint8_t)(0x5a ^ (i) ^ ((i) >> 8)))

static void tcf_pattern_fill(uint8_t *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = TCF_PATTERN(i);
}

static bool tcf_pattern_ok(const uint8_t *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (buf[i] != TCF_PATTERN(i))
			return false;
	return true;
}

/*
 * [size, hint]: a block of size bytes with the hint. With
 * TEE_MALLOC_FILL_ZERO it must read as zeroes even where an earlier block
 * left other bytes, so one is dirtied and freed first. (GP has a TA ask for
 * TEE_MALLOC_NO_FILL only together with TEE_MALLOC_NO_SHARE; OP-TEE panics
 * a TA that does not, so the TAs here never do.)
 */
static TEE_Result tcf_malloc(uint32_t size, uint32_t hint)
{
	uint8_t *buf;
	size_t i;

	if (hint == TEE_MALLOC_FILL_ZERO) {
		buf = TEE_Malloc(size, TEE_MALLOC_FILL_ZERO);
		if (buf) {
			TEE_MemFill(buf, 0xa5, size);
			TEE_Free(buf);
		}
	}
	buf = TEE_Malloc(size, hint);
	if (!buf)
		return TEE_ERROR_OUT_OF_MEMORY;
	for (i = 0; hint == TEE_MALLOC_FILL_ZERO && i < size; i++) {
		if (buf[i]) {
			TEE_Free(buf);
			return TEE_ERROR_GENERIC;
		}
	}
	tcf_pattern_fill(buf, size);
	TEE_Free(buf);
	return TEE_SUCCESS;
}

/*
 * [old size, new size]: a block of old size (none when 0) filled with the
 * pattern, reallocated: what both sizes cover keeps the pattern. A failed
 * reallocation leaves the old block as it was.
 */
static TEE_Result tcf_realloc(uint32_t old_size, uint32_t new_size)
{
	uint8_t *buf = NULL;
	uint8_t *nbuf;
	TEE_Result res = TEE_SUCCESS;

	if (old_size) {
		buf = TEE_Malloc(old_size, TEE_MALLOC_FILL_ZERO);
		if (!buf)
			return TEE_ERROR_OUT_OF_MEMORY;
		tcf_pattern_fill(buf, old_size);
	}
	nbuf = TEE_Realloc(buf, new_size);
	if (!nbuf) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		if (buf && !tcf_pattern_ok(buf, old_size))
			res = TEE_ERROR_GENERIC;
		goto out;
	}
	buf = nbuf;
	if (!tcf_pattern_ok(buf, old_size < new_size ? old_size : new_size))
		res = TEE_ERROR_GENERIC;
	else if (new_size)
		tcf_pattern_fill(buf, new_size);
out:
	TEE_Free(buf);
	return res;
}

/* [case]: TEE_Free of NULL, or of a block just allocated. */
static TEE_Result tcf_free(uint32_t which)
{
	void *buf = NULL;

	if (which == CASE_ALLOCATED) {
		buf = TEE_Malloc(SIZE_SMALL, TEE_MALLOC_FILL_ZERO);
		if (!buf)
			return TEE_ERROR_OUT_OF_MEMORY;
	} else if (which != CASE_NULL) {
		return TEE_ERROR_BAD_PARAMETERS;
	}
	TEE_Free(buf);
	return TEE_SUCCESS;
}

/*
 * [size]: size bytes moved to a distinct block, then within one block
 * forwards and backwards over overlapping ranges.
 */
static TEE_Result tcf_memmove(uint32_t size)
{
	size_t shift = size / 2 + 1;
	TEE_Result res = TEE_SUCCESS;
	uint8_t *a, *b;

	a = TEE_Malloc(size + shift, TEE_MALLOC_FILL_ZERO);
	b = TEE_Malloc(size + shift, TEE_MALLOC_FILL_ZERO);
	if (!a || !b) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto out;
	}
	tcf_pattern_fill(a, size);
	TEE_MemMove(b, a, size);
	if (!tcf_pattern_ok(b, size))
		res = TEE_ERROR_GENERIC;
	/* Up by shift: the source's tail is the destination's head. */
	TEE_MemMove(a + shift, a, size);
	if (!tcf_pattern_ok(a + shift, size))
		res = TEE_ERROR_GENERIC;
	/* And back down. */
	TEE_MemMove(a, a + shift, size);
	if (!tcf_pattern_ok(a, size))
		res = TEE_ERROR_GENERIC;
out:
	TEE_Free(a);
	TEE_Free(b);
	return res;
}

/*
 * [size, case] -> value 2's a: TEE_MemCompare of two blocks that are
 * equal, or whose last byte makes buffer 1 greater or lower.
 */
static TEE_Result tcf_memcompare(uint32_t size, uint32_t which,
				 TEE_Param *out)
{
	TEE_Result res = TEE_SUCCESS;
	uint8_t *a, *b;

	if (!size)
		return TEE_ERROR_BAD_PARAMETERS;
	a = TEE_Malloc(size, TEE_MALLOC_FILL_ZERO);
	b = TEE_Malloc(size, TEE_MALLOC_FILL_ZERO);
	if (!a || !b) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto out;
	}
	tcf_pattern_fill(a, size);
	tcf_pattern_fill(b, size);
	if (which == CASE_BUFFER1_GREATER) {
		a[size - 1] = 0xff;
		b[size - 1] = 0x01;
	} else if (which == CASE_BUFFER1_LOWER) {
		a[size - 1] = 0x01;
		b[size - 1] = 0xff;
	} else if (which != CASE_EQUAL) {
		res = TEE_ERROR_BAD_PARAMETERS;
	}
	if (res == TEE_SUCCESS)
		out->value.a = (uint32_t)TEE_MemCompare(a, b, size);
out:
	TEE_Free(a);
	TEE_Free(b);
	return res;
}

/* [size, byte]: every byte of a block TEE_MemFill filled is the byte. */
static TEE_Result tcf_memfill(uint32_t size, uint32_t x)
{
	TEE_Result res = TEE_SUCCESS;
	uint8_t *buf;
	size_t i;

	if (x > 0xff)
		return TEE_ERROR_BAD_PARAMETERS;
	buf = TEE_Malloc(size + 1, TEE_MALLOC_FILL_ZERO);
	if (!buf)
		return TEE_ERROR_OUT_OF_MEMORY;
	buf[size] = (uint8_t)~x;
	TEE_MemFill(buf, (uint8_t)x, size);
	for (i = 0; i < size; i++)
		if (buf[i] != x)
			res = TEE_ERROR_GENERIC;
	/* And not one byte more. */
	if (buf[size] != (uint8_t)~x)
		res = TEE_ERROR_GENERIC;
	TEE_Free(buf);
	return res;
}

static const uint8_t tcf_rodata[64] = { 1 };

/* [flags, which]: the rights on memory of the TA's own. */
static TEE_Result tcf_own_access(uint32_t flags, uint32_t which)
{
	uint8_t stack[64];
	TEE_Result res;
	void *heap;

	switch (which) {
	case OWN_MEMORY_HEAP:
		heap = TEE_Malloc(sizeof(stack), TEE_MALLOC_FILL_ZERO);
		if (!heap)
			return TEE_ERROR_OUT_OF_MEMORY;
		res = TEE_CheckMemoryAccessRights(flags, heap, sizeof(stack));
		TEE_Free(heap);
		return res;
	case OWN_MEMORY_STACK:
		TEE_MemFill(stack, 0, sizeof(stack));
		return TEE_CheckMemoryAccessRights(flags, stack, sizeof(stack));
	case OWN_MEMORY_RODATA:
		return TEE_CheckMemoryAccessRights(flags, (void *)tcf_rodata,
						   sizeof(tcf_rodata));
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

static TEE_Result tcf_access_cmd(uint32_t cmd, uint32_t types,
				 TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t t = TEE_PARAM_TYPE_GET(types, 1);

	if (cmd == CMD_TTA_CheckOwnMemoryAccessRights) {
		if (types != TCF_TYPES(VALUE_INPUT, VALUE_INPUT, NONE, NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		return tcf_own_access(p[0].value.a, p[1].value.a);
	}
	/* [flags, the client's memref]: the rights on the client's memory. */
	if (TEE_PARAM_TYPE_GET(types, 0) != TEE_PARAM_TYPE_VALUE_INPUT ||
	    t < TEE_PARAM_TYPE_MEMREF_INPUT ||
	    t > TEE_PARAM_TYPE_MEMREF_INOUT ||
	    types >> 8)
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_CheckMemoryAccessRights(p[0].value.a, p[1].memref.buffer,
					   p[1].memref.size);
}

TEE_Result tcf_memory_cmd(uint32_t cmd, uint32_t types,
			  TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t one = TCF_TYPES(VALUE_INPUT, NONE, NONE, NONE);
	uint32_t two = TCF_TYPES(VALUE_INPUT, VALUE_INPUT, NONE, NONE);
	uint32_t cmp = TCF_TYPES(VALUE_INPUT, VALUE_INPUT, VALUE_OUTPUT, NONE);

	switch (cmd) {
	case CMD_TEE_Malloc:
		if (types != two)
			return TEE_ERROR_BAD_PARAMETERS;
		return tcf_malloc(p[0].value.a, p[1].value.a);
	case CMD_TEE_Realloc:
		if (types != two)
			return TEE_ERROR_BAD_PARAMETERS;
		return tcf_realloc(p[0].value.a, p[1].value.a);
	case CMD_TEE_Free:
		if (types != one)
			return TEE_ERROR_BAD_PARAMETERS;
		return tcf_free(p[0].value.a);
	case CMD_TEE_MemMove:
		if (types != one)
			return TEE_ERROR_BAD_PARAMETERS;
		return tcf_memmove(p[0].value.a);
	case CMD_TEE_MemCompare:
		if (types != cmp)
			return TEE_ERROR_BAD_PARAMETERS;
		return tcf_memcompare(p[0].value.a, p[1].value.a, &p[2]);
	case CMD_TEE_MemFill:
		if (types != two)
			return TEE_ERROR_BAD_PARAMETERS;
		return tcf_memfill(p[0].value.a, p[1].value.a);
	case CMD_TEE_CheckMemoryAccessRight:
	case CMD_TTA_CheckOwnMemoryAccessRights:
		return tcf_access_cmd(cmd, types, p);
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}
