/*
 * TTA_testingClientAPI: copies input parameters to outputs, remembers the
 * parameter types of one command and compares those of a later one, waits
 * to be cancelled, succeeds, panics.
 */
#include <tta_params.h>
#include <tta_entry.h>

struct tta_session {
	bool remembered;
	uint32_t types;
};

/*
 * The TA sees TEE parameter types; the client picks TEEC types that the
 * TEE maps onto them (a NULL temporary memref for a memref type), and this
 * command keeps what arrived for COMMAND_TTA_Check_ParamTypes.
 */
static TEE_Result tta_remember_types(struct tta_session *s, uint32_t types)
{
	s->remembered = true;
	s->types = types;
	return TEE_SUCCESS;
}

static TEE_Result tta_check_types(struct tta_session *s, uint32_t types)
{
	if (!s->remembered)
		return TEE_ERROR_BAD_STATE;
	return types == s->types ? TEE_SUCCESS : TEE_ERROR_BAD_PARAMETERS;
}

/* Waits, cancellable, until the client cancels the command. */
static TEE_Result tta_to_be_cancelled(uint32_t types)
{
	if (types != TTA_PARAMS_NONE)
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_UnmaskCancellation();
	return TEE_Wait(TEE_TIMEOUT_INFINITE);
}

static TEE_Result tca_invoke(void *session, uint32_t cmd,
			     uint32_t types,
			     TEE_Param params[TEE_NUM_PARAMS])
{
	switch (cmd) {
	case COMMAND_TTA_Copy_ParamIn_to_ParamOut:
		return tta_copy_params(types, params);
	case COMMAND_TTA_Remember_Expected_ParamTypes:
		return tta_remember_types(session, types);
	case COMMAND_TTA_Check_ParamTypes:
		return tta_check_types(session, types);
	case COMMAND_TTA_To_Be_Cancelled:
		return tta_to_be_cancelled(types);
	case COMMAND_TTA_Success:
		return TEE_SUCCESS;
	case COMMAND_TTA_Panic:
		TEE_Panic(TEE_ERROR_GENERIC);
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

const struct tta_entry tta_entry = {
	.invoke = tca_invoke,
	.session_size = sizeof(struct tta_session),
};
