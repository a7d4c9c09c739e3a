/*
 * OP-TEE's cache maintenance extensions (tee_internal_api_extensions.h).
 * A TA's memory here is ordinary coherent memory of its host process, so
 * there is nothing to clean or invalidate: each call checks that the TA may
 * access the buffer, as a real TEE would before touching its cache lines.
 */
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>
#include <utee_syscalls.h>

static TEE_Result ext_cache_op(const char *buf, size_t len)
{
	if (utee_check_access(TEE_MEMORY_ACCESS_READ | TEE_MEMORY_ACCESS_WRITE |
			      TEE_MEMORY_ACCESS_ANY_OWNER,
			      buf, len))
		return TEE_ERROR_ACCESS_DENIED;
	return TEE_SUCCESS;
}

TEE_Result TEE_CacheClean(char *buf, size_t len)
{
	return ext_cache_op(buf, len);
}

TEE_Result TEE_CacheFlush(char *buf, size_t len)
{
	return ext_cache_op(buf, len);
}

TEE_Result TEE_CacheInvalidate(char *buf, size_t len)
{
	return ext_cache_op(buf, len);
}
