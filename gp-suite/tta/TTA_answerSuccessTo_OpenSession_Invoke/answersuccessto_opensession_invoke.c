/*
 * TTA_answerSuccessTo_OpenSession_Invoke: every session opens and every
 * command succeeds, whatever the parameters; what the client sent is left
 * as it was.
 */
#include <tee_internal_api.h>
#include <tta_entry.h>

static TEE_Result asoi_invoke(void *session, uint32_t cmd,
			      uint32_t types,
			      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	(void)cmd;
	(void)types;
	(void)params;
	return TEE_SUCCESS;
}

const struct tta_entry tta_entry = {
	.invoke = asoi_invoke,
};
