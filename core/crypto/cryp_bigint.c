/*
 * The Arithmetical API on OpenSSL's BIGNUM: each call reads its operands
 * from the TA's TEE_BigInt arrays (layout in teecheck/ta_abi.h), computes,
 * and writes the results back, TEE_ERROR_OVERFLOW when one does not fit.
 * The fast modular multiplication form is Montgomery's (R = 2^(32k)) for
 * odd moduli and the plain residue for even ones.
 */
#include <string.h>

#include <openssl/bn.h>

#include "cryp_priv.h"

static BIGNUM *bi_to_bn(const uint32_t *bi)
{
	uint32_t used = bi[0] & UTEE_BIGINT_USED_MASK;
	uint8_t buf[4 * 1024];
	BIGNUM *bn;
	uint32_t i, w;

	if (used > bi[1] || used * 4 > sizeof(buf))
		return NULL;
	/* Big-endian bytes, most significant word first. */
	for (i = 0; i < used; i++) {
		w = bi[UTEE_BIGINT_HDR_WORDS + used - 1 - i];
		buf[4 * i] = (uint8_t)(w >> 24);
		buf[4 * i + 1] = (uint8_t)(w >> 16);
		buf[4 * i + 2] = (uint8_t)(w >> 8);
		buf[4 * i + 3] = (uint8_t)w;
	}
	bn = BN_bin2bn(buf, (int)(4 * used), NULL);
	if (bn && (bi[0] & UTEE_BIGINT_SIGN_NEG))
		BN_set_negative(bn, 1);
	return bn;
}

static TEE_Result bn_to_bi(const BIGNUM *bn, uint32_t *bi)
{
	uint32_t words = (uint32_t)(BN_num_bytes(bn) + 3) / 4, i;
	uint8_t buf[4 * 1024];

	if (words > bi[1] || words * 4 > sizeof(buf))
		return TEE_ERROR_OVERFLOW;
	BN_bn2binpad(bn, buf, (int)(4 * words));
	for (i = 0; i < words; i++)
		bi[UTEE_BIGINT_HDR_WORDS + words - 1 - i] =
			(uint32_t)buf[4 * i] << 24 |
			(uint32_t)buf[4 * i + 1] << 16 |
			(uint32_t)buf[4 * i + 2] << 8 | buf[4 * i + 3];
	bi[0] = words | (BN_is_negative(bn) && words ?
			 UTEE_BIGINT_SIGN_NEG : 0);
	return TEE_SUCCESS;
}

/* Extended Euclid on |a|, |b|: g = u*a + v*b, signs folded into u and v. */
static bool bn_ext_gcd(BIGNUM *g, BIGNUM *u, BIGNUM *v, const BIGNUM *a,
		       const BIGNUM *b, BN_CTX *ctx)
{
	BIGNUM *r0 = BN_dup(a), *r1 = BN_dup(b), *s0 = BN_new(),
	       *s1 = BN_new(), *t0 = BN_new(), *t1 = BN_new(),
	       *q = BN_new(), *tmp = BN_new();
	bool ok = r0 && r1 && s0 && s1 && t0 && t1 && q && tmp;

	if (ok) {
		BN_set_negative(r0, 0);
		BN_set_negative(r1, 0);
		BN_zero(s1);
		BN_zero(t0);
		ok = BN_one(s0) && BN_one(t1);
	}
	while (ok && !BN_is_zero(r1)) {
		ok = BN_div(q, tmp, r0, r1, ctx) &&
		     BN_copy(r0, r1) && BN_copy(r1, tmp) &&
		     BN_mul(tmp, q, s1, ctx) && BN_sub(tmp, s0, tmp) &&
		     BN_copy(s0, s1) && BN_copy(s1, tmp) &&
		     BN_mul(tmp, q, t1, ctx) && BN_sub(tmp, t0, tmp) &&
		     BN_copy(t0, t1) && BN_copy(t1, tmp);
	}
	if (ok) {
		ok = BN_copy(g, r0) && BN_copy(u, s0) && BN_copy(v, t0);
		if (BN_is_negative(a))
			BN_set_negative(u, !BN_is_negative(u));
		if (BN_is_negative(b))
			BN_set_negative(v, !BN_is_negative(v));
	}
	BN_free(r0); BN_free(r1); BN_free(s0); BN_free(s1);
	BN_free(t0); BN_free(t1); BN_free(q); BN_free(tmp);
	return ok;
}

/* GP's answer: 0 composite, 1 certainly prime, -1 probably prime. */
static int64_t bn_prime(const BIGNUM *n, BN_CTX *ctx)
{
	BN_ULONG v, d;

	if (BN_is_negative(n) || BN_cmp(n, BN_value_one()) <= 0)
		return 0;
	if (BN_num_bits(n) <= 32) {
		v = BN_get_word(n);
		if (v < 4)
			return 1;
		if (v % 2 == 0)
			return 0;
		for (d = 3; d * d <= v; d += 2)
			if (v % d == 0)
				return 0;
		return 1;
	}
	return BN_check_prime(n, ctx, NULL) == 1 ? -1 : 0;
}

