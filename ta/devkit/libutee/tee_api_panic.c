/* TEE_Panic, and abort() for the libc, which has no other way to stop. */
#include <stdlib.h>
#include <tee_internal_api.h>
#include <utee_syscalls.h>

void TEE_Panic(TEE_Result panicCode)
{
	utee_panic(panicCode);
}

void abort(void)
{
	utee_panic(TEE_ERROR_GENERIC);
}
