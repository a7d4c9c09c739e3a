/*
 * TTA_Time: the Time API checked inside the TA. Each command answers
 * TEE_SUCCESS when the TEE behaved as the spec says, TEE_ERROR_GENERIC
 * (with a log line saying what it saw) when not, and the TEE's own error
 * where the command is about that error.
 */
#include <tee_internal_api.h>
#include <trace.h>
#include <tta_names.h>
#include <tta_entry.h>

#define TIME_WAIT_MS		200
#define TIME_CANCEL_WAIT_MS	10000
#define TIME_MASKED_WAIT_MS	300
#define TIME_ADVANCE_WAIT_MS	1100
/* Any REE clock of this century reads later than 2020-01-01. */
#define TIME_REE_EPOCH_2020	1577836800u
#define TIME_SET_SECONDS	1000u
#define TIME_SET_MILLIS		500u
/* How far a time read back may run ahead of one just set. */
#define TIME_SLACK_SECONDS	10u

static uint64_t time_ms(const TEE_Time *t)
{
	return (uint64_t)t->seconds * 1000 + t->millis;
}

static TEE_Result time_fail(const char *what, uint64_t a, uint64_t b)
{
	EMSG("TTA_Time: %s (%llu, %llu)", what, (unsigned long long)a,
	     (unsigned long long)b);
	return TEE_ERROR_GENERIC;
}

static TEE_Result time_system(void)
{
	TEE_Time t1, t2;

	TEE_GetSystemTime(&t1);
	TEE_GetSystemTime(&t2);
	if (t1.millis >= 1000 || t2.millis >= 1000)
		return time_fail("millis out of range", t1.millis, t2.millis);
	if (time_ms(&t2) < time_ms(&t1))
		return time_fail("system time went back", time_ms(&t1),
				 time_ms(&t2));
	return TEE_SUCCESS;
}

/* TEE_Wait(ms) succeeds and the system time advances by ms at least. */
static TEE_Result time_wait_measure(uint32_t ms)
{
	TEE_Time t1, t2;
	TEE_Result res;

	TEE_GetSystemTime(&t1);
	res = TEE_Wait(ms);
	TEE_GetSystemTime(&t2);
	if (res != TEE_SUCCESS)
		return res;
	if (time_ms(&t2) < time_ms(&t1) + ms)
		return time_fail("TEE_Wait returned early", ms,
				 time_ms(&t2) - time_ms(&t1));
	return TEE_SUCCESS;
}

