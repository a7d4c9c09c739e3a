/*
 * TTA_answerErrorTo_OpenSession: the instance is created, but no session
 * opens: the open-session entry point answers TEE_ERROR_GENERIC.
 */
#include <tee_internal_api.h>

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

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
	return TEE_ERROR_GENERIC;
}

/* Never called: no session ever opened. */
void TA_CloseSessionEntryPoint(void *session)
{
	(void)session;
	TEE_Panic(TEE_ERROR_BAD_STATE);
}

TEE_Result TA_InvokeCommandEntryPoint(void *session, uint32_t cmd,
				      uint32_t types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	(void)cmd;
	(void)types;
	(void)params;
	TEE_Panic(TEE_ERROR_BAD_STATE);
}
