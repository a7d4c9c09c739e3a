/*
 * The TA's only way out: the syscall function the host passed at boot.
 * Every wrapper fails cleanly (or traps, for panic) before boot.
 */
#include <utee_syscalls.h>

static utee_syscall_fn utee_syscall_entry;

void utee_syscall_init(utee_syscall_fn fn)
{
	utee_syscall_entry = fn;
}

bool utee_syscall_ready(void)
{
	return utee_syscall_entry != NULL;
}

static uint32_t utee_syscall6(uint32_t nr, uintptr_t a0, uintptr_t a1,
			      uintptr_t a2, uintptr_t a3, uintptr_t a4,
			      uintptr_t a5)
{
	if (!utee_syscall_entry)
		return TEE_ERROR_BAD_STATE;
	return utee_syscall_entry(nr, a0, a1, a2, a3, a4, a5);
}

uint32_t utee_syscall_raw(uint32_t nr, uintptr_t a0, uintptr_t a1,
			  uintptr_t a2, uintptr_t a3, uintptr_t a4,
			  uintptr_t a5)
{
	return utee_syscall6(nr, a0, a1, a2, a3, a4, a5);
}

static uint32_t utee_syscall(uint32_t nr, uintptr_t a0, uintptr_t a1)
{
	return utee_syscall6(nr, a0, a1, 0, 0, 0, 0);
}

TEE_Result utee_log(const char *buf, size_t len)
{
	return utee_syscall(UTEE_SYS_LOG, (uintptr_t)buf, len);
}

void utee_panic(TEE_Result code)
{
	utee_syscall(UTEE_SYS_PANIC, code, 0);
	/* The host must not return from a panic; if it does, stop here. */
	for (;;)
		__builtin_trap();
}

TEE_Result utee_get_random(void *buf, size_t len)
{
	return utee_syscall(UTEE_SYS_GET_RANDOM, (uintptr_t)buf, len);
}

TEE_Result utee_get_property(uint32_t set, uint32_t index,
			     struct utee_property *out)
{
	return utee_syscall6(UTEE_SYS_GET_PROPERTY, set, index,
			     (uintptr_t)out, 0, 0, 0);
}

TEE_Result utee_check_access(uint32_t flags, const void *buf, size_t size)
{
	return utee_syscall6(UTEE_SYS_CHECK_ACCESS, flags, (uintptr_t)buf,
			     size, 0, 0, 0);
}

bool utee_cancel_flag(void)
{
	return utee_syscall(UTEE_SYS_CANCEL_FLAG, 0, 0) == 1;
}

bool utee_cancel_mask(bool mask)
{
	return utee_syscall(UTEE_SYS_CANCEL_MASK, mask, 0) == 1;
}

TEE_Result utee_wait(uint32_t timeout)
{
	return utee_syscall(UTEE_SYS_WAIT, timeout, 0);
}

TEE_Result utee_get_time(uint32_t kind, struct utee_time *out)
{
	return utee_syscall(UTEE_SYS_GET_TIME, kind, (uintptr_t)out);
}

TEE_Result utee_ptime_get(struct utee_time *out)
{
	return utee_syscall(UTEE_SYS_PTIME_GET, (uintptr_t)out, 0);
}

TEE_Result utee_ptime_set(const struct utee_time *time)
{
	return utee_syscall(UTEE_SYS_PTIME_SET, (uintptr_t)time, 0);
}

TEE_Result utee_ta_open(const TEE_UUID *dest, uint32_t timeout,
			uint32_t types, struct utee_param params[4],
			uint32_t *session, uint32_t *origin)
{
	return utee_syscall6(UTEE_SYS_TA_OPEN, (uintptr_t)dest, timeout, types,
			     (uintptr_t)params, (uintptr_t)session,
			     (uintptr_t)origin);
}

TEE_Result utee_ta_invoke(uint32_t session, uint32_t timeout, uint32_t cmd,
			  uint32_t types, struct utee_param params[4],
			  uint32_t *origin)
{
	return utee_syscall6(UTEE_SYS_TA_INVOKE, session, timeout, cmd, types,
			     (uintptr_t)params, (uintptr_t)origin);
}

TEE_Result utee_ta_close(uint32_t session)
{
	return utee_syscall(UTEE_SYS_TA_CLOSE, session, 0);
}
