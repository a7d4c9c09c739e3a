/* The 4000 and 4100 series' helpers (crypto_helpers.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tee_api_defines.h>
#include <tee_api_defines_extensions.h>

#include "crypto_helpers.h"

const TEEC_UUID crypto_test_uuid = TA_CRYPTO_TEST_UUID;
const TEEC_UUID crypto_test_gp11_uuid = TA_CRYPTO_TEST_GP11_UUID;

struct ct_name {
	const char *name;
	uint32_t value;
};

#define N(prefix, x)	{ #x, prefix##x }

static const struct ct_name ct_algs[] = {
	N(TEE_ALG_, MD5), N(TEE_ALG_, SHA1), N(TEE_ALG_, SHA224),
	N(TEE_ALG_, SHA256), N(TEE_ALG_, SHA384), N(TEE_ALG_, SHA512),
	N(TEE_ALG_, SHA3_224), N(TEE_ALG_, SHA3_256), N(TEE_ALG_, SHA3_384),
	N(TEE_ALG_, SHA3_512), N(TEE_ALG_, SHAKE128), N(TEE_ALG_, SHAKE256),
	N(TEE_ALG_, SM3),
	N(TEE_ALG_, AES_ECB_NOPAD), N(TEE_ALG_, AES_CBC_NOPAD),
	N(TEE_ALG_, AES_CTR), N(TEE_ALG_, AES_CTS), N(TEE_ALG_, AES_XTS),
	N(TEE_ALG_, DES_ECB_NOPAD), N(TEE_ALG_, DES_CBC_NOPAD),
	N(TEE_ALG_, DES3_ECB_NOPAD), N(TEE_ALG_, DES3_CBC_NOPAD),
	N(TEE_ALG_, SM4_ECB_NOPAD), N(TEE_ALG_, SM4_CBC_NOPAD),
	N(TEE_ALG_, SM4_CTR),
	N(TEE_ALG_, AES_CBC_MAC_NOPAD), N(TEE_ALG_, AES_CBC_MAC_PKCS5),
	N(TEE_ALG_, AES_CMAC), N(TEE_ALG_, DES_CBC_MAC_NOPAD),
	N(TEE_ALG_, DES_CBC_MAC_PKCS5), N(TEE_ALG_, DES3_CBC_MAC_NOPAD),
	N(TEE_ALG_, DES3_CBC_MAC_PKCS5),
	N(TEE_ALG_, HMAC_MD5), N(TEE_ALG_, HMAC_SHA1), N(TEE_ALG_, HMAC_SHA224),
	N(TEE_ALG_, HMAC_SHA256), N(TEE_ALG_, HMAC_SHA384),
	N(TEE_ALG_, HMAC_SHA512), N(TEE_ALG_, HMAC_SM3),
	N(TEE_ALG_, HMAC_SHA3_224), N(TEE_ALG_, HMAC_SHA3_256),
	N(TEE_ALG_, HMAC_SHA3_384), N(TEE_ALG_, HMAC_SHA3_512),
	N(TEE_ALG_, AES_CCM), N(TEE_ALG_, AES_GCM),
	N(TEE_ALG_, RSA_NOPAD), N(TEE_ALG_, RSAES_PKCS1_V1_5),
	N(TEE_ALG_, RSAES_PKCS1_OAEP_MGF1_SHA1),
	N(TEE_ALG_, RSAES_PKCS1_OAEP_MGF1_SHA224),
	N(TEE_ALG_, RSAES_PKCS1_OAEP_MGF1_SHA256),
	N(TEE_ALG_, RSAES_PKCS1_OAEP_MGF1_SHA384),
	N(TEE_ALG_, RSAES_PKCS1_OAEP_MGF1_SHA512),
	N(TEE_ALG_, RSAES_PKCS1_OAEP_MGF1_SHA3_256),
	N(TEE_ALG_, RSASSA_PKCS1_V1_5_MD5), N(TEE_ALG_, RSASSA_PKCS1_V1_5_SHA1),
	N(TEE_ALG_, RSASSA_PKCS1_V1_5_SHA224),
	N(TEE_ALG_, RSASSA_PKCS1_V1_5_SHA256),
	N(TEE_ALG_, RSASSA_PKCS1_V1_5_SHA384),
	N(TEE_ALG_, RSASSA_PKCS1_V1_5_SHA512),
	N(TEE_ALG_, RSASSA_PKCS1_V1_5_SHA3_256),
	N(TEE_ALG_, RSASSA_PKCS1_PSS_MGF1_SHA1),
	N(TEE_ALG_, RSASSA_PKCS1_PSS_MGF1_SHA224),
	N(TEE_ALG_, RSASSA_PKCS1_PSS_MGF1_SHA256),
	N(TEE_ALG_, RSASSA_PKCS1_PSS_MGF1_SHA384),
	N(TEE_ALG_, RSASSA_PKCS1_PSS_MGF1_SHA512),
	N(TEE_ALG_, RSASSA_PKCS1_PSS_MGF1_SHA3_256),
	N(TEE_ALG_, DSA_SHA1), N(TEE_ALG_, DSA_SHA224), N(TEE_ALG_, DSA_SHA256),
	N(TEE_ALG_, ECDSA_SHA1), N(TEE_ALG_, ECDSA_SHA224),
	N(TEE_ALG_, ECDSA_SHA256), N(TEE_ALG_, ECDSA_SHA384),
	N(TEE_ALG_, ECDSA_SHA512), N(TEE_ALG_, ECDSA_SHA3_256),
	N(TEE_ALG_, ED25519), N(TEE_ALG_, SM2_DSA_SM3), N(TEE_ALG_, SM2_PKE),
	N(TEE_ALG_, DH_DERIVE_SHARED_SECRET),
	N(TEE_ALG_, ECDH_DERIVE_SHARED_SECRET), N(TEE_ALG_, X25519),
	N(TEE_ALG_, HKDF_SHA1_DERIVE_KEY), N(TEE_ALG_, HKDF_SHA256_DERIVE_KEY),
	N(TEE_ALG_, PBKDF2_HMAC_SHA1_DERIVE_KEY),
	{ NULL, 0 }
};

static const struct ct_name ct_types[] = {
	N(TEE_TYPE_, AES), N(TEE_TYPE_, DES), N(TEE_TYPE_, DES3),
	N(TEE_TYPE_, SM4), N(TEE_TYPE_, HMAC_MD5), N(TEE_TYPE_, HMAC_SHA1),
	N(TEE_TYPE_, HMAC_SHA224), N(TEE_TYPE_, HMAC_SHA256),
	N(TEE_TYPE_, HMAC_SHA384), N(TEE_TYPE_, HMAC_SHA512),
	N(TEE_TYPE_, HMAC_SM3),
	N(TEE_TYPE_, HMAC_SHA3_224), N(TEE_TYPE_, HMAC_SHA3_256),
	N(TEE_TYPE_, HMAC_SHA3_384), N(TEE_TYPE_, HMAC_SHA3_512),
	N(TEE_TYPE_, GENERIC_SECRET), N(TEE_TYPE_, RSA_PUBLIC_KEY),
	N(TEE_TYPE_, RSA_KEYPAIR), N(TEE_TYPE_, DSA_PUBLIC_KEY),
	N(TEE_TYPE_, DSA_KEYPAIR), N(TEE_TYPE_, DH_KEYPAIR),
	N(TEE_TYPE_, ECDSA_PUBLIC_KEY), N(TEE_TYPE_, ECDSA_KEYPAIR),
	N(TEE_TYPE_, ECDH_KEYPAIR), N(TEE_TYPE_, ED25519_PUBLIC_KEY),
	N(TEE_TYPE_, ED25519_KEYPAIR), N(TEE_TYPE_, X25519_KEYPAIR),
	N(TEE_TYPE_, SM2_DSA_KEYPAIR), N(TEE_TYPE_, SM2_PKE_KEYPAIR),
	N(TEE_TYPE_, SM2_PKE_PUBLIC_KEY),
	N(TEE_TYPE_, HKDF_IKM), N(TEE_TYPE_, PBKDF2_PASSWORD),
	{ NULL, 0 }
};

static const struct ct_name ct_results[] = {
	N(TEEC_, SUCCESS), N(TEEC_ERROR_, SHORT_BUFFER),
	N(TEEC_ERROR_, BAD_PARAMETERS), N(TEEC_ERROR_, NOT_SUPPORTED),
	{ "MAC_INVALID", TEE_ERROR_MAC_INVALID },
	{ "SIGNATURE_INVALID", TEE_ERROR_SIGNATURE_INVALID },
	{ NULL, 0 }
};

static const struct ct_name ct_curves[] = {
	{ "P192", TEE_ECC_CURVE_NIST_P192 }, { "P224", TEE_ECC_CURVE_NIST_P224 },
	{ "P256", TEE_ECC_CURVE_NIST_P256 }, { "P384", TEE_ECC_CURVE_NIST_P384 },
	{ "P521", TEE_ECC_CURVE_NIST_P521 }, { NULL, 0 }
};

/* Record fields that become key attributes, by name. */
static const struct ct_name ct_key_attrs[] = {
	{ "key", TEE_ATTR_SECRET_VALUE },
	{ "n", TEE_ATTR_RSA_MODULUS }, { "e", TEE_ATTR_RSA_PUBLIC_EXPONENT },
	{ "d", TEE_ATTR_RSA_PRIVATE_EXPONENT }, { "p", TEE_ATTR_RSA_PRIME1 },
	{ "q", TEE_ATTR_RSA_PRIME2 }, { "dp", TEE_ATTR_RSA_EXPONENT1 },
	{ "dq", TEE_ATTR_RSA_EXPONENT2 }, { "qinv", TEE_ATTR_RSA_COEFFICIENT },
	{ "dsa_p", TEE_ATTR_DSA_PRIME }, { "dsa_q", TEE_ATTR_DSA_SUBPRIME },
	{ "dsa_g", TEE_ATTR_DSA_BASE }, { "dsa_y", TEE_ATTR_DSA_PUBLIC_VALUE },
	{ "dsa_x", TEE_ATTR_DSA_PRIVATE_VALUE },
	{ "dh_p", TEE_ATTR_DH_PRIME }, { "dh_g", TEE_ATTR_DH_BASE },
	{ "dh_y", TEE_ATTR_DH_PUBLIC_VALUE }, { "dh_x", TEE_ATTR_DH_PRIVATE_VALUE },
	{ "ecc_x", TEE_ATTR_ECC_PUBLIC_VALUE_X },
	{ "ecc_y", TEE_ATTR_ECC_PUBLIC_VALUE_Y },
	{ "ecc_d", TEE_ATTR_ECC_PRIVATE_VALUE },
	{ "ed_pub", TEE_ATTR_ED25519_PUBLIC_VALUE },
	{ "ed_priv", TEE_ATTR_ED25519_PRIVATE_VALUE },
	{ "x_pub", TEE_ATTR_X25519_PUBLIC_VALUE },
	{ "x_priv", TEE_ATTR_X25519_PRIVATE_VALUE },
	{ "ikm", TEE_ATTR_HKDF_IKM }, { "password", TEE_ATTR_PBKDF2_PASSWORD },
	{ NULL, 0 }
};

