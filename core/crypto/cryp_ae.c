/*
 * Authenticated encryption: AES-GCM streams through EVP; AES-CCM needs its
 * lengths and, to decrypt, its tag before any data, so its AAD and payload
 * are held until the final call.
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>

#include "cryp_priv.h"

static bool ae_is_ccm(const struct cryp_op *op)
{
	return op->a->alg == TEE_ALG_AES_CCM;
}

static bool ae_tag_ok(const struct cryp_op *op, uint32_t bits)
{
	if (bits % 8)
		return false;
	if (ae_is_ccm(op))
		return bits >= 32 && bits <= 128 && bits % 16 == 0;
	return bits >= 96 && bits <= 128;
}

/* An EVP context with key and nonce; for CCM decryption, the tag first. */
static TEE_Result ae_start(struct cryp_op *op, const void *tag)
{
	const EVP_CIPHER *c = cryp_cipher_for(op);
	const struct cryp_attr *k = cryp_op_secret(op, 0);
	bool enc = op->mode == TEE_MODE_ENCRYPT;

	op->cipher = EVP_CIPHER_CTX_new();
	if (!c || !op->cipher ||
	    EVP_CipherInit_ex(op->cipher, c, NULL, NULL, NULL, enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(op->cipher, EVP_CTRL_AEAD_SET_IVLEN,
				(int)op->iv_len, NULL) != 1)
		return TEE_ERROR_NOT_SUPPORTED;
	if (ae_is_ccm(op) &&
	    EVP_CIPHER_CTX_ctrl(op->cipher, EVP_CTRL_AEAD_SET_TAG,
				(int)op->tag_len, enc ? NULL : (void *)tag) != 1)
		return TEE_ERROR_NOT_SUPPORTED;
	if (EVP_CipherInit_ex(op->cipher, NULL, NULL, k->buf, op->iv,
			      enc) != 1)
		return TEE_ERROR_GENERIC;
	return TEE_SUCCESS;
}

TEE_Result cryp_ae_init(uint64_t h, const void *nonce, size_t nonce_len,
			uint32_t tag_bits, size_t aad_len, size_t payload_len)
{
	struct cryp_op *op = cryp_op_expect(h, CRYP_F_AE, "AE init: not AE");
	TEE_Result res;

	if (!(op->handle_state & TEE_HANDLE_FLAG_KEY_SET))
		cryp_panic(TEE_ERROR_BAD_STATE, "AE init: no key");
	if (op->state != CRYP_S_INITIAL)
		cryp_panic(TEE_ERROR_BAD_STATE, "AE init: operation active");
	if (!ae_tag_ok(op, tag_bits))
		return TEE_ERROR_NOT_SUPPORTED;
	if (ae_is_ccm(op) ? nonce_len < 7 || nonce_len > 13 :
	    nonce_len == 0 || nonce_len > sizeof(op->iv))
		return TEE_ERROR_NOT_SUPPORTED;
	cryp_op_clear_run(op);
	memcpy(op->iv, nonce, nonce_len);
	op->iv_len = nonce_len;
	op->tag_len = tag_bits / 8;
	op->ae_payload_len = payload_len;
	op->aad_cap = 0;
	(void)aad_len;
	if (!ae_is_ccm(op)) {
		res = ae_start(op, NULL);
		if (res) {
			cryp_op_clear_run(op);
			return res;
		}
	} else {
		/* CCM's declared AAD length: kept to check at the end. */
		op->pending = aad_len;
	}
	op->state = CRYP_S_ACTIVE;
	op->handle_state |= TEE_HANDLE_FLAG_INITIALIZED;
	return TEE_SUCCESS;
}

static struct cryp_op *ae_active(uint64_t h, const char *what)
{
	struct cryp_op *op = cryp_op_expect(h, CRYP_F_AE, what);

	if (op->state != CRYP_S_ACTIVE)
		cryp_panic(TEE_ERROR_BAD_STATE, what);
	return op;
}

void cryp_ae_update_aad(uint64_t h, const void *aad, size_t len)
{
	struct cryp_op *op = ae_active(h, "AE AAD: not initialised");
	int outl;

	if (op->ae_payload_started)
		cryp_panic(TEE_ERROR_BAD_STATE, "AE AAD after the payload");
	if (ae_is_ccm(op)) {
		if (cryp_hold(&op->aad, &op->aad_len, &op->aad_cap, aad, len))
			cryp_panic(TEE_ERROR_OUT_OF_MEMORY, "AE AAD");
		return;
	}
	if (len && EVP_CipherUpdate(op->cipher, NULL, &outl, aad,
				    (int)len) != 1)
		cryp_panic(TEE_ERROR_GENERIC, "AE AAD");
}

TEE_Result cryp_ae_update(uint64_t h, const void *src, size_t src_len,
			  void *dst, size_t *dst_len)
{
	struct cryp_op *op = ae_active(h, "AE update: not initialised");
	TEE_Result res;
	int outl = 0;

	if (ae_is_ccm(op)) {
		*dst_len = 0;
		op->ae_payload_started = true;
		return cryp_hold(&op->held, &op->held_len, &op->held_cap,
				 src, src_len);
	}
	res = cryp_out_fits(dst_len, src_len);
	if (res)
		return res;
	op->ae_payload_started = true;
	if (src_len && EVP_CipherUpdate(op->cipher, dst, &outl, src,
					(int)src_len) != 1)
		cryp_panic(TEE_ERROR_GENERIC, "AE update");
	*dst_len = (size_t)outl;
	return TEE_SUCCESS;
}

/* CCM in one go over the held AAD and payload; false if the tag fails. */
static TEE_Result ae_ccm_run(struct cryp_op *op, uint8_t *dst,
			     const void *tag)
{
	TEE_Result res;
	int outl;

	if (op->aad_len != op->pending || op->held_len != op->ae_payload_len)
		return TEE_ERROR_BAD_PARAMETERS;
	res = ae_start(op, tag);
	if (res)
		return res;
	if (EVP_CipherUpdate(op->cipher, NULL, &outl, NULL,
			     (int)op->held_len) != 1)
		return TEE_ERROR_GENERIC;
	if (op->aad_len && EVP_CipherUpdate(op->cipher, NULL, &outl, op->aad,
					    (int)op->aad_len) != 1)
		return TEE_ERROR_GENERIC;
	if (EVP_CipherUpdate(op->cipher, dst, &outl, op->held,
			     (int)op->held_len) != 1)
		return TEE_ERROR_MAC_INVALID;
	return TEE_SUCCESS;
}

static void ae_done(struct cryp_op *op)
{
	cryp_op_clear_run(op);
	op->state = CRYP_S_INITIAL;
	op->handle_state &= ~TEE_HANDLE_FLAG_INITIALIZED;
}

static size_t ae_final_len(const struct cryp_op *op, size_t src_len)
{
	return ae_is_ccm(op) ? op->held_len + src_len : src_len;
}

TEE_Result cryp_ae_enc_final(uint64_t h, const void *src, size_t src_len,
			     void *dst, size_t *dst_len, void *tag,
			     size_t *tag_len)
{
	struct cryp_op *op = ae_active(h, "AE final: not initialised");
	size_t need = ae_final_len(op, src_len);
	TEE_Result res;
	int outl = 0, finl = 0;

	if (op->mode != TEE_MODE_ENCRYPT)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "AE encrypt: decrypting");
	if (*dst_len < need || *tag_len < op->tag_len) {
		res = TEE_ERROR_SHORT_BUFFER;
		cryp_out_fits(dst_len, need);
		cryp_out_fits(tag_len, op->tag_len);
		return res;
	}
	if (ae_is_ccm(op)) {
		if (cryp_hold(&op->held, &op->held_len, &op->held_cap, src,
			      src_len))
			return TEE_ERROR_OUT_OF_MEMORY;
		res = ae_ccm_run(op, dst, NULL);
		if (res)
			goto out;
		outl = (int)op->held_len;
	} else if (src_len && EVP_CipherUpdate(op->cipher, dst, &outl, src,
					       (int)src_len) != 1) {
		res = TEE_ERROR_GENERIC;
		goto out;
	}
	if (EVP_CipherFinal_ex(op->cipher, (uint8_t *)dst + outl, &finl) != 1 ||
	    EVP_CIPHER_CTX_ctrl(op->cipher, EVP_CTRL_AEAD_GET_TAG,
				(int)op->tag_len, tag) != 1) {
		res = TEE_ERROR_GENERIC;
		goto out;
	}
	*dst_len = (size_t)(outl + finl);
	*tag_len = op->tag_len;
	res = TEE_SUCCESS;
out:
	ae_done(op);
	return res;
}

