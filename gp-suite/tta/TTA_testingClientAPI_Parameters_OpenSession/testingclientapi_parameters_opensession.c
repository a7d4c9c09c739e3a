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

const struct tta_entry tta_entry = {
	.open = pos_open,
	.invoke = tta_invoke_success_only,
};
