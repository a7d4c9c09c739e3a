/*
 * TTA_check_OpenSession_with_4_parameters: a session opens only when all
 * four parameters are there (none is NONE) and carry the protocol's test
 * values (tta_check_update_params), which it answers.
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
	size_t i;

	*session = NULL;
	for (i = 0; i < TEE_NUM_PARAMS; i++)
		if (TEE_PARAM_TYPE_GET(types, i) == TEE_PARAM_TYPE_NONE)
			return TEE_ERROR_BAD_PARAMETERS;
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
