/*
 * 4001-4011: cryptographic operations. Known answers from the vector files
 * (each names its source), run on crypto_test (the v1.3.1 API) and on
 * crypto_test_gp11 (the v1.1 API), then what the vectors cannot show:
 * short buffers, wrong sizes and modes, and the misuses GP answers with a
 * panic.
 */
#include <string.h>

#include <tee_api_defines.h>

#include "crypto_helpers.h"

static void both_tas(const char *file)
{
	ct_run_file(&crypto_test_uuid, file);
	ct_run_file(&crypto_test_gp11_uuid, file);
}

static void t4001_kat(void **state) { (void)state; both_tas("digest.txt"); }
static void t4002_kat(void **state)
{
	(void)state;
	both_tas("cipher.txt");
	both_tas("cipher_more.txt");
}

static void t4003_kat(void **state)
{
	(void)state;
	both_tas("mac.txt");
	both_tas("mac_more.txt");
}
static void t4004_kat(void **state) { (void)state; both_tas("ae.txt"); }
static void t4005_kat(void **state) { (void)state; both_tas("rsa.txt"); }
static void t4006_kat(void **state) { (void)state; both_tas("sign.txt"); }
static void t4007_kat(void **state)
{
	(void)state;
	both_tas("derive.txt");
	both_tas("agree.txt");
}

/* One operation with a hand-made request, expecting res (and out_len). */
static void run_expect_at(const char *file, int line, const TEEC_UUID *uuid,
			  uint32_t alg, uint32_t mode, struct ct_blob *b,
			  const void *in, size_t in_len, size_t out_cap,
			  TEEC_Result want, size_t want_len)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	uint8_t out[4096];
	size_t out_len = out_cap;
	uint32_t origin = 0;
	TEEC_Result res;

	ct_open_at(file, line, &ctx, &sess, uuid);
	res = ct_run(&sess, alg, mode, b, in, in_len, out, &out_len, &origin);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	ct_blob_free(b);
	xtest_assert_result_at(file, line, "the operation", res, origin, want,
			       want == TEEC_ERROR_TARGET_DEAD ?
			       TEEC_ORIGIN_TEE : want ?
			       TEEC_ORIGIN_TRUSTED_APP : XTEST_ORIGIN_ANY);
	if (want_len != (size_t)-1 && out_len != want_len)
		xtest_fail_at(file, line, "output size %zu, expected %zu",
			      out_len, want_len);
}

#define run_expect(...) run_expect_at(__FILE__, __LINE__, __VA_ARGS__)

static const uint8_t key16[16] = "0123456789abcdef";

static struct ct_blob aes_blob(size_t key_len)
{
	struct ct_blob b = { 0 };

	ct_blob_u32(&b, CT_T_KEY_TYPE, TEE_TYPE_AES);
	ct_blob_u32(&b, CT_T_KEY_SIZE, 256);
	ct_blob_add(&b, TEE_ATTR_SECRET_VALUE, key16, key_len);
	return b;
}

static void t4001_short(void **state)
{
	struct ct_blob b = { 0 };

	(void)state;
	/* The digest's size comes back with SHORT_BUFFER. */
	run_expect(&crypto_test_uuid, TEE_ALG_SHA256, TEE_MODE_DIGEST, &b,
		   "abc", 3, 31, TEEC_ERROR_SHORT_BUFFER, 32);
	run_expect(&crypto_test_gp11_uuid, TEE_ALG_SHA512, TEE_MODE_DIGEST, &b,
		   "abc", 3, 0, TEEC_ERROR_SHORT_BUFFER, 64);
	/* A digest has no encrypt mode. */
	run_expect(&crypto_test_uuid, TEE_ALG_SHA256, TEE_MODE_ENCRYPT, &b,
		   "abc", 3, 64, TEEC_ERROR_NOT_SUPPORTED, (size_t)-1);
}

