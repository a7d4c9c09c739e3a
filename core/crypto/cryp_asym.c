/*
 * Asymmetric encryption and signatures: RSA (raw, PKCS#1 v1.5, OAEP;
 * RSASSA v1.5 and PSS), DSA, ECDSA, Ed25519 and SM2 over EVP_PKEY. GP's DSA,
 * ECDSA and SM2 signatures are r || s, each as long as the group order;
 * OpenSSL's are DER, converted here.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/rsa.h>

#include "cryp_priv.h"

static bool alg_is_rsa(const struct cryp_op *op)
{
	return op->a->key_type == TEE_TYPE_RSA_KEYPAIR;
}

static bool alg_is_pss(const struct cryp_op *op)
{
	return alg_is_rsa(op) && (op->a->alg & 0xf00u) == 0x900u;
}

static bool alg_is_oaep(const struct cryp_op *op)
{
	return alg_is_rsa(op) && (op->a->alg & 0xf00u) == 0x200u;
}

/* The bytes of r and of s in GP's r || s form. */
static size_t sig_half(const struct cryp_op *op)
{
	const struct cryp_attr *q;
	const struct cryp_attr *c;
	size_t n;

	switch (op->a->key_type) {
	case TEE_TYPE_DSA_KEYPAIR:
		q = cryp_obj_attr(&op->key[0], TEE_ATTR_DSA_SUBPRIME);
		if (!q)
			return 0;
		for (n = q->len; n && !q->buf[q->len - n]; n--)
			;
		return n;
	case TEE_TYPE_ECDSA_KEYPAIR:
		c = cryp_obj_attr(&op->key[0], TEE_ATTR_ECC_CURVE);
		return c ? cryp_curve_bytes(c->a) : 0;
	case TEE_TYPE_SM2_DSA_KEYPAIR:
		return 32;
	default:
		return 0;
	}
}

static int rsa_padding(const struct cryp_op *op)
{
	if (alg_is_pss(op))
		return RSA_PKCS1_PSS_PADDING;
	if (alg_is_oaep(op))
		return RSA_PKCS1_OAEP_PADDING;
	if (op->a->alg == TEE_ALG_RSA_NOPAD)
		return RSA_NO_PADDING;
	return RSA_PKCS1_PADDING;
}

/* RSA parameters of one call: padding, digests, label, salt length. */
static TEE_Result rsa_setup(struct cryp_op *op, EVP_PKEY_CTX *ctx,
			    const struct cryp_param *p, size_t n)
{
	const struct cryp_param *label, *salt;
	const EVP_MD *md = cryp_md(op->a->md);
	void *lab;

	if (EVP_PKEY_CTX_set_rsa_padding(ctx, rsa_padding(op)) != 1)
		return TEE_ERROR_GENERIC;
	if (op->a->family == CRYP_F_SIGN &&
	    EVP_PKEY_CTX_set_signature_md(ctx, md) != 1)
		return TEE_ERROR_GENERIC;
	if (alg_is_oaep(op)) {
		if (EVP_PKEY_CTX_set_rsa_oaep_md(ctx, md) != 1 ||
		    EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) != 1)
			return TEE_ERROR_GENERIC;
		label = cryp_param_find(p, n, TEE_ATTR_RSA_OAEP_LABEL);
		if (label && label->len) {
			lab = OPENSSL_memdup(label->buf, label->len);
			if (!lab || EVP_PKEY_CTX_set0_rsa_oaep_label(ctx, lab,
					(int)label->len) != 1)
				return TEE_ERROR_GENERIC;
		}
	}
	if (alg_is_pss(op)) {
		salt = cryp_param_find(p, n, TEE_ATTR_RSA_PSS_SALT_LENGTH);
		if (EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) != 1 ||
		    EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, salt ? (int)salt->a :
					(int)op->a->digest_len) != 1)
			return TEE_ERROR_BAD_PARAMETERS;
	}
	return TEE_SUCCESS;
}

/*
 * SM2 encryption: GP's C1 || C3 || C2 (C1 the point 04 || x || y, C3 the
 * SM3 hash, C2 the masked message) and OpenSSL's DER SEQUENCE { x, y, C3,
 * C2 }, converted both ways.
 */
static size_t der_len(uint8_t *p, size_t len)
{
	if (len < 0x80) {
		p[0] = (uint8_t)len;
		return 1;
	}
	if (len < 0x100) {
		p[0] = 0x81;
		p[1] = (uint8_t)len;
		return 2;
	}
	p[0] = 0x82;
	p[1] = (uint8_t)(len >> 8);
	p[2] = (uint8_t)len;
	return 3;
}

