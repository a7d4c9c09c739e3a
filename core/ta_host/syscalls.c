/* The syscalls the TA host serves to its TA, by number (ta_abi.h). */
#include <string.h>
#include <sys/random.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <teecheck/ta_abi.h>

#include "../../common/tc_log.h"
#include "host_parts.h"
#include "ta_host.h"

/* Longest TA log line kept; the rest is cut. */
#define SYS_LOG_MAX	512

static uint32_t sys_log(uintptr_t buf, uintptr_t len)
{
	char line[SYS_LOG_MAX + 1];
	size_t n = len < SYS_LOG_MAX ? len : SYS_LOG_MAX;

	if (!host_mem_usable(buf, n, false))
		return TEE_ERROR_BAD_PARAMETERS;
	memcpy(line, (const void *)buf, n);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	line[n] = 0;
	tc_log("ta", "%s", line);
	return TEE_SUCCESS;
}

/*
 * Random bytes from the kernel, as a TEE's TRNG would give them. They go
 * through a buffer on the stack (locked while the TA runs): the TA's own
 * memory is paged, and the kernel cannot fault a page in for a system call.
 */
static uint32_t sys_get_random(uintptr_t buf, uintptr_t len)
{
	uint8_t *p = (uint8_t *)buf;
	uint8_t chunk[256];
	ssize_t n;

	if (!host_mem_usable(buf, len, true))
		return TEE_ERROR_BAD_PARAMETERS;
	while (len) {
		n = getrandom(chunk, len < sizeof(chunk) ? len : sizeof(chunk),
			      0);
		if (n <= 0)
			return TEE_ERROR_GENERIC;
		memcpy(p, chunk, (size_t)n);
		p += n;
		len -= (size_t)n;
	}
	return TEE_SUCCESS;
}

uint32_t host_syscall_dispatch(uint32_t nr, uintptr_t a0, uintptr_t a1,
			       uintptr_t a2, uintptr_t a3, uintptr_t a4,
			       uintptr_t a5)
{
	switch (nr) {
	case UTEE_SYS_LOG:
		return sys_log(a0, a1);
	case UTEE_SYS_PANIC:
		host_panic((uint32_t)a0);
	case UTEE_SYS_GET_RANDOM:
		return sys_get_random(a0, a1);
	case UTEE_SYS_GET_PROPERTY:
		return sys_get_property(a0, a1, a2);
	case UTEE_SYS_CHECK_ACCESS:
		return host_mem_access((uint32_t)a0, a1, a2);
	case UTEE_SYS_CANCEL_FLAG:
		return sys_cancel_flag();
	case UTEE_SYS_CANCEL_MASK:
		return sys_cancel_mask(a0);
	case UTEE_SYS_WAIT:
		return sys_wait(a0);
	case UTEE_SYS_GET_TIME:
		return sys_get_time(a0, a1);
	case UTEE_SYS_PTIME_GET:
		return sys_ptime_get(a0);
	case UTEE_SYS_PTIME_SET:
		return sys_ptime_set(a0);
	case UTEE_SYS_TA_OPEN:
		return sys_ta_open(a0, a1, a2, a3, a4, a5);
	case UTEE_SYS_TA_INVOKE:
		return sys_ta_invoke(a0, a1, a2, a3, a4, a5);
	case UTEE_SYS_TA_CLOSE:
		return sys_ta_close(a0);
	default:
		if (nr >= UTEE_SYS_CRYP_FIRST && nr < UTEE_SYS_CRYP_LAST)
			return host_crypto_syscall(nr, a0, a1, a2, a3, a4, a5);
		if (nr >= UTEE_SYS_STOR_FIRST && nr < UTEE_SYS_STOR_LAST)
			return host_storage_syscall(nr, a0, a1, a2, a3, a4);
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
