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

static uint32_t utee_syscall(uint32_t nr, uintptr_t a0, uintptr_t a1)
{
	if (!utee_syscall_entry)
		return TEE_ERROR_BAD_STATE;
	return utee_syscall_entry(nr, a0, a1, 0, 0, 0, 0);
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
