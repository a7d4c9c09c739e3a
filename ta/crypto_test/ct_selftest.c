/*
 * CT_CMD_SELFTEST: scenarios the TA checks step by step itself, for what
 * known-answer vectors do not reach (sizes, info, state, copies). Every
 * failed step (the first CT_FAILS_MAX of them) goes back to xtest with its
 * line, the line that called its helper and the result it saw. A helper
 * name(...) is name_at(__LINE__, ...), so that its steps name the caller.
 */
#include <string.h>

#define CT_FILE	CT_FILE_SELFTEST
#include "ct.h"

static const uint8_t k128[16] = "0123456789abcdef";
static const uint8_t k256[32] = "0123456789abcdef0123456789ABCDEF";

static TEE_ObjectHandle secret_at(uint32_t at, uint32_t type, uint32_t max,
				  const void *k, size_t len)
{
	TEE_ObjectHandle o = TEE_HANDLE_NULL;
	TEE_Attribute a;

	EXPECT_AT(at, TEE_AllocateTransientObject(type, max, &o), TEE_SUCCESS);
	TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, k, len);
	EXPECT_AT(at, TEE_PopulateTransientObject(o, &a, 1), TEE_SUCCESS);
	return o;
}
#define secret(...) secret_at(__LINE__, __VA_ARGS__)

static void alloc_expect_at(uint32_t at, uint32_t type, uint32_t size,
			    TEE_Result want)
{
	TEE_ObjectHandle o = TEE_HANDLE_NULL;

	EXPECT_AT(at, TEE_AllocateTransientObject(type, size, &o), want);
	if (want)
		EXPECT_TRUE_AT(at, o == TEE_HANDLE_NULL);
	TEE_FreeTransientObject(o);
}
#define alloc_expect(...) alloc_expect_at(__LINE__, __VA_ARGS__)

static void st_obj_sizes(void)
{
	alloc_expect(TEE_TYPE_AES, 128, TEE_SUCCESS);
	alloc_expect(TEE_TYPE_AES, 256, TEE_SUCCESS);
	alloc_expect(TEE_TYPE_AES, 100, TEE_ERROR_NOT_SUPPORTED);
	alloc_expect(TEE_TYPE_DES, 64, TEE_SUCCESS);
	alloc_expect(TEE_TYPE_DES, 56, TEE_ERROR_NOT_SUPPORTED);
	alloc_expect(TEE_TYPE_DES3, 128, TEE_SUCCESS);
	alloc_expect(TEE_TYPE_DES3, 168, TEE_ERROR_NOT_SUPPORTED);
	alloc_expect(TEE_TYPE_HMAC_SHA256, 192, TEE_SUCCESS);
	alloc_expect(TEE_TYPE_HMAC_SHA256, 184, TEE_ERROR_NOT_SUPPORTED);
	alloc_expect(TEE_TYPE_HMAC_SHA256, 1032, TEE_ERROR_NOT_SUPPORTED);
	alloc_expect(TEE_TYPE_HMAC_SHA1, 81, TEE_ERROR_NOT_SUPPORTED);
	alloc_expect(TEE_TYPE_GENERIC_SECRET, 4096, TEE_SUCCESS);
	alloc_expect(TEE_TYPE_RSA_KEYPAIR, 2048, TEE_SUCCESS);
	alloc_expect(TEE_TYPE_RSA_KEYPAIR, 4104, TEE_ERROR_NOT_SUPPORTED);
	alloc_expect(TEE_TYPE_RSA_PUBLIC_KEY, 128, TEE_ERROR_NOT_SUPPORTED);
	alloc_expect(TEE_TYPE_DSA_KEYPAIR, 2048, TEE_SUCCESS);
	alloc_expect(TEE_TYPE_DSA_KEYPAIR, 1536, TEE_ERROR_NOT_SUPPORTED);
	alloc_expect(TEE_TYPE_ECDSA_KEYPAIR, 521, TEE_SUCCESS);
	alloc_expect(TEE_TYPE_ECDSA_KEYPAIR, 512, TEE_ERROR_NOT_SUPPORTED);
	alloc_expect(TEE_TYPE_ECDH_PUBLIC_KEY, 192, TEE_SUCCESS);
	alloc_expect(TEE_TYPE_ED25519_KEYPAIR, 256, TEE_SUCCESS);
	alloc_expect(TEE_TYPE_X25519_KEYPAIR, 255, TEE_ERROR_NOT_SUPPORTED);
	alloc_expect(TEE_TYPE_SM2_DSA_KEYPAIR, 256, TEE_SUCCESS);
#ifndef TEE_CORE_API_COMPAT_1_1
	/* v1.3.1's rule; OP-TEE's v1.1 API still makes such an object. */
	alloc_expect(TEE_TYPE_DATA, 0, TEE_ERROR_NOT_SUPPORTED);
#endif
	alloc_expect(TEE_TYPE_ED448_KEYPAIR, 448, TEE_ERROR_NOT_SUPPORTED);
	alloc_expect(TEE_TYPE_ILLEGAL_VALUE, 128, TEE_ERROR_NOT_SUPPORTED);
}

