/*
 * TTA_testingClientAPI_Parameters_OpenSession: the open-session entry
 * point checks and updates whatever parameters come with it
 * (tta_check_update_params); COMMAND_TTA_Success then proves the session.
 */
#include <tta_params.h>
#include <tta_entry.h>

static TEE_Result pos_open(void *session, uint32_t types,
			   TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	return tta_check_update_params(types, params);
}

static TEE_Result pos_invoke(void *session, uint32_t cmd,
			     uint32_t types,
			     TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	(void)params;
	if (cmd != COMMAND_TTA_Success || types != TTA_PARAMS_NONE)
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_SUCCESS;
}

const struct tta_entry tta_entry = {
	.open = pos_open,
	.invoke = pos_invoke,
};
