/*
 * tcf_peer: the TA other TAs call in the TA-to-TA cases. It reports what it
 * sees of its caller and of the memory its caller passed.
 */
#include <string.h>
#include <tcf_peer_ta.h>
#include <tcf_uuid.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>
#include <trace.h>

#define TYPES(a, b, c, d) \
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
			TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_##d)

struct peer_session {
	uint32_t invokes;
};

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
	if (paramTypes != TYPES(NONE, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	*sessionContext = TEE_Malloc(sizeof(struct peer_session),
				     TEE_MALLOC_FILL_ZERO);
	return *sessionContext ? TEE_SUCCESS : TEE_ERROR_OUT_OF_MEMORY;
}

void TA_CloseSessionEntryPoint(void *sessionContext)
{
	TEE_Free(sessionContext);
}

static TEE_Result peer_values(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TYPES(VALUE_INPUT, VALUE_OUTPUT, VALUE_INOUT, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	p[1].value.a = p[0].value.a + p[0].value.b;
	p[1].value.b = p[0].value.a * p[0].value.b;
	p[2].value.a++;
	p[2].value.b++;
	return TEE_SUCCESS;
}

static TEE_Result peer_reverse(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	const uint8_t *in = p[0].memref.buffer;
	uint8_t *out = p[1].memref.buffer;
	size_t i, n = p[0].memref.size;

	if (types != TYPES(MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[1].memref.size < n) {
		p[1].memref.size = n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	for (i = 0; i < n; i++)
		out[i] = in[n - 1 - i];
	p[1].memref.size = n;
	return TEE_SUCCESS;
}

static bool peer_may(uint32_t flags, TEE_Param *p)
{
	return TEE_CheckMemoryAccessRights(flags, p->memref.buffer,
					   p->memref.size) == TEE_SUCCESS;
}

static TEE_Result peer_rights(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t bits = 0;

	if (types != TYPES(MEMREF_INPUT, MEMREF_INOUT, VALUE_OUTPUT, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (peer_may(TEE_MEMORY_ACCESS_READ | TEE_MEMORY_ACCESS_ANY_OWNER,
		     &p[0]))
		bits |= TCF_PEER_RIGHT_IN_READ;
	if (peer_may(TEE_MEMORY_ACCESS_WRITE | TEE_MEMORY_ACCESS_ANY_OWNER,
		     &p[0]))
		bits |= TCF_PEER_RIGHT_IN_WRITE;
	if (peer_may(TEE_MEMORY_ACCESS_READ, &p[0]))
		bits |= TCF_PEER_RIGHT_IN_PRIVATE;
	if (peer_may(TEE_MEMORY_ACCESS_WRITE | TEE_MEMORY_ACCESS_ANY_OWNER,
		     &p[1]))
		bits |= TCF_PEER_RIGHT_INOUT_WRITE;
	p[2].value.a = bits;
	return TEE_SUCCESS;
}

static TEE_Result peer_write_input(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TYPES(MEMREF_INPUT, NONE, NONE, NONE) ||
	    !p[0].memref.size)
		return TEE_ERROR_BAD_PARAMETERS;
	*(volatile uint8_t *)p[0].memref.buffer = 0x5a;
	return TEE_ERROR_GENERIC;	/* the store above must fault */
}

static TEE_Result peer_identity(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Identity id;
	TEE_Result res;

	if (types != TYPES(VALUE_OUTPUT, MEMREF_OUTPUT, NONE, NONE) ||
	    p[1].memref.size < 16)
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
					"gpd.client.identity", &id);
	if (res)
		return res;
	p[0].value.a = id.login;
	tcf_uuid_octets(p[1].memref.buffer, &id.uuid);
	p[1].memref.size = 16;
	return TEE_SUCCESS;
}

static TEE_Result peer_wait(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TYPES(VALUE_INPUT, NONE, NONE, NONE) &&
	    types != TYPES(VALUE_INOUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_UnmaskCancellation();
	return TEE_Wait(p[0].value.a);
}

/* Opens and closes a session on uuid; (result, origin) into out. */
static void peer_open_close(const TEE_UUID *uuid, TEE_Param *out)
{
	TEE_TASessionHandle sess;
	uint32_t origin = 0;
	TEE_Result res;

	res = TEE_OpenTASession(uuid, TEE_TIMEOUT_INFINITE,
				TYPES(NONE, NONE, NONE, NONE), NULL, &sess,
				&origin);
	if (res == TEE_SUCCESS)
		TEE_CloseTASession(sess);
	out->value.a = res;
	out->value.b = origin;
}

static TEE_Result peer_call(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	const uint8_t *b = p[0].memref.buffer;
	TEE_UUID uuid;

	if (types != TYPES(MEMREF_INPUT, VALUE_OUTPUT, NONE, NONE) ||
	    p[0].memref.size != 16)
		return TEE_ERROR_BAD_PARAMETERS;
	uuid.timeLow = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		       (uint32_t)b[2] << 8 | b[3];
	uuid.timeMid = (uint16_t)(b[4] << 8 | b[5]);
	uuid.timeHiAndVersion = (uint16_t)(b[6] << 8 | b[7]);
	memcpy(uuid.clockSeqAndNode, b + 8, 8);
	peer_open_close(&uuid, &p[1]);
	return TEE_SUCCESS;
}

static TEE_Result peer_call_back(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Identity id;
	TEE_Result res;

	if (types != TYPES(VALUE_INOUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
					"gpd.client.identity", &id);
	if (res)
		return res;
	if (id.login != TEE_LOGIN_TRUSTED_APP)
		return TEE_ERROR_BAD_STATE;
	peer_open_close(&id.uuid, &p[0]);
	return TEE_SUCCESS;
}

static TEE_Result peer_fill(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TYPES(VALUE_INPUT, MEMREF_OUTPUT, NONE, NONE) &&
	    types != TYPES(VALUE_INPUT, MEMREF_INOUT, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[1].memref.size < p[0].value.a) {
		p[1].memref.size = p[0].value.a;
		return TEE_ERROR_SHORT_BUFFER;
	}
	TEE_MemFill(p[1].memref.buffer, (uint8_t)p[0].value.b, p[0].value.a);
	p[1].memref.size = p[0].value.a;
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID,
				      uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	struct peer_session *s = sessionContext;

	s->invokes++;
	switch (commandID) {
	case TCF_PEER_CMD_VALUES:
		return peer_values(paramTypes, params);
	case TCF_PEER_CMD_REVERSE:
		return peer_reverse(paramTypes, params);
	case TCF_PEER_CMD_RIGHTS:
		return peer_rights(paramTypes, params);
	case TCF_PEER_CMD_WRITE_INPUT:
		return peer_write_input(paramTypes, params);
	case TCF_PEER_CMD_IDENTITY:
		return peer_identity(paramTypes, params);
	case TCF_PEER_CMD_WAIT:
		return peer_wait(paramTypes, params);
	case TCF_PEER_CMD_PANIC:
		TEE_Panic(TCF_PEER_PANIC_CODE);
	case TCF_PEER_CMD_CALL:
		return peer_call(paramTypes, params);
	case TCF_PEER_CMD_COUNT:
		if (paramTypes != TYPES(VALUE_INOUT, NONE, NONE, NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		params[0].value.a = s->invokes;
		return TEE_SUCCESS;
	case TCF_PEER_CMD_FILL:
		return peer_fill(paramTypes, params);
	case TCF_PEER_CMD_CALL_BACK:
		return peer_call_back(paramTypes, params);
	default:
		EMSG("tcf_peer: unknown command %u", commandID);
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
