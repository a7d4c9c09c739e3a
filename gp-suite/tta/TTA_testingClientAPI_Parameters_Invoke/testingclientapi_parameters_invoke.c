/*
 * TTA_testingClientAPI_Parameters_Invoke: one command stores the parameter
 * types the next check expects, the other checks the types and then checks
 * and updates the parameters (tta_check_update_params).
 */
#include <tta_params.h>
#include <tta_entry.h>

struct tta_session {
	bool expecting;
	uint32_t types;
};

/* Value parameter 0's a: the TEE parameter types of the next check. */
static TEE_Result tta_store_expected(struct tta_session *s, uint32_t types,
				     const TEE_Param params[TEE_NUM_PARAMS])
{
	if (TEE_PARAM_TYPE_GET(types, 0) != TEE_PARAM_TYPE_VALUE_INPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	s->expecting = true;
	s->types = params[0].value.a;
	return TEE_SUCCESS;
}

static TEE_Result tta_check_update(struct tta_session *s, uint32_t types,
				   TEE_Param params[TEE_NUM_PARAMS])
{
	if (s->expecting && types != s->types)
		return TEE_ERROR_BAD_PARAMETERS;
	return tta_check_update_params(types, params);
}

static TEE_Result pinv_invoke(void *session, uint32_t cmd,
			      uint32_t types,
			      TEE_Param params[TEE_NUM_PARAMS])
{
	/* Open gave every session its state: anything else is a TEE bug. */
	if (!session)
		TEE_Panic(TEE_ERROR_BAD_STATE);
	switch (cmd) {
	case COMMAND_TTA_Store_Expected_Param_Info:
		return tta_store_expected(session, types, params);
	case COMMAND_TTA_Check_Update_Params:
		return tta_check_update(session, types, params);
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

const struct tta_entry tta_entry = {
	.invoke = pinv_invoke,
	.session_size = sizeof(struct tta_session),
};