/* Record fields that go to the blob as they are. */
static const struct ct_name ct_plain_tags[] = {
	{ "iv", CT_T_IV }, { "aad", CT_T_AAD }, { "tag", CT_T_TAG },
	{ "mac", CT_T_MAC }, { "sig", CT_T_SIG }, { NULL, 0 }
};

static bool ct_lookup(const struct ct_name *t, const char *name,
		      uint32_t *v)
{
	for (; t->name; t++) {
		if (!strcmp(t->name, name)) {
			*v = t->value;
			return true;
		}
	}
	return false;
}

const char *ct_alg_name(uint32_t alg)
{
	const struct ct_name *t;

	for (t = ct_algs; t->name; t++)
		if (t->value == alg)
			return t->name;
	return "?";
}

/*
 * What GP makes optional (v1.2 on): the elliptic curves, each asked for
 * with TEE_IsAlgorithmSupported and its curve, Ed25519 and X25519, the SM
 * family, SHA-3 and SHAKE and everything built on them.
 */
static bool ct_alg_optional(const char *name)
{
	static const char *const parts[] = {
		"SHA3", "SHAKE", "SM2", "SM3", "SM4", "ECDSA", "ECDH",
		"ED25519", "X25519",
	};
	size_t i;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (strstr(name, parts[i]))
			return true;
	return false;
}