static void t4002_negative(void **state)
{
	struct ct_blob b;
	uint8_t iv[16] = { 0 };

	(void)state;
	/* A 15-byte AES key is refused by TEE_PopulateTransientObject. */
	b = aes_blob(15);
	run_expect(&crypto_test_uuid, TEE_ALG_AES_ECB_NOPAD, TEE_MODE_ENCRYPT,
		   &b, key16, 16, 16, TEEC_ERROR_BAD_PARAMETERS, (size_t)-1);
	/* The output buffer too short: the size needed comes back. */
	b = aes_blob(16);
	ct_blob_add(&b, CT_T_IV, iv, 16);
	run_expect(&crypto_test_uuid, TEE_ALG_AES_CBC_NOPAD, TEE_MODE_ENCRYPT,
		   &b, key16, 16, 8, TEEC_ERROR_SHORT_BUFFER, 16);
	/* A cipher has no sign mode. */
	b = aes_blob(16);
	run_expect(&crypto_test_uuid, TEE_ALG_AES_CBC_NOPAD, TEE_MODE_SIGN,
		   &b, key16, 16, 16, TEEC_ERROR_NOT_SUPPORTED, (size_t)-1);
	/* ECB without padding over 15 bytes: a panic, as GP says. */
	b = aes_blob(16);
	run_expect(&crypto_test_uuid, TEE_ALG_AES_ECB_NOPAD, TEE_MODE_ENCRYPT,
		   &b, key16, 15, 16, TEEC_ERROR_TARGET_DEAD, (size_t)-1);
}

/* Round trips for what has no vector here: every SM4 mode, 3DES CBC. */
static void t4002_roundtrip(void **state)
{
	static const uint32_t algs[] = {
		TEE_ALG_SM4_CBC_NOPAD, TEE_ALG_SM4_CTR, TEE_ALG_DES3_CBC_NOPAD,
		TEE_ALG_AES_CTS,
	};
	static const uint32_t types[] = {
		TEE_TYPE_SM4, TEE_TYPE_SM4, TEE_TYPE_DES3, TEE_TYPE_AES,
	};
	uint8_t pt[48], ct[64], back[64], iv[16] = { 7 };
	TEEC_Context ctx;
	TEEC_Session sess;
	struct ct_blob b;
	size_t i, cl, bl;
	uint32_t origin;

	(void)state;
	xtest_fill(pt, sizeof(pt), 4002);
	ct_open(&ctx, &sess, &crypto_test_uuid);
	for (i = 0; i < 4; i++) {
		size_t blk = types[i] == TEE_TYPE_DES3 ? 8 : 16;
		uint32_t mode;

		for (mode = TEE_MODE_ENCRYPT; mode <= TEE_MODE_DECRYPT;
		     mode++) {
			memset(&b, 0, sizeof(b));
			ct_blob_u32(&b, CT_T_KEY_TYPE, types[i]);
			ct_blob_u32(&b, CT_T_KEY_SIZE, 128);
			ct_blob_add(&b, TEE_ATTR_SECRET_VALUE, key16, 16);
			ct_blob_add(&b, CT_T_IV, iv, blk);
			if (mode == TEE_MODE_ENCRYPT) {
				cl = sizeof(ct);
				xtest_assert_result("encrypt", ct_run(&sess,
					algs[i], mode, &b, pt, sizeof(pt) - 3 *
					(i == 3), ct, &cl, &origin), origin,
					TEEC_SUCCESS, XTEST_ORIGIN_ANY);
			} else {
				bl = sizeof(back);
				xtest_assert_result("decrypt", ct_run(&sess,
					algs[i], mode, &b, ct, cl, back, &bl,
					&origin), origin, TEEC_SUCCESS,
					XTEST_ORIGIN_ANY);
			}
			ct_blob_free(&b);
		}
		ASSERT_EQ(bl, cl);
		ASSERT_MEM_EQ(back, pt, bl);
		assert_memory_not_equal(ct, pt, bl);
	}
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
}

