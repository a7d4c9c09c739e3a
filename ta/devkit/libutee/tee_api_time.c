/*
 * Time: system time, REE time, TEE_Wait and the TA's persistent time. A
 * result GP does not list for a function is an implementation error the TA
 * cannot handle: it panics.
 */
#include <tee_internal_api.h>
#include <utee_syscalls.h>

void TEE_GetSystemTime(TEE_Time *time)
{
	TEE_Result res = utee_get_time(UTEE_TIME_SYSTEM,
				       (struct utee_time *)time);

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
}

void TEE_GetREETime(TEE_Time *time)
{
	TEE_Result res = utee_get_time(UTEE_TIME_REE, (struct utee_time *)time);

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
}

TEE_Result TEE_Wait(uint32_t timeout)
{
	TEE_Result res = utee_wait(timeout);

	if (res != TEE_SUCCESS && res != TEE_ERROR_CANCEL)
		TEE_Panic(res);
	return res;
}

TEE_Result TEE_GetTAPersistentTime(TEE_Time *time)
{
	TEE_Result res = utee_ptime_get((struct utee_time *)time);

	switch (res) {
	case TEE_SUCCESS:
	case TEE_ERROR_TIME_NOT_SET:
	case TEE_ERROR_TIME_NEEDS_RESET:
	case TEE_ERROR_OVERFLOW:
	case TEE_ERROR_OUT_OF_MEMORY:
		return res;
	default:
		TEE_Panic(res);
	}
}

TEE_Result TEE_SetTAPersistentTime(const TEE_Time *time)
{
	TEE_Result res = utee_ptime_set((const struct utee_time *)time);

	switch (res) {
	case TEE_SUCCESS:
	case TEE_ERROR_OUT_OF_MEMORY:
	case TEE_ERROR_STORAGE_NO_SPACE:
		return res;
	default:
		TEE_Panic(res);
	}
}

_Static_assert(sizeof(TEE_Time) == sizeof(struct utee_time),
	       "TEE_Time is the ABI's time");