static void info_expect_at(uint32_t at, TEE_ObjectHandle o, uint32_t size,
			   uint32_t usage, uint32_t flags)
{
	TEE_ObjectInfo i;

	EXPECT_AT(at, TEE_GetObjectInfo1(o, &i), TEE_SUCCESS);
#ifdef TEE_CORE_API_COMPAT_1_1
	EXPECT_TRUE_AT(at, i.keySize == size);
#else
	EXPECT_TRUE_AT(at, i.objectSize == size);
#endif
	EXPECT_TRUE_AT(at, i.objectUsage == usage);
	EXPECT_TRUE_AT(at, i.handleFlags == flags);
	EXPECT_TRUE_AT(at, i.dataSize == 0 && i.dataPosition == 0);
}
#define info_expect(...) info_expect_at(__LINE__, __VA_ARGS__)

static void st_obj_info(void)
{
	TEE_ObjectHandle o = TEE_HANDLE_NULL;
	TEE_ObjectInfo i;
	TEE_Attribute a;

	EXPECT(TEE_AllocateTransientObject(TEE_TYPE_AES, 256, &o),
	       TEE_SUCCESS);
	TEE_GetObjectInfo(o, &i);
	EXPECT_TRUE(i.objectType == TEE_TYPE_AES);
#ifdef TEE_CORE_API_COMPAT_1_1
	EXPECT_TRUE(i.maxKeySize == 256);
#else
	EXPECT_TRUE(i.maxObjectSize == 256);
#endif
	info_expect(o, 0, TEE_USAGE_DEFAULT, 0);
	TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, k128, sizeof(k128));
	EXPECT(TEE_PopulateTransientObject(o, &a, 1), TEE_SUCCESS);
	info_expect(o, 128, TEE_USAGE_DEFAULT, TEE_HANDLE_FLAG_INITIALIZED);
	EXPECT(TEE_RestrictObjectUsage1(o, TEE_USAGE_ENCRYPT |
					TEE_USAGE_EXTRACTABLE), TEE_SUCCESS);
	TEE_RestrictObjectUsage(o, TEE_USAGE_ENCRYPT | TEE_USAGE_DECRYPT);
	info_expect(o, 128, TEE_USAGE_ENCRYPT, TEE_HANDLE_FLAG_INITIALIZED);
	TEE_ResetTransientObject(o);
	info_expect(o, 0, TEE_USAGE_DEFAULT, 0);
	TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, k256, sizeof(k256));
	EXPECT(TEE_PopulateTransientObject(o, &a, 1), TEE_SUCCESS);
	info_expect(o, 256, TEE_USAGE_DEFAULT, TEE_HANDLE_FLAG_INITIALIZED);
	TEE_CloseObject(o);
	/* Freeing or resetting no object at all does nothing. */
	TEE_FreeTransientObject(TEE_HANDLE_NULL);
	TEE_ResetTransientObject(TEE_HANDLE_NULL);
	TEE_CloseObject(TEE_HANDLE_NULL);
}

/* An ECDSA P-256 key pair, generated. */
static TEE_ObjectHandle ec_pair_at(uint32_t at, uint32_t type,
				   uint32_t curve, uint32_t bits)
{
	TEE_ObjectHandle o = TEE_HANDLE_NULL;
	TEE_Attribute a;

	EXPECT_AT(at, TEE_AllocateTransientObject(type, bits, &o), TEE_SUCCESS);
	TEE_InitValueAttribute(&a, TEE_ATTR_ECC_CURVE, curve, 0);
	EXPECT_AT(at, TEE_GenerateKey(o, bits, &a, 1), TEE_SUCCESS);
	return o;
}
#define ec_pair(...) ec_pair_at(__LINE__, __VA_ARGS__)

static void st_obj_attrs(void)
{
	TEE_ObjectHandle o = secret(TEE_TYPE_AES, 128, k128, 16);
	uint8_t buf[80];
	ct_len_t len = sizeof(buf);
	uint32_t va = 0, vb = 0;

	EXPECT(TEE_GetObjectBufferAttribute(o, TEE_ATTR_SECRET_VALUE, buf,
					    &len), TEE_SUCCESS);
	EXPECT_TRUE(len == 16 && !memcmp(buf, k128, 16));
	len = 15;
	EXPECT(TEE_GetObjectBufferAttribute(o, TEE_ATTR_SECRET_VALUE, buf,
					    &len), TEE_ERROR_SHORT_BUFFER);
	EXPECT_TRUE(len == 16);
	len = sizeof(buf);
	EXPECT(TEE_GetObjectBufferAttribute(o, TEE_ATTR_RSA_MODULUS, buf,
					    &len), TEE_ERROR_ITEM_NOT_FOUND);
	TEE_FreeTransientObject(o);

	o = ec_pair(TEE_TYPE_ECDSA_KEYPAIR, TEE_ECC_CURVE_NIST_P256, 256);
	EXPECT(TEE_GetObjectValueAttribute(o, TEE_ATTR_ECC_CURVE, &va, &vb),
	       TEE_SUCCESS);
	EXPECT_TRUE(va == TEE_ECC_CURVE_NIST_P256 && vb == 0);
	len = sizeof(buf);
	EXPECT(TEE_GetObjectBufferAttribute(o, TEE_ATTR_ECC_PRIVATE_VALUE, buf,
					    &len), TEE_SUCCESS);
	EXPECT_TRUE(len == 32);
	/* Not extractable: public parts still readable. */
	TEE_RestrictObjectUsage(o, TEE_USAGE_SIGN);
	len = sizeof(buf);
	EXPECT(TEE_GetObjectBufferAttribute(o, TEE_ATTR_ECC_PUBLIC_VALUE_X,
					    buf, &len), TEE_SUCCESS);
	EXPECT_TRUE(len == 32);
	TEE_FreeTransientObject(o);
}

