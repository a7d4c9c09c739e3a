/*
 * The TEE Arithmetical API (GP Internal Core API, chapter 8). A TEE_BigInt
 * is the TA's own array (layout in teecheck/ta_abi.h); what only reads or
 * sets words runs here, the arithmetic runs in the host on OpenSSL's
 * BIGNUM. A void function whose result does not fit its destination
 * panics, as GP says.
 */
#include <tee_internal_api.h>

#include "utee_cryp.h"

#define HDR	UTEE_BIGINT_HDR_WORDS

static uint32_t bi_used(const TEE_BigInt *b)
{
	return b[0] & UTEE_BIGINT_USED_MASK;
}

static bool bi_neg(const TEE_BigInt *b)
{
	return b[0] & UTEE_BIGINT_SIGN_NEG;
}

/* Drops leading zero words; zero is never negative. */
static void bi_normalize(TEE_BigInt *b, uint32_t used, bool neg)
{
	while (used && !b[HDR + used - 1])
		used--;
	b[0] = used | (neg && used ? UTEE_BIGINT_SIGN_NEG : 0);
}

static TEE_Result bigint_call(uint32_t op, TEE_BigInt *d0, TEE_BigInt *d1,
			      TEE_BigInt *d2, const TEE_BigInt *s0,
			      const TEE_BigInt *s1, const TEE_BigInt *s2,
			      int64_t scalar, int64_t *result)
{
	struct utee_bigint_args a = {
		.op = op,
		.dst = { (uintptr_t)d0, (uintptr_t)d1, (uintptr_t)d2 },
		.src = { (uintptr_t)s0, (uintptr_t)s1, (uintptr_t)s2 },
		.scalar = scalar,
	};
	TEE_Result res = UTEE_CRYP_CALL(UTEE_SYS_BIGINT, &a, 0, 0, 0, 0, 0);

	if (result)
		*result = a.result;
	return res;
}

/* The void functions: any failure (overflow, bad modulus) is a panic. */
static void bigint_must(uint32_t op, TEE_BigInt *d0, TEE_BigInt *d1,
			const TEE_BigInt *s0, const TEE_BigInt *s1,
			const TEE_BigInt *s2)
{
	TEE_Result res = bigint_call(op, d0, d1, NULL, s0, s1, s2, 0, NULL);

	if (res)
		TEE_Panic(res);
}

size_t TEE_BigIntFMMSizeInU32(size_t modulusSizeInBits)
{
	return TEE_BigIntSizeInU32(modulusSizeInBits);
}

size_t TEE_BigIntFMMContextSizeInU32(size_t modulusSizeInBits)
{
	return TEE_BigIntSizeInU32(modulusSizeInBits);
}

uint32_t __GP11_TEE_BigIntFMMSizeInU32(uint32_t modulusSizeInBits)
{
	return (uint32_t)TEE_BigIntFMMSizeInU32(modulusSizeInBits);
}

uint32_t __GP11_TEE_BigIntFMMContextSizeInU32(uint32_t modulusSizeInBits)
{
	return (uint32_t)TEE_BigIntFMMContextSizeInU32(modulusSizeInBits);
}

void TEE_BigIntInit(TEE_BigInt *bigInt, size_t len)
{
	size_t i;

	if (len < HDR || len - HDR > UTEE_BIGINT_USED_MASK)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	bigInt[0] = 0;
	bigInt[1] = (uint32_t)(len - HDR);
	for (i = HDR; i < len; i++)
		bigInt[i] = 0;
}

void __GP11_TEE_BigIntInit(TEE_BigInt *bigInt, uint32_t len)
{
	TEE_BigIntInit(bigInt, len);
}

TEE_Result TEE_BigIntInitFMMContext1(TEE_BigIntFMMContext *context,
				     size_t len, const TEE_BigInt *modulus)
{
	TEE_BigIntInit(context, len);
	if (TEE_BigIntAssign(context, modulus))
		TEE_Panic(TEE_ERROR_OVERFLOW);
	return TEE_SUCCESS;
}

void TEE_BigIntInitFMMContext(TEE_BigIntFMMContext *context, size_t len,
			      const TEE_BigInt *modulus)
{
	TEE_BigIntInitFMMContext1(context, len, modulus);
}