/* The TEE's own TEE_IsAlgorithmSupported, asked through crypto_test. */
static TEEC_Result ct_tee_supports(uint32_t alg, uint32_t element)
{
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
		TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE));
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t origin;
	TEEC_Result res;

	ct_open(&ctx, &sess, &crypto_test_uuid);
	op.params[0].value.a = alg;
	op.params[0].value.b = element;
	res = TEEC_InvokeCommand(&sess, CT_CMD_SUPPORTED, &op, &origin);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return res;
}

bool ct_unsupported_ok(uint32_t alg, uint32_t element, TEEC_Result res,
		       uint32_t origin)
{
	return res == TEEC_ERROR_NOT_SUPPORTED &&
	       origin == TEEC_ORIGIN_TRUSTED_APP &&
	       ct_alg_optional(ct_alg_name(alg)) &&
	       ct_tee_supports(alg, element) == TEEC_ERROR_NOT_SUPPORTED;
}

uint32_t ct_alg_value(const char *name)
{
	uint32_t v = TEE_ALG_ILLEGAL_VALUE;

	ct_lookup(ct_algs, name, &v);
	return v;
}

uint32_t ct_type_value(const char *name)
{
	uint32_t v = TEE_TYPE_ILLEGAL_VALUE;

	ct_lookup(ct_types, name, &v);
	return v;
}

