/*
 * TTA_TCF_PanicAtCloseSession: sessions open and COMMAND_TTA_Success
 * succeeds, but closing a session panics the instance. The client's close
 * must still end the session.
 */
#include <tee_internal_api.h>
#include <tta_names.h>
#include <tta_entry.h>

static void pacs_close(void *session)
{
	(void)session;
	TEE_Panic(TEE_ERROR_GENERIC);
}

static TEE_Result pacs_invoke(void *session, uint32_t cmd,
			      uint32_t types,
			      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	(void)params;
	if (cmd != COMMAND_TTA_Success || types)
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_SUCCESS;
}

const struct tta_entry tta_entry = {
	.close = pacs_close,
	.invoke = pacs_invoke,
};
