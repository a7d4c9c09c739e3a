/*
 * CT_CMD_BIGINT: one Arithmetical API call on operands from xtest (known
 * answers from its data files), and the arithmetic self tests.
 */
#include <string.h>

#define CT_FILE	CT_FILE_BIGINT
#include "ct.h"

#define CT_BI_BITS	8192
#define CT_BI_WORDS	TEE_BigIntSizeInU32(CT_BI_BITS)

static TEE_BigInt bi_op[3][CT_BI_WORDS];
static TEE_BigInt bi_res[3][CT_BI_WORDS];

static TEE_Result bi_load(TEE_BigInt *b, const struct ct_tlv *t)
{
	TEE_BigIntInit(b, CT_BI_WORDS);
	if (!t->len)
		return TEE_ERROR_BAD_FORMAT;
	return TEE_BigIntConvertFromOctetString(b, t->val + 1, t->len - 1,
						t->val[0] == '-' ? -1 : 1);
}

/* Appends a TLV { tag, sign byte + magnitude } to out. */
static TEE_Result bi_store(uint8_t *out, size_t cap, size_t *pos,
			   uint32_t tag, const TEE_BigInt *b)
{
	ct_len_t len;
	uint32_t l32;
	TEE_Result res;

	if (*pos + 9 > cap)
		return TEE_ERROR_SHORT_BUFFER;
	len = cap - *pos - 9;
	res = TEE_BigIntConvertToOctetString(out + *pos + 9, &len, b);
	if (res)
		return res;
	out[*pos + 8] = TEE_BigIntCmpS32(b, 0) < 0 ? '-' : '+';
	l32 = (uint32_t)len + 1;
	memcpy(out + *pos, &tag, 4);
	memcpy(out + *pos + 4, &l32, 4);
	*pos += 9 + len;
	return TEE_SUCCESS;
}

TEE_Result ct_bigint(uint32_t types, TEE_Param p[4])
{
	struct ct_tlv t;
	int32_t scalar = 0;
	unsigned int nres = 1, i;
	size_t pos = 0;
	TEE_Result res;
	TEE_BigIntFMMContext *ctx = bi_res[2];

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_MEMREF_INPUT,
				     TEE_PARAM_TYPE_VALUE_OUTPUT,
				     TEE_PARAM_TYPE_MEMREF_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < 3; i++) {
		TEE_BigIntInit(bi_op[i], CT_BI_WORDS);
		TEE_BigIntInit(bi_res[i], CT_BI_WORDS);
		if (ct_tlv_find(p[1].memref.buffer, p[1].memref.size,
				CT_T_BI_OP1 + i, &t)) {
			res = bi_load(bi_op[i], &t);
			if (res)
				return res;
		}
	}
	switch (p[0].value.a) {
	case CT_BI_ADD: TEE_BigIntAdd(bi_res[0], bi_op[0], bi_op[1]); break;
	case CT_BI_SUB: TEE_BigIntSub(bi_res[0], bi_op[0], bi_op[1]); break;
	case CT_BI_MUL: TEE_BigIntMul(bi_res[0], bi_op[0], bi_op[1]); break;
	case CT_BI_SQUARE: TEE_BigIntSquare(bi_res[0], bi_op[0]); break;
	case CT_BI_NEG: TEE_BigIntNeg(bi_res[0], bi_op[0]); break;
	case CT_BI_DIV:
		TEE_BigIntDiv(bi_res[0], bi_res[1], bi_op[0], bi_op[1]);
		nres = 2;
		break;
	case CT_BI_MOD: TEE_BigIntMod(bi_res[0], bi_op[0], bi_op[1]); break;
	case CT_BI_ADD_MOD:
		TEE_BigIntAddMod(bi_res[0], bi_op[0], bi_op[1], bi_op[2]);
		break;
	case CT_BI_SUB_MOD:
		TEE_BigIntSubMod(bi_res[0], bi_op[0], bi_op[1], bi_op[2]);
		break;
	case CT_BI_MUL_MOD:
		TEE_BigIntMulMod(bi_res[0], bi_op[0], bi_op[1], bi_op[2]);
		break;
	case CT_BI_SQUARE_MOD:
		TEE_BigIntSquareMod(bi_res[0], bi_op[0], bi_op[2]);
		break;
	case CT_BI_INV_MOD:
		TEE_BigIntInvMod(bi_res[0], bi_op[0], bi_op[2]);
		break;
	case CT_BI_EXP_MOD:
		TEE_BigIntInitFMMContext(ctx, CT_BI_WORDS, bi_op[2]);
		res = TEE_BigIntExpMod(bi_res[0], bi_op[0], bi_op[1],
				       bi_op[2], ctx);
		if (res)
			return res;
		break;
	case CT_BI_GCD:
		TEE_BigIntComputeExtendedGcd(bi_res[0], bi_res[1], bi_res[2],
					     bi_op[0], bi_op[1]);
		nres = 3;
		break;
	case CT_BI_IS_PRIME:
		scalar = TEE_BigIntIsProbablePrime(bi_op[0], 80);
		nres = 0;
		break;
	case CT_BI_RELATIVE_PRIME:
		scalar = TEE_BigIntRelativePrime(bi_op[0], bi_op[1]);
		nres = 0;
		break;
	case CT_BI_CMP:
		scalar = TEE_BigIntCmp(bi_op[0], bi_op[1]);
		nres = 0;
		break;
	case CT_BI_SHIFT_RIGHT:
		TEE_BigIntShiftRight(bi_res[0], bi_op[0], p[0].value.b);
		break;
	case CT_BI_FMM: {
		/* op1 * op2 mod op3 through the FMM functions. */
		static TEE_BigIntFMM fa[CT_BI_WORDS], fb[CT_BI_WORDS],
				     fr[CT_BI_WORDS];

		TEE_BigIntInitFMMContext(ctx, CT_BI_WORDS, bi_op[2]);
		TEE_BigIntInitFMM(fa, CT_BI_WORDS);
		TEE_BigIntInitFMM(fb, CT_BI_WORDS);
		TEE_BigIntInitFMM(fr, CT_BI_WORDS);
		TEE_BigIntConvertToFMM(fa, bi_op[0], bi_op[2], ctx);
		TEE_BigIntConvertToFMM(fb, bi_op[1], bi_op[2], ctx);
		TEE_BigIntComputeFMM(fr, fa, fb, bi_op[2], ctx);
		TEE_BigIntConvertFromFMM(bi_res[0], fr, bi_op[2], ctx);
		break;
	}
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
	p[2].value.a = (uint32_t)scalar;
	for (i = 0; i < nres; i++) {
		res = bi_store(p[3].memref.buffer, p[3].memref.size, &pos,
			       CT_T_BI_OP1 + i, bi_res[i]);
		if (res)
			return res;
	}
	p[3].memref.size = pos;
	return TEE_SUCCESS;
}