static void t4003_negative(void **state)
{
	struct ct_blob b = { 0 };

	(void)state;
	/* HMAC-SHA256 keys are 192 bits at least. */
	ct_blob_u32(&b, CT_T_KEY_TYPE, TEE_TYPE_HMAC_SHA256);
	ct_blob_u32(&b, CT_T_KEY_SIZE, 128);
	ct_blob_add(&b, TEE_ATTR_SECRET_VALUE, key16, 16);
	run_expect(&crypto_test_uuid, TEE_ALG_HMAC_SHA256, TEE_MODE_MAC, &b,
		   "x", 1, 32, TEEC_ERROR_NOT_SUPPORTED, (size_t)-1);
	/* A short MAC buffer. */
	memset(&b, 0, sizeof(b));
	ct_blob_u32(&b, CT_T_KEY_TYPE, TEE_TYPE_AES);
	ct_blob_u32(&b, CT_T_KEY_SIZE, 128);
	ct_blob_add(&b, TEE_ATTR_SECRET_VALUE, key16, 16);
	run_expect(&crypto_test_gp11_uuid, TEE_ALG_AES_CMAC, TEE_MODE_MAC, &b,
		   "x", 1, 4, TEEC_ERROR_SHORT_BUFFER, 16);
	/* CBC-MAC with PKCS#5 padding takes any length. */
	memset(&b, 0, sizeof(b));
	ct_blob_u32(&b, CT_T_KEY_TYPE, TEE_TYPE_AES);
	ct_blob_u32(&b, CT_T_KEY_SIZE, 128);
	ct_blob_add(&b, TEE_ATTR_SECRET_VALUE, key16, 16);
	run_expect(&crypto_test_uuid, TEE_ALG_AES_CBC_MAC_PKCS5, TEE_MODE_MAC,
		   &b, "x", 1, 16, TEEC_SUCCESS, 16);
}

static void t4004_negative(void **state)
{
	static const uint8_t nonce[12] = { 1 };
	static const uint32_t bad_gcm[] = { 64, 32, 100, 136 };
	static const uint32_t bad_ccm[] = { 24, 40, 136 };
	static const uint32_t good_gcm[] = { 96, 104, 112, 120, 128 };
	static const uint32_t good_ccm[] = { 32, 48, 64, 80, 96, 112, 128 };
	struct ct_blob b;
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		b = aes_blob(16);
		ct_blob_add(&b, CT_T_IV, nonce, 12);
		ct_blob_u32(&b, CT_T_TAG_LEN, bad_gcm[i]);
		run_expect(&crypto_test_uuid, TEE_ALG_AES_GCM,
			   TEE_MODE_ENCRYPT, &b, "x", 1, 64,
			   TEEC_ERROR_NOT_SUPPORTED, (size_t)-1);
	}
	for (i = 0; i < 3; i++) {
		b = aes_blob(16);
		ct_blob_add(&b, CT_T_IV, nonce, 12);
		ct_blob_u32(&b, CT_T_TAG_LEN, bad_ccm[i]);
		run_expect(&crypto_test_uuid, TEE_ALG_AES_CCM,
			   TEE_MODE_ENCRYPT, &b, "x", 1, 64,
			   TEEC_ERROR_NOT_SUPPORTED, (size_t)-1);
	}
	/* Every tag length GP allows: the output is one byte and the tag. */
	for (i = 0; i < 5; i++) {
		b = aes_blob(16);
		ct_blob_add(&b, CT_T_IV, nonce, 12);
		ct_blob_u32(&b, CT_T_TAG_LEN, good_gcm[i]);
		run_expect(&crypto_test_uuid, TEE_ALG_AES_GCM,
			   TEE_MODE_ENCRYPT, &b, "x", 1, 64, TEEC_SUCCESS,
			   1 + good_gcm[i] / 8);
	}
	for (i = 0; i < 7; i++) {
		b = aes_blob(16);
		ct_blob_add(&b, CT_T_IV, nonce, 12);
		ct_blob_u32(&b, CT_T_TAG_LEN, good_ccm[i]);
		run_expect(&crypto_test_gp11_uuid, TEE_ALG_AES_CCM,
			   TEE_MODE_ENCRYPT, &b, "x", 1, 64, TEEC_SUCCESS,
			   1 + good_ccm[i] / 8);
	}
}

