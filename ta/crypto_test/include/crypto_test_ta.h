/*
 * The crypto_test TA's interface, shared with the xtest 4000 and 4100
 * series that drive it. One source, built twice: crypto_test against the
 * v1.3.1 API and crypto_test_gp11 with TEE_CORE_API_COMPAT_1_1 (the v1.1
 * signatures), so both forms of every function are exercised.
 *
 * A request for CT_CMD_RUN is a TLV blob: records of { uint32_t tag,
 * uint32_t len, len bytes } (little endian). A tag below CT_T_LAST is one of
 * CT_T_*; any other tag is a GP attribute of the key, a value attribute
 * taking 8 bytes (a, b).
 */
#ifndef CRYPTO_TEST_TA_H
#define CRYPTO_TEST_TA_H

#include <stdint.h>

#define TA_CRYPTO_TEST_UUID \
	{ 0x5c7b6d2a, 0x41e3, 0x4b8e, \
	  { 0x9a, 0x11, 0x2f, 0x6c, 0x3d, 0x70, 0x88, 0x01 } }
#define TA_CRYPTO_TEST_GP11_UUID \
	{ 0x5c7b6d2a, 0x41e3, 0x4b8e, \
	  { 0x9a, 0x11, 0x2f, 0x6c, 0x3d, 0x70, 0x88, 0x02 } }

/*
 * [0] value in (a = algorithm, b = mode), [1] memref in (TLV request),
 * [2] memref in (data), [3] memref out (result): one operation end to end.
 * The TA's answer is the GP function's result (SHORT_BUFFER with the size
 * needed in [3]).
 */
#define CT_CMD_RUN		1
/*
 * [0] value in (a = check), [1] value out (a = the number of failed steps),
 * [2] memref out (the first CT_FAILS_MAX failed steps, struct ct_fail
 * each): a scenario the TA checks step by step itself. The command succeeds
 * when the check ran, whatever it found.
 */
#define CT_CMD_SELFTEST		2
/* [0] value in (a = misuse): a call GP answers with a panic. */
#define CT_CMD_MISUSE		3
/*
 * [0] value in (a = UTEE_BIGINT-like CT_BI_* operation, b = scalar),
 * [1] memref in (TLV: CT_T_BI_OPn operands, first byte the sign '-' or '+';
 * the modulus of the modular operations is CT_T_BI_OP3),
 * [2] value out (a = scalar result), [3] memref out (sign byte and the
 * magnitude of the result, then of the second result, each as a TLV).
 */
#define CT_CMD_BIGINT		4
/* [0] value in (a = algorithm: TEE_ALG_SHA256 or TEE_ALG_AES_GCM),
 * [1] memref inout (data, encrypted in place), [2] memref out (digest or
 * tag): the benchmark's call. */
#define CT_CMD_PERF		5
/* [0] value in (a = algorithm, b = element): TEE_IsAlgorithmSupported's
 * answer, the TA's result. */
#define CT_CMD_SUPPORTED	6

/* Request tags. */
#define CT_T_KEY_TYPE		1	/* u32: the key object's type */
#define CT_T_KEY_SIZE		2	/* u32: its (maximum) size in bits */
#define CT_T_KEY2		3	/* attributes after this: second key */
#define CT_T_IV			4	/* IV or nonce */
#define CT_T_AAD		5
#define CT_T_TAG		6	/* AE decryption: the tag */
#define CT_T_TAG_LEN		7	/* u32: AE tag bits */
#define CT_T_CHUNK		8	/* u32: feed data in updates of this size */
#define CT_T_OPATTR		9	/* u32 id, then value (a, b) or buffer */
#define CT_T_GENERATE		10	/* generate the key; attrs are params */
#define CT_T_MAC		11	/* compare against this MAC */
#define CT_T_SIG		12	/* verify this signature */
#define CT_T_ROUNDTRIP		13	/* sign+verify / encrypt+decrypt */
#define CT_T_DERIVED_SIZE	14	/* u32: the derived object's max size */
#define CT_T_OP_SIZE		15	/* u32: the operation's maxKeySize */
#define CT_T_BI_OP1		16	/* big integer operands, sign + bytes */
#define CT_T_BI_OP2		17
#define CT_T_BI_OP3		18
#define CT_T_LAST		32

