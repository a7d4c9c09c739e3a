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

const struct tta_entry tta_entry = {
	.create = pac_create,
	.answer = TEE_ERROR_BAD_STATE,
};