void __GP11_TEE_BigIntInitFMMContext(TEE_BigIntFMMContext *context,
				     uint32_t len, const TEE_BigInt *modulus)
{
	TEE_BigIntInitFMMContext1(context, len, modulus);
}

void TEE_BigIntInitFMM(TEE_BigIntFMM *bigIntFMM, size_t len)
{
	TEE_BigIntInit(bigIntFMM, len);
}

void __GP11_TEE_BigIntInitFMM(TEE_BigIntFMM *bigIntFMM, uint32_t len)
{
	TEE_BigIntInit(bigIntFMM, len);
}

TEE_Result TEE_BigIntConvertFromOctetString(TEE_BigInt *dest,
					    const uint8_t *buffer,
					    size_t bufferLen, int32_t sign)
{
	struct utee_bigint_args a = {
		.op = UTEE_BIGINT_FROM_OCTETS,
		.dst = { (uintptr_t)dest, 0, 0 },
		.scalar = sign,
		.buf = (uintptr_t)buffer,
		.buf_len = bufferLen,
	};
	TEE_Result res = UTEE_CRYP_CALL(UTEE_SYS_BIGINT, &a, 0, 0, 0, 0, 0);

	return utee_cryp_allow(res, TEE_ERROR_OVERFLOW, TEE_ERROR_OVERFLOW,
			       TEE_ERROR_OVERFLOW);
}

TEE_Result __GP11_TEE_BigIntConvertFromOctetString(TEE_BigInt *dest,
						   const uint8_t *buffer,
						   uint32_t bufferLen,
						   int32_t sign)
{
	return TEE_BigIntConvertFromOctetString(dest, buffer, bufferLen, sign);
}

TEE_Result TEE_BigIntConvertToOctetString(uint8_t *buffer, size_t *bufferLen,
					  const TEE_BigInt *bigInt)
{
	struct utee_bigint_args a = {
		.op = UTEE_BIGINT_TO_OCTETS,
		.src = { (uintptr_t)bigInt, 0, 0 },
		.buf = (uintptr_t)buffer,
		.buf_len = *bufferLen,
	};
	TEE_Result res = UTEE_CRYP_CALL(UTEE_SYS_BIGINT, &a, 0, 0, 0, 0, 0);

	utee_cryp_allow(res, TEE_ERROR_SHORT_BUFFER, TEE_ERROR_SHORT_BUFFER,
			TEE_ERROR_SHORT_BUFFER);
	*bufferLen = a.buf_len;
	return res;
}

TEE_Result __GP11_TEE_BigIntConvertToOctetString(uint8_t *buffer,
						 uint32_t *bufferLen,
						 const TEE_BigInt *bigInt)
{
	size_t len = *bufferLen;
	TEE_Result res = TEE_BigIntConvertToOctetString(buffer, &len, bigInt);

	*bufferLen = (uint32_t)len;
	return res;
}

void TEE_BigIntConvertFromS32(TEE_BigInt *dest, int32_t shortVal)
{
	uint32_t mag = shortVal < 0 ? 0u - (uint32_t)shortVal :
		       (uint32_t)shortVal;

	if (mag && dest[1] < 1)
		TEE_Panic(TEE_ERROR_OVERFLOW);
	if (dest[1])
		dest[HDR] = mag;
	bi_normalize(dest, mag ? 1 : 0, shortVal < 0);
}

TEE_Result TEE_BigIntConvertToS32(int32_t *dest, const TEE_BigInt *src)
{
	uint32_t used = bi_used(src), mag = used ? src[HDR] : 0;

	if (used > 1 || (!bi_neg(src) && mag > 0x7fffffffu) ||
	    (bi_neg(src) && mag > 0x80000000u))
		return TEE_ERROR_OVERFLOW;
	*dest = bi_neg(src) ? (int32_t)(0u - mag) : (int32_t)mag;
	return TEE_SUCCESS;
}

int32_t TEE_BigIntCmp(const TEE_BigInt *op1, const TEE_BigInt *op2)
{
	int64_t r = 0;

	if (bigint_call(UTEE_BIGINT_CMP, NULL, NULL, NULL, op1, op2, NULL, 0,
			&r))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	return (int32_t)r;
}

