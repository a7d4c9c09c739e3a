/*
 * Symmetric ciphers: AES (ECB, CBC, CTR, CTS, XTS), DES and triple DES
 * (ECB, CBC), SM4 (ECB, CBC, CTR), all without padding. CTS and XTS are
 * one-shot in OpenSSL: their input is held until TEE_CipherDoFinal.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>

#include "cryp_priv.h"

const struct cryp_attr *cryp_op_secret(const struct cryp_op *op,
				       unsigned int i)
{
	const struct cryp_attr *at = cryp_obj_attr(&op->key[i],
						   TEE_ATTR_SECRET_VALUE);

	if (!at)
		cryp_panic(TEE_ERROR_BAD_STATE, "key without a secret");
	return at;
}

const EVP_CIPHER *cryp_cipher_for(const struct cryp_op *op)
{
	char name[32];
	uint32_t bits = op->key[0].size;

	if (strstr(op->a->cipher, "%s"))
		snprintf(name, sizeof(name), op->a->cipher,
			 bits == 192 ? "3" : "");
	else
		snprintf(name, sizeof(name), op->a->cipher, bits);
	return cryp_cipher_fetch(name);
}

static bool cipher_one_shot(const struct cryp_op *op)
{
	return op->a->alg == TEE_ALG_AES_CTS || op->a->alg == TEE_ALG_AES_XTS;
}

static bool cipher_is_stream(const struct cryp_op *op)
{
	return op->a->alg == TEE_ALG_AES_CTR || op->a->alg == TEE_ALG_SM4_CTR;
}

static bool cipher_needs_iv(const struct cryp_op *op)
{
	/* ECB is the only mode of bits 11..8 equal to 0. */
	return (op->a->alg & 0xf00u) != 0;
}

/* Starts an EVP cipher with op's key (both XTS keys) and the given IV. */
static void cipher_start(struct cryp_op *op, const uint8_t *iv)
{
	const EVP_CIPHER *c = cryp_cipher_for(op);
	const struct cryp_attr *k1 = cryp_op_secret(op, 0);
	uint8_t key[64];
	size_t klen = k1->len;
	OSSL_PARAM params[2] = { OSSL_PARAM_END, OSSL_PARAM_END };

	if (!c)
		cryp_panic(TEE_ERROR_NOT_SUPPORTED, "no such cipher");
	memcpy(key, k1->buf, k1->len);
	if (op->nkeys == 2) {
		memcpy(key + klen, cryp_op_secret(op, 1)->buf, klen);
		klen *= 2;
	}
	if (op->a->alg == TEE_ALG_AES_CTS)
		params[0] = OSSL_PARAM_construct_utf8_string(
				OSSL_CIPHER_PARAM_CTS_MODE, "CS3", 0);
	EVP_CIPHER_CTX_free(op->cipher);
	op->cipher = EVP_CIPHER_CTX_new();
	if (!op->cipher ||
	    EVP_CipherInit_ex2(op->cipher, c, key, iv,
			       op->mode == TEE_MODE_ENCRYPT, params) != 1 ||
	    EVP_CIPHER_CTX_set_padding(op->cipher, 0) != 1)
		cryp_panic(TEE_ERROR_GENERIC, "cipher init");
	OPENSSL_cleanse(key, sizeof(key));
}

void cryp_cipher_init(uint64_t h, const void *iv, size_t iv_len)
{
	struct cryp_op *op = cryp_op_expect(h, CRYP_F_CIPHER,
					    "cipher init: not a cipher");

	if (!(op->handle_state & TEE_HANDLE_FLAG_KEY_SET))
		cryp_panic(TEE_ERROR_BAD_STATE, "cipher init: no key");
	if (cipher_needs_iv(op) && iv_len != op->a->block)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "cipher init: IV length");
	cryp_op_clear_run(op);
	if (cipher_needs_iv(op)) {
		memcpy(op->iv, iv, iv_len);
		op->iv_len = iv_len;
	}
	if (!cipher_one_shot(op))
		cipher_start(op, cipher_needs_iv(op) ? iv : NULL);
	op->state = CRYP_S_ACTIVE;
	op->handle_state |= TEE_HANDLE_FLAG_INITIALIZED;
}

/* What an update or final of n more bytes writes. */
static size_t cipher_out_len(const struct cryp_op *op, size_t n, bool last)
{
	size_t blk = op->a->block;

	if (cipher_is_stream(op))
		return n;
	if (cipher_one_shot(op))
		return last ? op->held_len + n : 0;
	return (op->pending + n) / blk * blk;
}

static TEE_Result cipher_one_shot_final(struct cryp_op *op, const void *src,
					size_t src_len, void *dst,
					size_t *dst_len)
{
	int outl = 0;

	if (cryp_hold(&op->held, &op->held_len, &op->held_cap, src, src_len))
		return TEE_ERROR_OUT_OF_MEMORY;
	if (op->held_len < op->a->block)
		return TEE_ERROR_BAD_PARAMETERS;
	cipher_start(op, op->iv);
	if (EVP_CipherUpdate(op->cipher, dst, &outl, op->held,
			     (int)op->held_len) != 1)
		return TEE_ERROR_BAD_PARAMETERS;
	*dst_len = (size_t)outl;
	return TEE_SUCCESS;
}

TEE_Result cryp_cipher_update(uint64_t h, const void *src, size_t src_len,
			      void *dst, size_t *dst_len, bool last)
{
	struct cryp_op *op = cryp_op_expect(h, CRYP_F_CIPHER,
					    "cipher update: not a cipher");
	size_t need;
	TEE_Result res;
	int outl = 0, finl = 0;

	if (op->state != CRYP_S_ACTIVE)
		cryp_panic(TEE_ERROR_BAD_STATE, "cipher update: not initialised");
	need = cipher_out_len(op, src_len, last);
	if (last && !cipher_is_stream(op) && !cipher_one_shot(op) &&
	    (op->pending + src_len) % op->a->block)
		return TEE_ERROR_BAD_PARAMETERS;
	res = cryp_out_fits(dst_len, need);
	if (res)
		return res;
	if (cipher_one_shot(op)) {
		if (!last) {
			*dst_len = 0;
			return cryp_hold(&op->held, &op->held_len,
					 &op->held_cap, src, src_len);
		}
		res = cipher_one_shot_final(op, src, src_len, dst, dst_len);
	} else {
		if (src_len && EVP_CipherUpdate(op->cipher, dst, &outl, src,
						(int)src_len) != 1)
			cryp_panic(TEE_ERROR_GENERIC, "cipher update");
		if (last && EVP_CipherFinal_ex(op->cipher,
					       (uint8_t *)dst + outl,
					       &finl) != 1)
			return TEE_ERROR_BAD_PARAMETERS;
		op->pending = (op->pending + src_len) % op->a->block;
		*dst_len = (size_t)(outl + finl);
	}
	if (last) {
		cryp_op_clear_run(op);
		op->state = CRYP_S_INITIAL;
		op->handle_state &= ~TEE_HANDLE_FLAG_INITIALIZED;
	}
	return res;
}