/* For odd n, Montgomery's form; for even n the residue itself. */
static bool fmm_convert(BIGNUM *r, const BIGNUM *a, const BIGNUM *n,
			int dir, BN_CTX *ctx)
{
	BN_MONT_CTX *m;
	bool ok;

	if (!BN_is_odd(n))
		return BN_nnmod(r, a, n, ctx);
	m = BN_MONT_CTX_new();
	ok = m && BN_MONT_CTX_set(m, n, ctx) && BN_nnmod(r, a, n, ctx) &&
	     (dir > 0 ? BN_to_montgomery(r, r, m, ctx) :
	      BN_from_montgomery(r, r, m, ctx));
	BN_MONT_CTX_free(m);
	return ok;
}

static bool fmm_mul(BIGNUM *r, const BIGNUM *a, const BIGNUM *b,
		    const BIGNUM *n, BN_CTX *ctx)
{
	BN_MONT_CTX *m;
	bool ok;

	if (!BN_is_odd(n))
		return BN_mod_mul(r, a, b, n, ctx);
	m = BN_MONT_CTX_new();
	ok = m && BN_MONT_CTX_set(m, n, ctx) &&
	     BN_mod_mul_montgomery(r, a, b, m, ctx);
	BN_MONT_CTX_free(m);
	return ok;
}

/* Which operands (bits 0..2) and results (bits 4..6) each call needs. */
static const uint8_t bigint_uses[] = {
	[UTEE_BIGINT_FROM_OCTETS] = 0x10,
	[UTEE_BIGINT_TO_OCTETS] = 0x01,
	[UTEE_BIGINT_CMP] = 0x03,
	[UTEE_BIGINT_SHIFT_RIGHT] = 0x11,
	[UTEE_BIGINT_ADD] = 0x13,
	[UTEE_BIGINT_SUB] = 0x13,
	[UTEE_BIGINT_NEG] = 0x11,
	[UTEE_BIGINT_MUL] = 0x13,
	[UTEE_BIGINT_SQUARE] = 0x11,
	[UTEE_BIGINT_DIV] = 0x03,
	[UTEE_BIGINT_MOD] = 0x13,
	[UTEE_BIGINT_ADD_MOD] = 0x17,
	[UTEE_BIGINT_SUB_MOD] = 0x17,
	[UTEE_BIGINT_MUL_MOD] = 0x17,
	[UTEE_BIGINT_SQUARE_MOD] = 0x13,
	[UTEE_BIGINT_INV_MOD] = 0x13,
	[UTEE_BIGINT_EXP_MOD] = 0x17,
	[UTEE_BIGINT_RELATIVE_PRIME] = 0x03,
	[UTEE_BIGINT_EXT_GCD] = 0x03,
	[UTEE_BIGINT_IS_PRIME] = 0x01,
	[UTEE_BIGINT_TO_FMM] = 0x13,
	[UTEE_BIGINT_FROM_FMM] = 0x13,
	[UTEE_BIGINT_COMPUTE_FMM] = 0x17,
};

/* The modulus operand must exceed one (GP's panics otherwise). */
static bool modulus_ok(const BIGNUM *n)
{
	return !BN_is_negative(n) && BN_cmp(n, BN_value_one()) > 0;
}