static void bi_convert(void)
{
	static const uint8_t big[9] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	TEE_BigInt a[TEE_BigIntSizeInU32(64)], b[TEE_BigIntSizeInU32(128)];
	uint8_t out[16];
	ct_len_t len = sizeof(out);
	int32_t v = 0;

	TEE_BigIntInit(a, TEE_BigIntSizeInU32(64));
	TEE_BigIntInit(b, TEE_BigIntSizeInU32(128));
	/* Nine bytes do not fit 64 bits; they fit 128. */
	EXPECT(TEE_BigIntConvertFromOctetString(a, big, 9, 1),
	       TEE_ERROR_OVERFLOW);
	EXPECT(TEE_BigIntConvertFromOctetString(b, big, 9, -1), TEE_SUCCESS);
	EXPECT_TRUE(TEE_BigIntCmpS32(b, 0) < 0);
	EXPECT(TEE_BigIntConvertToOctetString(out, &len, b), TEE_SUCCESS);
	EXPECT_TRUE(len == 9 && !memcmp(out, big, 9));
	len = 8;
	EXPECT(TEE_BigIntConvertToOctetString(out, &len, b),
	       TEE_ERROR_SHORT_BUFFER);
	EXPECT_TRUE(len == 9);
	/* Leading zeros do not count. */
	EXPECT(TEE_BigIntConvertFromOctetString(a, (const uint8_t *)
		"\0\0\0\0\0\0\0\0\0\x7f", 10, 1), TEE_SUCCESS);
	EXPECT(TEE_BigIntConvertToS32(&v, a), TEE_SUCCESS);
	EXPECT_TRUE(v == 127);
	EXPECT(TEE_BigIntConvertToS32(&v, b), TEE_ERROR_OVERFLOW);
	TEE_BigIntConvertFromS32(a, -2147483647 - 1);
	EXPECT(TEE_BigIntConvertToS32(&v, a), TEE_SUCCESS);
	EXPECT_TRUE(v == -2147483647 - 1);
	TEE_BigIntNeg(a, a);
	EXPECT(TEE_BigIntConvertToS32(&v, a), TEE_ERROR_OVERFLOW);
	TEE_BigIntConvertFromS32(a, 0);
	len = sizeof(out);
	EXPECT(TEE_BigIntConvertToOctetString(out, &len, a), TEE_SUCCESS);
	EXPECT_TRUE(len == 0);
	EXPECT_TRUE(TEE_BigIntCmpS32(a, 0) == 0);
	TEE_BigIntConvertFromS32(a, -7);
	EXPECT_TRUE(TEE_BigIntCmpS32(a, -8) > 0 && TEE_BigIntCmpS32(a, -7) == 0
		    && TEE_BigIntCmpS32(a, 3) < 0);
	/* Negative zero is zero. */
	EXPECT(TEE_BigIntConvertFromOctetString(a, (const uint8_t *)"\0", 1,
						-1), TEE_SUCCESS);
	EXPECT_TRUE(TEE_BigIntCmpS32(a, 0) == 0);
}