/* Generated keys: OAEP and PSS with every digest, v1.5 both ways. */
static void t4005_generated(void **state)
{
	static const uint32_t algs[] = {
		TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA1,
		TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA224,
		TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA256,
		TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA384,
		TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA3_256,
		TEE_ALG_RSAES_PKCS1_V1_5,
		TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA1,
		TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA224,
		TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256,
		TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA384,
		TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA512,
		TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA3_256,
		TEE_ALG_RSASSA_PKCS1_V1_5_MD5,
		TEE_ALG_RSASSA_PKCS1_V1_5_SHA384,
		TEE_ALG_RSASSA_PKCS1_V1_5_SHA512,
		TEE_ALG_RSASSA_PKCS1_V1_5_SHA3_256,
	};
	static const uint8_t dlen[] = { 0, 0, 0, 0, 0, 0, 20, 28, 32, 48, 64,
					32, 16, 48, 64, 32 };
	uint8_t in[64], out[512];
	TEEC_Context ctx;
	TEEC_Session sess;
	struct ct_blob b;
	size_t i, ol;
	uint32_t origin;
	TEEC_Result res;
	bool sign;

	(void)state;
	xtest_fill(in, sizeof(in), 4005);
	ct_open(&ctx, &sess, &crypto_test_uuid);
	for (i = 0; i < sizeof(algs) / sizeof(algs[0]); i++) {
		sign = algs[i] >> 28 == 7;
		memset(&b, 0, sizeof(b));
		ct_blob_u32(&b, CT_T_KEY_TYPE, TEE_TYPE_RSA_KEYPAIR);
		ct_blob_u32(&b, CT_T_KEY_SIZE, 1024);
		ct_blob_add(&b, CT_T_GENERATE, NULL, 0);
		ct_blob_add(&b, CT_T_ROUNDTRIP, NULL, 0);
		if (algs[i] == TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA512) {
			/* 64 + 64 + 2 bytes do not fit 1024 bits: salt 20. */
			uint32_t salt[3] = { TEE_ATTR_RSA_PSS_SALT_LENGTH, 20,
					     0 };

			ct_blob_add(&b, CT_T_OPATTR, salt, sizeof(salt));
		}
		ol = sizeof(out);
		res = ct_run(&sess, algs[i], sign ? TEE_MODE_SIGN :
			     TEE_MODE_ENCRYPT, &b, in, sign ? dlen[i] : 20,
			     out, &ol, &origin);
		ct_blob_free(&b);
		/* Each algorithm on its own: one that fails, the next. */
		if (ct_unsupported_ok(algs[i], TEE_CRYPTO_ELEMENT_NONE, res,
				      origin)) {
			print_message("%s: not supported by this TEE (optional "
				      "in GP)\n", ct_alg_name(algs[i]));
			continue;
		}
		if (res) {
			xtest_expect_fail("%s: generate, then encrypt and "
					  "decrypt or sign and verify: 0x%08x "
					  "from origin %u",
					  ct_alg_name(algs[i]), res, origin);
			continue;
		}
		if (sign)
			EXPECT_EQ(ol, 128);
		else
			EXPECT_MEM_EQ(out, in, 20);
	}
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
}