static void st_obj_copy(void)
{
	TEE_ObjectHandle pair = ec_pair(TEE_TYPE_ECDSA_KEYPAIR,
					TEE_ECC_CURVE_NIST_P384, 384);
	TEE_ObjectHandle pub = TEE_HANDLE_NULL, aes = TEE_HANDLE_NULL;
	TEE_ObjectHandle src = secret(TEE_TYPE_AES, 256, k256, 32);
	uint8_t x1[66], x2[66];
	ct_len_t l1 = sizeof(x1), l2 = sizeof(x2);
	TEE_ObjectInfo i;

	TEE_RestrictObjectUsage(pair, TEE_USAGE_VERIFY | TEE_USAGE_SIGN |
				TEE_USAGE_EXTRACTABLE);
	EXPECT(TEE_AllocateTransientObject(TEE_TYPE_ECDSA_PUBLIC_KEY, 384,
					   &pub), TEE_SUCCESS);
	EXPECT(TEE_CopyObjectAttributes1(pub, pair), TEE_SUCCESS);
	EXPECT(TEE_GetObjectBufferAttribute(pair, TEE_ATTR_ECC_PUBLIC_VALUE_X,
					    x1, &l1), TEE_SUCCESS);
	EXPECT(TEE_GetObjectBufferAttribute(pub, TEE_ATTR_ECC_PUBLIC_VALUE_X,
					    x2, &l2), TEE_SUCCESS);
	EXPECT_TRUE(l1 == 48 && l2 == 48 && !memcmp(x1, x2, l1));
	l2 = sizeof(x2);
	EXPECT(TEE_GetObjectBufferAttribute(pub, TEE_ATTR_ECC_PRIVATE_VALUE,
					    x2, &l2),
	       TEE_ERROR_ITEM_NOT_FOUND);
	info_expect(pub, 384, TEE_USAGE_VERIFY | TEE_USAGE_SIGN |
		    TEE_USAGE_EXTRACTABLE, TEE_HANDLE_FLAG_INITIALIZED);

	EXPECT(TEE_AllocateTransientObject(TEE_TYPE_AES, 256, &aes),
	       TEE_SUCCESS);
	TEE_CopyObjectAttributes(aes, src);
	EXPECT(TEE_GetObjectInfo1(aes, &i), TEE_SUCCESS);
	EXPECT_TRUE(i.handleFlags == TEE_HANDLE_FLAG_INITIALIZED);
	l1 = sizeof(x1);
	EXPECT(TEE_GetObjectBufferAttribute(aes, TEE_ATTR_SECRET_VALUE, x1,
					    &l1), TEE_SUCCESS);
	EXPECT_TRUE(l1 == 32 && !memcmp(x1, k256, 32));
	TEE_FreeTransientObject(pair);
	TEE_FreeTransientObject(pub);
	TEE_FreeTransientObject(aes);
	TEE_FreeTransientObject(src);
}

static void gen_expect_at(uint32_t at, uint32_t type, uint32_t bits,
			  const TEE_Attribute *p, uint32_t n, TEE_Result want)
{
	TEE_ObjectHandle o = TEE_HANDLE_NULL;

	EXPECT_AT(at, TEE_AllocateTransientObject(type, bits, &o), TEE_SUCCESS);
	EXPECT_AT(at, TEE_GenerateKey(o, bits, p, n), want);
	if (!want)
		info_expect_at(at, o, bits, TEE_USAGE_DEFAULT,
			    TEE_HANDLE_FLAG_INITIALIZED);
	TEE_FreeTransientObject(o);
}
#define gen_expect(...) gen_expect_at(__LINE__, __VA_ARGS__)

