/*
 * Objects as OpenSSL keys and back: the GP attributes of RSA, DSA, DH, ECC,
 * Ed25519, X25519 and SM2 objects, built into an EVP_PKEY with
 * EVP_PKEY_fromdata, and a generated key's parts read out as attributes.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include "cryp_priv.h"

const char *cryp_curve_name(uint32_t curve)
{
	switch (curve) {
	case TEE_ECC_CURVE_NIST_P192: return "P-192";
	case TEE_ECC_CURVE_NIST_P224: return "P-224";
	case TEE_ECC_CURVE_NIST_P256: return "P-256";
	case TEE_ECC_CURVE_NIST_P384: return "P-384";
	case TEE_ECC_CURVE_NIST_P521: return "P-521";
	case TEE_ECC_CURVE_SM2: return "SM2";
	default: return NULL;
	}
}

size_t cryp_curve_bytes(uint32_t curve)
{
	switch (curve) {
	case TEE_ECC_CURVE_NIST_P192: return 24;
	case TEE_ECC_CURVE_NIST_P224: return 28;
	case TEE_ECC_CURVE_NIST_P256: return 32;
	case TEE_ECC_CURVE_NIST_P384: return 48;
	case TEE_ECC_CURVE_NIST_P521: return 66;
	case TEE_ECC_CURVE_SM2: return 32;
	default: return 0;
	}
}

/* Pushes attribute id as a big number named name; false if it is absent. */
static bool push_bn(OSSL_PARAM_BLD *b, const struct cryp_obj *o, uint32_t id,
		    const char *name, BIGNUM **keep, size_t *nkeep)
{
	const struct cryp_attr *at = cryp_obj_attr(o, id);
	BIGNUM *bn;

	if (!at)
		return false;
	bn = BN_bin2bn(at->buf, (int)at->len, NULL);
	if (!bn)
		return false;
	keep[(*nkeep)++] = bn;
	return OSSL_PARAM_BLD_push_BN(b, name, bn) == 1;
}

/* The uncompressed point 04 || X || Y, each coordinate padded to fb. */
static size_t ecc_point(const struct cryp_obj *o, size_t fb, uint8_t *pt)
{
	const struct cryp_attr *x = cryp_obj_attr(o, TEE_ATTR_ECC_PUBLIC_VALUE_X);
	const struct cryp_attr *y = cryp_obj_attr(o, TEE_ATTR_ECC_PUBLIC_VALUE_Y);

	if (!x || !y || x->len > fb || y->len > fb)
		return 0;
	memset(pt, 0, 1 + 2 * fb);
	pt[0] = 4;
	memcpy(pt + 1 + fb - x->len, x->buf, x->len);
	memcpy(pt + 1 + 2 * fb - y->len, y->buf, y->len);
	return 1 + 2 * fb;
}

static EVP_PKEY *pkey_raw(const struct cryp_obj *o, bool priv, int nid,
			  uint32_t pub_id, uint32_t priv_id)
{
	const struct cryp_attr *at = cryp_obj_attr(o, priv ? priv_id : pub_id);

	if (!at || at->len != 32)
		return NULL;
	if (priv)
		return EVP_PKEY_new_raw_private_key(nid, NULL, at->buf, 32);
	return EVP_PKEY_new_raw_public_key(nid, NULL, at->buf, 32);
}

