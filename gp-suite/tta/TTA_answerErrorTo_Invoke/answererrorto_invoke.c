/*
 * TTA_answerErrorTo_Invoke: sessions open, and every command fails with
 * TEE_ERROR_GENERIC, so the client sees an error that comes from the TA.
 */
#include <tee_internal_api.h>
#include <tta_entry.h>

static TEE_Result aei_invoke(void *session, uint32_t cmd,
			     uint32_t types,
			     TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	(void)cmd;
	(void)types;
	(void)params;
	return TEE_ERROR_GENERIC;
}

const struct tta_entry tta_entry = {
	.invoke = aei_invoke,
};