static void t4005_negative(void **state)
{
	struct ct_blob b = { 0 };
	uint8_t big[200] = { 0 };

	(void)state;
	/* A plaintext longer than the modulus allows. */
	ct_blob_u32(&b, CT_T_KEY_TYPE, TEE_TYPE_RSA_KEYPAIR);
	ct_blob_u32(&b, CT_T_KEY_SIZE, 512);
	ct_blob_add(&b, CT_T_GENERATE, NULL, 0);
	run_expect(&crypto_test_uuid, TEE_ALG_RSAES_PKCS1_V1_5,
		   TEE_MODE_ENCRYPT, &b, big, 100, 256,
		   TEEC_ERROR_BAD_PARAMETERS, (size_t)-1);
	/* A short signature buffer: 64 bytes needed for 512 bits. */
	memset(&b, 0, sizeof(b));
	ct_blob_u32(&b, CT_T_KEY_TYPE, TEE_TYPE_RSA_KEYPAIR);
	ct_blob_u32(&b, CT_T_KEY_SIZE, 512);
	ct_blob_add(&b, CT_T_GENERATE, NULL, 0);
	run_expect(&crypto_test_gp11_uuid, TEE_ALG_RSASSA_PKCS1_V1_5_SHA256,
		   TEE_MODE_SIGN, &b, big, 32, 10, TEEC_ERROR_SHORT_BUFFER,
		   64);
	/* A digest of the wrong size for the algorithm: a panic. */
	memset(&b, 0, sizeof(b));
	ct_blob_u32(&b, CT_T_KEY_TYPE, TEE_TYPE_RSA_KEYPAIR);
	ct_blob_u32(&b, CT_T_KEY_SIZE, 512);
	ct_blob_add(&b, CT_T_GENERATE, NULL, 0);
	run_expect(&crypto_test_uuid, TEE_ALG_RSASSA_PKCS1_V1_5_SHA256,
		   TEE_MODE_SIGN, &b, big, 31, 64, TEEC_ERROR_TARGET_DEAD,
		   (size_t)-1);
}

/* Every ECDH curve and DH with keys the TA generates: both sides agree. */
static void t4007_generated(void **state)
{
	struct ct_blob b = { 0 };

	(void)state;
	/* X25519 with a peer value of the wrong length: a panic. */
	ct_blob_u32(&b, CT_T_KEY_TYPE, TEE_TYPE_X25519_KEYPAIR);
	ct_blob_u32(&b, CT_T_KEY_SIZE, 256);
	ct_blob_add(&b, CT_T_GENERATE, NULL, 0);
	{
		uint8_t attr[4 + 31] = { 0 };
		uint32_t id = TEE_ATTR_X25519_PUBLIC_VALUE;

		memcpy(attr, &id, 4);
		ct_blob_add(&b, CT_T_OPATTR, attr, sizeof(attr));
	}
	run_expect(&crypto_test_uuid, TEE_ALG_X25519, TEE_MODE_DERIVE, &b,
		   NULL, 0, 64, TEEC_ERROR_TARGET_DEAD, (size_t)-1);
}