static void st_obj_generate(void)
{
	static const uint32_t curves[][2] = {
		{ TEE_ECC_CURVE_NIST_P192, 192 },
		{ TEE_ECC_CURVE_NIST_P224, 224 },
		{ TEE_ECC_CURVE_NIST_P256, 256 },
		{ TEE_ECC_CURVE_NIST_P384, 384 },
		{ TEE_ECC_CURVE_NIST_P521, 521 },
	};
	static const uint8_t e3[] = { 3 };
	TEE_Attribute a;
	size_t i;

	gen_expect(TEE_TYPE_AES, 128, NULL, 0, TEE_SUCCESS);
	gen_expect(TEE_TYPE_AES, 192, NULL, 0, TEE_SUCCESS);
	gen_expect(TEE_TYPE_DES3, 192, NULL, 0, TEE_SUCCESS);
	gen_expect(TEE_TYPE_HMAC_SHA512, 1024, NULL, 0, TEE_SUCCESS);
	gen_expect(TEE_TYPE_GENERIC_SECRET, 8, NULL, 0, TEE_SUCCESS);
	gen_expect(TEE_TYPE_RSA_KEYPAIR, 1024, NULL, 0, TEE_SUCCESS);
	TEE_InitRefAttribute(&a, TEE_ATTR_RSA_PUBLIC_EXPONENT, e3, 1);
	gen_expect(TEE_TYPE_RSA_KEYPAIR, 512, &a, 1, TEE_SUCCESS);
	for (i = 0; i < 5; i++) {
		TEE_InitValueAttribute(&a, TEE_ATTR_ECC_CURVE, curves[i][0], 0);
		gen_expect(TEE_TYPE_ECDSA_KEYPAIR, curves[i][1], &a, 1,
			   TEE_SUCCESS);
		gen_expect(TEE_TYPE_ECDH_KEYPAIR, curves[i][1], &a, 1,
			   TEE_SUCCESS);
	}
	/* A P-256 curve for a 384-bit key does not fit. */
	TEE_InitValueAttribute(&a, TEE_ATTR_ECC_CURVE, TEE_ECC_CURVE_NIST_P256,
			       0);
	gen_expect(TEE_TYPE_ECDSA_KEYPAIR, 384, &a, 1,
		   TEE_ERROR_BAD_PARAMETERS);
	gen_expect(TEE_TYPE_ED25519_KEYPAIR, 256, NULL, 0, TEE_SUCCESS);
	gen_expect(TEE_TYPE_X25519_KEYPAIR, 256, NULL, 0, TEE_SUCCESS);
	gen_expect(TEE_TYPE_SM2_DSA_KEYPAIR, 256, NULL, 0, TEE_SUCCESS);
	gen_expect(TEE_TYPE_SM2_PKE_KEYPAIR, 256, NULL, 0, TEE_SUCCESS);
}

static void st_obj_populate_bad(void)
{
	static const uint8_t one[] = { 1 };
	TEE_ObjectHandle o = TEE_HANDLE_NULL;
	TEE_Attribute a[4];
	TEE_Result res;

	/* (1, 1) is not on P-256. */
	EXPECT(TEE_AllocateTransientObject(TEE_TYPE_ECDSA_PUBLIC_KEY, 256, &o),
	       TEE_SUCCESS);
	TEE_InitRefAttribute(&a[0], TEE_ATTR_ECC_PUBLIC_VALUE_X, one, 1);
	TEE_InitRefAttribute(&a[1], TEE_ATTR_ECC_PUBLIC_VALUE_Y, one, 1);
	TEE_InitValueAttribute(&a[2], TEE_ATTR_ECC_CURVE,
			       TEE_ECC_CURVE_NIST_P256, 0);
	/*
	 * GP refuses an inconsistent value where the TEE detects it, and does
	 * not make the TEE look for a point off its curve: either answer, but
	 * a refused object stays empty.
	 */
	res = TEE_PopulateTransientObject(o, a, 3);
	EXPECT_TRUE(res == TEE_ERROR_BAD_PARAMETERS || res == TEE_SUCCESS);
	if (res)
		info_expect(o, 0, TEE_USAGE_DEFAULT, 0);
	TEE_FreeTransientObject(o);
	/* A 120-bit AES key is no AES key. */
	EXPECT(TEE_AllocateTransientObject(TEE_TYPE_AES, 256, &o),
	       TEE_SUCCESS);
	TEE_InitRefAttribute(&a[0], TEE_ATTR_SECRET_VALUE, k128, 15);
	EXPECT(TEE_PopulateTransientObject(o, a, 1), TEE_ERROR_BAD_PARAMETERS);
	info_expect(o, 0, TEE_USAGE_DEFAULT, 0);
	TEE_FreeTransientObject(o);
}

static void op_alloc_expect_at(uint32_t at, uint32_t alg, uint32_t mode,
			       uint32_t bits, TEE_Result want)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;

	EXPECT_AT(at, TEE_AllocateOperation(&op, alg, mode, bits), want);
	if (want)
		EXPECT_TRUE_AT(at, op == TEE_HANDLE_NULL);
	ct_free_op(op);
}
#define op_alloc_expect(...) op_alloc_expect_at(__LINE__, __VA_ARGS__)

