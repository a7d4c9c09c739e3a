/*
 * Parameter protocols shared by the GP Client API test TAs: the check and
 * update of TTA_testingClientAPI_Parameters_* and
 * TTA_check_OpenSession_with_4_parameters, and the copy of
 * TTA_testingClientAPI.
 */
#include "tta_params.h"

static bool tta_is_input(uint32_t t)
{
	return t == TEE_PARAM_TYPE_VALUE_INPUT ||
	       t == TEE_PARAM_TYPE_VALUE_INOUT ||
	       t == TEE_PARAM_TYPE_MEMREF_INPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_INOUT;
}

static bool tta_is_output(uint32_t t)
{
	return t == TEE_PARAM_TYPE_VALUE_OUTPUT ||
	       t == TEE_PARAM_TYPE_VALUE_INOUT ||
	       t == TEE_PARAM_TYPE_MEMREF_OUTPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_INOUT;
}

static bool tta_is_memref(uint32_t t)
{
	return t >= TEE_PARAM_TYPE_MEMREF_INPUT &&
	       t <= TEE_PARAM_TYPE_MEMREF_INOUT;
}

static TEE_Result tta_check_word(const TEE_Param *p)
{
	uint32_t word;

	if (p->memref.size < TTA_WORD_SIZE || !p->memref.buffer)
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_MemMove(&word, p->memref.buffer, sizeof(word));
	return word == VALUE01 ? TEE_SUCCESS : TEE_ERROR_BAD_PARAMETERS;
}

static TEE_Result tta_check_update_one(uint32_t t, TEE_Param *p)
{
	uint32_t word = VALUE02;
	TEE_Result res;

	if (t == TEE_PARAM_TYPE_NONE)
		return TEE_SUCCESS;
	if (!tta_is_memref(t)) {
		if (tta_is_input(t) &&
		    (p->value.a != VALUE01 || p->value.b != VALUE02))
			return TEE_ERROR_BAD_PARAMETERS;
		if (tta_is_output(t)) {
			p->value.a = VALUE02;
			p->value.b = VALUE01;
		}
		return TEE_SUCCESS;
	}
	if (t == TEE_PARAM_TYPE_MEMREF_INPUT)
		return p->memref.size ? tta_check_word(p) : TEE_SUCCESS;
	if (p->memref.size < TTA_WORD_SIZE) {
		p->memref.size = TTA_WORD_SIZE;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (t == TEE_PARAM_TYPE_MEMREF_INOUT) {
		res = tta_check_word(p);
		if (res != TEE_SUCCESS)
			return res;
	}
	TEE_MemMove(p->memref.buffer, &word, sizeof(word));
	p->memref.size = TTA_WORD_SIZE;
	return TEE_SUCCESS;
}

TEE_Result tta_check_update_params(uint32_t types,
				   TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_Result res = TEE_SUCCESS;
	TEE_Result r;
	size_t i;

	/* Every short output learns its size, so go on after one. */
	for (i = 0; i < TEE_NUM_PARAMS; i++) {
		r = tta_check_update_one(TEE_PARAM_TYPE_GET(types, i),
					 &params[i]);
		if (r == TEE_ERROR_SHORT_BUFFER && res == TEE_SUCCESS)
			res = r;
		else if (r != TEE_SUCCESS && r != TEE_ERROR_SHORT_BUFFER)
			return r;
	}
	return res;
}

static TEE_Result tta_copy_pair(uint32_t tin, const TEE_Param *in,
				uint32_t tout, TEE_Param *out)
{
	if (tin == TEE_PARAM_TYPE_NONE && tout == TEE_PARAM_TYPE_NONE)
		return TEE_SUCCESS;
	if (!tta_is_input(tin) || !tta_is_output(tout) ||
	    tta_is_memref(tin) != tta_is_memref(tout))
		return TEE_ERROR_BAD_PARAMETERS;
	if (!tta_is_memref(tin)) {
		out->value.a = in->value.a;
		out->value.b = in->value.b;
		return TEE_SUCCESS;
	}
	if (out->memref.size < in->memref.size) {
		out->memref.size = in->memref.size;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (in->memref.size)
		TEE_MemMove(out->memref.buffer, in->memref.buffer,
			    in->memref.size);
	out->memref.size = in->memref.size;
	return TEE_SUCCESS;
}

TEE_Result tta_copy_params(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_Result res;

	res = tta_copy_pair(TEE_PARAM_TYPE_GET(types, 0), &params[0],
			    TEE_PARAM_TYPE_GET(types, 1), &params[1]);
	if (res != TEE_SUCCESS)
		return res;
	return tta_copy_pair(TEE_PARAM_TYPE_GET(types, 2), &params[2],
			     TEE_PARAM_TYPE_GET(types, 3), &params[3]);
}

TEE_Result tta_invoke_success_only(void *session, uint32_t cmd,
				   uint32_t types,
				   TEE_Param params[TEE_NUM_PARAMS])
{
	(void)session;
	(void)params;
	if (cmd != COMMAND_TTA_Success || types != TTA_PARAMS_NONE)
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_SUCCESS;
}
