/*
 * TTA_check_OpenSession_with_4_parameters: a session opens only when all
 * four parameters are there (none is NONE) and carry the protocol's test
 * values (tta_check_update_params), which it answers.
 */
#include <tta_params.h>
#include <tta_entry.h>

static TEE_Result four_open(void *session, uint32_t types,
			    TEE_Param params[TEE_NUM_PARAMS])
{
	size_t i;

	(void)session;
	for (i = 0; i < TEE_NUM_PARAMS; i++)
		if (TEE_PARAM_TYPE_GET(types, i) == TEE_PARAM_TYPE_NONE)
			return TEE_ERROR_BAD_PARAMETERS;
	return tta_check_update_params(types, params);
}

const struct tta_entry tta_entry = {
	.open = four_open,
	.invoke = tta_invoke_success_only,
};
