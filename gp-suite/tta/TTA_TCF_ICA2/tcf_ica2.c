/*
 * TTA_TCF_ICA2: the second TA TTA_TCF calls. CMD_SET_PANIC_ON_DESTROY
 * makes the instance panic in TA_DestroyEntryPoint, which must harm none
 * of its callers; the shared CMD_ICA_* commands (tta_ica.h) do the rest.
 */
#include <tta_ica.h>

static bool ica2_panic_on_destroy;

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	if (ica2_panic_on_destroy)
		TEE_Panic(TEE_ERROR_GENERIC);
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
	if (cmd == CMD_SET_PANIC_ON_DESTROY) {
		ica2_panic_on_destroy = true;
		return TEE_SUCCESS;
	}
	return tta_ica_cmd(cmd, types, params);
}