/* SM2 encryption: C1 || C3 || C2, and back. */
static void t4006_sm2_pke(void **state)
{
	static const char msg[] = "encryption standard";
	TEEC_Context ctx;
	TEEC_Session sess;
	struct ct_blob b = { 0 };
	uint8_t out[256];
	size_t ol = sizeof(out);
	uint32_t origin;
	int round;

	(void)state;
	ct_open(&ctx, &sess, &crypto_test_uuid);
	for (round = 0; round < 2; round++) {
		memset(&b, 0, sizeof(b));
		ct_blob_u32(&b, CT_T_KEY_TYPE, TEE_TYPE_SM2_PKE_KEYPAIR);
		ct_blob_u32(&b, CT_T_KEY_SIZE, 256);
		ct_blob_add(&b, CT_T_GENERATE, NULL, 0);
		if (round)
			ct_blob_add(&b, CT_T_ROUNDTRIP, NULL, 0);
		ol = sizeof(out);
		xtest_assert_result("SM2 encryption", ct_run(&sess,
				    TEE_ALG_SM2_PKE, TEE_MODE_ENCRYPT, &b, msg,
				    sizeof(msg) - 1, out, &ol, &origin),
				    origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
		ct_blob_free(&b);
		if (!round) {
			/* 04 || x || y, the SM3 hash, the masked message. */
			ASSERT_EQ(ol, 65 + 32 + sizeof(msg) - 1);
			ASSERT_EQ(out[0], 4);
		} else {
			ASSERT_EQ(ol, sizeof(msg) - 1);
			ASSERT_MEM_EQ(out, msg, ol);
		}
	}
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
}

static void selftests(const TEEC_UUID *uuid, uint32_t first, uint32_t last)
{
	uint32_t i;

	for (i = first; i <= last; i++)
		ct_selftest(uuid, i);
}

static void t4008_objects(void **state)
{
	(void)state;
	selftests(&crypto_test_uuid, CT_ST_OBJ_SIZES, CT_ST_OBJ_POPULATE_BAD);
}

static void t4008_objects_gp11(void **state)
{
	(void)state;
	selftests(&crypto_test_gp11_uuid, CT_ST_OBJ_SIZES,
		  CT_ST_OBJ_POPULATE_BAD);
}

static void t4009_operations(void **state)
{
	(void)state;
	selftests(&crypto_test_uuid, CT_ST_OP_ALLOC, CT_ST_DIGEST_EXTRACT);
}

static void t4009_operations_gp11(void **state)
{
	(void)state;
	selftests(&crypto_test_gp11_uuid, CT_ST_OP_ALLOC, CT_ST_DIGEST_EXTRACT);
}

static void misuse(uint32_t which)
{
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
		TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE));

	op.params[0].value.a = which;
	ct_expect_panic(&crypto_test_uuid, CT_CMD_MISUSE, &op);
}

#define MISUSE(n, what)							\
	static void t4010_##n(void **state)				\
	{								\
		(void)state;						\
		misuse(what);						\
	}

MISUSE(1, CT_MU_FORGED_OBJECT)
MISUSE(2, CT_MU_FREED_OPERATION)
MISUSE(3, CT_MU_CIPHER_UPDATE_NO_INIT)
MISUSE(4, CT_MU_KEY_WRONG_TYPE)
MISUSE(5, CT_MU_SECRET_NOT_EXTRACTABLE)
MISUSE(6, CT_MU_AAD_AFTER_PAYLOAD)
MISUSE(7, CT_MU_DIGEST_AS_MAC)
MISUSE(8, CT_MU_POPULATE_MISSING)
MISUSE(9, CT_MU_KEY_USAGE)
MISUSE(10, CT_MU_SIGN_WITH_VERIFY)
MISUSE(11, CT_MU_SET_KEY_ACTIVE)
MISUSE(12, CT_MU_OBJECT_AS_OPERATION)
MISUSE(13, CT_MU_POPULATE_TOO_BIG)
MISUSE(14, CT_MU_UPDATE_AFTER_EXTRACT)
MISUSE(15, CT_MU_CIPHER_INIT_NO_KEY)
MISUSE(16, CT_MU_AE_FINAL_NO_INIT)