TEEC_Result ct_result_value(const char *name)
{
	uint32_t v = TEEC_ERROR_GENERIC;

	ct_lookup(ct_results, name, &v);
	return v;
}

const char *ct_hex(const void *buf, size_t len)
{
	static char s[2 * 300 + 4];
	const uint8_t *p = buf;
	size_t i;

	for (i = 0; i < len && i < 300; i++)
		sprintf(s + 2 * i, "%02x", p[i]);
	strcpy(s + 2 * i, len > 300 ? "..." : "");
	return s;
}

/* Decodes "text" or hex (spaces allowed) into f->bytes. */
static bool field_decode(struct ct_field *f, const char *v, size_t vlen)
{
	size_t i, n = 0;
	unsigned int x;

	f->bytes = malloc(vlen + 1);
	if (!f->bytes)
		return false;
	snprintf(f->text, sizeof(f->text), "%.*s", (int)vlen, v);
	if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
		memcpy(f->bytes, v + 1, vlen - 2);
		f->len = vlen - 2;
		return true;
	}
	/* A signed number (the arithmetic's): the sign, then hex. */
	i = 0;
	if (vlen && (v[0] == '+' || v[0] == '-')) {
		f->bytes[n++] = (uint8_t)v[0];
		i = 1;
	}
	for (; i < vlen; i++) {
		if (isspace((unsigned char)v[i]))
			continue;
		if (i + 1 >= vlen || sscanf(v + i, "%2x", &x) != 1 ||
		    !isxdigit((unsigned char)v[i + 1]))
			break;
		f->bytes[n++] = (uint8_t)x;
		i++;
	}
	f->len = n;
	return true;
}

static void rec_free(struct ct_rec *r)
{
	size_t i;

	for (i = 0; i < r->nfields; i++)
		free(r->f[i].bytes);
	r->nfields = 0;
}

const struct ct_field *ct_rec_get(const struct ct_rec *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nfields; i++)
		if (!strcmp(r->f[i].name, name))
			return &r->f[i];
	return NULL;
}

