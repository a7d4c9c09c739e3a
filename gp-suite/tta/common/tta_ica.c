/*
 * Commands of the TAs TTA_TCF calls (tta_ica.h): payloads transformed so
 * the caller can tell they went there and back, a panic, an error, and a
 * look at who the caller is.
 */
#include "tta_ica.h"

#define ICA_TYPES(t0, t1, t2, t3)					\
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_##t0, TEE_PARAM_TYPE_##t1,	\
			TEE_PARAM_TYPE_##t2, TEE_PARAM_TYPE_##t3)

/* The caller must be TTA_TCF, logged in as a TA. */
static TEE_Result ica_check_caller(void)
{
	static const TEE_UUID tta_tcf = {
		0x534d4152, 0x542d, 0x4353,
		{ 0x4c, 0x54, 0x2d, 0x54, 0x41, 0x2d, 0x30, 0x31 }
	};
	TEE_Identity id;
	TEE_Result res;

	res = TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
					"gpd.client.identity", &id);
	if (res != TEE_SUCCESS)
		return res;
	if (id.login != TEE_LOGIN_TRUSTED_APP ||
	    TEE_MemCompare(&id.uuid, &tta_tcf, sizeof(tta_tcf)))
		return TEE_ERROR_ACCESS_DENIED;
	return TEE_SUCCESS;
}

static TEE_Result ica_reverse(TEE_Param p[TEE_NUM_PARAMS])
{
	const uint8_t *in = p[0].memref.buffer;
	uint8_t *out = p[1].memref.buffer;
	size_t n = p[0].memref.size;
	size_t i;

	if (p[1].memref.size < n) {
		p[1].memref.size = n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	for (i = 0; i < n; i++)
		out[i] = in[n - 1 - i];
	p[1].memref.size = n;
	return TEE_SUCCESS;
}

TEE_Result tta_ica_cmd(uint32_t cmd, uint32_t types,
		       TEE_Param p[TEE_NUM_PARAMS])
{
	switch (cmd) {
	case CMD_ICA_Success:
		return TEE_SUCCESS;
	case CMD_ICA_SwapValues:
		if (types != ICA_TYPES(VALUE_INPUT, VALUE_OUTPUT, NONE, NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		p[1].value.a = p[0].value.b;
		p[1].value.b = p[0].value.a;
		return TEE_SUCCESS;
	case CMD_ICA_IncrementValues:
		if (types != ICA_TYPES(VALUE_INOUT, NONE, NONE, NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		p[0].value.a++;
		p[0].value.b++;
		return TEE_SUCCESS;
	case CMD_ICA_ReverseMemref:
		if (types != ICA_TYPES(MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		return ica_reverse(p);
	case CMD_ICA_Panic:
		TEE_Panic(TEE_ERROR_GENERIC);
	case CMD_ICA_Error:
		return TEE_ERROR_NO_DATA;
	case CMD_ICA_CheckCallerIsTTA_TCF:
		return ica_check_caller();
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}