/* One DER element (tag, value) appended at out; the value's start in v. */
static size_t der_put(uint8_t *out, uint8_t tag, const uint8_t *v, size_t n,
		      bool integer)
{
	size_t i = 0, pad;

	while (integer && n > 1 && !*v) {
		v++;
		n--;
	}
	pad = integer && (v[0] & 0x80);
	out[i++] = tag;
	i += der_len(out + i, n + pad);
	if (pad)
		out[i++] = 0;
	memcpy(out + i, v, n);
	return i + n;
}

/* The next element of tag at *p (of end): its value and length. */
static bool der_get(const uint8_t **p, const uint8_t *end, uint8_t tag,
		    const uint8_t **v, size_t *n)
{
	const uint8_t *q = *p;
	size_t len, k;

	if (end - q < 2 || q[0] != tag)
		return false;
	len = q[1];
	q += 2;
	if (len & 0x80) {
		k = len & 0x7f;
		if (k < 1 || k > 2 || (size_t)(end - q) < k)
			return false;
		for (len = 0; k; k--)
			len = len << 8 | *q++;
	}
	if ((size_t)(end - q) < len)
		return false;
	*v = q;
	*n = len;
	*p = q + len;
	return true;
}

static TEE_Result sm2_to_gp(const uint8_t *der, size_t der_n, uint8_t *out,
			    size_t *out_len)
{
	const uint8_t *p = der, *end = der + der_n, *seq, *x, *y, *h, *c;
	size_t sn, xn, yn, hn, cn, need;
	TEE_Result res;

	if (!der_get(&p, end, 0x30, &seq, &sn))
		return TEE_ERROR_GENERIC;
	p = seq;
	end = seq + sn;
	if (!der_get(&p, end, 0x02, &x, &xn) ||
	    !der_get(&p, end, 0x02, &y, &yn) ||
	    !der_get(&p, end, 0x04, &h, &hn) ||
	    !der_get(&p, end, 0x04, &c, &cn) || hn != 32)
		return TEE_ERROR_GENERIC;
	while (xn > 32 && !*x) {
		x++;
		xn--;
	}
	while (yn > 32 && !*y) {
		y++;
		yn--;
	}
	if (xn > 32 || yn > 32)
		return TEE_ERROR_GENERIC;
	need = 65 + 32 + cn;
	res = cryp_out_fits(out_len, need);
	if (res)
		return res;
	memset(out, 0, 65);
	out[0] = 4;
	memcpy(out + 1 + 32 - xn, x, xn);
	memcpy(out + 33 + 32 - yn, y, yn);
	memcpy(out + 65, h, 32);
	memcpy(out + 97, c, cn);
	*out_len = need;
	return TEE_SUCCESS;
}

/* C1 || C3 || C2 into DER (der holds src_len + 32 bytes at least). */
static size_t sm2_from_gp(const uint8_t *src, size_t src_len, uint8_t *der)
{
	uint8_t *body = der + 4;
	size_t n = 0, hdr;

	if (src_len < 97 || src[0] != 4)
		return 0;
	n += der_put(body + n, 0x02, src + 1, 32, true);
	n += der_put(body + n, 0x02, src + 33, 32, true);
	n += der_put(body + n, 0x04, src + 65, 32, false);
	n += der_put(body + n, 0x04, src + 97, src_len - 97, false);
	der[0] = 0x30;
	hdr = 1 + der_len(der + 1, n);
	memmove(der + hdr, body, n);
	return hdr + n;
}

static TEE_Result sm2_cipher(struct cryp_op *op, bool enc, const uint8_t *src,
			     size_t src_len, uint8_t *dst, size_t *dst_len)
{
	EVP_PKEY *key = cryp_pkey_from_obj(&op->key[0], !enc);
	EVP_PKEY_CTX *ctx = key ? EVP_PKEY_CTX_new(key, NULL) : NULL;
	size_t cap = src_len + 160, outl = cap, dl;
	uint8_t *buf = OPENSSL_zalloc(cap), *der = OPENSSL_zalloc(cap);
	TEE_Result res = TEE_ERROR_GENERIC;

	if (!ctx || !buf || !der)
		goto out;
	if (enc) {
		if (EVP_PKEY_encrypt_init(ctx) == 1 &&
		    EVP_PKEY_encrypt(ctx, buf, &outl, src, src_len) == 1)
			res = sm2_to_gp(buf, outl, dst, dst_len);
		goto out;
	}
	res = TEE_ERROR_BAD_PARAMETERS;
	dl = sm2_from_gp(src, src_len, der);
	if (!dl || EVP_PKEY_decrypt_init(ctx) != 1 ||
	    EVP_PKEY_decrypt(ctx, buf, &outl, der, dl) != 1)
		goto out;
	res = cryp_out_fits(dst_len, outl);
	if (!res) {
		memcpy(dst, buf, outl);
		*dst_len = outl;
	}
out:
	OPENSSL_clear_free(buf, cap);
	OPENSSL_free(der);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(key);
	return res;
}