void ct_vectors_each_at(const char *file, int line, const char *name,
			void (*fn)(const struct ct_rec *rec, void *arg),
			void *arg)
{
	const char *t = NULL, *p, *eol, *eq, *ve;
	struct ct_rec rec;
	unsigned int ln = 0;
	size_t i, nl;

	for (i = 0; i < ct_vector_nfiles; i++)
		if (!strcmp(ct_vector_files[i].name, name))
			t = ct_vector_files[i].text;
	if (!t)
		xtest_fail_at(file, line, "no vector file %s", name);
	memset(&rec, 0, sizeof(rec));
	rec.file = name;
	for (p = t; *p; p = *eol ? eol + 1 : eol) {
		eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		ln++;
		while (p < eol && isspace((unsigned char)*p))
			p++;
		if (p == eol) {
			if (rec.nfields)
				fn(&rec, arg);
			rec_free(&rec);
			continue;
		}
		if (*p == '#')
			continue;
		eq = memchr(p, '=', (size_t)(eol - p));
		if (!eq || rec.nfields == CT_REC_MAX_FIELDS)
			xtest_fail_at(file, line, "%s:%u: not a name = value "
				      "line", name, ln);
		if (!rec.nfields)
			rec.line = ln;
		nl = (size_t)(eq - p);
		while (nl && isspace((unsigned char)p[nl - 1]))
			nl--;
		snprintf(rec.f[rec.nfields].name, sizeof(rec.f[0].name),
			 "%.*s", (int)nl, p);
		eq++;
		while (eq < eol && isspace((unsigned char)*eq))
			eq++;
		ve = eol;
		while (ve > eq && isspace((unsigned char)ve[-1]))
			ve--;
		if (!field_decode(&rec.f[rec.nfields], eq, (size_t)(ve - eq)))
			xtest_fail_at(file, line, "out of memory");
		rec.nfields++;
	}
	if (rec.nfields)
		fn(&rec, arg);
	rec_free(&rec);
}

void ct_blob_add(struct ct_blob *b, uint32_t tag, const void *val,
		 size_t len)
{
	uint32_t l32 = (uint32_t)len;

	if (b->len + 8 + len > b->cap) {
		b->cap = (b->len + 8 + len) * 2 + 256;
		b->buf = realloc(b->buf, b->cap);
		if (!b->buf)
			xtest_fail("out of memory");
	}
	memcpy(b->buf + b->len, &tag, 4);
	memcpy(b->buf + b->len + 4, &l32, 4);
	if (len)
		memcpy(b->buf + b->len + 8, val, len);
	b->len += 8 + len;
}

void ct_blob_u32(struct ct_blob *b, uint32_t tag, uint32_t v)
{
	ct_blob_add(b, tag, &v, 4);
}

void ct_blob_free(struct ct_blob *b)
{
	free(b->buf);
	memset(b, 0, sizeof(*b));
}

void ct_open_at(const char *file, int line, TEEC_Context *ctx,
		TEEC_Session *sess, const TEEC_UUID *uuid)
{
	xtest_context_init_at(file, line, ctx);
	xtest_open_session_at(file, line, ctx, sess, uuid);
}

TEEC_Result ct_run(TEEC_Session *s, uint32_t alg, uint32_t mode,
		   const struct ct_blob *b, const void *in, size_t in_len,
		   void *out, size_t *out_len, uint32_t *origin)
{
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
		TEEC_VALUE_INPUT, TEEC_MEMREF_TEMP_INPUT,
		TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT));
	TEEC_Result res;

	op.params[0].value.a = alg;
	op.params[0].value.b = mode;
	op.params[1].tmpref.buffer = b->buf;
	op.params[1].tmpref.size = b->len;
	op.params[2].tmpref.buffer = (void *)in;
	op.params[2].tmpref.size = in_len;
	op.params[3].tmpref.buffer = out;
	op.params[3].tmpref.size = *out_len;
	res = TEEC_InvokeCommand(s, CT_CMD_RUN, &op, origin);
	*out_len = op.params[3].tmpref.size;
	return res;
}

static uint32_t rec_mode(const struct ct_rec *r, uint32_t alg)
{
	const struct ct_field *m = ct_rec_get(r, "mode");

	if (m && !strcmp(m->text, "decrypt"))
		return TEE_MODE_DECRYPT;
	if (m && !strcmp(m->text, "sign"))
		return TEE_MODE_SIGN;
	if (m && !strcmp(m->text, "verify"))
		return TEE_MODE_VERIFY;
	switch (alg >> 28) {
	case 3: return TEE_MODE_MAC;
	case 5: return TEE_MODE_DIGEST;
	case 8: return TEE_MODE_DERIVE;
	default: return TEE_MODE_ENCRYPT;
	}
}

static void blob_opattr(struct ct_blob *b, uint32_t id, const void *val,
			size_t len)
{
	uint8_t tmp[1024];

	memcpy(tmp, &id, 4);
	memcpy(tmp + 4, val, len);
	ct_blob_add(b, CT_T_OPATTR, tmp, 4 + len);
}

