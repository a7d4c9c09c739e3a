/*
 * CT_CMD_MISUSE: calls GP answers with a panic. Each scenario ends the TA;
 * returning at all is the failure xtest sees.
 */
#include <string.h>

#include "ct.h"

static TEE_ObjectHandle aes_key(void)
{
	static const uint8_t k[16] = "0123456789abcdef";
	TEE_ObjectHandle o = TEE_HANDLE_NULL;
	TEE_Attribute a;

	if (TEE_AllocateTransientObject(TEE_TYPE_AES, 128, &o))
		return TEE_HANDLE_NULL;
	TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, k, sizeof(k));
	TEE_PopulateTransientObject(o, &a, 1);
	return o;
}

static TEE_OperationHandle op_of(uint32_t alg, uint32_t mode, uint32_t size)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;

	TEE_AllocateOperation(&op, alg, mode, size);
	return op;
}

TEE_Result ct_misuse(uint32_t types, TEE_Param p[4])
{
	static const uint8_t n[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	TEE_ObjectHandle k = TEE_HANDLE_NULL;
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_ObjectInfo info;
	TEE_Attribute a;
	uint8_t buf[64];
	ct_len_t len = sizeof(buf);
	TEE_BigInt x[TEE_BigIntSizeInU32(64)], y[TEE_BigIntSizeInU32(64)];
	TEE_BigInt z[TEE_BigIntSizeInU32(32)];

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (p[0].value.a) {
	case CT_MU_FORGED_OBJECT:
		TEE_GetObjectInfo1((TEE_ObjectHandle)(uintptr_t)0x1234, &info);
		break;
	case CT_MU_FREED_OPERATION:
		op = op_of(TEE_ALG_SHA256, TEE_MODE_DIGEST, 0);
		TEE_FreeOperation(op);
		TEE_DigestUpdate(op, "a", 1);
		break;
	case CT_MU_CIPHER_UPDATE_NO_INIT:
		op = op_of(TEE_ALG_AES_ECB_NOPAD, TEE_MODE_ENCRYPT, 128);
		k = aes_key();
		TEE_SetOperationKey(op, k);
		TEE_CipherUpdate(op, n, 8, buf, &len);
		break;
	case CT_MU_KEY_WRONG_TYPE:
		op = op_of(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_ENCRYPT, 256);
		TEE_AllocateTransientObject(TEE_TYPE_HMAC_SHA256, 256, &k);
		TEE_GenerateKey(k, 256, NULL, 0);
		TEE_SetOperationKey(op, k);
		break;
	case CT_MU_SECRET_NOT_EXTRACTABLE:
		k = aes_key();
		TEE_RestrictObjectUsage(k, TEE_USAGE_ENCRYPT);
		TEE_GetObjectBufferAttribute(k, TEE_ATTR_SECRET_VALUE, buf,
					     &len);
		break;
	case CT_MU_AAD_AFTER_PAYLOAD:
		op = op_of(TEE_ALG_AES_GCM, TEE_MODE_ENCRYPT, 128);
		k = aes_key();
		TEE_SetOperationKey(op, k);
		TEE_AEInit(op, n, 8, 128, 0, 0);
		TEE_AEUpdate(op, n, 8, buf, &len);
		TEE_AEUpdateAAD(op, n, 8);
		break;
	case CT_MU_DIGEST_AS_MAC:
		op = op_of(TEE_ALG_SHA256, TEE_MODE_DIGEST, 0);
		TEE_MACUpdate(op, n, 8);
		break;
	case CT_MU_POPULATE_MISSING:
		TEE_AllocateTransientObject(TEE_TYPE_RSA_KEYPAIR, 512, &k);
		TEE_InitRefAttribute(&a, TEE_ATTR_RSA_MODULUS, n, 8);
		TEE_PopulateTransientObject(k, &a, 1);
		break;
	case CT_MU_KEY_USAGE:
		op = op_of(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_DECRYPT, 128);
		k = aes_key();
		TEE_RestrictObjectUsage(k, TEE_USAGE_ENCRYPT);
		TEE_SetOperationKey(op, k);
		break;
	case CT_MU_SIGN_WITH_VERIFY:
		op = op_of(TEE_ALG_ED25519, TEE_MODE_VERIFY, 256);
		TEE_AllocateTransientObject(TEE_TYPE_ED25519_KEYPAIR, 256, &k);
		TEE_GenerateKey(k, 256, NULL, 0);
		TEE_SetOperationKey(op, k);
		TEE_AsymmetricSignDigest(op, NULL, 0, n, 8, buf, &len);
		break;
	case CT_MU_SET_KEY_ACTIVE:
		op = op_of(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_ENCRYPT, 128);
		k = aes_key();
		TEE_SetOperationKey(op, k);
		TEE_CipherInit(op, buf, 16);
		TEE_SetOperationKey(op, k);
		break;
	case CT_MU_BIGINT_OVERFLOW:
		TEE_BigIntInit(x, TEE_BigIntSizeInU32(64));
		TEE_BigIntInit(z, TEE_BigIntSizeInU32(32));
		TEE_BigIntConvertFromOctetString(x, n, 8, 1);
		TEE_BigIntAdd(z, x, x);
		break;
	case CT_MU_BIGINT_DIV_ZERO:
		TEE_BigIntInit(x, TEE_BigIntSizeInU32(64));
		TEE_BigIntInit(y, TEE_BigIntSizeInU32(64));
		TEE_BigIntConvertFromS32(x, 5);
		TEE_BigIntDiv(x, y, x, y);
		break;
	case CT_MU_OBJECT_AS_OPERATION:
		k = aes_key();
		TEE_DigestUpdate((TEE_OperationHandle)k, n, 8);
		break;
	case CT_MU_POPULATE_TOO_BIG:
		TEE_AllocateTransientObject(TEE_TYPE_HMAC_SHA256, 192, &k);
		TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, buf, 32);
		TEE_PopulateTransientObject(k, &a, 1);
		break;
	case CT_MU_UPDATE_AFTER_EXTRACT: {
		size_t n8 = 8;

		op = op_of(TEE_ALG_SHA256, TEE_MODE_DIGEST, 0);
		TEE_DigestExtract(op, buf, &n8);
		TEE_DigestUpdate(op, n, 8);
		break;
	}
	case CT_MU_CIPHER_INIT_NO_KEY:
		op = op_of(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_ENCRYPT, 128);
		TEE_CipherInit(op, buf, 16);
		break;
	case CT_MU_AE_FINAL_NO_INIT: {
		ct_len_t tl = 16;

		op = op_of(TEE_ALG_AES_GCM, TEE_MODE_ENCRYPT, 128);
		k = aes_key();
		TEE_SetOperationKey(op, k);
		TEE_AEEncryptFinal(op, n, 8, buf, &len, buf + 32, &tl);
		break;
	}
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
	TEE_FreeOperation(op);
	TEE_FreeTransientObject(k);
	/* Still here: the misuse was not caught. */
	return TEE_SUCCESS;
}
