/*
 * TEE_Panic, and the ways the libc stops a TA: abort() and a failed
 * assert().
 */
#include <assert.h>
#include <stdlib.h>
#include <tee_internal_api.h>
#include <trace.h>
#include <utee_syscalls.h>

void TEE_Panic(TEE_Result panicCode)
{
	utee_panic(panicCode);
}

void abort(void)
{
	utee_panic(TEE_ERROR_GENERIC);
}

void __utee_assert_fail(const char *expr, const char *file, int line,
			const char *func)
{
	trace_printf(TRACE_ERROR, func, line, "assertion \"%s\" failed (%s)",
		     expr, file);
	utee_panic(TEE_ERROR_GENERIC);
}
