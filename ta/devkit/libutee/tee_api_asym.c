/*
 * Asymmetric operations and key derivation (GP Internal Core API 6.8, 6.9):
 * attributes convert to the ABI's form, the host does the work.
 */
#include <tee_internal_api.h>

#include "utee_cryp.h"

static TEE_Result asym(TEE_OperationHandle operation, unsigned int func,
		       const struct utee_attr *ua, uint32_t count,
		       const void *src, size_t src_len, void *dst,
		       size_t *dst_len)
{
	struct utee_buf in = { .addr = (uintptr_t)src, .len = src_len };
	struct utee_buf out = { .addr = (uintptr_t)dst, .len = *dst_len };
	TEE_Result res = UTEE_CRYP_CALL(UTEE_SYS_ASYM, utee_op_id(operation),
					func, ua, count, &in, &out);

	switch (func) {
	case UTEE_ASYM_ENCRYPT:
		utee_cryp_allow(res, TEE_ERROR_SHORT_BUFFER,
				TEE_ERROR_BAD_PARAMETERS,
				TEE_ERROR_SHORT_BUFFER);
		break;
	case UTEE_ASYM_DECRYPT:
		utee_cryp_allow(res, TEE_ERROR_SHORT_BUFFER,
				TEE_ERROR_BAD_PARAMETERS,
				TEE_ERROR_CIPHERTEXT_INVALID);
		break;
	case UTEE_ASYM_SIGN:
		utee_cryp_allow(res, TEE_ERROR_SHORT_BUFFER,
				TEE_ERROR_SHORT_BUFFER,
				TEE_ERROR_SHORT_BUFFER);
		break;
	default:
		utee_cryp_allow(res, TEE_ERROR_SIGNATURE_INVALID,
				TEE_ERROR_SIGNATURE_INVALID,
				TEE_ERROR_SIGNATURE_INVALID);
		return res;
	}
	*dst_len = out.len;
	return res;
}

static TEE_Result asym_v13(TEE_OperationHandle operation, unsigned int func,
			   const TEE_Attribute *params, uint32_t paramCount,
			   const void *src, size_t src_len, void *dst,
			   size_t *dst_len)
{
	struct utee_attr ua[UTEE_CRYP_ATTRS_MAX];

	utee_attrs_from(ua, params, paramCount);
	return asym(operation, func, ua, paramCount, src, src_len, dst,
		    dst_len);
}

static TEE_Result asym_v11(TEE_OperationHandle operation, unsigned int func,
			   const __GP11_TEE_Attribute *params,
			   uint32_t paramCount, const void *src,
			   uint32_t src_len, void *dst, uint32_t *dst_len)
{
	struct utee_attr ua[UTEE_CRYP_ATTRS_MAX];
	size_t len = *dst_len;
	TEE_Result res;

	utee_attrs_from_gp11(ua, params, paramCount);
	res = asym(operation, func, ua, paramCount, src, src_len, dst, &len);
	*dst_len = (uint32_t)len;
	return res;
}

TEE_Result TEE_AsymmetricEncrypt(TEE_OperationHandle operation,
				 const TEE_Attribute *params,
				 uint32_t paramCount, const void *srcData,
				 size_t srcLen, void *destData,
				 size_t *destLen)
{
	return asym_v13(operation, UTEE_ASYM_ENCRYPT, params, paramCount,
			srcData, srcLen, destData, destLen);
}

TEE_Result TEE_AsymmetricDecrypt(TEE_OperationHandle operation,
				 const TEE_Attribute *params,
				 uint32_t paramCount, const void *srcData,
				 size_t srcLen, void *destData,
				 size_t *destLen)
{
	return asym_v13(operation, UTEE_ASYM_DECRYPT, params, paramCount,
			srcData, srcLen, destData, destLen);
}

TEE_Result TEE_AsymmetricSignDigest(TEE_OperationHandle operation,
				    const TEE_Attribute *params,
				    uint32_t paramCount, const void *digest,
				    size_t digestLen, void *signature,
				    size_t *signatureLen)
{
	return asym_v13(operation, UTEE_ASYM_SIGN, params, paramCount, digest,
			digestLen, signature, signatureLen);
}

TEE_Result TEE_AsymmetricVerifyDigest(TEE_OperationHandle operation,
				      const TEE_Attribute *params,
				      uint32_t paramCount, const void *digest,
				      size_t digestLen, const void *signature,
				      size_t signatureLen)
{
	size_t len = signatureLen;

	return asym_v13(operation, UTEE_ASYM_VERIFY, params, paramCount,
			digest, digestLen, (void *)signature, &len);
}

TEE_Result __GP11_TEE_AsymmetricEncrypt(TEE_OperationHandle operation,
					const __GP11_TEE_Attribute *params,
					uint32_t paramCount,
					const void *srcData, uint32_t srcLen,
					void *destData, uint32_t *destLen)
{
	return asym_v11(operation, UTEE_ASYM_ENCRYPT, params, paramCount,
			srcData, srcLen, destData, destLen);
}

TEE_Result __GP11_TEE_AsymmetricDecrypt(TEE_OperationHandle operation,
					const __GP11_TEE_Attribute *params,
					uint32_t paramCount,
					const void *srcData, uint32_t srcLen,
					void *destData, uint32_t *destLen)
{
	return asym_v11(operation, UTEE_ASYM_DECRYPT, params, paramCount,
			srcData, srcLen, destData, destLen);
}

TEE_Result __GP11_TEE_AsymmetricSignDigest(TEE_OperationHandle operation,
					   const __GP11_TEE_Attribute *params,
					   uint32_t paramCount,
					   const void *digest,
					   uint32_t digestLen, void *signature,
					   uint32_t *signatureLen)
{
	return asym_v11(operation, UTEE_ASYM_SIGN, params, paramCount, digest,
			digestLen, signature, signatureLen);
}

TEE_Result __GP11_TEE_AsymmetricVerifyDigest(TEE_OperationHandle operation,
					     const __GP11_TEE_Attribute *params,
					     uint32_t paramCount,
					     const void *digest,
					     uint32_t digestLen,
					     const void *signature,
					     uint32_t signatureLen)
{
	uint32_t len = signatureLen;

	return asym_v11(operation, UTEE_ASYM_VERIFY, params, paramCount,
			digest, digestLen, (void *)signature, &len);
}

void TEE_DeriveKey(TEE_OperationHandle operation, const TEE_Attribute *params,
		   uint32_t paramCount, TEE_ObjectHandle derivedKey)
{
	struct utee_attr ua[UTEE_CRYP_ATTRS_MAX];

	utee_attrs_from(ua, params, paramCount);
	UTEE_CRYP_CALL(UTEE_SYS_DERIVE, utee_op_id(operation), ua, paramCount,
		       utee_obj_id(derivedKey), 0, 0);
}

void __GP11_TEE_DeriveKey(TEE_OperationHandle operation,
			  const __GP11_TEE_Attribute *params,
			  uint32_t paramCount, TEE_ObjectHandle derivedKey)
{
	struct utee_attr ua[UTEE_CRYP_ATTRS_MAX];

	utee_attrs_from_gp11(ua, params, paramCount);
	UTEE_CRYP_CALL(UTEE_SYS_DERIVE, utee_op_id(operation), ua, paramCount,
		       utee_obj_id(derivedKey), 0, 0);
}
