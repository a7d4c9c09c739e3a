/*
 * A TA written as for OP-TEE's dev kit: v1.1 API (uint32_t sizes), trace
 * macros and __unused from tee_internal_api.h, <inttypes.h>, <assert.h>,
 * and the OP-TEE extensions header.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include <optee_ta.h>
#include "sort/sort.h"

TEE_Result TA_CreateEntryPoint(void)
{
	DMSG("has been called");
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	DMSG("has been called");
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t param_types,
				    TEE_Param __maybe_unused params[4],
				    void __unused **sess_ctx)
{
	if (param_types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE,
					   TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	IMSG("session opened");
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void __unused *sess_ctx)
{
	IMSG("session closed");
}

static TEE_Result cmd_info(uint32_t types, TEE_Param params[4])
{
	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_OUTPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	params[0].value.a = OPTEE_TA_MAGIC;
	/* In v1.1 mode a memref's size is the v1.1 uint32_t. */
	params[0].value.b = sizeof(params[0].memref.size) == 4 &&
			    __OPTEE_CORE_API_COMPAT_1_1 ? 11 : 13;
	return TEE_SUCCESS;
}

static TEE_Result cmd_sort(uint32_t types, TEE_Param params[4])
{
	uint32_t *v = params[0].memref.buffer;
	size_t n = params[0].memref.size / sizeof(*v);

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INOUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	sort_u32(v, n);
	if (n)
		DMSG("sorted %zu values, first %" PRIu32, n, v[0]);
	return TEE_SUCCESS;
}

static TEE_Result cmd_format(uint32_t types, TEE_Param params[4])
{
	uint64_t v;
	int len;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_MEMREF_OUTPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	v = (uint64_t)params[0].value.a << 32 | params[0].value.b;
	len = snprintf(params[1].memref.buffer, params[1].memref.size,
		       "0x%" PRIx64 ":%" PRIu64, v, v);
	assert(len > 0);
	if ((uint32_t)len >= params[1].memref.size) {
		params[1].memref.size = (uint32_t)len + 1;
		return TEE_ERROR_SHORT_BUFFER;
	}
	params[1].memref.size = (uint32_t)len + 1;
	return TEE_SUCCESS;
}

static TEE_Result cmd_is_me(uint32_t types, TEE_Param params[4])
{
	const TEE_UUID me = OPTEE_TA_UUID;
	char text[40] = { 0 };
	TEE_UUID u;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				     TEE_PARAM_TYPE_VALUE_OUTPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE) ||
	    params[0].memref.size >= sizeof(text))
		return TEE_ERROR_BAD_PARAMETERS;
	memcpy(text, params[0].memref.buffer, params[0].memref.size);
	if (tee_uuid_from_str(&u, text))
		return TEE_ERROR_BAD_FORMAT;
	params[1].value.a = !memcmp(&u, &me, sizeof(u));
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void __unused *sess_ctx,
				      uint32_t cmd_id, uint32_t param_types,
				      TEE_Param params[4])
{
	switch (cmd_id) {
	case OPTEE_TA_CMD_INFO:
		return cmd_info(param_types, params);
	case OPTEE_TA_CMD_SORT:
		return cmd_sort(param_types, params);
	case OPTEE_TA_CMD_FORMAT:
		return cmd_format(param_types, params);
	case OPTEE_TA_CMD_IS_ME:
		return cmd_is_me(param_types, params);
	default:
		EMSG("unknown command %" PRIu32, cmd_id);
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