static void t4011_wycheproof(void **state)
{
	static const char *const files[] = {
		"wycheproof_aes_gcm.txt", "wycheproof_aes_ccm.txt",
		"wycheproof_aes_cmac.txt", "wycheproof_x25519.txt",
		"wycheproof_ed25519.txt", "wycheproof_ecdsa_p256.txt",
		"wycheproof_hkdf_sha256.txt", "wycheproof_rsa_oaep.txt",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		ct_run_file(&crypto_test_uuid, files[i]);
}

/* Published answers for the families 4005-4007 otherwise know from
 * computed vectors, through both APIs. */
static void t4011_rsa(void **state)
{
	(void)state;
	both_tas("wycheproof_rsa_sig.txt");
	both_tas("wycheproof_rsa_pss.txt");
	both_tas("wycheproof_rsa_oaep_more.txt");
}

static void t4011_dsa_ecdsa(void **state)
{
	(void)state;
	both_tas("wycheproof_ecdsa.txt");
	both_tas("wycheproof_dsa.txt");
}

static void t4011_ecdh_hmac(void **state)
{
	(void)state;
	both_tas("wycheproof_ecdh.txt");
	both_tas("wycheproof_hmac.txt");
}

static const struct xtest_sub subs_4001[] = {
	{ 1, "digests: known answers (v1.3.1 and v1.1 API)", t4001_kat },
	{ 2, "digests: short buffer gives the size, no encrypt mode",
	  t4001_short },
};
XTEST_CASE(case_4001, .id = "4001", .suite = "regression",
	   .title = "Message digests: MD5, SHA-1, SHA-2, SHA-3, SHAKE, SM3",
	   .subs = subs_4001, .nsubs = XTEST_ARRAY_SIZE(subs_4001));

static const struct xtest_sub subs_4002[] = {
	{ 1, "ciphers: known answers (v1.3.1 and v1.1 API)", t4002_kat },
	{ 2, "ciphers: bad key size, short buffer, wrong mode, partial block",
	  t4002_negative },
	{ 3, "ciphers: SM4 CBC and CTR, 3DES CBC, CTS round trips",
	  t4002_roundtrip },
};
XTEST_CASE(case_4002, .id = "4002", .suite = "regression",
	   .title = "Symmetric ciphers: AES, DES, 3DES, SM4",
	   .subs = subs_4002, .nsubs = XTEST_ARRAY_SIZE(subs_4002));

static const struct xtest_sub subs_4003[] = {
	{ 1, "MACs: known answers and a MAC that must not compare", t4003_kat },
	{ 2, "MACs: key below the type's minimum, short buffer, padding",
	  t4003_negative },
};
XTEST_CASE(case_4003, .id = "4003", .suite = "regression",
	   .title = "MACs: HMAC, AES-CMAC, CBC-MAC",
	   .subs = subs_4003, .nsubs = XTEST_ARRAY_SIZE(subs_4003));

static const struct xtest_sub subs_4004[] = {
	{ 1, "AE: known answers and tags that must not match", t4004_kat },
	{ 2, "AE: every tag length GP allows, and those it does not",
	  t4004_negative },
};
XTEST_CASE(case_4004, .id = "4004", .suite = "regression",
	   .title = "Authenticated encryption: AES-GCM and AES-CCM",
	   .subs = subs_4004, .nsubs = XTEST_ARRAY_SIZE(subs_4004));

static const struct xtest_sub subs_4005[] = {
	{ 1, "RSA: known answers, a signature that must not verify",
	  t4005_kat },
	{ 2, "RSA: generated keys, OAEP and PSS with each digest",
	  t4005_generated },
	{ 3, "RSA: long plaintext, short buffer, wrong digest size",
	  t4005_negative },
};
/* 16 RSA key pairs generated: minutes under QEMU. */
XTEST_CASE(case_4005, .id = "4005", .suite = "regression",
	   .title = "RSA encryption and signatures", .timeout_s = 600,
	   .subs = subs_4005, .nsubs = XTEST_ARRAY_SIZE(subs_4005));

static const struct xtest_sub subs_4006[] = {
	{ 1, "ECDSA P-192..P-521, Ed25519, DSA, SM2: known answers, "
	  "signatures that must not verify, round trips", t4006_kat },
	{ 2, "SM2 encryption: C1 || C3 || C2, and back", t4006_sm2_pke },
};
XTEST_CASE(case_4006, .id = "4006", .suite = "regression",
	   .title = "Signatures: ECDSA, Ed25519, DSA, SM2; SM2 encryption",
	   .subs = subs_4006, .nsubs = XTEST_ARRAY_SIZE(subs_4006));

static const struct xtest_sub subs_4007[] = {
	{ 1, "X25519, HKDF, PBKDF2, ECDH, DH: known answers", t4007_kat },
	{ 2, "a peer value of the wrong size is a panic", t4007_generated },
};
XTEST_CASE(case_4007, .id = "4007", .suite = "regression",
	   .title = "Key derivation: DH, ECDH, X25519, HKDF, PBKDF2",
	   .subs = subs_4007, .nsubs = XTEST_ARRAY_SIZE(subs_4007));

static const struct xtest_sub subs_4008[] = {
	{ 1, "objects: sizes, info, attributes, copy, generate (v1.3.1)",
	  t4008_objects },
	{ 2, "objects: the same through the v1.1 API", t4008_objects_gp11 },
};
XTEST_CASE(case_4008, .id = "4008", .suite = "regression",
	   .title = "Transient objects",
	   .subs = subs_4008, .nsubs = XTEST_ARRAY_SIZE(subs_4008));

static const struct xtest_sub subs_4009[] = {
	{ 1, "operations: allocation, info, copy, reset, support (v1.3.1)",
	  t4009_operations },
	{ 2, "operations: the same through the v1.1 API",
	  t4009_operations_gp11 },
};
XTEST_CASE(case_4009, .id = "4009", .suite = "regression",
	   .title = "Operations: the generic functions and their states",
	   .subs = subs_4009, .nsubs = XTEST_ARRAY_SIZE(subs_4009));

static const struct xtest_sub subs_4010[] = {
	{ 1, "a forged object handle", t4010_1 },
	{ 2, "an operation used after it was freed", t4010_2 },
	{ 3, "cipher update before init", t4010_3 },
	{ 4, "a key of another type", t4010_4 },
	{ 5, "a secret of a non-extractable key", t4010_5 },
	{ 6, "AAD after the payload", t4010_6 },
	{ 7, "a MAC call on a digest operation", t4010_7 },
	{ 8, "populate without a required attribute", t4010_8 },
	{ 9, "a key whose usage does not allow the operation", t4010_9 },
	{ 10, "sign on a verify operation", t4010_10 },
	{ 11, "set key on an active operation", t4010_11 },
	{ 12, "an object handle used as an operation", t4010_12 },
	{ 13, "a key bigger than the object's maximum", t4010_13 },
	{ 14, "digest update after extraction began", t4010_14 },
	{ 15, "cipher init with no key", t4010_15 },
	{ 16, "AE final before AE init", t4010_16 },
};
XTEST_CASE(case_4010, .id = "4010", .suite = "regression",
	   .title = "Misuse GP answers with a panic (TARGET_DEAD)",
	   .subs = subs_4010, .nsubs = XTEST_ARRAY_SIZE(subs_4010));

static const struct xtest_sub subs_4011[] = {
	{ 1, "Wycheproof subsets: AES-GCM, AES-CCM, AES-CMAC, X25519, Ed25519, "
	  "ECDSA P-256, HKDF, RSA-OAEP", t4011_wycheproof },
	{ 2, "Wycheproof: RSA PKCS#1 v1.5 and PSS signatures (2048..4096 bits, "
	  "SHA-1..SHA-512, SHA3-256), RSA-OAEP per digest (both APIs)",
	  t4011_rsa },
	{ 3, "Wycheproof: ECDSA P-192..P-521, DSA 2048/224, 2048/256, "
	  "3072/256 (both APIs)", t4011_dsa_ecdsa },
	{ 4, "Wycheproof: ECDH P-224..P-521, HMAC-SHA3, HMAC-SM3 (both APIs)",
	  t4011_ecdh_hmac },
};
/* Hundreds of RSA and ECDSA verifications: 5 to 9 minutes under QEMU on a
 * shared machine, more with a paged TEE. */
XTEST_CASE(case_4011, .id = "4011", .suite = "regression",
	   .title = "Edge cases from Wycheproof", .timeout_s = 1200,
	   .subs = subs_4011, .nsubs = XTEST_ARRAY_SIZE(subs_4011));