static void bi_bits(void)
{
	TEE_BigInt a[TEE_BigIntSizeInU32(64)], b[TEE_BigIntSizeInU32(32)];
	TEE_BigInt c[TEE_BigIntSizeInU32(96)];
	int32_t v = 0;

	TEE_BigIntInit(a, TEE_BigIntSizeInU32(64));
	TEE_BigIntInit(b, TEE_BigIntSizeInU32(32));
	TEE_BigIntInit(c, TEE_BigIntSizeInU32(96));
	EXPECT_TRUE(TEE_BigIntGetBitCount(a) == 0);
	EXPECT(TEE_BigIntSetBit(a, 63, true), TEE_SUCCESS);
	EXPECT_TRUE(TEE_BigIntGetBitCount(a) == 64);
	EXPECT_TRUE(TEE_BigIntGetBit(a, 63) && !TEE_BigIntGetBit(a, 62) &&
		    !TEE_BigIntGetBit(a, 200));
	EXPECT(TEE_BigIntSetBit(a, 64, true), TEE_ERROR_OVERFLOW);
	/* 2^63 does not fit 32 bits, 2^63 >> 40 does. */
	EXPECT(TEE_BigIntAssign(b, a), TEE_ERROR_OVERFLOW);
	TEE_BigIntShiftRight(c, a, 40);
	EXPECT(TEE_BigIntAssign(b, c), TEE_SUCCESS);
	EXPECT(TEE_BigIntConvertToS32(&v, b), TEE_SUCCESS);
	EXPECT_TRUE(v == 1 << 23);
	EXPECT(TEE_BigIntSetBit(a, 63, false), TEE_SUCCESS);
	EXPECT_TRUE(TEE_BigIntGetBitCount(a) == 0);
	TEE_BigIntConvertFromS32(b, -42);
	EXPECT(TEE_BigIntAbs(c, b), TEE_SUCCESS);
	EXPECT(TEE_BigIntConvertToS32(&v, c), TEE_SUCCESS);
	EXPECT_TRUE(v == 42);
	TEE_BigIntShiftRight(c, c, 100);
	EXPECT_TRUE(TEE_BigIntCmpS32(c, 0) == 0);
	EXPECT_TRUE(TEE_BigIntFMMSizeInU32(256) >= TEE_BigIntSizeInU32(256) &&
		    TEE_BigIntFMMContextSizeInU32(256) > 0);
}

static void bi_fmm(void)
{
	/* n = 2^61 - 1 (a prime), and an even modulus. */
	static const uint8_t n_odd[8] = { 0x1f, 0xff, 0xff, 0xff,
					  0xff, 0xff, 0xff, 0xff };
	TEE_BigInt n[TEE_BigIntSizeInU32(64)], a[TEE_BigIntSizeInU32(64)],
		   b[TEE_BigIntSizeInU32(64)], r1[TEE_BigIntSizeInU32(64)],
		   r2[TEE_BigIntSizeInU32(64)];
	TEE_BigIntFMM fa[TEE_BigIntSizeInU32(64)], fb[TEE_BigIntSizeInU32(64)],
		      fr[TEE_BigIntSizeInU32(64)];
	TEE_BigIntFMMContext ctx[TEE_BigIntSizeInU32(64)];
	size_t w = TEE_BigIntSizeInU32(64);
	int round;

	for (round = 0; round < 2; round++) {
		TEE_BigIntInit(n, w);
		TEE_BigIntInit(a, w);
		TEE_BigIntInit(b, w);
		TEE_BigIntInit(r1, w);
		TEE_BigIntInit(r2, w);
		EXPECT(TEE_BigIntConvertFromOctetString(n, n_odd, 8, 1),
		       TEE_SUCCESS);
		if (round)
			EXPECT(TEE_BigIntSetBit(n, 0, false), TEE_SUCCESS);
		TEE_BigIntConvertFromS32(a, 123456789);
		TEE_BigIntConvertFromS32(b, -987654321);
		EXPECT(TEE_BigIntInitFMMContext1(ctx, w, n), TEE_SUCCESS);
		TEE_BigIntInitFMM(fa, w);
		TEE_BigIntInitFMM(fb, w);
		TEE_BigIntInitFMM(fr, w);
		TEE_BigIntConvertToFMM(fa, a, n, ctx);
		TEE_BigIntConvertToFMM(fb, b, n, ctx);
		TEE_BigIntComputeFMM(fr, fa, fb, n, ctx);
		TEE_BigIntConvertFromFMM(r1, fr, n, ctx);
		TEE_BigIntMulMod(r2, a, b, n);
		EXPECT_TRUE(TEE_BigIntCmp(r1, r2) == 0);
		EXPECT_TRUE(TEE_BigIntCmpS32(r1, 0) > 0);
	}
	EXPECT_TRUE(TEE_BigIntIsProbablePrime(n, 80) == 0);
	TEE_BigIntSetBit(n, 0, true);
	EXPECT_TRUE(TEE_BigIntIsProbablePrime(n, 80) != 0);
	TEE_BigIntConvertFromS32(a, 97);
	EXPECT_TRUE(TEE_BigIntIsProbablePrime(a, 80) == 1);
	EXPECT_TRUE(TEE_BigIntRelativePrime(a, n));
}

void ct_bigint_selftest(uint32_t which)
{
	if (which == CT_ST_BI_CONVERT)
		bi_convert();
	else if (which == CT_ST_BI_BITS)
		bi_bits();
	else
		bi_fmm();
}
