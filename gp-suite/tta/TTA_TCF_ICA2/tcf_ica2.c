/*
 * TTA_TCF_ICA2: the second TA TTA_TCF calls. CMD_SET_PANIC_ON_DESTROY
 * makes the instance panic in TA_DestroyEntryPoint, which must harm none
 * of its callers; the shared CMD_ICA_* commands (tta_ica.h) do the rest.
 */
#include <tta_ica.h>
#include <tta_entry.h>

static bool ica2_panic_on_destroy;

static void ica2_destroy(void)
{
	if (ica2_panic_on_destroy)
		TEE_Panic(TEE_ERROR_GENERIC);
}

static TEE_Result ica2_invoke(void *session, uint32_t cmd,
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

const struct tta_entry tta_entry = {
	.destroy = ica2_destroy,
	.invoke = ica2_invoke,
};