static void blob_opvalue(struct ct_blob *b, uint32_t id, uint32_t a)
{
	uint32_t ab[2] = { a, 0 };

	blob_opattr(b, id, ab, sizeof(ab));
}

/* Operation parameters named by the record, as the algorithm wants them. */
static void rec_op_params(const struct ct_rec *r, uint32_t alg,
			  struct ct_blob *b)
{
	bool hkdf = (alg & 0xff) == 0xc0;
	const struct ct_field *f;

	if ((f = ct_rec_get(r, "label")))
		blob_opattr(b, TEE_ATTR_RSA_OAEP_LABEL, f->bytes, f->len);
	if ((f = ct_rec_get(r, "salt_len")))
		blob_opvalue(b, TEE_ATTR_RSA_PSS_SALT_LENGTH,
			     (uint32_t)strtoul(f->text, NULL, 0));
	if ((f = ct_rec_get(r, "peer_x")))
		blob_opattr(b, TEE_ATTR_ECC_PUBLIC_VALUE_X, f->bytes, f->len);
	if ((f = ct_rec_get(r, "peer_y")))
		blob_opattr(b, TEE_ATTR_ECC_PUBLIC_VALUE_Y, f->bytes, f->len);
	if ((f = ct_rec_get(r, "peer")))
		blob_opattr(b, alg == TEE_ALG_X25519 ?
			    TEE_ATTR_X25519_PUBLIC_VALUE :
			    TEE_ATTR_DH_PUBLIC_VALUE, f->bytes, f->len);
	if ((f = ct_rec_get(r, "salt")))
		blob_opattr(b, hkdf ? TEE_ATTR_HKDF_SALT : TEE_ATTR_PBKDF2_SALT,
			    f->bytes, f->len);
	if ((f = ct_rec_get(r, "info")))
		blob_opattr(b, TEE_ATTR_HKDF_INFO, f->bytes, f->len);
	if ((f = ct_rec_get(r, "length")))
		blob_opvalue(b, hkdf ? TEE_ATTR_HKDF_OKM_LENGTH :
			     TEE_ATTR_PBKDF2_DKM_LENGTH,
			     (uint32_t)strtoul(f->text, NULL, 0));
	if ((f = ct_rec_get(r, "iterations")))
		blob_opvalue(b, TEE_ATTR_PBKDF2_ITERATION_COUNT,
			     (uint32_t)strtoul(f->text, NULL, 0));
}

/* The record's key size: as given, or from the key, or the type's. */
static uint32_t rec_key_size(const struct ct_rec *r, uint32_t type)
{
	const struct ct_field *f = ct_rec_get(r, "size");

	if (f)
		return (uint32_t)strtoul(f->text, NULL, 0);
	if ((f = ct_rec_get(r, "key")) || (f = ct_rec_get(r, "ikm")) ||
	    (f = ct_rec_get(r, "password")))
		return (uint32_t)f->len * 8;
	(void)type;
	return 256;
}

static void rec_blob(const struct ct_rec *r, uint32_t alg, struct ct_blob *b)
{
	const struct ct_field *f;
	uint32_t type = 0, v, size;
	size_t i;

	if ((f = ct_rec_get(r, "type"))) {
		type = ct_type_value(f->text);
		ct_blob_u32(b, CT_T_KEY_TYPE, type);
		size = rec_key_size(r, type);
		ct_blob_u32(b, CT_T_KEY_SIZE, size);
	}
	if ((f = ct_rec_get(r, "opsize")))
		ct_blob_u32(b, CT_T_OP_SIZE, (uint32_t)strtoul(f->text, NULL, 0));
	for (i = 0; i < r->nfields; i++) {
		f = &r->f[i];
		if (ct_lookup(ct_key_attrs, f->name, &v))
			ct_blob_add(b, v, f->bytes, f->len);
		else if (ct_lookup(ct_plain_tags, f->name, &v))
			ct_blob_add(b, v, f->bytes, f->len);
	}
	if ((f = ct_rec_get(r, "curve")) && ct_lookup(ct_curves, f->text, &v)) {
		uint32_t ab[2] = { v, 0 };

		ct_blob_add(b, TEE_ATTR_ECC_CURVE, ab, sizeof(ab));
	}
	if ((f = ct_rec_get(r, "taglen")))
		ct_blob_u32(b, CT_T_TAG_LEN, (uint32_t)strtoul(f->text, NULL, 0));
	if ((f = ct_rec_get(r, "chunk")))
		ct_blob_u32(b, CT_T_CHUNK, (uint32_t)strtoul(f->text, NULL, 0));
	if (ct_rec_get(r, "generate"))
		ct_blob_add(b, CT_T_GENERATE, NULL, 0);
	if (ct_rec_get(r, "roundtrip"))
		ct_blob_add(b, CT_T_ROUNDTRIP, NULL, 0);
	rec_op_params(r, alg, b);
	/* The second key of XTS last: attributes after KEY2 are its own. */
	if ((f = ct_rec_get(r, "key2"))) {
		ct_blob_add(b, CT_T_KEY2, NULL, 0);
		ct_blob_add(b, TEE_ATTR_SECRET_VALUE, f->bytes, f->len);
	}
}