static TEE_Result asym_cipher(struct cryp_op *op, bool enc,
			      const struct cryp_param *p, size_t n,
			      const uint8_t *src, size_t src_len,
			      uint8_t *dst, size_t *dst_len)
{
	EVP_PKEY *key = cryp_pkey_from_obj(&op->key[0], !enc);
	EVP_PKEY_CTX *ctx = key ? EVP_PKEY_CTX_new(key, NULL) : NULL;
	size_t mod = key ? (size_t)EVP_PKEY_get_size(key) : 0;
	uint8_t *in = NULL, *out = NULL;
	size_t outl = mod;
	TEE_Result res = TEE_ERROR_GENERIC;
	int ok;

	if (!ctx)
		goto out;
	if ((enc ? EVP_PKEY_encrypt_init(ctx) : EVP_PKEY_decrypt_init(ctx)) != 1)
		goto out;
	res = rsa_setup(op, ctx, p, n);
	if (res)
		goto out;
	res = TEE_ERROR_BAD_PARAMETERS;
	if (src_len > mod)
		goto out;
	/* Raw RSA takes a number shorter than the modulus as it is. */
	in = calloc(1, mod);
	out = calloc(1, mod);
	if (!in || !out) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto out;
	}
	if (op->a->alg == TEE_ALG_RSA_NOPAD) {
		memcpy(in + mod - src_len, src, src_len);
		src_len = mod;
	} else {
		memcpy(in, src, src_len);
	}
	ok = enc ? EVP_PKEY_encrypt(ctx, out, &outl, in, src_len) :
		   EVP_PKEY_decrypt(ctx, out, &outl, in, src_len);
	if (ok != 1)
		goto out;
	res = cryp_out_fits(dst_len, outl);
	if (res)
		goto out;
	memcpy(dst, out, outl);
	*dst_len = outl;
out:
	if (out)
		OPENSSL_clear_free(out, mod);
	free(in);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(key);
	return res;
}

/* DER SEQUENCE { r, s } to r || s of half bytes each, and back. */
static bool sig_der_to_raw(const uint8_t *der, size_t len, size_t half,
			   uint8_t *raw)
{
	ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &der, (long)len);
	const BIGNUM *r, *s;
	bool ok;

	if (!sig)
		return false;
	ECDSA_SIG_get0(sig, &r, &s);
	ok = BN_bn2binpad(r, raw, (int)half) == (int)half &&
	     BN_bn2binpad(s, raw + half, (int)half) == (int)half;
	ECDSA_SIG_free(sig);
	return ok;
}

static int sig_raw_to_der(const uint8_t *raw, size_t half, uint8_t **der)
{
	ECDSA_SIG *sig = ECDSA_SIG_new();
	BIGNUM *r = BN_bin2bn(raw, (int)half, NULL);
	BIGNUM *s = BN_bin2bn(raw + half, (int)half, NULL);
	int len = -1;

	if (sig && r && s && ECDSA_SIG_set0(sig, r, s) == 1) {
		r = s = NULL;
		len = i2d_ECDSA_SIG(sig, der);
	}
	BN_free(r);
	BN_free(s);
	ECDSA_SIG_free(sig);
	return len;
}

static TEE_Result eddsa(struct cryp_op *op, bool sign,
			const struct cryp_param *p, size_t n,
			const uint8_t *msg, size_t len, uint8_t *sig,
			size_t *sig_len)
{
	EVP_PKEY *key;
	EVP_MD_CTX *md;
	TEE_Result res = TEE_ERROR_GENERIC;
	size_t outl = 64;

	/* Ed25519ctx and Ed25519ph need OpenSSL 3.2: pure Ed25519 only. */
	if (cryp_param_find(p, n, TEE_ATTR_EDDSA_CTX) ||
	    (cryp_param_find(p, n, TEE_ATTR_EDDSA_PREHASH) &&
	     cryp_param_find(p, n, TEE_ATTR_EDDSA_PREHASH)->a))
		return TEE_ERROR_NOT_SUPPORTED;
	if (sign) {
		res = cryp_out_fits(sig_len, 64);
		if (res)
			return res;
	}
	key = cryp_pkey_from_obj(&op->key[0], sign);
	md = EVP_MD_CTX_new();
	if (!key || !md)
		goto out;
	if (sign) {
		if (EVP_DigestSignInit_ex(md, NULL, NULL, NULL, NULL, key,
					  NULL) == 1 &&
		    EVP_DigestSign(md, sig, &outl, msg, len) == 1) {
			*sig_len = outl;
			res = TEE_SUCCESS;
		}
	} else {
		res = TEE_ERROR_SIGNATURE_INVALID;
		if (EVP_DigestVerifyInit_ex(md, NULL, NULL, NULL, NULL, key,
					    NULL) == 1 &&
		    EVP_DigestVerify(md, sig, *sig_len, msg, len) == 1)
			res = TEE_SUCCESS;
	}
out:
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(key);
	return res;
}

