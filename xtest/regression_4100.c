/*
 * 4101-4103: the TEE Arithmetical API. Known answers from
 * vectors/bigint.txt on both crypto_test TAs, GP's conversion, sign and
 * overflow rules checked in the TA, and the panics of void functions whose
 * result does not fit or whose operands are not allowed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>

#include "crypto_helpers.h"

static const struct { const char *name; uint32_t op; } bi_ops[] = {
	{ "ADD", CT_BI_ADD }, { "SUB", CT_BI_SUB }, { "MUL", CT_BI_MUL },
	{ "SQUARE", CT_BI_SQUARE }, { "NEG", CT_BI_NEG }, { "DIV", CT_BI_DIV },
	{ "MOD", CT_BI_MOD }, { "ADD_MOD", CT_BI_ADD_MOD },
	{ "SUB_MOD", CT_BI_SUB_MOD }, { "MUL_MOD", CT_BI_MUL_MOD },
	{ "SQUARE_MOD", CT_BI_SQUARE_MOD }, { "INV_MOD", CT_BI_INV_MOD },
	{ "EXP_MOD", CT_BI_EXP_MOD }, { "GCD", CT_BI_GCD },
	{ "IS_PRIME", CT_BI_IS_PRIME }, { "CMP", CT_BI_CMP },
	{ "SHIFT_RIGHT", CT_BI_SHIFT_RIGHT }, { "FMM", CT_BI_FMM },
	{ "RELATIVE_PRIME", CT_BI_RELATIVE_PRIME },
};

struct bi_run {
	TEEC_Context *ctx;
	TEEC_Session *sess;
	const TEEC_UUID *uuid;
	unsigned int count;
};

/* The TA's result (sign byte, magnitude) against the record's. */
static bool bi_same(const uint8_t *got, size_t len, const struct ct_field *w)
{
	const uint8_t *m = w->bytes + 1;
	size_t ml = w->len - 1;

	while (ml && !*m) {
		m++;
		ml--;
	}
	if (!ml)
		return len == 1;
	return len == ml + 1 && got[0] == w->bytes[0] && !memcmp(got + 1, m, ml);
}

/* A sign byte ('+' or '-') and a big-endian magnitude as a BIGNUM. */
static BIGNUM *bi_bn(const uint8_t *v, size_t len)
{
	BIGNUM *n = BN_bin2bn(v + 1, (int)(len - 1), NULL);

	if (!n)
		xtest_fail("out of memory");
	BN_set_negative(n, v[0] == '-');
	return n;
}

/*
 * GP defines TEE_BigIntComputeExtendedGcd's u and v by u*op1 + v*op2 = gcd
 * alone: any such pair is the answer, not only the smallest one.
 */
static bool bi_bezout_holds(const struct ct_rec *r, const uint8_t *u,
			    size_t ul, const uint8_t *v, size_t vl)
{
	const struct ct_field *fa = ct_rec_get(r, "a"), *fb = ct_rec_get(r, "b");
	const struct ct_field *fg = ct_rec_get(r, "r");
	BIGNUM *a = bi_bn(fa->bytes, fa->len), *b = bi_bn(fb->bytes, fb->len);
	BIGNUM *g = bi_bn(fg->bytes, fg->len), *bu = bi_bn(u, ul);
	BIGNUM *bv = bi_bn(v, vl), *sum = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	bool ok;

	ok = sum && ctx && BN_mul(a, a, bu, ctx) && BN_mul(b, b, bv, ctx) &&
	     BN_add(sum, a, b) && !BN_cmp(sum, g);
	BN_free(a);
	BN_free(b);
	BN_free(g);
	BN_free(bu);
	BN_free(bv);
	BN_free(sum);
	BN_CTX_free(ctx);
	return ok;
}

