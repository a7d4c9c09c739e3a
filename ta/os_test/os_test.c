/*
 * os_test: the TA behind the core and framework tests. Implements the
 * commands of os_test_ta.h, each checking its parameter types first.
 */
#include <os_test_ta.h>
#include <tee_internal_api.h>
#include <trace.h>

/* This instance: how many sessions are open on it, and its identifier. */
static uint32_t os_test_sessions;
static uint32_t os_test_instance_id;

TEE_Result TA_CreateEntryPoint(void)
{
	do {
		TEE_GenerateRandom(&os_test_instance_id,
				   sizeof(os_test_instance_id));
	} while (!os_test_instance_id);
	IMSG("os_test: instance %#x created", os_test_instance_id);
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	DMSG("os_test: instance %#x destroyed", os_test_instance_id);
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext)
{
	(void)paramTypes;
	(void)params;
	*sessionContext = NULL;
	os_test_sessions++;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sessionContext)
{
	(void)sessionContext;
	os_test_sessions--;
}

static TEE_Result os_test_values(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_VALUE_OUTPUT,
				     TEE_PARAM_TYPE_VALUE_INOUT,
				     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;

	p[1].value.a = p[0].value.a + p[0].value.b;
	p[1].value.b = p[0].value.a ^ p[0].value.b;
	p[2].value.a += 1;
	p[2].value.b *= 2;
	return TEE_SUCCESS;
}

static bool os_test_overlap(const void *a, size_t alen, const void *b,
			    size_t blen)
{
	uintptr_t x = (uintptr_t)a;
	uintptr_t y = (uintptr_t)b;

	return alen && blen && x < y + blen && y < x + alen;
}

/* out[i] = in[n - 1 - i], also when the client passed one buffer twice. */
static TEE_Result os_test_reverse(uint8_t *out, const uint8_t *in, size_t n)
{
	uint8_t *copy = NULL;
	size_t i;

	if (os_test_overlap(out, n, in, n)) {
		copy = TEE_Malloc(n, TEE_MALLOC_FILL_ZERO);
		if (!copy)
			return TEE_ERROR_OUT_OF_MEMORY;
		TEE_MemMove(copy, in, n);
		in = copy;
	}
	for (i = 0; i < n; i++)
		out[i] = in[n - 1 - i];
	TEE_Free(copy);
	return TEE_SUCCESS;
}

static TEE_Result os_test_memrefs(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	uint8_t *inout;
	TEE_Result res;
	size_t i;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				     TEE_PARAM_TYPE_MEMREF_OUTPUT,
				     TEE_PARAM_TYPE_MEMREF_INOUT,
				     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;

	if (p[1].memref.size < p[0].memref.size) {
		p[1].memref.size = p[0].memref.size;
		return TEE_ERROR_SHORT_BUFFER;
	}
	res = os_test_reverse(p[1].memref.buffer, p[0].memref.buffer,
			      p[0].memref.size);
	if (res != TEE_SUCCESS)
		return res;
	p[1].memref.size = p[0].memref.size;

	inout = p[2].memref.buffer;
	for (i = 0; i < p[2].memref.size; i++)
		inout[i]++;
	return TEE_SUCCESS;
}

static TEE_Result os_test_panic(uint32_t types)
{
	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_Panic(OS_TEST_PANIC_CODE);
}

static TEE_Result os_test_session_info(uint32_t types,
				       TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_OUTPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;

	p[0].value.a = os_test_sessions;
	p[0].value.b = os_test_instance_id;
	return TEE_SUCCESS;
}

static TEE_Result os_test_sum(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	const uint8_t *in;
	uint32_t sum = 0;
	size_t i;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				     TEE_PARAM_TYPE_VALUE_OUTPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;

	in = p[0].memref.buffer;
	for (i = 0; i < p[0].memref.size; i++)
		sum += in[i];
	p[1].value.a = sum;
	p[1].value.b = (uint32_t)p[0].memref.size;
	return TEE_SUCCESS;
}

static TEE_Result os_test_spin(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	volatile uint64_t n = 0;
	uint64_t end;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	end = (uint64_t)p[0].value.a * 1000000u;
	while (n < end)
		n++;
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID,
				      uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)sessionContext;

	switch (commandID) {
	case OS_TEST_CMD_VALUES:
		return os_test_values(paramTypes, params);
	case OS_TEST_CMD_MEMREFS:
		return os_test_memrefs(paramTypes, params);
	case OS_TEST_CMD_PANIC:
		return os_test_panic(paramTypes);
	case OS_TEST_CMD_SESSION_INFO:
		return os_test_session_info(paramTypes, params);
	case OS_TEST_CMD_SUM:
		return os_test_sum(paramTypes, params);
	case OS_TEST_CMD_SPIN:
		return os_test_spin(paramTypes, params);
	default:
		EMSG("os_test: unknown command %u", commandID);
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