EVP_PKEY *cryp_pkey_from_obj(const struct cryp_obj *o, bool priv)
{
	OSSL_PARAM_BLD *b;
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *key = NULL;
	BIGNUM *keep[10];
	size_t nkeep = 0, i, fb;
	uint8_t pt[1 + 2 * 66];
	const char *kt = NULL;
	uint32_t pub_type = cryp_type_public(o->type);
	bool ok = true;
	uint32_t curve;

	switch (pub_type) {
	case TEE_TYPE_ED25519_PUBLIC_KEY:
		return pkey_raw(o, priv, EVP_PKEY_ED25519,
				TEE_ATTR_ED25519_PUBLIC_VALUE,
				TEE_ATTR_ED25519_PRIVATE_VALUE);
	case TEE_TYPE_X25519_PUBLIC_KEY:
		return pkey_raw(o, priv, EVP_PKEY_X25519,
				TEE_ATTR_X25519_PUBLIC_VALUE,
				TEE_ATTR_X25519_PRIVATE_VALUE);
	default:
		break;
	}
	b = OSSL_PARAM_BLD_new();
	if (!b)
		return NULL;
	switch (pub_type) {
	case TEE_TYPE_RSA_PUBLIC_KEY:
		kt = "RSA";
		ok = push_bn(b, o, TEE_ATTR_RSA_MODULUS, OSSL_PKEY_PARAM_RSA_N,
			     keep, &nkeep) &&
		     push_bn(b, o, TEE_ATTR_RSA_PUBLIC_EXPONENT,
			     OSSL_PKEY_PARAM_RSA_E, keep, &nkeep);
		if (ok && priv) {
			ok = push_bn(b, o, TEE_ATTR_RSA_PRIVATE_EXPONENT,
				     OSSL_PKEY_PARAM_RSA_D, keep, &nkeep);
			if (ok && cryp_obj_attr(o, TEE_ATTR_RSA_PRIME1))
				ok = push_bn(b, o, TEE_ATTR_RSA_PRIME1,
					     OSSL_PKEY_PARAM_RSA_FACTOR1, keep,
					     &nkeep) &&
				     push_bn(b, o, TEE_ATTR_RSA_PRIME2,
					     OSSL_PKEY_PARAM_RSA_FACTOR2, keep,
					     &nkeep) &&
				     push_bn(b, o, TEE_ATTR_RSA_EXPONENT1,
					     OSSL_PKEY_PARAM_RSA_EXPONENT1,
					     keep, &nkeep) &&
				     push_bn(b, o, TEE_ATTR_RSA_EXPONENT2,
					     OSSL_PKEY_PARAM_RSA_EXPONENT2,
					     keep, &nkeep) &&
				     push_bn(b, o, TEE_ATTR_RSA_COEFFICIENT,
					     OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
					     keep, &nkeep);
		}
		break;
	case TEE_TYPE_DSA_PUBLIC_KEY:
		kt = "DSA";
		ok = push_bn(b, o, TEE_ATTR_DSA_PRIME, OSSL_PKEY_PARAM_FFC_P,
			     keep, &nkeep) &&
		     push_bn(b, o, TEE_ATTR_DSA_SUBPRIME, OSSL_PKEY_PARAM_FFC_Q,
			     keep, &nkeep) &&
		     push_bn(b, o, TEE_ATTR_DSA_BASE, OSSL_PKEY_PARAM_FFC_G,
			     keep, &nkeep) &&
		     push_bn(b, o, TEE_ATTR_DSA_PUBLIC_VALUE,
			     OSSL_PKEY_PARAM_PUB_KEY, keep, &nkeep);
		if (ok && priv)
			ok = push_bn(b, o, TEE_ATTR_DSA_PRIVATE_VALUE,
				     OSSL_PKEY_PARAM_PRIV_KEY, keep, &nkeep);
		break;
	case TEE_TYPE_DH_KEYPAIR:
		kt = "DH";
		ok = push_bn(b, o, TEE_ATTR_DH_PRIME, OSSL_PKEY_PARAM_FFC_P,
			     keep, &nkeep) &&
		     push_bn(b, o, TEE_ATTR_DH_BASE, OSSL_PKEY_PARAM_FFC_G,
			     keep, &nkeep) &&
		     push_bn(b, o, TEE_ATTR_DH_PUBLIC_VALUE,
			     OSSL_PKEY_PARAM_PUB_KEY, keep, &nkeep);
		if (ok && priv)
			ok = push_bn(b, o, TEE_ATTR_DH_PRIVATE_VALUE,
				     OSSL_PKEY_PARAM_PRIV_KEY, keep, &nkeep);
		if (ok && cryp_obj_attr(o, TEE_ATTR_DH_SUBPRIME))
			ok = push_bn(b, o, TEE_ATTR_DH_SUBPRIME,
				     OSSL_PKEY_PARAM_FFC_Q, keep, &nkeep);
		break;
	case TEE_TYPE_ECDSA_PUBLIC_KEY:
	case TEE_TYPE_ECDH_PUBLIC_KEY:
	case TEE_TYPE_SM2_DSA_PUBLIC_KEY:
	case TEE_TYPE_SM2_PKE_PUBLIC_KEY:
		if (pub_type == TEE_TYPE_SM2_DSA_PUBLIC_KEY ||
		    pub_type == TEE_TYPE_SM2_PKE_PUBLIC_KEY) {
			kt = "SM2";
			curve = TEE_ECC_CURVE_SM2;
		} else {
			kt = "EC";
			curve = cryp_obj_attr(o, TEE_ATTR_ECC_CURVE) ?
				cryp_obj_attr(o, TEE_ATTR_ECC_CURVE)->a : 0;
		}
		fb = cryp_curve_bytes(curve);
		ok = fb && OSSL_PARAM_BLD_push_utf8_string(b,
				OSSL_PKEY_PARAM_GROUP_NAME,
				cryp_curve_name(curve), 0) &&
		     ecc_point(o, fb, pt) &&
		     OSSL_PARAM_BLD_push_octet_string(b, OSSL_PKEY_PARAM_PUB_KEY,
						      pt, 1 + 2 * fb);
		if (ok && priv)
			ok = push_bn(b, o, TEE_ATTR_ECC_PRIVATE_VALUE,
				     OSSL_PKEY_PARAM_PRIV_KEY, keep, &nkeep);
		break;
	default:
		ok = false;
	}
	if (ok)
		params = OSSL_PARAM_BLD_to_param(b);
	if (params)
		ctx = EVP_PKEY_CTX_new_from_name(NULL, kt, NULL);
	if (ctx && EVP_PKEY_fromdata_init(ctx) == 1)
		EVP_PKEY_fromdata(ctx, &key, priv ? EVP_PKEY_KEYPAIR :
				  EVP_PKEY_PUBLIC_KEY, params);
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(b);
	for (i = 0; i < nkeep; i++)
		BN_clear_free(keep[i]);
	return key;
}

