/*
 * tcf_test's TA-to-TA commands: the caller's side of sessions on tcf_peer
 * (or any TA), with values, memrefs of the TA's own heap, identities,
 * errors and invalid handles.
 */
#include <string.h>
#include <tcf_peer_ta.h>
#include <tcf_test_ta.h>
#include <tcf_uuid.h>

#include "tcf_test.h"

#define TYPES(a, b, c, d) \
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
			TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_##d)

static const TEE_UUID tcf_peer_uuid = TA_TCF_PEER_UUID;

static TEE_Result tcf_peer_open(TEE_TASessionHandle *sess, uint32_t *origin)
{
	return TEE_OpenTASession(&tcf_peer_uuid, TEE_TIMEOUT_INFINITE,
				 TYPES(NONE, NONE, NONE, NONE), NULL, sess,
				 origin);
}

TEE_Result tcf_ta2ta_values(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Param q[TEE_NUM_PARAMS];
	TEE_TASessionHandle sess;
	uint32_t origin;
	TEE_Result res;

	if (types != TYPES(VALUE_INPUT, VALUE_OUTPUT, VALUE_OUTPUT, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = tcf_peer_open(&sess, &origin);
	if (res)
		return res;
	memset(q, 0, sizeof(q));
	q[0].value.a = p[0].value.a;
	q[0].value.b = p[0].value.b;
	q[2].value.a = p[0].value.a;
	q[2].value.b = p[0].value.b;
	res = TEE_InvokeTACommand(sess, TEE_TIMEOUT_INFINITE,
				  TCF_PEER_CMD_VALUES,
				  TYPES(VALUE_INPUT, VALUE_OUTPUT, VALUE_INOUT,
					NONE), q, &origin);
	p[1].value.a = q[1].value.a;
	p[1].value.b = q[1].value.b;
	p[2].value.a = q[2].value.a;
	p[2].value.b = q[2].value.b;
	TEE_CloseTASession(sess);
	return res;
}

TEE_Result tcf_ta2ta_reverse(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Param q[TEE_NUM_PARAMS];
	TEE_TASessionHandle sess;
	uint8_t *in, *out;
	uint32_t origin;
	TEE_Result res;

	if (types != TYPES(MEMREF_INPUT, MEMREF_OUTPUT, VALUE_INPUT,
			   VALUE_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	/* The peer sees this TA's heap, not the client's buffers. */
	/* GP: NO_FILL only with NO_SHARE, and the peer must see this. */
	in = TEE_Malloc(p[0].memref.size, TEE_MALLOC_FILL_ZERO);
	out = TEE_Malloc(p[2].value.a, TEE_MALLOC_FILL_ZERO);
	if ((!in && p[0].memref.size) || (!out && p[2].value.a)) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto out;
	}
	TEE_MemMove(in, p[0].memref.buffer, p[0].memref.size);
	res = tcf_peer_open(&sess, &origin);
	if (res)
		goto out;
	memset(q, 0, sizeof(q));
	q[0].memref.buffer = in;
	q[0].memref.size = p[0].memref.size;
	q[1].memref.buffer = out;
	q[1].memref.size = p[2].value.a;
	res = TEE_InvokeTACommand(sess, TEE_TIMEOUT_INFINITE,
				  TCF_PEER_CMD_REVERSE,
				  TYPES(MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE),
				  q, &origin);
	TEE_CloseTASession(sess);
	p[3].value.a = res;
	p[3].value.b = (uint32_t)q[1].memref.size;
	if (res == TEE_SUCCESS) {
		if (q[1].memref.size > p[1].memref.size)
			q[1].memref.size = p[1].memref.size;
		TEE_MemMove(p[1].memref.buffer, out, q[1].memref.size);
		p[1].memref.size = q[1].memref.size;
	}
	res = TEE_SUCCESS;
out:
	TEE_Free(in);
	TEE_Free(out);
	return res;
}

TEE_Result tcf_ta2ta_call(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Param q[TEE_NUM_PARAMS];
	TEE_TASessionHandle sess;
	uint32_t origin = 0;
	TEE_Result res;
	TEE_UUID uuid;

	if (types != TYPES(MEMREF_INPUT, VALUE_INPUT, VALUE_INOUT,
			   VALUE_OUTPUT) || p[0].memref.size != 16)
		return TEE_ERROR_BAD_PARAMETERS;
	tcf_uuid_from_octets(&uuid, p[0].memref.buffer);
	res = TEE_OpenTASession(&uuid, p[1].value.b,
				TYPES(NONE, NONE, NONE, NONE), NULL, &sess,
				&origin);
	if (res != TEE_SUCCESS) {
		/* A failed open leaves no handle. */
		if (sess != TEE_HANDLE_NULL)
			return TEE_ERROR_GENERIC;
		goto report;
	}
	if (p[1].value.a != TCF_NO_CMD) {
		memset(q, 0, sizeof(q));
		q[0].value.a = p[2].value.a;
		q[0].value.b = p[2].value.b;
		res = TEE_InvokeTACommand(sess, p[1].value.b, p[1].value.a,
					  TYPES(VALUE_INOUT, NONE, NONE, NONE),
					  q, &origin);
		p[2].value.a = q[0].value.a;
		p[2].value.b = q[0].value.b;
	}
	TEE_CloseTASession(sess);
report:
	p[3].value.a = res;
	p[3].value.b = origin;
	return TEE_SUCCESS;
}

TEE_Result tcf_ta2ta_identity(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Param q[TEE_NUM_PARAMS];
	TEE_TASessionHandle sess;
	uint32_t origin;
	TEE_Result res;
	uint8_t uuid[16];

	if (types != TYPES(VALUE_OUTPUT, MEMREF_OUTPUT, NONE, NONE) ||
	    p[1].memref.size < 16)
		return TEE_ERROR_BAD_PARAMETERS;
	res = tcf_peer_open(&sess, &origin);
	if (res)
		return res;
	memset(q, 0, sizeof(q));
	q[1].memref.buffer = uuid;
	q[1].memref.size = sizeof(uuid);
	res = TEE_InvokeTACommand(sess, TEE_TIMEOUT_INFINITE,
				  TCF_PEER_CMD_IDENTITY,
				  TYPES(VALUE_OUTPUT, MEMREF_OUTPUT, NONE,
					NONE), q, &origin);
	TEE_CloseTASession(sess);
	if (res)
		return res;
	p[0].value.a = q[0].value.a;
	TEE_MemMove(p[1].memref.buffer, uuid, 16);
	p[1].memref.size = 16;
	return TEE_SUCCESS;
}

TEE_Result tcf_ta2ta_rights(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Param q[TEE_NUM_PARAMS];
	TEE_TASessionHandle sess;
	uint8_t *in, *inout;
	uint32_t origin;
	TEE_Result res;

	if (types != TYPES(VALUE_OUTPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	in = TEE_Malloc(64, TEE_MALLOC_FILL_ZERO);
	inout = TEE_Malloc(64, TEE_MALLOC_FILL_ZERO);
	res = TEE_ERROR_OUT_OF_MEMORY;
	if (in && inout)
		res = tcf_peer_open(&sess, &origin);
	if (res)
		goto out;
	memset(q, 0, sizeof(q));
	q[0].memref.buffer = in;
	q[0].memref.size = 64;
	q[1].memref.buffer = inout;
	q[1].memref.size = 64;
	res = TEE_InvokeTACommand(sess, TEE_TIMEOUT_INFINITE,
				  TCF_PEER_CMD_RIGHTS,
				  TYPES(MEMREF_INPUT, MEMREF_INOUT,
					VALUE_OUTPUT, NONE), q, &origin);
	TEE_CloseTASession(sess);
	p[0].value.a = q[2].value.a;
out:
	TEE_Free(in);
	TEE_Free(inout);
	return res;
}

TEE_Result tcf_ta2ta_bad_handle(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	static uint32_t not_a_session[4];
	uint32_t origin;

	(void)p;
	if (types != TYPES(NONE, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	/* Panics: a handle must be one TEE_OpenTASession gave. */
	return TEE_InvokeTACommand((TEE_TASessionHandle)not_a_session,
				   TEE_TIMEOUT_INFINITE, TCF_PEER_CMD_COUNT,
				   TYPES(NONE, NONE, NONE, NONE), NULL,
				   &origin);
}

TEE_Result tcf_ta2ta_keep(struct tcf_session *s, uint32_t types,
			  TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Param q[TEE_NUM_PARAMS];
	uint32_t origin;
	TEE_Result res;

	if (types != TYPES(VALUE_INPUT, VALUE_INOUT, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (p[0].value.a) {
	case 0:
		if (s->peer)
			return TEE_ERROR_BAD_STATE;
		return tcf_peer_open(&s->peer, &origin);
	case 1:
		if (!s->peer)
			return TEE_ERROR_BAD_STATE;
		memset(q, 0, sizeof(q));
		res = TEE_InvokeTACommand(s->peer, TEE_TIMEOUT_INFINITE,
					  TCF_PEER_CMD_COUNT,
					  TYPES(VALUE_INOUT, NONE, NONE, NONE),
					  q, &origin);
		p[1].value.a = q[0].value.a;
		return res;
	case 2:
		TEE_CloseTASession(s->peer);
		s->peer = TEE_HANDLE_NULL;
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}
