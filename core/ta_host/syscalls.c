/* The syscalls the TA host serves to its TA, by number (ta_abi.h). */
#include <string.h>
#include <sys/random.h>

#include <tee_client_api.h>
#include <teecheck/ta_abi.h>

#include "../../common/tc_log.h"
#include "ta_host.h"

/* Longest TA log line kept; the rest is cut. */
#define SYS_LOG_MAX	512

static uint32_t sys_log(uintptr_t buf, uintptr_t len)
{
	char line[SYS_LOG_MAX + 1];
	size_t n = len < SYS_LOG_MAX ? len : SYS_LOG_MAX;

	memcpy(line, (const void *)buf, n);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	line[n] = 0;
	tc_log("ta", "%s", line);
	return TEEC_SUCCESS;
}

/* Random bytes from the kernel, as a TEE's TRNG would give them. */
static uint32_t sys_get_random(uintptr_t buf, uintptr_t len)
{
	uint8_t *p = (uint8_t *)buf;
	ssize_t n;

	while (len) {
		n = getrandom(p, len, 0);
		if (n <= 0)
			return TEEC_ERROR_GENERIC;
		p += n;
		len -= (size_t)n;
	}
	return TEEC_SUCCESS;
}

uint32_t host_syscall_dispatch(uint32_t nr, uintptr_t a0, uintptr_t a1,
			       uintptr_t a2, uintptr_t a3, uintptr_t a4,
			       uintptr_t a5)
{
	(void)a2;
	(void)a3;
	(void)a4;
	(void)a5;
	switch (nr) {
	case UTEE_SYS_LOG:
		return sys_log(a0, a1);
	case UTEE_SYS_PANIC:
		host_panic((uint32_t)a0);
	case UTEE_SYS_GET_RANDOM:
		return sys_get_random(a0, a1);
	default:
		return TEEC_ERROR_NOT_SUPPORTED;
	}
}