static void st_op_alloc(void)
{
	op_alloc_expect(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_ENCRYPT, 128,
			TEE_SUCCESS);
	op_alloc_expect(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_SIGN, 128,
			TEE_ERROR_NOT_SUPPORTED);
	op_alloc_expect(TEE_ALG_AES_CBC_NOPAD, TEE_MODE_ENCRYPT, 100,
			TEE_ERROR_NOT_SUPPORTED);
	op_alloc_expect(TEE_ALG_AES_XTS, TEE_MODE_ENCRYPT, 192,
			TEE_ERROR_NOT_SUPPORTED);
	op_alloc_expect(TEE_ALG_SHA256, TEE_MODE_ENCRYPT, 0,
			TEE_ERROR_NOT_SUPPORTED);
	op_alloc_expect(TEE_ALG_SHA256, TEE_MODE_DIGEST, 0, TEE_SUCCESS);
	op_alloc_expect(TEE_ALG_HMAC_SHA256, TEE_MODE_MAC, 128,
			TEE_ERROR_NOT_SUPPORTED);
	op_alloc_expect(TEE_ALG_HMAC_SHA256, TEE_MODE_MAC, 256, TEE_SUCCESS);
	op_alloc_expect(TEE_ALG_HMAC_SHA256, TEE_MODE_DIGEST, 256,
			TEE_ERROR_NOT_SUPPORTED);
	op_alloc_expect(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256,
			TEE_MODE_ENCRYPT, 2048, TEE_ERROR_NOT_SUPPORTED);
	op_alloc_expect(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256, TEE_MODE_VERIFY,
			4096, TEE_SUCCESS);
	/* SHA-256 on P-521: GP's ECDSA names the digest, the key the curve;
	 * a TEE may lack the pair, and then says so (st_alg_supported). */
	if (!TEE_IsAlgorithmSupported(TEE_ALG_ECDSA_SHA256,
				      TEE_ECC_CURVE_NIST_P521))
		op_alloc_expect(TEE_ALG_ECDSA_SHA256, TEE_MODE_SIGN, 521,
				TEE_SUCCESS);
	op_alloc_expect(TEE_ALG_ECDH_DERIVE_SHARED_SECRET, TEE_MODE_DERIVE,
			256, TEE_SUCCESS);
	op_alloc_expect(TEE_ALG_X25519, TEE_MODE_ENCRYPT, 256,
			TEE_ERROR_NOT_SUPPORTED);
	op_alloc_expect(TEE_ALG_ED448, TEE_MODE_SIGN, 448,
			TEE_ERROR_NOT_SUPPORTED);
	op_alloc_expect(TEE_ALG_SM2_KEP, TEE_MODE_DERIVE, 256,
			TEE_ERROR_NOT_SUPPORTED);
	op_alloc_expect(TEE_ALG_ILLEGAL_VALUE, TEE_MODE_ENCRYPT, 128,
			TEE_ERROR_NOT_SUPPORTED);
}

static void op_info_expect_at(uint32_t at, TEE_OperationHandle op,
			      uint32_t key_size, uint32_t state,
			      uint32_t op_state)
{
	TEE_OperationInfo i;
	uint8_t buf[sizeof(TEE_OperationInfoMultiple) +
		    2 * sizeof(TEE_OperationInfoKey)];
	TEE_OperationInfoMultiple *m = (void *)buf;
	ct_len_t size = sizeof(buf);

	TEE_GetOperationInfo(op, &i);
	EXPECT_TRUE_AT(at, i.keySize == key_size);
	EXPECT_TRUE_AT(at, i.handleState == state);
	EXPECT_AT(at, TEE_GetOperationInfoMultiple(op, m, &size), TEE_SUCCESS);
	EXPECT_TRUE_AT(at, m->operationState == op_state);
	EXPECT_TRUE_AT(at, m->handleState == state);
}
#define op_info_expect(...) op_info_expect_at(__LINE__, __VA_ARGS__)

static void st_op_info(void)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_ObjectHandle k = secret(TEE_TYPE_AES, 128, k128, 16);
	uint8_t buf[sizeof(TEE_OperationInfoMultiple) +
		    2 * sizeof(TEE_OperationInfoKey)];
	TEE_OperationInfoMultiple *m = (void *)buf;
	ct_len_t size = sizeof(TEE_OperationInfoMultiple);
	uint8_t out[16];
	ct_len_t olen = sizeof(out);
	TEE_OperationInfo i;

	EXPECT(TEE_AllocateOperation(&op, TEE_ALG_AES_CBC_NOPAD,
				     TEE_MODE_DECRYPT, 256), TEE_SUCCESS);
	TEE_GetOperationInfo(op, &i);
	EXPECT_TRUE(i.algorithm == TEE_ALG_AES_CBC_NOPAD &&
		    i.operationClass == TEE_OPERATION_CIPHER &&
		    i.mode == TEE_MODE_DECRYPT && i.maxKeySize == 256 &&
		    i.requiredKeyUsage == TEE_USAGE_DECRYPT &&
		    i.digestLength == 0);
	op_info_expect(op, 0, 0, TEE_OPERATION_STATE_INITIAL);
	EXPECT(TEE_GetOperationInfoMultiple(op, m, &size),
	       TEE_ERROR_SHORT_BUFFER);
	EXPECT_TRUE(size == sizeof(TEE_OperationInfoMultiple) +
		    sizeof(TEE_OperationInfoKey));
	EXPECT(TEE_SetOperationKey(op, k), TEE_SUCCESS);
	op_info_expect(op, 128, TEE_HANDLE_FLAG_KEY_SET,
		       TEE_OPERATION_STATE_INITIAL);
	TEE_CipherInit(op, k128, 16);
	op_info_expect(op, 128, TEE_HANDLE_FLAG_KEY_SET |
		       TEE_HANDLE_FLAG_INITIALIZED,
		       TEE_OPERATION_STATE_ACTIVE);
	size = sizeof(buf);
	EXPECT(TEE_GetOperationInfoMultiple(op, m, &size), TEE_SUCCESS);
	EXPECT_TRUE(m->numberOfKeys == 1 &&
		    m->keyInformation[0].keySize == 128 &&
		    m->keyInformation[0].requiredKeyUsage ==
		    TEE_USAGE_DECRYPT);
	EXPECT(TEE_CipherDoFinal(op, k256, 16, out, &olen), TEE_SUCCESS);
	op_info_expect(op, 128, TEE_HANDLE_FLAG_KEY_SET,
		       TEE_OPERATION_STATE_INITIAL);
	/* Clearing the key. */
	EXPECT(TEE_SetOperationKey(op, TEE_HANDLE_NULL), TEE_SUCCESS);
	op_info_expect(op, 0, 0, TEE_OPERATION_STATE_INITIAL);
	ct_free_op(op);

	EXPECT(TEE_AllocateOperation(&op, TEE_ALG_SHA384, TEE_MODE_DIGEST, 0),
	       TEE_SUCCESS);
	TEE_GetOperationInfo(op, &i);
	EXPECT_TRUE(i.digestLength == 48 &&
		    i.operationClass == TEE_OPERATION_DIGEST);
	op_info_expect(op, 0, TEE_HANDLE_FLAG_KEY_SET |
		       TEE_HANDLE_FLAG_INITIALIZED,
		       TEE_OPERATION_STATE_INITIAL);
	TEE_DigestUpdate(op, "a", 1);
	op_info_expect(op, 0, TEE_HANDLE_FLAG_KEY_SET |
		       TEE_HANDLE_FLAG_INITIALIZED,
		       TEE_OPERATION_STATE_ACTIVE);
	size = sizeof(buf);
	EXPECT(TEE_GetOperationInfoMultiple(op, m, &size), TEE_SUCCESS);
	EXPECT_TRUE(m->numberOfKeys == 0);
	ct_free_op(op);

	EXPECT(TEE_AllocateOperation(&op, TEE_ALG_HMAC_SHA1, TEE_MODE_MAC,
				     512), TEE_SUCCESS);
	TEE_GetOperationInfo(op, &i);
	EXPECT_TRUE(i.digestLength == 20 &&
		    i.requiredKeyUsage == TEE_USAGE_MAC);
	ct_free_op(op);
