/* crypto_test's entry points and the request blob format (ct.h). */
#include <string.h>

#include "ct.h"

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

/* The session keeps the benchmark's key and operation (ct_perf). */
struct ct_session {
	TEE_OperationHandle perf_op;
	TEE_ObjectHandle perf_key;
	uint32_t perf_alg;
};

TEE_Result TA_OpenSessionEntryPoint(uint32_t types, TEE_Param p[4],
				    void **ctx)
{
	(void)types;
	(void)p;
	*ctx = TEE_Malloc(sizeof(struct ct_session), TEE_MALLOC_FILL_ZERO);
	return *ctx ? TEE_SUCCESS : TEE_ERROR_OUT_OF_MEMORY;
}

void TA_CloseSessionEntryPoint(void *ctx)
{
	struct ct_session *s = ctx;

	ct_free_op(s->perf_op);
	TEE_FreeTransientObject(s->perf_key);
	TEE_Free(s);
}

bool ct_tlv_next(const void *blob, size_t size, size_t *pos,
		 struct ct_tlv *t)
{
	const uint8_t *b = blob;

	if (*pos + 8 > size)
		return false;
	memcpy(&t->tag, b + *pos, 4);
	memcpy(&t->len, b + *pos + 4, 4);
	if (t->len > size - *pos - 8)
		return false;
	t->val = b + *pos + 8;
	*pos += 8 + t->len;
	return true;
}

bool ct_tlv_find(const void *blob, size_t size, uint32_t tag,
		 struct ct_tlv *t)
{
	size_t pos = 0;

	while (ct_tlv_next(blob, size, &pos, t))
		if (t->tag == tag)
			return true;
	return false;
}

uint32_t ct_tlv_u32(const struct ct_tlv *t)
{
	uint32_t v = 0;

	if (t->len >= 4)
		memcpy(&v, t->val, 4);
	return v;
}

/*
 * The benchmark's call: SHA-256 of the buffer, or AES-256-GCM over it in
 * place, with the key and operation made once per session.
 */
TEE_Result ct_perf(void *ctx, uint32_t types, TEE_Param p[4])
{
	struct ct_session *s = ctx;
	static const uint8_t key[32] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const uint8_t nonce[12] = { 9, 9, 9 };
	uint32_t alg = p[0].value.a;
	ct_len_t len = p[2].memref.size, dlen = p[1].memref.size;
	TEE_Attribute attr;
	TEE_Result res;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_MEMREF_INOUT,
				     TEE_PARAM_TYPE_MEMREF_OUTPUT,
				     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (s->perf_alg != alg) {
		ct_free_op(s->perf_op);
		TEE_FreeTransientObject(s->perf_key);
		s->perf_op = TEE_HANDLE_NULL;
		s->perf_key = TEE_HANDLE_NULL;
		s->perf_alg = 0;
		res = TEE_AllocateOperation(&s->perf_op, alg, alg ==
					    TEE_ALG_SHA256 ? TEE_MODE_DIGEST :
					    TEE_MODE_ENCRYPT,
					    alg == TEE_ALG_SHA256 ? 0 : 256);
		if (res)
			return res;
		if (alg != TEE_ALG_SHA256) {
			res = TEE_AllocateTransientObject(TEE_TYPE_AES, 256,
							  &s->perf_key);
			if (res)
				return res;
			TEE_InitRefAttribute(&attr, TEE_ATTR_SECRET_VALUE, key,
					     sizeof(key));
			res = TEE_PopulateTransientObject(s->perf_key, &attr, 1);
			if (!res)
				res = TEE_SetOperationKey(s->perf_op,
							  s->perf_key);
			if (res)
				return res;
		}
		s->perf_alg = alg;
	}
	if (alg == TEE_ALG_SHA256) {
		res = TEE_DigestDoFinal(s->perf_op, p[1].memref.buffer,
					p[1].memref.size, p[2].memref.buffer,
					&len);
	} else {
		res = TEE_AEInit(s->perf_op, nonce, sizeof(nonce), 128, 0,
				 p[1].memref.size);
		if (!res)
			res = TEE_AEEncryptFinal(s->perf_op,
						 p[1].memref.buffer,
						 p[1].memref.size,
						 p[1].memref.buffer, &dlen,
						 p[2].memref.buffer, &len);
	}
	p[2].memref.size = len;
	return res;
}

TEE_Result TA_InvokeCommandEntryPoint(void *ctx, uint32_t cmd,
				      uint32_t types, TEE_Param p[4])
{
	switch (cmd) {
	case CT_CMD_RUN:
		return ct_run(types, p);
	case CT_CMD_SELFTEST:
		return ct_selftest(types, p);
	case CT_CMD_MISUSE:
		return ct_misuse(types, p);
	case CT_CMD_BIGINT:
		return ct_bigint(types, p);
	case CT_CMD_PERF:
		return ct_perf(ctx, types, p);
	case CT_CMD_SUPPORTED:
		if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
					     TEE_PARAM_TYPE_NONE,
					     TEE_PARAM_TYPE_NONE,
					     TEE_PARAM_TYPE_NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		return TEE_IsAlgorithmSupported(p[0].value.a, p[0].value.b);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
