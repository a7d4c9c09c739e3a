/*
 * TTA_TCF_ICA: the TA TTA_TCF opens sessions on. CMD_SUCCESS succeeds;
 * the shared CMD_ICA_* commands (tta_ica.h) do the rest.
 */
#include <tta_ica.h>

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
}

TEE_Result TA_InvokeCommandEntryPoint(void *session, uint32_t cmd,
				      uint32_t types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	if (cmd == CMD_SUCCESS)
		return TEE_SUCCESS;
	return tta_ica_cmd(cmd, types, params);
}