static void bi_record(const struct ct_rec *r, void *arg)
{
	static const char *const operands[] = { "a", "b", "n" };
	static const char *const results[] = { "r", "r2", "r3" };
	struct bi_run *br = arg;
	const struct ct_field *f = ct_rec_get(r, "op"), *want;
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
		TEEC_VALUE_INPUT, TEEC_MEMREF_TEMP_INPUT, TEEC_VALUE_OUTPUT,
		TEEC_MEMREF_TEMP_OUTPUT));
	struct ct_blob b = { 0 };
	uint8_t out[4096];
	uint32_t origin = 0, code = 0, tag, len;
	const uint8_t *got[3] = { NULL, NULL, NULL };
	size_t i, pos = 0, k = 0, got_len[3] = { 0, 0, 0 };
	TEEC_Result res;
	bool bezout;

	for (i = 0; f && i < sizeof(bi_ops) / sizeof(bi_ops[0]); i++)
		if (!strcmp(bi_ops[i].name, f->text))
			code = bi_ops[i].op;
	if (!code)
		xtest_fail("bigint.txt:%u: unknown op", r->line);
	for (i = 0; i < 3; i++)
		if ((f = ct_rec_get(r, operands[i])))
			ct_blob_add(&b, CT_T_BI_OP1 + (uint32_t)i, f->bytes,
				    f->len);
	op.params[0].value.a = code;
	f = ct_rec_get(r, "shift");
	op.params[0].value.b = f ? (uint32_t)strtoul(f->text, NULL, 0) : 0;
	op.params[1].tmpref.buffer = b.buf;
	op.params[1].tmpref.size = b.len;
	op.params[3].tmpref.buffer = out;
	op.params[3].tmpref.size = sizeof(out);
	res = TEEC_InvokeCommand(br->sess, CT_CMD_BIGINT, &op, &origin);
	ct_blob_free(&b);
	br->count++;
	/* A wrong record is reported and the next one runs (a new session
	 * after a panic). */
	if (res) {
		xtest_expect_fail("bigint.txt:%u (%s): 0x%08x from origin %u",
				  r->line, ct_rec_get(r, "op")->text, res,
				  origin);
		if (res == TEEC_ERROR_TARGET_DEAD) {
			TEEC_CloseSession(br->sess);
			xtest_open_session(br->ctx, br->sess, br->uuid);
		}
		return;
	}
	/* A prime may be proven (1) or found probable (-1): both are right. */
	if ((f = ct_rec_get(r, "result")) && code == CT_BI_IS_PRIME &&
	    atoi(f->text) == -1 && (int32_t)op.params[2].value.a == 1)
		f = NULL;
	if (f && (int32_t)op.params[2].value.a != atoi(f->text))
		xtest_expect_fail("bigint.txt:%u (%s): result %d, expected %s",
				  r->line, ct_rec_get(r, "op")->text,
				  (int32_t)op.params[2].value.a, f->text);
	while (pos + 8 <= op.params[3].tmpref.size && k < 3) {
		memcpy(&tag, out + pos, 4);
		memcpy(&len, out + pos + 4, 4);
		if (!len || len > op.params[3].tmpref.size - pos - 8)
			break;
		got[k] = out + pos + 8;
		got_len[k] = len;
		pos += 8 + len;
		k++;
	}
	if (ct_rec_get(r, "r") && !k)
		xtest_expect_fail("bigint.txt:%u: no result", r->line);
	bezout = code == CT_BI_GCD && k == 3 &&
		 bi_bezout_holds(r, got[1], got_len[1], got[2], got_len[2]);
	for (i = 0; i < k; i++) {
		want = ct_rec_get(r, results[i]);
		/* GCD's u and v: checked together, by the identity. */
		if (!want || bi_same(got[i], got_len[i], want) ||
		    (i && bezout))
			continue;
		xtest_expect_fail("bigint.txt:%u (%s): %s is %c%s", r->line,
				  ct_rec_get(r, "op")->text, results[i],
				  got[i][0], ct_hex(got[i] + 1, got_len[i] - 1));
	}
}

static void bi_kat(const TEEC_UUID *uuid)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	struct bi_run br = { &ctx, &sess, uuid, 0 };

	ct_open(&ctx, &sess, uuid);
	ct_vectors_each("bigint.txt", bi_record, &br);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	ASSERT_TRUE(br.count > 0);
	print_message("bigint.txt: %u records\n", br.count);
}

static void t4101_kat(void **state)
{
	(void)state;
	bi_kat(&crypto_test_uuid);
}

static void t4101_kat_gp11(void **state)
{
	(void)state;
	bi_kat(&crypto_test_gp11_uuid);
}

static void t4102_convert(void **state)
{
	(void)state;
	ct_selftest(&crypto_test_uuid, CT_ST_BI_CONVERT);
	ct_selftest(&crypto_test_gp11_uuid, CT_ST_BI_CONVERT);
}

static void t4102_bits(void **state)
{
	(void)state;
	ct_selftest(&crypto_test_uuid, CT_ST_BI_BITS);
}

static void t4102_fmm(void **state)
{
	(void)state;
	ct_selftest(&crypto_test_uuid, CT_ST_BI_FMM);
	ct_selftest(&crypto_test_gp11_uuid, CT_ST_BI_FMM);
}

static void bi_misuse(uint32_t which)
{
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
		TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE));

	op.params[0].value.a = which;
	ct_expect_panic(&crypto_test_uuid, CT_CMD_MISUSE, &op);
}

static void t4103_overflow(void **state)
{
	(void)state;
	bi_misuse(CT_MU_BIGINT_OVERFLOW);
}

static void t4103_div_zero(void **state)
{
	(void)state;
	bi_misuse(CT_MU_BIGINT_DIV_ZERO);
}

static const struct xtest_sub subs_4101[] = {
	{ 1, "known answers of every operation (v1.3.1 API)", t4101_kat },
	{ 2, "known answers of every operation (v1.1 API)", t4101_kat_gp11 },
};
XTEST_CASE(case_4101, .id = "4101", .suite = "regression",
	   .title = "Arithmetical API: known answers",
	   .subs = subs_4101, .nsubs = XTEST_ARRAY_SIZE(subs_4101));

static const struct xtest_sub subs_4102[] = {
	{ 1, "octet strings and int32: sign, overflow, short buffer",
	  t4102_convert },
	{ 2, "bits, shifts, assign and abs", t4102_bits },
	{ 3, "fast modular multiplication with odd and even moduli",
	  t4102_fmm },
};
XTEST_CASE(case_4102, .id = "4102", .suite = "regression",
	   .title = "Arithmetical API: GP's conversion and overflow rules",
	   .subs = subs_4102, .nsubs = XTEST_ARRAY_SIZE(subs_4102));

static const struct xtest_sub subs_4103[] = {
	{ 1, "a sum too big for its destination is a panic", t4103_overflow },
	{ 2, "division by zero is a panic", t4103_div_zero },
};
XTEST_CASE(case_4103, .id = "4103", .suite = "regression",
	   .title = "Arithmetical API: panics",
	   .subs = subs_4103, .nsubs = XTEST_ARRAY_SIZE(subs_4103));
