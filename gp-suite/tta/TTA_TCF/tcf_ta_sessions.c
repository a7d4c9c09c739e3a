/*
 * TTA_TCF's TA-to-TA commands: sessions it opens on other TAs, commands
 * with and without payload, and a session kept across client commands.
 */
#include "tcf.h"

static const TEE_UUID tcf_ica = {
	0x534d4152, 0x5443, 0x534c,
	{ 0x54, 0x41, 0x54, 0x43, 0x46, 0x49, 0x43, 0x41 }
};

static const TEE_UUID tcf_ica2 = {
	0x534d4152, 0x5443, 0x534c,
	{ 0x54, 0x54, 0x43, 0x46, 0x49, 0x43, 0x41, 0x32 }
};

static TEE_Result tcf_open(const TEE_UUID *uuid, TEE_TASessionHandle *sess,
			   uint32_t *origin)
{
	return TEE_OpenTASession(uuid, TEE_TIMEOUT_INFINITE,
				 TCF_TYPES(NONE, NONE, NONE, NONE), NULL, sess,
				 origin);
}

static TEE_Result tcf_invoke(TEE_TASessionHandle sess, uint32_t cmd,
			     uint32_t types, TEE_Param p[TEE_NUM_PARAMS],
			     uint32_t *origin)
{
	TEE_Param none[TEE_NUM_PARAMS];

	if (!p) {
		TEE_MemFill(none, 0, sizeof(none));
		p = none;
	}
	return TEE_InvokeTACommand(sess, TEE_TIMEOUT_INFINITE, cmd, types, p,
				   origin);
}

/*
 * [VALUE_INPUT case, MEMREF_INPUT UUID, VALUE_OUTPUT origin]: opens a
 * session on the UUID; for a case other than CASE_SUCCESS, invokes the
 * command the case names on it. Answers the last call's result, and its
 * origin in value 2's a.
 */
