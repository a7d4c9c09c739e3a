/*
 * Time for the TA: system time (monotonic, from the REE's kernel), REE time
 * (its wall clock) and the TA's persistent time, which the core keeps.
 */
#include <string.h>
#include <time.h>

#include <tee_api_defines.h>
#include <teecheck/ta_abi.h>

#include "../../common/tc_msg.h"
#include "host_parts.h"

TEE_Result sys_get_time(uintptr_t kind, uintptr_t out)
{
	struct utee_time *t = (struct utee_time *)out;
	struct timespec ts;

	if (!host_mem_usable(out, sizeof(*t), true))
		return TEE_ERROR_BAD_PARAMETERS;
	if (kind == UTEE_TIME_SYSTEM)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	else if (kind == UTEE_TIME_REE)
		clock_gettime(CLOCK_REALTIME, &ts);
	else
		return TEE_ERROR_BAD_PARAMETERS;
	t->seconds = (uint32_t)ts.tv_sec;
	t->millis = (uint32_t)(ts.tv_nsec / 1000000);
	return TEE_SUCCESS;
}

TEE_Result sys_ptime_get(uintptr_t out)
{
	struct utee_time *t = (struct utee_time *)out;
	struct tc_msg m, r;
	uint64_t secs;

	if (!host_mem_usable(out, sizeof(*t), true))
		return TEE_ERROR_BAD_PARAMETERS;
	tc_msg_init(&m, TC_CMD_HOST_REQ, 0);
	m.func = TC_HREQ_PTIME_GET;
	if (host_core_request(&m, &r))
		return TEE_ERROR_COMMUNICATION;
	memset(t, 0, sizeof(*t));
	if (r.ret != TEE_SUCCESS)
		return r.ret;
	secs = r.arg / 1000;
	t->seconds = (uint32_t)secs;	/* modulo 2^32, as GP asks */
	t->millis = (uint32_t)(r.arg % 1000);
	return secs > UINT32_MAX ? TEE_ERROR_OVERFLOW : TEE_SUCCESS;
}

TEE_Result sys_ptime_set(uintptr_t in)
{
	const struct utee_time *t = (const struct utee_time *)in;
	struct tc_msg m, r;

	if (!host_mem_usable(in, sizeof(*t), false) || t->millis > 999)
		return TEE_ERROR_BAD_PARAMETERS;
	tc_msg_init(&m, TC_CMD_HOST_REQ, 0);
	m.func = TC_HREQ_PTIME_SET;
	m.arg = (uint64_t)t->seconds * 1000 + t->millis;
	if (host_core_request(&m, &r))
		return TEE_ERROR_COMMUNICATION;
	return r.ret;
}