/* CT_CMD_BIGINT operations. */
enum ct_bigint_op {
	CT_BI_ADD = 1, CT_BI_SUB, CT_BI_MUL, CT_BI_SQUARE, CT_BI_NEG,
	CT_BI_DIV, CT_BI_MOD, CT_BI_ADD_MOD, CT_BI_SUB_MOD, CT_BI_MUL_MOD,
	CT_BI_SQUARE_MOD, CT_BI_INV_MOD, CT_BI_EXP_MOD, CT_BI_GCD,
	CT_BI_IS_PRIME, CT_BI_CMP, CT_BI_SHIFT_RIGHT, CT_BI_FMM,
	CT_BI_RELATIVE_PRIME,
};

/* A failed step of a self test: where, and what it returned. */
struct ct_fail {
	uint32_t file;		/* CT_FILE_* */
	uint32_t line;		/* the step */
	uint32_t caller;	/* the line that called the step's helper, or 0 */
	uint32_t res;		/* its result (1 for a condition that failed) */
};

#define CT_FAILS_MAX	16
#define CT_FILE_SELFTEST	1	/* ct_selftest.c */
#define CT_FILE_BIGINT		2	/* ct_bigint.c */

/* CT_CMD_SELFTEST checks (ct_selftest.c). */
enum ct_selftest {
	CT_ST_OBJ_SIZES = 1,	/* key sizes each type allows and refuses */
	CT_ST_OBJ_INFO,		/* info before and after populate, reset */
	CT_ST_OBJ_ATTRS,	/* getters, extractable, short buffers */
	CT_ST_OBJ_COPY,		/* copy, key pair to public key, usage */
	CT_ST_OBJ_GENERATE,	/* every type that generates */
	CT_ST_OBJ_POPULATE_BAD,	/* inconsistent attribute values */
	CT_ST_OP_ALLOC,		/* algorithms, modes, key sizes */
	CT_ST_OP_INFO,		/* info and multiple info through a run */
	CT_ST_OP_COPY_RESET,	/* copy mid-run, reset, reuse */
	CT_ST_ALG_SUPPORTED,	/* TEE_IsAlgorithmSupported */
	CT_ST_RANDOM,		/* TEE_GenerateRandom */
	CT_ST_XTS_KEYS,		/* two keys, the same key twice */
	CT_ST_DIGEST_EXTRACT,	/* SHAKE squeezing, extract of SHA-256 */
	CT_ST_BI_CONVERT,	/* octets, s32, overflow, sign rules */
	CT_ST_BI_BITS,		/* bits, shifts, assign, abs */
	CT_ST_BI_FMM,		/* FMM context, conversions */
	CT_ST_LAST
};

/* CT_CMD_MISUSE scenarios: each must end the TA with a panic. */
enum ct_misuse {
	CT_MU_FORGED_OBJECT = 1,	/* a made-up object handle */
	CT_MU_FREED_OPERATION,		/* an operation used after free */
	CT_MU_CIPHER_UPDATE_NO_INIT,	/* update before init */
	CT_MU_KEY_WRONG_TYPE,		/* an HMAC key for AES */
	CT_MU_SECRET_NOT_EXTRACTABLE,	/* secret of a non-extractable key */
	CT_MU_AAD_AFTER_PAYLOAD,	/* AE AAD after the payload */
	CT_MU_DIGEST_AS_MAC,		/* MAC update on a digest */
	CT_MU_POPULATE_MISSING,		/* RSA key pair without its exponent */
	CT_MU_KEY_USAGE,		/* a key without the usage needed */
	CT_MU_SIGN_WITH_VERIFY,		/* sign on a verify operation */
	CT_MU_SET_KEY_ACTIVE,		/* set key during a run */
	CT_MU_BIGINT_OVERFLOW,		/* a sum too big for its destination */
	CT_MU_BIGINT_DIV_ZERO,		/* division by zero */
	CT_MU_OBJECT_AS_OPERATION,	/* an object handle as an operation */
	CT_MU_POPULATE_TOO_BIG,		/* a key over the object's maximum */
	CT_MU_UPDATE_AFTER_EXTRACT,	/* digest update while extracting */
	CT_MU_CIPHER_INIT_NO_KEY,	/* cipher init with no key set */
	CT_MU_AE_FINAL_NO_INIT,		/* AE final before AE init */
	CT_MU_LAST
};

#endif
