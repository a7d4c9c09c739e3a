/*
 * Trusted Core Framework memory functions: the heap (over the libc
 * allocator), access rights, byte moves and compares, and the instance data
 * pointer.
 */
#include <stdlib.h>
#include <string.h>
#include <ta_heap.h>
#include <tee_internal_api.h>
#include <utee_syscalls.h>

static const void *tee_instance_data;

/* OP-TEE's implementation-defined hint: no fill. */
#define TEE_MALLOC_HINT_NO_FILL_ZERO	0x80000000u

void *TEE_Malloc(size_t size, uint32_t hint)
{
	/*
	 * NO_SHARE asks for nothing this heap does otherwise: no heap block
	 * is ever shared. Other hints, reserved by GP or left to
	 * implementations, get no memory, as in OP-TEE (whose own no-fill
	 * hint is understood).
	 */
	if (hint == TEE_MALLOC_HINT_NO_FILL_ZERO)
		hint = TEE_MALLOC_NO_FILL;
	if (hint & ~(TEE_MALLOC_NO_FILL | TEE_MALLOC_NO_SHARE))
		return NULL;
	return heap_alloc(size, !(hint & TEE_MALLOC_NO_FILL));
}

void *TEE_Realloc(void *buffer, size_t newSize)
{
	/* NULL: a new zero-filled block, as TEE_Malloc with no hint. */
	if (!buffer)
		return heap_alloc(newSize, true);
	/* A buffer TEE_Malloc did not return panics the TA (in realloc). */
	return realloc(buffer, newSize);
}

TEE_Result TEE_CheckMemoryAccessRights(uint32_t accessFlags, void *buffer,
				       size_t size)
{
	TEE_Result res = utee_check_access(accessFlags, buffer, size);

	if (res != TEE_SUCCESS && res != TEE_ERROR_ACCESS_DENIED)
		TEE_Panic(res);
	return res;
}

TEE_Result __GP11_TEE_CheckMemoryAccessRights(uint32_t accessFlags,
					      void *buffer, uint32_t size)
{
	return TEE_CheckMemoryAccessRights(accessFlags, buffer, size);
}

void TEE_Free(void *buffer)
{
	free(buffer);
}

void TEE_MemMove(void *dest, const void *src, size_t size)
{
	memmove(dest, src, size);
}

void __GP11_TEE_MemMove(void *dest, const void *src, uint32_t size)
{
	memmove(dest, src, size);
}

/*
 * Ordered like memcmp, but looks at every byte whatever it finds: the time
 * taken must not tell where two secrets first differ.
 */
int32_t TEE_MemCompare(const void *buffer1, const void *buffer2, size_t size)
{
	const volatile uint8_t *x = buffer1;
	const volatile uint8_t *y = buffer2;
	uint32_t undecided = UINT32_MAX;
	int32_t result = 0;
	size_t i;

	for (i = 0; i < size; i++) {
		int32_t d = (int32_t)x[i] - (int32_t)y[i];
		/* 1 if d != 0: d is in [-255, 255] */
		uint32_t differs = ((uint32_t)d | (0u - (uint32_t)d)) >> 31;

		result |= d & (int32_t)undecided;
		undecided &= differs - 1;
	}
	return result;
}

int32_t __GP11_TEE_MemCompare(const void *buffer1, const void *buffer2,
			      uint32_t size)
{
	return TEE_MemCompare(buffer1, buffer2, size);
}

void TEE_MemFill(void *buffer, uint8_t x, size_t size)
{
	memset(buffer, x, size);
}

void __GP11_TEE_MemFill(void *buffer, uint32_t x, uint32_t size)
{
	memset(buffer, (uint8_t)x, size);
}

void TEE_SetInstanceData(const void *instanceData)
{
	tee_instance_data = instanceData;
}

void *TEE_GetInstanceData(void)
{
	return (void *)tee_instance_data;
}
