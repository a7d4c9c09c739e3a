/*
 * TTA_answerErrorTo_Invoke: sessions open, and every command fails with
 * TEE_ERROR_GENERIC, so the client sees an error that comes from the TA.
 */
#include <tee_internal_api.h>
#include <tta_entry.h>

const struct tta_entry tta_entry = {
	.answer = TEE_ERROR_GENERIC,
};
