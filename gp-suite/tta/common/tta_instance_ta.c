/*
 * TTA_TCF_SingleInstanceTA and TTA_TCF_MultipleInstanceTA: the same code,
 * built with different TA_FLAGS. Its instance data (tta_instance.h) shows
 * which sessions share an instance.
 */
#include <tta_instance.h>

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	TEE_Free(TEE_GetInstanceData());
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t types,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **session)
{
	(void)types;
	(void)params;
	*session = NULL;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *session)
{
	(void)session;
}

TEE_Result TA_InvokeCommandEntryPoint(void *session, uint32_t cmd,
				      uint32_t types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	return tta_instance_cmd(cmd, types, params);
}