#ifndef TEE_CORE_API_COMPAT_1_1
	/* No operation at all: nothing to do (a panic in v1.1). */
	TEE_FreeOperation(TEE_HANDLE_NULL);
#endif
	TEE_FreeTransientObject(k);
}

static const uint8_t sha256_abc[32] = {
	0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
	0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
	0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
};

static void st_op_copy_reset(void)
{
	TEE_OperationHandle a = TEE_HANDLE_NULL, b = TEE_HANDLE_NULL;
	uint8_t d[32];
	ct_len_t len = sizeof(d);

	EXPECT(TEE_AllocateOperation(&a, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0),
	       TEE_SUCCESS);
	EXPECT(TEE_AllocateOperation(&b, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0),
	       TEE_SUCCESS);
	TEE_DigestUpdate(a, "ab", 2);
	TEE_CopyOperation(b, a);
	EXPECT(TEE_DigestDoFinal(a, "c", 1, d, &len), TEE_SUCCESS);
	EXPECT_TRUE(len == 32 && !memcmp(d, sha256_abc, 32));
	memset(d, 0, sizeof(d));
	len = sizeof(d);
	EXPECT(TEE_DigestDoFinal(b, "c", 1, d, &len), TEE_SUCCESS);
	EXPECT_TRUE(!memcmp(d, sha256_abc, 32));
	/* Reset forgets the input so far. */
	TEE_DigestUpdate(a, "xyz", 3);
	TEE_ResetOperation(a);
	len = sizeof(d);
	EXPECT(TEE_DigestDoFinal(a, "abc", 3, d, &len), TEE_SUCCESS);
	EXPECT_TRUE(!memcmp(d, sha256_abc, 32));
	/* A short buffer changes nothing: the same call then succeeds. */
	TEE_DigestUpdate(a, "ab", 2);
	len = 31;
	EXPECT(TEE_DigestDoFinal(a, "c", 1, d, &len), TEE_ERROR_SHORT_BUFFER);
	EXPECT_TRUE(len == 32);
	EXPECT(TEE_DigestDoFinal(a, "c", 1, d, &len), TEE_SUCCESS);
	EXPECT_TRUE(!memcmp(d, sha256_abc, 32));
	ct_free_op(a);
	ct_free_op(b);
}

/* An algorithm with the element, mode and size to allocate it with. */
struct ct_alg_use {
	uint32_t alg, element, mode, bits;
};

/*
 * What a TEE may lack (GP makes it optional, or it is an extension): it
 * may say either, but TEE_IsAlgorithmSupported and TEE_AllocateOperation
 * have to tell the same story. Extensions GP does not define are only
 * asked.
 */
static void alg_optional_at(uint32_t at, const struct ct_alg_use *u,
			    bool gp)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_Result said, got;

	said = TEE_IsAlgorithmSupported(u->alg, u->element);
	EXPECT_TRUE_AT(at, said == TEE_SUCCESS ||
		       said == TEE_ERROR_NOT_SUPPORTED);
	if (!gp)
		return;
	got = TEE_AllocateOperation(&op, u->alg, u->mode, u->bits);
	ct_free_op(op);
	EXPECT_AT(at, got, said);
}
#define alg_optional(...) alg_optional_at(__LINE__, __VA_ARGS__)

