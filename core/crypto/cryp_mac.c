/*
 * MACs: HMAC with every digest and AES-CMAC over EVP_MAC; CBC-MAC (AES,
 * DES, triple DES; with or without PKCS#5 padding) as CBC encryption that
 * keeps only the last block.
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>

#include "cryp_priv.h"

static bool mac_is_cbc(const struct cryp_op *op)
{
	return op->a->cipher && op->a->alg != TEE_ALG_AES_CMAC;
}

static bool mac_pads(const struct cryp_op *op)
{
	return (op->a->alg & 0xf00u) == 0x500u;
}

static void mac_start_evp(struct cryp_op *op)
{
	const struct cryp_attr *k = cryp_op_secret(op, 0);
	OSSL_PARAM params[2];
	char cname[32];
	EVP_MAC *mac;

	if (op->a->alg == TEE_ALG_AES_CMAC) {
		strncpy(cname, EVP_CIPHER_get0_name(cryp_cipher_for(op)),
			sizeof(cname) - 1);
		cname[sizeof(cname) - 1] = 0;
		params[0] = OSSL_PARAM_construct_utf8_string(
				OSSL_MAC_PARAM_CIPHER, cname, 0);
		mac = EVP_MAC_fetch(NULL, "CMAC", NULL);
	} else {
		params[0] = OSSL_PARAM_construct_utf8_string(
				OSSL_MAC_PARAM_DIGEST, (char *)op->a->md, 0);
		mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	}
	params[1] = OSSL_PARAM_construct_end();
	op->mac = mac ? EVP_MAC_CTX_new(mac) : NULL;
	EVP_MAC_free(mac);
	if (!op->mac || EVP_MAC_init(op->mac, k->buf, k->len, params) != 1)
		cryp_panic(TEE_ERROR_GENERIC, "MAC init");
}

static void mac_start_cbc(struct cryp_op *op, const void *iv, size_t iv_len)
{
	const struct cryp_attr *k = cryp_op_secret(op, 0);
	const EVP_CIPHER *c = cryp_cipher_for(op);

	memset(op->iv, 0, sizeof(op->iv));
	if (iv && iv_len == op->a->block)
		memcpy(op->iv, iv, iv_len);
	op->cipher = EVP_CIPHER_CTX_new();
	if (!c || !op->cipher ||
	    EVP_EncryptInit_ex2(op->cipher, c, k->buf, op->iv, NULL) != 1 ||
	    EVP_CIPHER_CTX_set_padding(op->cipher, 0) != 1)
		cryp_panic(TEE_ERROR_GENERIC, "CBC-MAC init");
}

void cryp_mac_init(uint64_t h, const void *iv, size_t iv_len)
{
	struct cryp_op *op = cryp_op_expect(h, CRYP_F_MAC,
					    "MAC init: not a MAC");

	if (!(op->handle_state & TEE_HANDLE_FLAG_KEY_SET))
		cryp_panic(TEE_ERROR_BAD_STATE, "MAC init: no key");
	cryp_op_clear_run(op);
	if (mac_is_cbc(op))
		mac_start_cbc(op, iv, iv_len);
	else
		mac_start_evp(op);
	op->state = CRYP_S_ACTIVE;
	op->handle_state |= TEE_HANDLE_FLAG_INITIALIZED;
}

/* CBC over whole blocks; the last cipher block stays in op->iv. */
static void mac_cbc_feed(struct cryp_op *op, const uint8_t *p, size_t n)
{
	size_t blk = op->a->block, take;
	uint8_t out[4096];
	int outl;

	/* Complete the held partial block first. */
	if (op->held_len) {
		take = blk - op->held_len < n ? blk - op->held_len : n;
		if (cryp_hold(&op->held, &op->held_len, &op->held_cap, p,
			      take))
			cryp_panic(TEE_ERROR_OUT_OF_MEMORY, "CBC-MAC");
		p += take;
		n -= take;
		if (op->held_len < blk)
			return;
		if (EVP_EncryptUpdate(op->cipher, out, &outl, op->held,
				      (int)blk) != 1)
			cryp_panic(TEE_ERROR_GENERIC, "CBC-MAC");
		memcpy(op->iv, out, blk);
		op->held_len = 0;
	}
	while (n >= blk) {
		take = n / blk * blk;
		if (take > sizeof(out))
			take = sizeof(out);
		if (EVP_EncryptUpdate(op->cipher, out, &outl, p,
				      (int)take) != 1)
			cryp_panic(TEE_ERROR_GENERIC, "CBC-MAC");
		memcpy(op->iv, out + take - blk, blk);
		p += take;
		n -= take;
	}
	if (n && cryp_hold(&op->held, &op->held_len, &op->held_cap, p, n))
		cryp_panic(TEE_ERROR_OUT_OF_MEMORY, "CBC-MAC");
}

