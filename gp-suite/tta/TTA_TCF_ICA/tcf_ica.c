/*
 * TTA_TCF_ICA: the TA TTA_TCF opens sessions on. CMD_SUCCESS succeeds;
 * the shared CMD_ICA_* commands (tta_ica.h) do the rest.
 */
#include <tta_ica.h>
#include <tta_entry.h>

static TEE_Result ica_invoke(void *session, uint32_t cmd,
			     uint32_t types,
			     TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	if (cmd == CMD_SUCCESS)
		return TEE_SUCCESS;
	return tta_ica_cmd(cmd, types, params);
}

const struct tta_entry tta_entry = {
	.invoke = ica_invoke,
};
