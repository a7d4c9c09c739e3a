/*
 * Key derivation: DH, ECDH and X25519 shared secrets over EVP_PKEY_derive,
 * and the HKDF and PBKDF2 extensions over EVP_KDF. The result fills a
 * TEE_TYPE_GENERIC_SECRET object. TEE_DeriveKey returns nothing, so what
 * goes wrong is a panic, as GP says.
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/dh.h>
#include <openssl/kdf.h>

#include <tee_api_defines_extensions.h>

#include "cryp_priv.h"

static const struct cryp_param *need_param(const struct cryp_param *p,
					   size_t n, uint32_t id)
{
	const struct cryp_param *q = cryp_param_find(p, n, id);

	if (!q)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "derive: parameter missing");
	return q;
}

/* The peer's public key as an object of the operation key's own kind. */
static EVP_PKEY *derive_peer(const struct cryp_op *op,
			     const struct cryp_param *p, size_t n)
{
	const struct cryp_obj *k = &op->key[0];
	struct cryp_obj peer;
	const struct cryp_param *q;
	EVP_PKEY *key;
	size_t i;
	static const uint32_t dh_keep[] = { TEE_ATTR_DH_PRIME, TEE_ATTR_DH_BASE,
					    TEE_ATTR_DH_SUBPRIME };

	memset(&peer, 0, sizeof(peer));
	peer.type = cryp_type_public(k->type);
	peer.size = k->size;
	switch (op->a->alg) {
	case TEE_ALG_DH_DERIVE_SHARED_SECRET:
		for (i = 0; i < 3; i++)
			if (cryp_obj_attr(k, dh_keep[i]))
				cryp_obj_set_buf(&peer, dh_keep[i],
						 cryp_obj_attr(k, dh_keep[i])->buf,
						 cryp_obj_attr(k, dh_keep[i])->len);
		q = need_param(p, n, TEE_ATTR_DH_PUBLIC_VALUE);
		cryp_obj_set_buf(&peer, TEE_ATTR_DH_PUBLIC_VALUE, q->buf,
				 q->len);
		key = cryp_pkey_from_obj(&peer, false);
		break;
	case TEE_ALG_ECDH_DERIVE_SHARED_SECRET:
		cryp_obj_set_value(&peer, TEE_ATTR_ECC_CURVE,
				   cryp_obj_attr(k, TEE_ATTR_ECC_CURVE)->a, 0);
		q = need_param(p, n, TEE_ATTR_ECC_PUBLIC_VALUE_X);
		cryp_obj_set_buf(&peer, q->id, q->buf, q->len);
		q = need_param(p, n, TEE_ATTR_ECC_PUBLIC_VALUE_Y);
		cryp_obj_set_buf(&peer, q->id, q->buf, q->len);
		key = cryp_pkey_from_obj(&peer, false);
		break;
	default:
		q = need_param(p, n, TEE_ATTR_X25519_PUBLIC_VALUE);
		cryp_obj_set_buf(&peer, q->id, q->buf, q->len);
		key = cryp_pkey_from_obj(&peer, false);
		break;
	}
	cryp_obj_clear(&peer);
	return key;
}

static size_t derive_shared(struct cryp_op *op, const struct cryp_param *p,
			    size_t n, uint8_t *out, size_t cap)
{
	EVP_PKEY *mine = cryp_pkey_from_obj(&op->key[0], true);
	EVP_PKEY *peer = derive_peer(op, p, n);
	EVP_PKEY_CTX *ctx = mine ? EVP_PKEY_CTX_new(mine, NULL) : NULL;
	size_t len = cap;

	if (!peer)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "derive: bad public value");
	if (!ctx || EVP_PKEY_derive_init(ctx) != 1 ||
	    (op->a->alg == TEE_ALG_DH_DERIVE_SHARED_SECRET &&
	     EVP_PKEY_CTX_set_dh_pad(ctx, 1) != 1) ||
	    EVP_PKEY_derive_set_peer(ctx, peer) != 1 ||
	    EVP_PKEY_derive(ctx, out, &len) != 1)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "derive failed");
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(peer);
	EVP_PKEY_free(mine);
	return len;
}

static size_t derive_kdf(struct cryp_op *op, const struct cryp_param *p,
			 size_t n, uint8_t *out, size_t cap)
{
	bool hkdf = op->a->key_type == TEE_TYPE_HKDF_IKM;
	const struct cryp_attr *secret = cryp_obj_attr(&op->key[0], hkdf ?
			TEE_ATTR_HKDF_IKM : TEE_ATTR_PBKDF2_PASSWORD);
	const struct cryp_param *salt, *info, *len, *iter;
	OSSL_PARAM params[7], *q = params;
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, hkdf ? "HKDF" : "PBKDF2", NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	int pkcs5 = 1;
	uint64_t iters = 0;

	len = need_param(p, n, hkdf ? TEE_ATTR_HKDF_OKM_LENGTH :
			 TEE_ATTR_PBKDF2_DKM_LENGTH);
	salt = cryp_param_find(p, n, hkdf ? TEE_ATTR_HKDF_SALT :
			       TEE_ATTR_PBKDF2_SALT);
	if (!len->a || len->a > cap)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "derive: output length");
	*q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						(char *)op->a->md, 0);
	*q++ = OSSL_PARAM_construct_octet_string(
			hkdf ? OSSL_KDF_PARAM_KEY : OSSL_KDF_PARAM_PASSWORD,
			secret->buf, secret->len);
	if (salt && salt->len)
		*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
				(void *)salt->buf, salt->len);
	if (hkdf) {
		info = cryp_param_find(p, n, TEE_ATTR_HKDF_INFO);
		if (info && info->len)
			*q++ = OSSL_PARAM_construct_octet_string(
					OSSL_KDF_PARAM_INFO,
					(void *)info->buf, info->len);
	} else {
		iter = need_param(p, n, TEE_ATTR_PBKDF2_ITERATION_COUNT);
		iters = iter->a;
		*q++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_ITER, &iters);
		/* RFC 6070's short salts and single iteration are allowed. */
		*q++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_PKCS5, &pkcs5);
	}
	*q = OSSL_PARAM_construct_end();
	if (!ctx || EVP_KDF_derive(ctx, out, len->a, params) != 1)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "derive: KDF failed");
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return len->a;
}

void cryp_derive(uint64_t h, const struct cryp_param *p, size_t n,
		 uint64_t derived)
{
	struct cryp_op *op = cryp_op_expect(h, CRYP_F_DERIVE,
					    "derive: not a derivation");
	struct cryp_obj *d = cryp_obj_get(derived);
	uint8_t out[512];
	size_t len;

	if (!(op->handle_state & TEE_HANDLE_FLAG_KEY_SET))
		cryp_panic(TEE_ERROR_BAD_STATE, "derive: no key");
	if (d->type != TEE_TYPE_GENERIC_SECRET ||
	    (d->flags & TEE_HANDLE_FLAG_INITIALIZED))
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "derive: not an empty generic secret");
	if (op->a->md)
		len = derive_kdf(op, p, n, out, sizeof(out));
	else
		len = derive_shared(op, p, n, out, sizeof(out));
	if (len * 8 > d->max_size)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "derive: secret bigger than the object");
	if (cryp_obj_set_buf(d, TEE_ATTR_SECRET_VALUE, out, len))
		cryp_panic(TEE_ERROR_OUT_OF_MEMORY, "derive");
	OPENSSL_cleanse(out, sizeof(out));
	d->size = (uint32_t)len * 8;
	d->flags |= TEE_HANDLE_FLAG_INITIALIZED;
}