TEE_Result cryp_ae_dec_final(uint64_t h, const void *src, size_t src_len,
			     void *dst, size_t *dst_len, const void *tag,
			     size_t tag_len)
{
	struct cryp_op *op = ae_active(h, "AE final: not initialised");
	size_t need = ae_final_len(op, src_len);
	TEE_Result res;
	int outl = 0, finl = 0;

	if (op->mode != TEE_MODE_DECRYPT)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "AE decrypt: encrypting");
	res = cryp_out_fits(dst_len, need);
	if (res)
		return res;
	if (tag_len != op->tag_len) {
		res = TEE_ERROR_MAC_INVALID;
		goto out;
	}
	if (ae_is_ccm(op)) {
		if (cryp_hold(&op->held, &op->held_len, &op->held_cap, src,
			      src_len))
			return TEE_ERROR_OUT_OF_MEMORY;
		res = ae_ccm_run(op, dst, tag);
		if (!res)
			*dst_len = op->held_len;
		goto out;
	}
	if (src_len && EVP_CipherUpdate(op->cipher, dst, &outl, src,
					(int)src_len) != 1) {
		res = TEE_ERROR_GENERIC;
		goto out;
	}
	if (EVP_CIPHER_CTX_ctrl(op->cipher, EVP_CTRL_AEAD_SET_TAG,
				(int)tag_len, (void *)tag) != 1 ||
	    EVP_CipherFinal_ex(op->cipher, (uint8_t *)dst + outl,
			       &finl) != 1) {
		res = TEE_ERROR_MAC_INVALID;
		goto out;
	}
	*dst_len = (size_t)(outl + finl);
out:
	/* Plaintext of a forged message is not handed out. */
	if (res == TEE_ERROR_MAC_INVALID)
		OPENSSL_cleanse(dst, need);
	ae_done(op);
	return res;
}