struct ct_file_run {
	TEEC_Context *ctx;
	TEEC_Session *sess;
	const TEEC_UUID *uuid;
	const char *file;
	int line;
	unsigned int count;
	unsigned int choice;		/* left out: this core's choice */
	unsigned int unsupported;	/* optional, and not in this TEE */
};

/* The element TEE_IsAlgorithmSupported takes for the record's key. */
static uint32_t rec_element(const struct ct_rec *r, uint32_t alg)
{
	const struct ct_field *f = ct_rec_get(r, "curve");
	uint32_t v;

	if (f && ct_lookup(ct_curves, f->text, &v))
		return v;
	if (alg == TEE_ALG_ED25519 || alg == TEE_ALG_X25519)
		return TEE_ECC_CURVE_25519;
	if (alg == TEE_ALG_SM2_DSA_SM3 || alg == TEE_ALG_SM2_PKE)
		return TEE_ECC_CURVE_SM2;
	return TEE_CRYPTO_ELEMENT_NONE;
}

/*
 * RSA without padding works on numbers: GP does not say whether a result
 * keeps the leading zero bytes of the modulus' length, so both forms of
 * the same number are the answer.
 */
static bool same_number(const uint8_t *a, size_t al, const uint8_t *b,
			size_t bl)
{
	while (al && !*a) {
		a++;
		al--;
	}
	while (bl && !*b) {
		b++;
		bl--;
	}
	return al == bl && !memcmp(a, b, al);
}

static void ct_run_record(const struct ct_rec *r, void *arg)
{
	struct ct_file_run *fr = arg;
	const struct ct_field *alg_f = ct_rec_get(r, "alg");
	const struct ct_field *in = ct_rec_get(r, "in");
	const struct ct_field *want = ct_rec_get(r, "out");
	const struct ct_field *exp = ct_rec_get(r, "expect");
	TEEC_Result want_res = exp ? ct_result_value(exp->text) : TEEC_SUCCESS;
	struct ct_blob b = { 0 };
	uint8_t out[4096];
	size_t out_len = sizeof(out);
	uint32_t alg, origin = 0;
	TEEC_Result res;

	if (!alg_f)
		xtest_fail_at(fr->file, fr->line, "%s:%u: no alg", r->file,
			      r->line);
	alg = ct_alg_value(alg_f->text);
	if (ct_rec_get(r, "choice") &&
	    (xtest_tee_lacks & XTEST_NEEDS_CORE_CHOICE)) {
		fr->choice++;
		return;
	}
	/* An XOF gives as many bytes as asked for. */
	if ((alg == TEE_ALG_SHAKE128 || alg == TEE_ALG_SHAKE256) && want)
		out_len = want->len;
	rec_blob(r, alg, &b);
	res = ct_run(fr->sess, alg, rec_mode(r, alg), &b,
		     in ? in->bytes : NULL, in ? in->len : 0, out, &out_len,
		     &origin);
	ct_blob_free(&b);
	fr->count++;
	/*
	 * Records are independent: a wrong one is reported and the file goes
	 * on, so that one run shows every record a TEE gets wrong. A TA that
	 * panicked is gone with its session: the next record gets a new one.
	 */
	if (res != want_res &&
	    ct_unsupported_ok(alg, rec_element(r, alg), res, origin)) {
		fr->unsupported++;
		return;
	}
	if (res != want_res) {
		xtest_check_failed_at(fr->file, fr->line, false,
				      "%s:%u (%s): result 0x%08x from origin "
				      "%u, expected 0x%08x", r->file, r->line,
				      alg_f->text, res, origin, want_res);
		if (res == TEEC_ERROR_TARGET_DEAD) {
			TEEC_CloseSession(fr->sess);
			xtest_open_session_at(fr->file, fr->line, fr->ctx,
					      fr->sess, fr->uuid);
		}
		return;
	}
	if (!res && want && alg == TEE_ALG_RSA_NOPAD &&
	    same_number(out, out_len, want->bytes, want->len))
		return;
	if (!res && want && (out_len != want->len ||
			     memcmp(out, want->bytes, want->len)))
		xtest_check_failed_at(fr->file, fr->line, false,
				      "%s:%u (%s): got %s (%zu bytes)",
				      r->file, r->line, alg_f->text,
				      ct_hex(out, out_len), out_len);
}

