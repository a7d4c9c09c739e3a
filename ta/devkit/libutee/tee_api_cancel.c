/*
 * Trusted Core Framework cancellation: the flag the core raises when the
 * client (or a TA-to-TA timeout) cancels the running operation, seen
 * through the session's mask. A session starts masked.
 */
#include <tee_internal_api.h>
#include <utee_syscalls.h>

bool TEE_GetCancellationFlag(void)
{
	return utee_cancel_flag();
}

bool TEE_UnmaskCancellation(void)
{
	return utee_cancel_mask(false);
}

bool TEE_MaskCancellation(void)
{
	return utee_cancel_mask(true);
}