static TEE_Result time_wait(uint32_t which)
{
	switch (which) {
	case CASE_WAIT_SUCCESS:
		return time_wait_measure(TIME_WAIT_MS);
	case CASE_WAIT_CANCELLED:
		TEE_UnmaskCancellation();
		return TEE_Wait(TIME_CANCEL_WAIT_MS);
	case CASE_WAIT_MASKED:
		TEE_MaskCancellation();
		return TEE_Wait(TIME_MASKED_WAIT_MS);
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

static TEE_Result time_ree(void)
{
	TEE_Time t;

	TEE_GetREETime(&t);
	if (t.millis >= 1000)
		return time_fail("REE millis out of range", t.millis, 0);
	if (t.seconds < TIME_REE_EPOCH_2020)
		return time_fail("REE time before 2020", t.seconds, 0);
	return TEE_SUCCESS;
}

static TEE_Result time_ree_advances(void)
{
	TEE_Time t1, t2;
	TEE_Result res;

	TEE_GetREETime(&t1);
	res = TEE_Wait(TIME_ADVANCE_WAIT_MS);
	TEE_GetREETime(&t2);
	if (res != TEE_SUCCESS)
		return res;
	if (time_ms(&t2) < time_ms(&t1) + 1000)
		return time_fail("REE time did not advance by the wait",
				 time_ms(&t1), time_ms(&t2));
	return TEE_SUCCESS;
}

/* The TA persistent time reads within [min, max] seconds. */
static TEE_Result time_persistent_within(uint32_t min, uint32_t max)
{
	TEE_Result res;
	TEE_Time t;

	res = TEE_GetTAPersistentTime(&t);
	if (res != TEE_SUCCESS)
		return res;
	if (t.millis >= 1000)
		return time_fail("persistent millis out of range", t.millis, 0);
	if (t.seconds < min || t.seconds > max)
		return time_fail("persistent time out of its range", t.seconds,
				 min);
	return TEE_SUCCESS;
}

static TEE_Result time_set(uint32_t seconds, uint32_t millis)
{
	TEE_Time t = { .seconds = seconds, .millis = millis };

	return TEE_SetTAPersistentTime(&t);
}

static TEE_Result time_set_get(void)
{
	TEE_Result res;

	res = time_set(TIME_SET_SECONDS, TIME_SET_MILLIS);
	if (res != TEE_SUCCESS)
		return res;
	return time_persistent_within(TIME_SET_SECONDS,
				      TIME_SET_SECONDS + TIME_SLACK_SECONDS);
}

/* Set just below the largest time: once it passes, a read overflows. */
static TEE_Result time_overflow(void)
{
	TEE_Result res;
	TEE_Time t;

	res = time_set(UINT32_MAX, 999);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_Wait(10);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_GetTAPersistentTime(&t);
	if (res != TEE_ERROR_OVERFLOW)
		return time_fail("no overflow", res, t.seconds);
	return TEE_SUCCESS;
}

static TEE_Result time_not_set(void)
{
	TEE_Result res;
	TEE_Time t;

	res = TEE_GetTAPersistentTime(&t);
	if (res != TEE_ERROR_TIME_NOT_SET)
		return time_fail("persistent time was set already", res, 0);
	return time_set_get();
}

static TEE_Result time_persistent_advances(void)
{
	TEE_Result res;

	res = time_set(TIME_SET_SECONDS, 0);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_Wait(TIME_ADVANCE_WAIT_MS);
	if (res != TEE_SUCCESS)
		return res;
	return time_persistent_within(TIME_SET_SECONDS + 1,
				      TIME_SET_SECONDS + TIME_SLACK_SECONDS);
}

/* The commands with a value: Wait's case, a duration, a time or range. */
static uint32_t time_types(uint32_t cmd)
{
	switch (cmd) {
	case CMD_TEE_Wait:
	case CMD_TTA_WaitAndMeasure:
	case CMD_TTA_SetTAPersistentTime:
	case CMD_TTA_GetTAPersistentTimeWithin:
		return TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				       TEE_PARAM_TYPE_NONE,
				       TEE_PARAM_TYPE_NONE,
				       TEE_PARAM_TYPE_NONE);
	default:
		return 0;
	}
}

static TEE_Result time_invoke(void *session, uint32_t cmd,
			      uint32_t types,
			      TEE_Param params[TEE_NUM_PARAMS])
{
	uint32_t a = params[0].value.a;
	uint32_t b = params[0].value.b;

	(void)session;
	if (types != time_types(cmd))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (cmd) {
	case CMD_TEE_GetSystemTime:
		return time_system();
	case CMD_TEE_Wait:
		return time_wait(a);
	case CMD_TEE_SetTAPersistentTime_and_GetTAPersistentTime:
		return time_set_get();
	case CMD_TEE_GetREETime:
		return time_ree();
	case CMD_TEE_SetTAPersistentTime_and_GetTAPersistentTimeOverflow:
		return time_overflow();
	case CMD_TEE_GetTAPersistentTimeNotSetAndSetTAPersistentTime:
		return time_not_set();
	case CMD_TTA_WaitAndMeasure:
		return time_wait_measure(a);
	case CMD_TTA_REETimeAdvances:
		return time_ree_advances();
	case CMD_TTA_SetTAPersistentTime:
		return time_set(a, b);
	case CMD_TTA_GetTAPersistentTimeWithin:
		return time_persistent_within(a, b);
	case CMD_TTA_TAPersistentTimeAdvances:
		return time_persistent_advances();
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

const struct tta_entry tta_entry = {
	.invoke = time_invoke,
};