static void st_alg_supported(void)
{
	/* What GP v1.3.1 has every TEE support. */
	static const uint32_t yes[] = {
		TEE_ALG_AES_ECB_NOPAD, TEE_ALG_AES_CTS, TEE_ALG_AES_XTS,
		TEE_ALG_DES_CBC_NOPAD, TEE_ALG_AES_CMAC,
		TEE_ALG_DES3_CBC_MAC_PKCS5, TEE_ALG_AES_CCM, TEE_ALG_AES_GCM,
		TEE_ALG_MD5, TEE_ALG_RSA_NOPAD, TEE_ALG_RSASSA_PKCS1_V1_5_MD5,
		TEE_ALG_DSA_SHA256, TEE_ALG_DH_DERIVE_SHARED_SECRET,
	};
	/* What it makes optional: the SM family, SHA-3, the curves. */
	static const struct ct_alg_use maybe[] = {
		{ TEE_ALG_SM4_CTR, TEE_CRYPTO_ELEMENT_NONE, TEE_MODE_ENCRYPT,
		  128 },
		{ TEE_ALG_HMAC_SM3, TEE_CRYPTO_ELEMENT_NONE, TEE_MODE_MAC,
		  256 },
		{ TEE_ALG_SHA3_512, TEE_CRYPTO_ELEMENT_NONE, TEE_MODE_DIGEST,
		  0 },
		{ TEE_ALG_SHAKE256, TEE_CRYPTO_ELEMENT_NONE, TEE_MODE_DIGEST,
		  0 },
		{ TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA3_256,
		  TEE_CRYPTO_ELEMENT_NONE, TEE_MODE_ENCRYPT, 2048 },
		{ TEE_ALG_SM2_DSA_SM3, TEE_ECC_CURVE_SM2, TEE_MODE_SIGN, 256 },
		{ TEE_ALG_SM2_PKE, TEE_ECC_CURVE_SM2, TEE_MODE_ENCRYPT, 256 },
		{ TEE_ALG_ECDSA_SHA256, TEE_ECC_CURVE_NIST_P521, TEE_MODE_SIGN,
		  521 },
		{ TEE_ALG_ECDH_DERIVE_SHARED_SECRET, TEE_ECC_CURVE_NIST_P192,
		  TEE_MODE_DERIVE, 192 },
		{ TEE_ALG_ED25519, TEE_ECC_CURVE_25519, TEE_MODE_SIGN, 256 },
	};
	/* Extensions (tee_api_defines_extensions.h), not GP's. */
	static const struct ct_alg_use ext[] = {
		{ TEE_ALG_HKDF_SHA256_DERIVE_KEY, TEE_CRYPTO_ELEMENT_NONE,
		  TEE_MODE_DERIVE, 256 },
		{ TEE_ALG_PBKDF2_HMAC_SHA1_DERIVE_KEY, TEE_CRYPTO_ELEMENT_NONE,
		  TEE_MODE_DERIVE, 256 },
	};
	static const uint32_t no[] = {
		TEE_ALG_ED448, TEE_ALG_X448, TEE_ALG_SM2_KEP,
		TEE_ALG_ILLEGAL_VALUE, 0,
	};
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		EXPECT(TEE_IsAlgorithmSupported(yes[i],
						TEE_CRYPTO_ELEMENT_NONE),
		       TEE_SUCCESS);
	for (i = 0; i < sizeof(maybe) / sizeof(maybe[0]); i++)
		alg_optional(&maybe[i], true);
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		alg_optional(&ext[i], false);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		EXPECT(TEE_IsAlgorithmSupported(no[i],
						TEE_CRYPTO_ELEMENT_NONE),
		       TEE_ERROR_NOT_SUPPORTED);
	/* An element the algorithm has nothing to do with. */
	EXPECT(TEE_IsAlgorithmSupported(TEE_ALG_ECDSA_SHA256,
					TEE_ECC_CURVE_25519),
	       TEE_ERROR_NOT_SUPPORTED);
	EXPECT(TEE_IsAlgorithmSupported(TEE_ALG_ECDSA_SHA256,
					TEE_ECC_CURVE_BSI_P256r1),
	       TEE_ERROR_NOT_SUPPORTED);
	EXPECT(TEE_IsAlgorithmSupported(TEE_ALG_AES_GCM,
					TEE_ECC_CURVE_NIST_P256),
	       TEE_ERROR_NOT_SUPPORTED);
}

static void st_random(void)
{
	uint8_t a[32], b[32], zero[32];

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	memset(zero, 0, sizeof(zero));
	TEE_GenerateRandom(a, sizeof(a));
	TEE_GenerateRandom(b, sizeof(b));
	TEE_GenerateRandom(b, 0);
	EXPECT_TRUE(memcmp(a, b, sizeof(a)) && memcmp(a, zero, sizeof(a)));
}

static void st_xts_keys(void)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	TEE_ObjectHandle k1 = secret(TEE_TYPE_AES, 256, k256, 32);
	TEE_ObjectHandle k2 = secret(TEE_TYPE_AES, 256, k256, 32);
	TEE_ObjectHandle k3 = secret(TEE_TYPE_AES, 256, k256 + 16, 16);
	TEE_ObjectHandle k4 = secret(TEE_TYPE_AES, 256, k128, 16);
	uint8_t buf[sizeof(TEE_OperationInfoMultiple) +
		    2 * sizeof(TEE_OperationInfoKey)];
	TEE_OperationInfoMultiple *m = (void *)buf;
	ct_len_t size = sizeof(buf);

	EXPECT(TEE_AllocateOperation(&op, TEE_ALG_AES_XTS, TEE_MODE_ENCRYPT,
				     256), TEE_SUCCESS);
	EXPECT(TEE_GetOperationInfoMultiple(op, m, &size), TEE_SUCCESS);
	EXPECT_TRUE(m->numberOfKeys == 2 && m->handleState ==
		    TEE_HANDLE_FLAG_EXPECT_TWO_KEYS);
	EXPECT(TEE_SetOperationKey2(op, k1, k2), TEE_ERROR_SECURITY);
	EXPECT(TEE_SetOperationKey2(op, k3, k4), TEE_SUCCESS);
	size = sizeof(buf);
	EXPECT(TEE_GetOperationInfoMultiple(op, m, &size), TEE_SUCCESS);
	EXPECT_TRUE(m->keyInformation[0].keySize == 128 &&
		    m->keyInformation[1].keySize == 128 &&
		    (m->handleState & TEE_HANDLE_FLAG_KEY_SET));
	ct_free_op(op);
	TEE_FreeTransientObject(k1);
	TEE_FreeTransientObject(k2);
	TEE_FreeTransientObject(k3);
	TEE_FreeTransientObject(k4);
}

