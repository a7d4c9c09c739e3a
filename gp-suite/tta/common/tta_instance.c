/*
 * Instance data of the instance-model test TAs (tta_instance.h): a copy of
 * the client's string on the instance's heap.
 */
#include <tta_text.h>

#include "tta_instance.h"

static TEE_Result instance_set(TEE_Param *p)
{
	const char *in = p->memref.buffer;
	size_t n = p->memref.size;
	char *copy;

	if (!n || in[n - 1])
		return TEE_ERROR_BAD_PARAMETERS;
	copy = TEE_Malloc(n, TEE_MALLOC_FILL_ZERO);
	if (!copy)
		return TEE_ERROR_OUT_OF_MEMORY;
	TEE_MemMove(copy, in, n);
	TEE_Free(TEE_GetInstanceData());
	TEE_SetInstanceData(copy);
	return TEE_SUCCESS;
}

TEE_Result tta_instance_cmd(uint32_t cmd, uint32_t types,
			    TEE_Param p[TEE_NUM_PARAMS])
{
	const char *data;

	switch (cmd) {
	case CMD_TEE_SetInstanceData:
		if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
					     TEE_PARAM_TYPE_NONE,
					     TEE_PARAM_TYPE_NONE,
					     TEE_PARAM_TYPE_NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		return instance_set(&p[0]);
	case CMD_TEE_GetInstanceData:
		if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT,
					     TEE_PARAM_TYPE_NONE,
					     TEE_PARAM_TYPE_NONE,
					     TEE_PARAM_TYPE_NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		data = TEE_GetInstanceData();
		if (!data)
			return TEE_ERROR_ITEM_NOT_FOUND;
		return tta_text_out(&p[0], data);
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}
