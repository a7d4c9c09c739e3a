/*
 * Built, never run: proves tee_internal_api.h compiles as a TA compiles it
 * (freestanding, no libc headers) and that TEE_CORE_API_COMPAT_1_1 selects
 * the v1.1 signatures while the default gives the v1.3.1 ones.
 */
#include <tee_internal_api.h>

#define SAME_TYPE(a, b)	__builtin_types_compatible_p(a, b)

#ifdef TEE_CORE_API_COMPAT_1_1
typedef uint32_t check_size_t;
typedef int32_t check_offset_t;
#else
typedef size_t check_size_t;
typedef intmax_t check_offset_t;
#endif

_Static_assert(sizeof(((TEE_Param *)0)->memref.size) == sizeof(check_size_t),
	       "TEE_Param.memref.size has the selected version's width");
_Static_assert(sizeof(((TEE_Attribute *)0)->content.ref.length) ==
	       sizeof(check_size_t),
	       "TEE_Attribute ref length has the selected version's width");
_Static_assert(sizeof(((TEE_ObjectInfo *)0)->dataPosition) ==
	       sizeof(check_size_t),
	       "TEE_ObjectInfo.dataPosition has the selected version's width");

_Static_assert(SAME_TYPE(__typeof__(&TEE_ReadObjectData),
			 TEE_Result (*)(TEE_ObjectHandle, void *,
					check_size_t, check_size_t *)),
	       "TEE_ReadObjectData has the selected version's signature");
_Static_assert(SAME_TYPE(__typeof__(&TEE_SeekObjectData),
			 TEE_Result (*)(TEE_ObjectHandle, check_offset_t,
					TEE_Whence)),
	       "TEE_SeekObjectData has the selected version's signature");
_Static_assert(SAME_TYPE(__typeof__(&TEE_DigestDoFinal),
			 TEE_Result (*)(TEE_OperationHandle, const void *,
					check_size_t, void *, check_size_t *)),
	       "TEE_DigestDoFinal has the selected version's signature");
_Static_assert(SAME_TYPE(__typeof__(&TEE_AEDecryptFinal),
			 TEE_Result (*)(TEE_OperationHandle, const void *,
					check_size_t, void *, check_size_t *,
					void *, check_size_t)),
	       "TEE_AEDecryptFinal has the selected version's signature");
_Static_assert(SAME_TYPE(__typeof__(&TEE_GetPropertyAsString),
			 TEE_Result (*)(TEE_PropSetHandle, const char *,
					char *, check_size_t *)),
	       "TEE_GetPropertyAsString has the selected version's signature");
/* Unchanged between the versions. */
_Static_assert(SAME_TYPE(__typeof__(&TEE_Malloc),
			 void *(*)(size_t, uint32_t)),
	       "TEE_Malloc keeps its size_t form");

/* A TA as one is written: entry points, parameter checks, a few calls. */
TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext)
{
	(void)params;
	*sessionContext = NULL;
	if (paramTypes != TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE,
					  TEE_PARAM_TYPE_NONE,
					  TEE_PARAM_TYPE_NONE,
					  TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sessionContext)
{
	(void)sessionContext;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID,
				      uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	check_size_t len = 0;
	TEE_Result res;

	(void)sessionContext;
	if (TEE_PARAM_TYPE_GET(paramTypes, 0) != TEE_PARAM_TYPE_MEMREF_INOUT)
		return TEE_ERROR_BAD_PARAMETERS;
	len = params[0].memref.size;

	res = TEE_AllocateOperation(&op, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_DigestDoFinal(op, params[0].memref.buffer, len,
				params[0].memref.buffer, &len);
	TEE_FreeOperation(op);
	if (res == TEE_SUCCESS)
		params[0].memref.size = len;
	if (commandID == 0xFFFFFFFFu)
		TEE_Panic(TEE_ERROR_GENERIC);
	return res;
}
