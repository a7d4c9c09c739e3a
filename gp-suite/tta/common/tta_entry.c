/* The five GP entry points of every test TA, over its struct tta_entry. */
#include <tta_entry.h>

TEE_Result TA_CreateEntryPoint(void)
{
	return tta_entry.create ? tta_entry.create() : TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	if (tta_entry.destroy)
		tta_entry.destroy();
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t types,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **session)
{
	TEE_Result res = TEE_SUCCESS;
	void *s = NULL;

	if (tta_entry.session_size) {
		s = TEE_Malloc(tta_entry.session_size, TEE_MALLOC_FILL_ZERO);
		if (!s)
			return TEE_ERROR_OUT_OF_MEMORY;
	}
	if (tta_entry.open)
		res = tta_entry.open(s, types, params);
	if (res != TEE_SUCCESS) {
		TEE_Free(s);
		s = NULL;
	}
	*session = s;
	return res;
}

void TA_CloseSessionEntryPoint(void *session)
{
	if (tta_entry.close)
		tta_entry.close(session);
	TEE_Free(session);
}

TEE_Result TA_InvokeCommandEntryPoint(void *session, uint32_t cmd,
				      uint32_t types,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	if (!tta_entry.invoke)
		return tta_entry.answer;
	return tta_entry.invoke(session, cmd, types, params);
}