static TEE_Result asym_sign(struct cryp_op *op, bool sign,
			    const struct cryp_param *p, size_t n,
			    const uint8_t *dig, size_t dig_len, uint8_t *sig,
			    size_t *sig_len)
{
	EVP_PKEY *key;
	EVP_PKEY_CTX *ctx = NULL;
	uint8_t der[256], *dv = NULL;
	size_t half = sig_half(op), need, derl = sizeof(der);
	TEE_Result res = TEE_ERROR_GENERIC;
	int dvl;

	if (op->a->alg == TEE_ALG_ED25519)
		return eddsa(op, sign, p, n, dig, dig_len, sig, sig_len);
	if ((alg_is_rsa(op) || op->a->key_type == TEE_TYPE_DSA_KEYPAIR ||
	     op->a->key_type == TEE_TYPE_SM2_DSA_KEYPAIR) &&
	    dig_len != op->a->digest_len)
		return TEE_ERROR_BAD_PARAMETERS;
	key = cryp_pkey_from_obj(&op->key[0], sign);
	if (!key)
		return TEE_ERROR_GENERIC;
	need = alg_is_rsa(op) ? (size_t)EVP_PKEY_get_size(key) : 2 * half;
	if (sign) {
		res = cryp_out_fits(sig_len, need);
		if (res)
			goto out;
	}
	ctx = EVP_PKEY_CTX_new(key, NULL);
	if (!ctx || (sign ? EVP_PKEY_sign_init(ctx) :
		     EVP_PKEY_verify_init(ctx)) != 1) {
		res = TEE_ERROR_GENERIC;
		goto out;
	}
	if (alg_is_rsa(op)) {
		res = rsa_setup(op, ctx, p, n);
		if (res)
			goto out;
		if (sign) {
			res = EVP_PKEY_sign(ctx, sig, sig_len, dig, dig_len) ==
			      1 ? TEE_SUCCESS : TEE_ERROR_BAD_PARAMETERS;
		} else {
			res = EVP_PKEY_verify(ctx, sig, *sig_len, dig,
					      dig_len) == 1 ? TEE_SUCCESS :
			      TEE_ERROR_SIGNATURE_INVALID;
		}
		goto out;
	}
	if (sign) {
		if (EVP_PKEY_sign(ctx, der, &derl, dig, dig_len) != 1 ||
		    !sig_der_to_raw(der, derl, half, sig)) {
			res = TEE_ERROR_GENERIC;
			goto out;
		}
		*sig_len = 2 * half;
		res = TEE_SUCCESS;
		goto out;
	}
	res = TEE_ERROR_SIGNATURE_INVALID;
	if (*sig_len != 2 * half)
		goto out;
	dvl = sig_raw_to_der(sig, half, &dv);
	if (dvl > 0 && EVP_PKEY_verify(ctx, dv, (size_t)dvl, dig,
				       dig_len) == 1)
		res = TEE_SUCCESS;
out:
	OPENSSL_free(dv);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(key);
	return res;
}

TEE_Result cryp_asym(uint64_t h, unsigned int func,
		     const struct cryp_param *p, size_t n, const void *src,
		     size_t src_len, void *dst, size_t *dst_len)
{
	struct cryp_op *op = cryp_op_get(h);
	static const uint32_t func_mode[] = {
		[UTEE_ASYM_ENCRYPT] = TEE_MODE_ENCRYPT,
		[UTEE_ASYM_DECRYPT] = TEE_MODE_DECRYPT,
		[UTEE_ASYM_SIGN] = TEE_MODE_SIGN,
		[UTEE_ASYM_VERIFY] = TEE_MODE_VERIFY,
	};
	enum cryp_family f = func <= UTEE_ASYM_DECRYPT ? CRYP_F_ASYM_CIPHER :
			     CRYP_F_SIGN;

	if (func > UTEE_ASYM_VERIFY || op->a->family != f ||
	    op->mode != func_mode[func])
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "asymmetric call of another algorithm or mode");
	if (!(op->handle_state & TEE_HANDLE_FLAG_KEY_SET))
		cryp_panic(TEE_ERROR_BAD_STATE, "asymmetric call without a key");
	if (op->a->alg == TEE_ALG_SM2_PKE)
		return sm2_cipher(op, func == UTEE_ASYM_ENCRYPT, src, src_len,
				  dst, dst_len);
	if (f == CRYP_F_ASYM_CIPHER)
		return asym_cipher(op, func == UTEE_ASYM_ENCRYPT, p, n, src,
				   src_len, dst, dst_len);
	return asym_sign(op, func == UTEE_ASYM_SIGN, p, n, src, src_len, dst,
			 dst_len);
}
