/*
 * TTA_TCF_PanicAtCreation: every instance panics in TA_CreateEntryPoint,
 * so no session ever opens on it.
 */
#include <tee_internal_api.h>

TEE_Result TA_CreateEntryPoint(void)
{
	TEE_Panic(TEE_ERROR_GENERIC);
}

/* The entry points below are never reached. */
void TA_DestroyEntryPoint(void)
{
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
	(void)cmd;
	(void)types;
	(void)params;
	return TEE_ERROR_BAD_STATE;
}