static struct cryp_op *mac_active(uint64_t h, const char *what)
{
	struct cryp_op *op = cryp_op_expect(h, CRYP_F_MAC, what);

	if (op->state != CRYP_S_ACTIVE)
		cryp_panic(TEE_ERROR_BAD_STATE, what);
	return op;
}

void cryp_mac_update(uint64_t h, const void *chunk, size_t len)
{
	struct cryp_op *op = mac_active(h, "MAC update: not initialised");

	if (mac_is_cbc(op))
		mac_cbc_feed(op, chunk, len);
	else if (EVP_MAC_update(op->mac, chunk, len) != 1)
		cryp_panic(TEE_ERROR_GENERIC, "MAC update");
}

/* The MAC of what came so far and msg, into out (digest_len bytes). */
static TEE_Result mac_finish(struct cryp_op *op, const void *msg, size_t len,
			     uint8_t *out)
{
	uint8_t pad[16];
	size_t blk = op->a->block, outl = 0;

	if (!mac_is_cbc(op)) {
		if (EVP_MAC_update(op->mac, msg, len) != 1 ||
		    EVP_MAC_final(op->mac, out, &outl, EVP_MAX_MD_SIZE) != 1)
			cryp_panic(TEE_ERROR_GENERIC, "MAC final");
		return TEE_SUCCESS;
	}
	mac_cbc_feed(op, msg, len);
	if (mac_pads(op)) {
		memset(pad, (int)(blk - op->held_len), blk - op->held_len);
		mac_cbc_feed(op, pad, blk - op->held_len);
	} else if (op->held_len) {
		return TEE_ERROR_BAD_PARAMETERS;
	}
	memcpy(out, op->iv, blk);
	return TEE_SUCCESS;
}

static void mac_done(struct cryp_op *op)
{
	cryp_op_clear_run(op);
	op->state = CRYP_S_INITIAL;
	op->handle_state &= ~TEE_HANDLE_FLAG_INITIALIZED;
}

TEE_Result cryp_mac_compute(uint64_t h, const void *msg, size_t len,
			    void *mac, size_t *mac_len)
{
	struct cryp_op *op = mac_active(h, "MAC compute: not initialised");
	uint8_t out[EVP_MAX_MD_SIZE];
	TEE_Result res = cryp_out_fits(mac_len, op->a->digest_len);

	if (res)
		return res;
	res = mac_finish(op, msg, len, out);
	if (!res) {
		memcpy(mac, out, op->a->digest_len);
		*mac_len = op->a->digest_len;
	}
	mac_done(op);
	return res;
}

TEE_Result cryp_mac_compare(uint64_t h, const void *msg, size_t len,
			    const void *mac, size_t mac_len)
{
	struct cryp_op *op = mac_active(h, "MAC compare: not initialised");
	uint8_t out[EVP_MAX_MD_SIZE];
	TEE_Result res = mac_finish(op, msg, len, out);

	if (!res && (mac_len != op->a->digest_len ||
		     CRYPTO_memcmp(out, mac, mac_len)))
		res = TEE_ERROR_MAC_INVALID;
	mac_done(op);
	return res;
}
