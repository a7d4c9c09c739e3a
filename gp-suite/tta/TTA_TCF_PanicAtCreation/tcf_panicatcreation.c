/*
 * TTA_TCF_PanicAtCreation: every instance panics in TA_CreateEntryPoint,
 * so no session ever opens on it.
 */
#include <tee_internal_api.h>
#include <tta_entry.h>

static TEE_Result pac_create(void)
{
	TEE_Panic(TEE_ERROR_GENERIC);
}

static TEE_Result pac_invoke(void *session, uint32_t cmd,
			     uint32_t types,
			     TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	(void)cmd;
	(void)types;
	(void)params;
	return TEE_ERROR_BAD_STATE;
}

const struct tta_entry tta_entry = {
	.create = pac_create,
	.invoke = pac_invoke,
};