void ct_run_file_at(const char *file, int line, const TEEC_UUID *uuid,
		    const char *name)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	struct ct_file_run fr = { &ctx, &sess, uuid, file, line, 0, 0, 0 };

	ct_open_at(file, line, &ctx, &sess, uuid);
	ct_vectors_each_at(file, line, name, ct_run_record, &fr);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	if (!fr.count)
		xtest_fail_at(file, line, "%s has no records", name);
	print_message("%s: %u records", name, fr.count);
	if (fr.choice)
		print_message(", %u left out (this core's choice)", fr.choice);
	if (fr.unsupported)
		print_message(", %u not supported by this TEE (optional in "
			      "GP, and its TEE_IsAlgorithmSupported says so)",
			      fr.unsupported);
	print_message("\n");
}

void ct_expect_panic_at(const char *file, int line, const TEEC_UUID *uuid,
			uint32_t cmd, TEEC_Operation *op)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t origin = 0;
	TEEC_Result res;

	ct_open_at(file, line, &ctx, &sess, uuid);
	res = TEEC_InvokeCommand(&sess, cmd, op, &origin);
	xtest_assert_result_at(file, line, "a call GP answers with a panic",
			       res, origin, TEEC_ERROR_TARGET_DEAD,
			       TEEC_ORIGIN_TEE);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
}

static const char *ct_file_name(uint32_t file)
{
	switch (file) {
	case CT_FILE_SELFTEST: return "ct_selftest.c";
	case CT_FILE_BIGINT: return "ct_bigint.c";
	default: return "ct_?.c";
	}
}

void ct_selftest_at(const char *file, int line, const TEEC_UUID *uuid,
		    uint32_t check)
{
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
		TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_MEMREF_TEMP_OUTPUT,
		TEEC_NONE));
	struct ct_fail fails[CT_FAILS_MAX];
	char caller[32];
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t origin = 0;
	TEEC_Result res;
	size_t i, n;

	ct_open_at(file, line, &ctx, &sess, uuid);
	op.params[0].value.a = check;
	op.params[2].tmpref.buffer = fails;
	op.params[2].tmpref.size = sizeof(fails);
	res = TEEC_InvokeCommand(&sess, CT_CMD_SELFTEST, &op, &origin);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	/*
	 * The self tests are independent, and so are their steps: each failed
	 * step is reported, and the sub-case goes on to its next check.
	 */
	if (res) {
		xtest_check_failed_at(file, line, false, "self test %u: 0x%08x "
				      "from origin %u", check, res, origin);
		return;
	}
	n = op.params[2].tmpref.size / sizeof(fails[0]);
	if (n > op.params[1].value.a)
		n = op.params[1].value.a;
	for (i = 0; i < n; i++) {
		caller[0] = 0;
		if (fails[i].caller)
			snprintf(caller, sizeof(caller), " (called from line "
				 "%u)", fails[i].caller);
		xtest_check_failed_at(file, line, false, "self test %u: the "
				      "step at %s line %u%s saw 0x%08x", check,
				      ct_file_name(fails[i].file),
				      fails[i].line, caller, fails[i].res);
	}
	if (op.params[1].value.a > n)
		xtest_check_failed_at(file, line, false, "self test %u: %u "
				      "more failed steps", check,
				      op.params[1].value.a - (uint32_t)n);
}