/* SHAKE128 of the empty message, its first 32 bytes (FIPS 202). */
static const uint8_t shake128_empty[32] = {
	0x7f, 0x9c, 0x2b, 0xa4, 0xe8, 0x8f, 0x82, 0x7d, 0x61, 0x60, 0x45,
	0x50, 0x76, 0x05, 0x85, 0x3e, 0xd7, 0x3b, 0x80, 0x93, 0xf6, 0xef,
	0xbc, 0x88, 0xeb, 0x1a, 0x6e, 0xac, 0xfa, 0x66, 0xef, 0x26,
};

static void st_digest_extract(void)
{
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	uint8_t out[32];
	size_t a = 10, b = 22;

	EXPECT(TEE_AllocateOperation(&op, TEE_ALG_SHAKE128, TEE_MODE_DIGEST,
				     0), TEE_SUCCESS);
	EXPECT(TEE_DigestExtract(op, out, &a), TEE_SUCCESS);
	EXPECT(TEE_DigestExtract(op, out + 10, &b), TEE_SUCCESS);
	EXPECT_TRUE(a == 10 && b == 22 &&
		    !memcmp(out, shake128_empty, sizeof(out)));
	ct_free_op(op);
	EXPECT(TEE_AllocateOperation(&op, TEE_ALG_SHA256, TEE_MODE_DIGEST, 0),
	       TEE_SUCCESS);
	TEE_DigestUpdate(op, "abc", 3);
	a = 16;
	b = 32;
	EXPECT(TEE_DigestExtract(op, out, &a), TEE_SUCCESS);
	EXPECT(TEE_DigestExtract(op, out + 16, &b), TEE_SUCCESS);
	EXPECT_TRUE(a == 16 && b == 16 && !memcmp(out, sha256_abc, 32));
	ct_free_op(op);
}

/* The running self test's failed steps. */
static struct ct_fail ct_fails[CT_FAILS_MAX];
static uint32_t ct_nfails;

void ct_fail_step(uint32_t file, uint32_t line, uint32_t caller,
		  TEE_Result res)
{
	if (ct_nfails < CT_FAILS_MAX) {
		ct_fails[ct_nfails].file = file;
		ct_fails[ct_nfails].line = line;
		ct_fails[ct_nfails].caller = caller;
		ct_fails[ct_nfails].res = res;
	}
	ct_nfails++;
}

TEE_Result ct_selftest(uint32_t types, TEE_Param p[4])
{
	size_t n;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_VALUE_OUTPUT,
				     TEE_PARAM_TYPE_MEMREF_OUTPUT,
				     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	ct_nfails = 0;
	switch (p[0].value.a) {
	case CT_ST_OBJ_SIZES: st_obj_sizes(); break;
	case CT_ST_OBJ_INFO: st_obj_info(); break;
	case CT_ST_OBJ_ATTRS: st_obj_attrs(); break;
	case CT_ST_OBJ_COPY: st_obj_copy(); break;
	case CT_ST_OBJ_GENERATE: st_obj_generate(); break;
	case CT_ST_OBJ_POPULATE_BAD: st_obj_populate_bad(); break;
	case CT_ST_OP_ALLOC: st_op_alloc(); break;
	case CT_ST_OP_INFO: st_op_info(); break;
	case CT_ST_OP_COPY_RESET: st_op_copy_reset(); break;
	case CT_ST_ALG_SUPPORTED: st_alg_supported(); break;
	case CT_ST_RANDOM: st_random(); break;
	case CT_ST_XTS_KEYS: st_xts_keys(); break;
	case CT_ST_DIGEST_EXTRACT: st_digest_extract(); break;
	case CT_ST_BI_CONVERT:
	case CT_ST_BI_BITS:
	case CT_ST_BI_FMM:
		ct_bigint_selftest(p[0].value.a);
		break;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
	n = ct_nfails < CT_FAILS_MAX ? ct_nfails : CT_FAILS_MAX;
	if (p[2].memref.size < n * sizeof(ct_fails[0]))
		n = p[2].memref.size / sizeof(ct_fails[0]);
	TEE_MemMove(p[2].memref.buffer, ct_fails, n * sizeof(ct_fails[0]));
	p[2].memref.size = n * sizeof(ct_fails[0]);
	p[1].value.a = ct_nfails;
	p[1].value.b = 0;
	/* The check ran: its findings are output, which a client API copies
	 * back only on success. */
	return TEE_SUCCESS;
}