TEE_Result cryp_bigint(struct utee_bigint_args *args, uint32_t *dst[3],
		       const uint32_t *src[3])
{
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *s[3] = { NULL, NULL, NULL }, *r[3] = { NULL, NULL, NULL };
	TEE_Result res = TEE_ERROR_BAD_PARAMETERS;
	uint8_t uses;
	uint8_t buf[4 * 1024];
	size_t need;
	bool ok = false;
	int i;

	if (args->op >= sizeof(bigint_uses) || !ctx)
		goto out;
	uses = bigint_uses[args->op];
	for (i = 0; i < 3; i++) {
		if (!(uses & (1u << i)))
			continue;
		if (!src[i] || !(s[i] = bi_to_bn(src[i])))
			goto out;
	}
	for (i = 0; i < 3; i++) {
		r[i] = BN_new();
		if (!r[i])
			goto out;
		if ((uses & (0x10u << i)) && !dst[i])
			goto out;
	}
	switch (args->op) {
	case UTEE_BIGINT_FROM_OCTETS:
		ok = BN_bin2bn((const uint8_t *)(uintptr_t)args->buf,
			       (int)args->buf_len, r[0]) != NULL;
		if (ok && args->scalar < 0)
			BN_set_negative(r[0], 1);
		break;
	case UTEE_BIGINT_TO_OCTETS:
		need = (size_t)BN_num_bytes(s[0]);
		if (args->buf_len < need) {
			args->buf_len = need;
			res = TEE_ERROR_SHORT_BUFFER;
			goto out;
		}
		BN_bn2bin(s[0], (uint8_t *)(uintptr_t)args->buf);
		args->buf_len = need;
		res = TEE_SUCCESS;
		goto out;
	case UTEE_BIGINT_CMP:
		i = BN_cmp(s[0], s[1]);
		args->result = i < 0 ? -1 : i > 0;
		res = TEE_SUCCESS;
		goto out;
	case UTEE_BIGINT_SHIFT_RIGHT:
		ok = args->scalar >= 0 &&
		     BN_rshift(r[0], s[0], (int)(args->scalar > 1 << 20 ?
						 1 << 20 : args->scalar));
		break;
	case UTEE_BIGINT_ADD:
		ok = BN_add(r[0], s[0], s[1]);
		break;
	case UTEE_BIGINT_SUB:
		ok = BN_sub(r[0], s[0], s[1]);
		break;
	case UTEE_BIGINT_NEG:
		ok = BN_copy(r[0], s[0]) != NULL;
		if (ok && !BN_is_zero(r[0]))
			BN_set_negative(r[0], !BN_is_negative(s[0]));
		break;
	case UTEE_BIGINT_MUL:
		ok = BN_mul(r[0], s[0], s[1], ctx);
		break;
	case UTEE_BIGINT_SQUARE:
		ok = BN_sqr(r[0], s[0], ctx);
		break;
	case UTEE_BIGINT_DIV:
		ok = !BN_is_zero(s[1]) && BN_div(r[0], r[1], s[0], s[1], ctx);
		break;
	case UTEE_BIGINT_MOD:
		ok = modulus_ok(s[1]) && BN_nnmod(r[0], s[0], s[1], ctx);
		break;
	case UTEE_BIGINT_ADD_MOD:
		ok = modulus_ok(s[2]) &&
		     BN_mod_add(r[0], s[0], s[1], s[2], ctx);
		break;
	case UTEE_BIGINT_SUB_MOD:
		ok = modulus_ok(s[2]) &&
		     BN_mod_sub(r[0], s[0], s[1], s[2], ctx);
		break;
	case UTEE_BIGINT_MUL_MOD:
		ok = modulus_ok(s[2]) &&
		     BN_mod_mul(r[0], s[0], s[1], s[2], ctx);
		break;
	case UTEE_BIGINT_SQUARE_MOD:
		ok = modulus_ok(s[1]) && BN_mod_sqr(r[0], s[0], s[1], ctx);
		break;
	case UTEE_BIGINT_INV_MOD:
		ok = modulus_ok(s[1]) && !BN_is_zero(s[0]) &&
		     BN_mod_inverse(r[0], s[0], s[1], ctx) != NULL;
		break;
	case UTEE_BIGINT_EXP_MOD:
		ok = modulus_ok(s[2]) && !BN_is_negative(s[1]) &&
		     BN_mod_exp(r[0], s[0], s[1], s[2], ctx);
		break;
	case UTEE_BIGINT_RELATIVE_PRIME:
		ok = BN_gcd(r[0], s[0], s[1], ctx);
		args->result = ok && BN_is_one(r[0]);
		res = ok ? TEE_SUCCESS : TEE_ERROR_GENERIC;
		goto out;
	case UTEE_BIGINT_EXT_GCD:
		ok = bn_ext_gcd(r[0], r[1], r[2], s[0], s[1], ctx);
		break;
	case UTEE_BIGINT_IS_PRIME:
		args->result = bn_prime(s[0], ctx);
		res = TEE_SUCCESS;
		goto out;
	case UTEE_BIGINT_TO_FMM:
	case UTEE_BIGINT_FROM_FMM:
		ok = modulus_ok(s[1]) &&
		     fmm_convert(r[0], s[0], s[1],
				 args->op == UTEE_BIGINT_TO_FMM ? 1 : -1, ctx);
		break;
	case UTEE_BIGINT_COMPUTE_FMM:
		ok = modulus_ok(s[2]) && fmm_mul(r[0], s[0], s[1], s[2], ctx);
		break;
	default:
		goto out;
	}
	if (!ok)
		goto out;
	res = TEE_SUCCESS;
	for (i = 0; i < 3 && !res; i++)
		if (dst[i])
			res = bn_to_bi(r[i], dst[i]);
out:
	(void)buf;
	for (i = 0; i < 3; i++) {
		BN_clear_free(s[i]);
		BN_clear_free(r[i]);
	}
	BN_CTX_free(ctx);
	return res;
}
