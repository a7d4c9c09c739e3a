/*
 * TTA_TCF_PanicAtCloseSession: sessions open and COMMAND_TTA_Success
 * succeeds, but closing a session panics the instance. The client's close
 * must still end the session.
 */
#include <tee_internal_api.h>
#include <gp_names.h>

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
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *session)
{
	(void)session;
	TEE_Panic(TEE_ERROR_GENERIC);
}

TEE_Result TA_InvokeCommandEntryPoint(void *session, uint32_t cmd,
				      uint32_t types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	(void)params;
	if (cmd != COMMAND_TTA_Success || types)
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_SUCCESS;
}
