/* TEE_GenerateRandom: random bytes from the host; it cannot fail, so a
 * failing syscall panics the TA. */
#include <tee_internal_api.h>
#include <utee_syscalls.h>

void TEE_GenerateRandom(void *randomBuffer, size_t randomBufferLen)
{
	TEE_Result res = utee_get_random(randomBuffer, randomBufferLen);

	if (res != TEE_SUCCESS)
		TEE_Panic(res);
}

void __GP11_TEE_GenerateRandom(void *randomBuffer, uint32_t randomBufferLen)
{
	TEE_GenerateRandom(randomBuffer, randomBufferLen);
}
