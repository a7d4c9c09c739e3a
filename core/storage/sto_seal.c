/*
 * Sealed files: AES-256-GCM under the TA's key with a fresh nonce per
 * write. The header is authenticated with the contents, and so are the
 * TA's UUID and the file's number, so a file copied to another name or
 * into another TA's directory fails to open.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/evp.h>

#include "sto_priv.h"

#define SEAL_MAGIC	0x53545354u	/* "TSTS" */
#define SEAL_VERSION	1

struct seal_hdr {
	uint32_t magic;
	uint32_t version;
	uint64_t length;		/* plaintext bytes */
	uint8_t nonce[STO_NONCE_LEN];
};

_Static_assert(sizeof(struct seal_hdr) + STO_TAG_LEN == STO_SEAL_OVERHEAD,
	       "STO_SEAL_OVERHEAD too small");

struct seal_aad {
	uint8_t uuid[16];
	uint64_t file;
	struct seal_hdr hdr;
};

/* One GCM pass; enc 1 seals, 0 opens (tag checked). */
static bool seal_gcm(int enc, const struct sto_ta_keys *k,
		     const struct seal_aad *aad, const uint8_t *in,
		     size_t len, uint8_t *out, uint8_t tag[STO_TAG_LEN])
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n, ok;

	if (!c)
		return false;
	ok = EVP_CipherInit_ex(c, EVP_aes_256_gcm(), NULL, k->key,
			       aad->hdr.nonce, enc) == 1 &&
	     EVP_CipherUpdate(c, NULL, &n, (const uint8_t *)aad,
			      sizeof(*aad)) == 1;
	while (ok && len) {
		int chunk = len > (1u << 30) ? 1 << 30 : (int)len;

		ok = EVP_CipherUpdate(c, out, &n, in, chunk) == 1;
		in += chunk;
		out += chunk;
		len -= (size_t)chunk;
	}
	if (ok && !enc)
		ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, STO_TAG_LEN,
					 tag) == 1;
	if (ok)
		ok = EVP_CipherFinal_ex(c, out, &n) == 1;
	if (ok && enc)
		ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, STO_TAG_LEN,
					 tag) == 1;
	EVP_CIPHER_CTX_free(c);
	return ok;
}

static void seal_aad_init(struct seal_aad *aad, const uint8_t uuid[16],
			  uint64_t file)
{
	memset(aad, 0, sizeof(*aad));
	memcpy(aad->uuid, uuid, 16);
	aad->file = file;
}

TEE_Result sto_seal(const struct sto_ta_keys *k, const uint8_t uuid[16],
		    uint64_t file, const void *plain, size_t len,
		    uint8_t **out, size_t *out_len, uint8_t tag[STO_TAG_LEN])
{
	size_t total = sizeof(struct seal_hdr) + len + STO_TAG_LEN;
	struct seal_aad aad;
	uint8_t *p;

	seal_aad_init(&aad, uuid, file);
	aad.hdr.magic = SEAL_MAGIC;
	aad.hdr.version = SEAL_VERSION;
	aad.hdr.length = len;
	if (getrandom(aad.hdr.nonce, STO_NONCE_LEN, 0) != STO_NONCE_LEN)
		return TEE_ERROR_GENERIC;
	p = malloc(total);
	if (!p)
		return TEE_ERROR_OUT_OF_MEMORY;
	memcpy(p, &aad.hdr, sizeof(aad.hdr));
	if (!seal_gcm(1, k, &aad, plain, len, p + sizeof(aad.hdr), tag)) {
		free(p);
		return TEE_ERROR_GENERIC;
	}
	memcpy(p + total - STO_TAG_LEN, tag, STO_TAG_LEN);
	*out = p;
	*out_len = total;
	return TEE_SUCCESS;
}

TEE_Result sto_unseal(const struct sto_ta_keys *k, const uint8_t uuid[16],
		      uint64_t file, const uint8_t *in, size_t len,
		      uint8_t **plain, size_t *plain_len,
		      uint8_t tag[STO_TAG_LEN])
{
	struct seal_aad aad;
	uint8_t *p;

	seal_aad_init(&aad, uuid, file);
	if (len < sizeof(aad.hdr) + STO_TAG_LEN)
		return TEE_ERROR_CORRUPT_OBJECT;
	memcpy(&aad.hdr, in, sizeof(aad.hdr));
	if (aad.hdr.magic != SEAL_MAGIC || aad.hdr.version != SEAL_VERSION ||
	    aad.hdr.length != len - sizeof(aad.hdr) - STO_TAG_LEN)
		return TEE_ERROR_CORRUPT_OBJECT;
	memcpy(tag, in + len - STO_TAG_LEN, STO_TAG_LEN);
	p = malloc(aad.hdr.length ? aad.hdr.length : 1);
	if (!p)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (!seal_gcm(0, k, &aad, in + sizeof(aad.hdr), aad.hdr.length, p,
		      tag)) {
		free(p);
		return TEE_ERROR_CORRUPT_OBJECT;
	}
	*plain = p;
	*plain_len = aad.hdr.length;
	return TEE_SUCCESS;
}