static TEE_Result tcf_process_open(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_TASessionHandle sess;
	uint32_t origin = 0;
	TEE_Result res;
	TEE_UUID uuid;
	uint32_t cmd;

	if (types != TCF_TYPES(VALUE_INPUT, MEMREF_INPUT, VALUE_OUTPUT, NONE) ||
	    p[1].memref.size != sizeof(uuid))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (p[0].value.a) {
	case CASE_SUCCESS:
		cmd = 0;
		break;
	case CASE_TARGET_DEAD_ICA2:
		cmd = CMD_ICA_Panic;
		break;
	case CASE_SUCCESS_ICA2:
		cmd = CMD_ICA_Success;
		break;
	case CASE_ERROR_ICA2:
		cmd = CMD_ICA_Error;
		break;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
	TEE_MemMove(&uuid, p[1].memref.buffer, sizeof(uuid));
	res = tcf_open(&uuid, &sess, &origin);
	if (res == TEE_SUCCESS) {
		if (cmd)
			res = tcf_invoke(sess, cmd, 0, NULL, &origin);
		TEE_CloseTASession(sess);
	}
	p[2].value.a = origin;
	p[2].value.b = 0;
	return res;
}

/* Opens TTA_TCF_ICA, runs what the command names on it, closes. */
static TEE_Result tcf_process_invoke(uint32_t cmd)
{
	TEE_Param p[TEE_NUM_PARAMS];
	TEE_TASessionHandle sess;
	uint8_t in[32], out[32];
	uint32_t origin;
	TEE_Result res;
	size_t i;

	res = tcf_open(&tcf_ica, &sess, &origin);
	if (res != TEE_SUCCESS)
		return res;
	TEE_MemFill(p, 0, sizeof(p));
	switch (cmd) {
	case CMD_ProcessTAInvokeTA_simple:
		res = tcf_invoke(sess, CMD_SUCCESS, 0, p, &origin);
		break;
	case CMD_ProcessTAInvokeTA_PayloadValue:
		p[0].value.a = VALUE01;
		p[0].value.b = VALUE02;
		res = tcf_invoke(sess, CMD_ICA_SwapValues,
				 TCF_TYPES(VALUE_INPUT, VALUE_OUTPUT, NONE,
					   NONE), p, &origin);
		if (res == TEE_SUCCESS && (p[1].value.a != VALUE02 ||
					   p[1].value.b != VALUE01))
			res = TEE_ERROR_GENERIC;
		break;
	case CMD_ProcessTAInvokeTA_PayloadValue_In_Out:
		p[0].value.a = VALUE01;
		p[0].value.b = VALUE02;
		res = tcf_invoke(sess, CMD_ICA_IncrementValues,
				 TCF_TYPES(VALUE_INOUT, NONE, NONE, NONE), p,
				 &origin);
		if (res == TEE_SUCCESS && (p[0].value.a != VALUE01 + 1 ||
					   p[0].value.b != VALUE02 + 1))
			res = TEE_ERROR_GENERIC;
		break;
	case CMD_ProcessTAInvokeTA_PayloadMemref:
		for (i = 0; i < sizeof(in); i++)
			in[i] = (uint8_t)i;
		TEE_MemFill(out, 0, sizeof(out));
		p[0].memref.buffer = in;
		p[0].memref.size = sizeof(in);
		p[1].memref.buffer = out;
		p[1].memref.size = sizeof(out);
		res = tcf_invoke(sess, CMD_ICA_ReverseMemref,
				 TCF_TYPES(MEMREF_INPUT, MEMREF_OUTPUT, NONE,
					   NONE), p, &origin);
		if (res != TEE_SUCCESS)
			break;
		if (p[1].memref.size != sizeof(out))
			res = TEE_ERROR_GENERIC;
		for (i = 0; i < sizeof(out); i++)
			if (out[i] != in[sizeof(in) - 1 - i])
				res = TEE_ERROR_GENERIC;
		break;
	default:
		res = TEE_ERROR_BAD_PARAMETERS;
		break;
	}
	TEE_CloseTASession(sess);
	return res;
}

/* The session kept across commands: open, invoke, close. */
static TEE_Result tcf_kept_session(struct tcf_session *s, uint32_t cmd,
				   uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t origin;
	TEE_Result res;

	if (types != TCF_TYPES(VALUE_INPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (cmd) {
	case CMD_TEE_OpenTASession:
		if (s->ta_open)
			return TEE_ERROR_BAD_STATE;
		if (p[0].value.a != TARGET_ICA && p[0].value.a != TARGET_ICA2)
			return TEE_ERROR_BAD_PARAMETERS;
		res = tcf_open(p[0].value.a == TARGET_ICA ? &tcf_ica :
			       &tcf_ica2, &s->ta_session, &origin);
		s->ta_open = res == TEE_SUCCESS;
		return res;
	case CMD_TEE_InvokeTACommand:
		if (!s->ta_open)
			return TEE_ERROR_BAD_STATE;
		return tcf_invoke(s->ta_session, p[0].value.a, 0, NULL,
				  &origin);
	case CMD_TEE_CloseTASession:
		if (!s->ta_open)
			return TEE_ERROR_BAD_STATE;
		tcf_ta_session_end(s);
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

TEE_Result tcf_ta_session_cmd(struct tcf_session *s, uint32_t cmd,
			      uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	switch (cmd) {
	case CMD_ProcessInvokeTAOpenSession:
		return tcf_process_open(types, p);
	case CMD_ProcessTAInvokeTA_simple:
	case CMD_ProcessTAInvokeTA_PayloadValue:
	case CMD_ProcessTAInvokeTA_PayloadValue_In_Out:
	case CMD_ProcessTAInvokeTA_PayloadMemref:
		if (types != TCF_TYPES(NONE, NONE, NONE, NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		return tcf_process_invoke(cmd);
	case CMD_TEE_OpenTASession:
	case CMD_TEE_InvokeTACommand:
	case CMD_TEE_CloseTASession:
		return tcf_kept_session(s, cmd, types, p);
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

void tcf_ta_session_end(struct tcf_session *s)
{
	if (!s->ta_open)
		return;
	TEE_CloseTASession(s->ta_session);
	s->ta_open = false;
}

