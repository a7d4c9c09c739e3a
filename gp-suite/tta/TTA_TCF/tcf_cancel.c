/*
 * TTA_TCF's cancellation commands: the flag a client's cancellation sets,
 * masking and unmasking, and a wait that masked cancellation leaves alone.
 */
#include "tcf.h"

/* How long the TA waits for the client to cancel: 10 s in 10 ms steps. */
#define TCF_CANCEL_POLLS	1000
#define TCF_CANCEL_POLL_MS	10
#define TCF_MASKED_WAIT_MS	300

/*
 * Waits, masked so that TEE_Wait is not the one to notice, and looks at
 * the flag unmasked between waits: TEE_ERROR_CANCEL once it is set.
 */
static TEE_Result tcf_wait_for_cancel(void)
{
	unsigned int i;
	bool flag;

	for (i = 0; i < TCF_CANCEL_POLLS; i++) {
		TEE_MaskCancellation();
		TEE_Wait(TCF_CANCEL_POLL_MS);
		TEE_UnmaskCancellation();
		flag = TEE_GetCancellationFlag();
		if (flag)
			return TEE_ERROR_CANCEL;
	}
	return TEE_ERROR_GENERIC;
}

/* Each call answers whether cancellations were masked before it. */
static TEE_Result tcf_mask_unmask(void)
{
	TEE_MaskCancellation();
	if (!TEE_UnmaskCancellation())
		return TEE_ERROR_GENERIC;
	if (TEE_UnmaskCancellation())
		return TEE_ERROR_GENERIC;
	if (TEE_MaskCancellation())
		return TEE_ERROR_GENERIC;
	if (!TEE_MaskCancellation())
		return TEE_ERROR_GENERIC;
	return TEE_SUCCESS;
}

TEE_Result tcf_cancel_cmd(uint32_t cmd, uint32_t types,
			  TEE_Param p[TEE_NUM_PARAMS])
{
	(void)p;
	if (types != TCF_TYPES(NONE, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (cmd) {
	case CMD_TEE_GetCancellationFlag_RequestedCancel:
		return tcf_wait_for_cancel();
	case CMD_TEE_MaskUnmaskCancellations:
		return tcf_mask_unmask();
	case CMD_TTA_WaitCancellationMasked:
		TEE_MaskCancellation();
		return TEE_Wait(TCF_MASKED_WAIT_MS);
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