int32_t TEE_BigIntCmpS32(const TEE_BigInt *op, int32_t shortVal)
{
	TEE_BigInt s[HDR + 1];

	TEE_BigIntInit(s, HDR + 1);
	TEE_BigIntConvertFromS32(s, shortVal);
	return TEE_BigIntCmp(op, s);
}

void TEE_BigIntShiftRight(TEE_BigInt *dest, const TEE_BigInt *op, size_t bits)
{
	if (bigint_call(UTEE_BIGINT_SHIFT_RIGHT, dest, NULL, NULL, op, NULL,
			NULL, (int64_t)(bits > 0x7fffffff ? 0x7fffffff : bits),
			NULL))
		TEE_Panic(TEE_ERROR_OVERFLOW);
}

bool TEE_BigIntGetBit(const TEE_BigInt *src, uint32_t bitIndex)
{
	if (bitIndex / 32 >= bi_used(src))
		return false;
	return (src[HDR + bitIndex / 32] >> (bitIndex % 32)) & 1;
}

uint32_t TEE_BigIntGetBitCount(const TEE_BigInt *src)
{
	uint32_t used = bi_used(src), top, bits;

	if (!used)
		return 0;
	top = src[HDR + used - 1];
	for (bits = 0; top; top >>= 1)
		bits++;
	return (used - 1) * 32 + bits;
}

TEE_Result TEE_BigIntSetBit(TEE_BigInt *op, uint32_t bitIndex, bool value)
{
	uint32_t word = bitIndex / 32, used = bi_used(op), i;

	if (word >= op[1])
		return TEE_ERROR_OVERFLOW;
	for (i = used; i <= word; i++)
		op[HDR + i] = 0;
	if (value)
		op[HDR + word] |= 1u << (bitIndex % 32);
	else
		op[HDR + word] &= ~(1u << (bitIndex % 32));
	bi_normalize(op, used > word + 1 ? used : word + 1, bi_neg(op));
	return TEE_SUCCESS;
}

TEE_Result TEE_BigIntAssign(TEE_BigInt *dest, const TEE_BigInt *src)
{
	uint32_t used = bi_used(src), i;

	if (dest == src)
		return TEE_SUCCESS;
	if (used > dest[1])
		return TEE_ERROR_OVERFLOW;
	for (i = 0; i < used; i++)
		dest[HDR + i] = src[HDR + i];
	dest[0] = src[0];
	return TEE_SUCCESS;
}

TEE_Result TEE_BigIntAbs(TEE_BigInt *dest, const TEE_BigInt *src)
{
	TEE_Result res = TEE_BigIntAssign(dest, src);

	if (!res)
		dest[0] &= ~UTEE_BIGINT_SIGN_NEG;
	return res;
}

void TEE_BigIntAdd(TEE_BigInt *dest, const TEE_BigInt *op1,
		   const TEE_BigInt *op2)
{
	bigint_must(UTEE_BIGINT_ADD, dest, NULL, op1, op2, NULL);
}

void TEE_BigIntSub(TEE_BigInt *dest, const TEE_BigInt *op1,
		   const TEE_BigInt *op2)
{
	bigint_must(UTEE_BIGINT_SUB, dest, NULL, op1, op2, NULL);
}

void TEE_BigIntNeg(TEE_BigInt *dest, const TEE_BigInt *op)
{
	bigint_must(UTEE_BIGINT_NEG, dest, NULL, op, NULL, NULL);
}

void TEE_BigIntMul(TEE_BigInt *dest, const TEE_BigInt *op1,
		   const TEE_BigInt *op2)
{
	bigint_must(UTEE_BIGINT_MUL, dest, NULL, op1, op2, NULL);
}

void TEE_BigIntSquare(TEE_BigInt *dest, const TEE_BigInt *op)
{
	bigint_must(UTEE_BIGINT_SQUARE, dest, NULL, op, NULL, NULL);
}

