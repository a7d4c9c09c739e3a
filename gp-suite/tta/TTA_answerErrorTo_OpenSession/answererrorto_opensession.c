/*
 * TTA_answerErrorTo_OpenSession: the instance is created, but no session
 * opens: the open-session entry point answers TEE_ERROR_GENERIC.
 */
#include <tee_internal_api.h>
#include <tta_entry.h>

static TEE_Result aeos_open(void *session, uint32_t types,
			    TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	(void)types;
	(void)params;
	return TEE_ERROR_GENERIC;
}

static void aeos_close(void *session)
{
	(void)session;
	TEE_Panic(TEE_ERROR_BAD_STATE);
}

static TEE_Result aeos_invoke(void *session, uint32_t cmd,
			      uint32_t types,
			      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	(void)cmd;
	(void)types;
	(void)params;
	TEE_Panic(TEE_ERROR_BAD_STATE);
}

const struct tta_entry tta_entry = {
	.open = aeos_open,
	.close = aeos_close,
	.invoke = aeos_invoke,
};