/* Reads a big number parameter into attribute id, padded to pad bytes. */
static TEE_Result pull_bn(EVP_PKEY *key, const char *name, struct cryp_obj *o,
			  uint32_t id, size_t pad)
{
	BIGNUM *bn = NULL;
	uint8_t *buf;
	size_t len;
	TEE_Result res;

	if (EVP_PKEY_get_bn_param(key, name, &bn) != 1)
		return TEE_ERROR_GENERIC;
	len = (size_t)BN_num_bytes(bn);
	if (pad > len)
		len = pad;
	buf = malloc(len ? len : 1);
	if (!buf) {
		BN_clear_free(bn);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	BN_bn2binpad(bn, buf, (int)len);
	res = cryp_obj_set_buf(o, id, buf, len);
	OPENSSL_cleanse(buf, len);
	free(buf);
	BN_clear_free(bn);
	return res;
}

static TEE_Result pull_raw(EVP_PKEY *key, struct cryp_obj *o, uint32_t pub_id,
			   uint32_t priv_id)
{
	uint8_t buf[32];
	size_t len = sizeof(buf);
	TEE_Result res;

	if (EVP_PKEY_get_raw_public_key(key, buf, &len) != 1 || len != 32)
		return TEE_ERROR_GENERIC;
	res = cryp_obj_set_buf(o, pub_id, buf, len);
	if (res)
		return res;
	len = sizeof(buf);
	if (EVP_PKEY_get_raw_private_key(key, buf, &len) != 1 || len != 32)
		return TEE_ERROR_GENERIC;
	res = cryp_obj_set_buf(o, priv_id, buf, len);
	OPENSSL_cleanse(buf, sizeof(buf));
	return res;
}

/* The point's coordinates, each fb bytes. */
static TEE_Result pull_point(EVP_PKEY *key, struct cryp_obj *o, size_t fb)
{
	uint8_t pt[1 + 2 * 66];
	size_t len = 0;
	TEE_Result res;

	if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, pt,
					    sizeof(pt), &len) != 1 ||
	    len != 1 + 2 * fb || pt[0] != 4)
		return TEE_ERROR_GENERIC;
	res = cryp_obj_set_buf(o, TEE_ATTR_ECC_PUBLIC_VALUE_X, pt + 1, fb);
	if (!res)
		res = cryp_obj_set_buf(o, TEE_ATTR_ECC_PUBLIC_VALUE_Y,
				       pt + 1 + fb, fb);
	return res;
}