void TEE_BigIntDiv(TEE_BigInt *dest_q, TEE_BigInt *dest_r,
		   const TEE_BigInt *op1, const TEE_BigInt *op2)
{
	bigint_must(UTEE_BIGINT_DIV, dest_q, dest_r, op1, op2, NULL);
}

void TEE_BigIntMod(TEE_BigInt *dest, const TEE_BigInt *op, const TEE_BigInt *n)
{
	bigint_must(UTEE_BIGINT_MOD, dest, NULL, op, n, NULL);
}

void TEE_BigIntAddMod(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, const TEE_BigInt *n)
{
	bigint_must(UTEE_BIGINT_ADD_MOD, dest, NULL, op1, op2, n);
}

void TEE_BigIntSubMod(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, const TEE_BigInt *n)
{
	bigint_must(UTEE_BIGINT_SUB_MOD, dest, NULL, op1, op2, n);
}

void TEE_BigIntMulMod(TEE_BigInt *dest, const TEE_BigInt *op1,
		      const TEE_BigInt *op2, const TEE_BigInt *n)
{
	bigint_must(UTEE_BIGINT_MUL_MOD, dest, NULL, op1, op2, n);
}

void TEE_BigIntSquareMod(TEE_BigInt *dest, const TEE_BigInt *op,
			 const TEE_BigInt *n)
{
	bigint_must(UTEE_BIGINT_SQUARE_MOD, dest, NULL, op, n, NULL);
}

void TEE_BigIntInvMod(TEE_BigInt *dest, const TEE_BigInt *op,
		      const TEE_BigInt *n)
{
	bigint_must(UTEE_BIGINT_INV_MOD, dest, NULL, op, n, NULL);
}

TEE_Result TEE_BigIntExpMod(TEE_BigInt *dest, const TEE_BigInt *op1,
			    const TEE_BigInt *op2, const TEE_BigInt *n,
			    const TEE_BigIntFMMContext *context)
{
	(void)context;
	bigint_must(UTEE_BIGINT_EXP_MOD, dest, NULL, op1, op2, n);
	return TEE_SUCCESS;
}

bool TEE_BigIntRelativePrime(const TEE_BigInt *op1, const TEE_BigInt *op2)
{
	int64_t r = 0;

	if (bigint_call(UTEE_BIGINT_RELATIVE_PRIME, NULL, NULL, NULL, op1, op2,
			NULL, 0, &r))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	return r != 0;
}

void TEE_BigIntComputeExtendedGcd(TEE_BigInt *gcd, TEE_BigInt *u,
				  TEE_BigInt *v, const TEE_BigInt *op1,
				  const TEE_BigInt *op2)
{
	TEE_Result res = bigint_call(UTEE_BIGINT_EXT_GCD, gcd, u, v, op1, op2,
				     NULL, 0, NULL);

	if (res)
		TEE_Panic(res);
}

int32_t TEE_BigIntIsProbablePrime(const TEE_BigInt *op,
				  uint32_t confidenceLevel)
{
	int64_t r = 0;

	if (bigint_call(UTEE_BIGINT_IS_PRIME, NULL, NULL, NULL, op, NULL, NULL,
			confidenceLevel, &r))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	return (int32_t)r;
}

void TEE_BigIntConvertToFMM(TEE_BigIntFMM *dest, const TEE_BigInt *src,
			    const TEE_BigInt *n,
			    const TEE_BigIntFMMContext *context)
{
	(void)context;
	bigint_must(UTEE_BIGINT_TO_FMM, dest, NULL, src, n, NULL);
}

void TEE_BigIntConvertFromFMM(TEE_BigInt *dest, const TEE_BigIntFMM *src,
			      const TEE_BigInt *n,
			      const TEE_BigIntFMMContext *context)
{
	(void)context;
	bigint_must(UTEE_BIGINT_FROM_FMM, dest, NULL, src, n, NULL);
}

void TEE_BigIntComputeFMM(TEE_BigIntFMM *dest, const TEE_BigIntFMM *op1,
			  const TEE_BigIntFMM *op2, const TEE_BigInt *n,
			  const TEE_BigIntFMMContext *context)
{
	(void)context;
	bigint_must(UTEE_BIGINT_COMPUTE_FMM, dest, NULL, op1, op2, n);
}
