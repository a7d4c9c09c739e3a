/*
 * TTA_testingClientAPI_Parameters_OpenSession: the open-session entry
 * point checks and updates whatever parameters come with it
 * (tta_check_update_params); COMMAND_TTA_Success then proves the session.
 */
#include <tta_params.h>

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
	*session = NULL;
	return tta_check_update_params(types, params);
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
	(void)params;
	if (cmd != COMMAND_TTA_Success || types != TTA_PARAMS_NONE)
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_SUCCESS;
}