TEE_Result cryp_pkey_to_obj(EVP_PKEY *key, struct cryp_obj *o)
{
	TEE_Result res = TEE_ERROR_NOT_SUPPORTED;
	size_t fb;

	switch (o->type) {
	case TEE_TYPE_RSA_KEYPAIR:
		res = pull_bn(key, OSSL_PKEY_PARAM_RSA_N, o,
			      TEE_ATTR_RSA_MODULUS, 0);
		if (!res)
			res = pull_bn(key, OSSL_PKEY_PARAM_RSA_E, o,
				      TEE_ATTR_RSA_PUBLIC_EXPONENT, 0);
		if (!res)
			res = pull_bn(key, OSSL_PKEY_PARAM_RSA_D, o,
				      TEE_ATTR_RSA_PRIVATE_EXPONENT, 0);
		if (!res)
			res = pull_bn(key, OSSL_PKEY_PARAM_RSA_FACTOR1, o,
				      TEE_ATTR_RSA_PRIME1, 0);
		if (!res)
			res = pull_bn(key, OSSL_PKEY_PARAM_RSA_FACTOR2, o,
				      TEE_ATTR_RSA_PRIME2, 0);
		if (!res)
			res = pull_bn(key, OSSL_PKEY_PARAM_RSA_EXPONENT1, o,
				      TEE_ATTR_RSA_EXPONENT1, 0);
		if (!res)
			res = pull_bn(key, OSSL_PKEY_PARAM_RSA_EXPONENT2, o,
				      TEE_ATTR_RSA_EXPONENT2, 0);
		if (!res)
			res = pull_bn(key, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, o,
				      TEE_ATTR_RSA_COEFFICIENT, 0);
		break;
	case TEE_TYPE_DSA_KEYPAIR:
		res = pull_bn(key, OSSL_PKEY_PARAM_PUB_KEY, o,
			      TEE_ATTR_DSA_PUBLIC_VALUE, 0);
		if (!res)
			res = pull_bn(key, OSSL_PKEY_PARAM_PRIV_KEY, o,
				      TEE_ATTR_DSA_PRIVATE_VALUE, 0);
		break;
	case TEE_TYPE_DH_KEYPAIR:
		res = pull_bn(key, OSSL_PKEY_PARAM_PUB_KEY, o,
			      TEE_ATTR_DH_PUBLIC_VALUE, 0);
		if (!res)
			res = pull_bn(key, OSSL_PKEY_PARAM_PRIV_KEY, o,
				      TEE_ATTR_DH_PRIVATE_VALUE, 0);
		break;
	case TEE_TYPE_ECDSA_KEYPAIR:
	case TEE_TYPE_ECDH_KEYPAIR:
	case TEE_TYPE_SM2_DSA_KEYPAIR:
	case TEE_TYPE_SM2_PKE_KEYPAIR:
		fb = (o->size + 7) / 8;
		res = pull_point(key, o, fb);
		if (!res)
			res = pull_bn(key, OSSL_PKEY_PARAM_PRIV_KEY, o,
				      TEE_ATTR_ECC_PRIVATE_VALUE, fb);
		break;
	case TEE_TYPE_ED25519_KEYPAIR:
		res = pull_raw(key, o, TEE_ATTR_ED25519_PUBLIC_VALUE,
			       TEE_ATTR_ED25519_PRIVATE_VALUE);
		break;
	case TEE_TYPE_X25519_KEYPAIR:
		res = pull_raw(key, o, TEE_ATTR_X25519_PUBLIC_VALUE,
			       TEE_ATTR_X25519_PRIVATE_VALUE);
		break;
	default:
		break;
	}
	return res;
}
