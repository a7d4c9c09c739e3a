/*
 * TTA_TCF's entry points: a session keeps its TA-to-TA session, and each
 * command goes to the file of its group.
 */
#include "tcf.h"
#include <tta_entry.h>

/*
 * TTA_TCF never sets its persistent time, so reading it must answer
 * TEE_ERROR_TIME_NOT_SET in any TEE, however often the suite ran.
 */
static TEE_Result tcf_time_not_set(uint32_t types)
{
	TEE_Result res;
	TEE_Time t;

	if (types != TCF_TYPES(NONE, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_GetTAPersistentTime(&t);
	return res == TEE_ERROR_TIME_NOT_SET ? TEE_SUCCESS : TEE_ERROR_GENERIC;
}

static void tcf_close(void *session)
{
	tcf_ta_session_end(session);
}

static TEE_Result tcf_invoke(void *session, uint32_t cmd,
			     uint32_t types,
			     TEE_Param params[TEE_NUM_PARAMS])
{
	switch (cmd & 0xff00) {
	case 0x0000:
		return tcf_property_cmd(cmd, types, params);
	case 0x0100:
		if (cmd == CMD_TEE_Panic)
			TEE_Panic(TEE_ERROR_GENERIC);
		if (cmd == CMD_TTA_TAPersistentTimeNotSet)
			return tcf_time_not_set(types);
		if (cmd == CMD_TEE_GetCancellationFlag_RequestedCancel ||
		    cmd == CMD_TEE_MaskUnmaskCancellations ||
		    cmd == CMD_TTA_WaitCancellationMasked)
			return tcf_cancel_cmd(cmd, types, params);
		return tcf_memory_cmd(cmd, types, params);
	case 0x0200:
		if (cmd == CMD_TEE_GetNextPropertyEnumerator_notStarted)
			return tcf_property_cmd(cmd, types, params);
		return tcf_ta_session_cmd(session, cmd, types, params);
	case 0x0300:
		return tcf_ta_session_cmd(session, cmd, types, params);
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

const struct tta_entry tta_entry = {
	.close = tcf_close,
	.invoke = tcf_invoke,
	.session_size = sizeof(struct tcf_session),
};
