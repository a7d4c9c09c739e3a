/* Signing a TA ELF into an image (teecheck/ta_image.h). */
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <tee_api_defines.h>

#include "ta_image.h"

TEE_Result ta_image_sign(const void *elf, size_t len, EVP_PKEY *key,
			 void **img, size_t *img_len, char *why,
			 size_t whylen)
{
	struct ta_image_layout lay = { .hashes = NULL };
	EVP_MD_CTX *md = NULL;
	EVP_PKEY_CTX *pctx = NULL;
	int key_size = EVP_PKEY_get_size(key);
	size_t tables, total, sig_len;
	uint8_t *out = NULL;
	TEE_Result res;

	*img = NULL;
	*img_len = 0;
	if (!EVP_PKEY_is_a(key, "RSA") || key_size <= 0 ||
	    (unsigned int)key_size > TA_IMAGE_MAX_SIG)
		return loader_fail(TEE_ERROR_BAD_PARAMETERS, why, whylen,
				   "signing key: not an RSA key of at most %u bytes",
				   TA_IMAGE_MAX_SIG);

	res = ta_image_layout_build(elf, len, (uint32_t)key_size, &lay, why,
				    whylen);
	if (res)
		goto out;

	tables = sizeof(lay.hdr) + lay.hdr.seg_count * sizeof(lay.segs[0]) +
		 (size_t)lay.hdr.hash_count * TA_IMAGE_HASH_SIZE;
	total = tables + len + (size_t)key_size;
	out = malloc(total);
	md = EVP_MD_CTX_new();
	if (!out || !md) {
		res = loader_fail(TEE_ERROR_OUT_OF_MEMORY, why, whylen,
				  "no memory for a %zu-byte image", total);
		goto out;
	}
	memcpy(out, &lay.hdr, sizeof(lay.hdr));
	memcpy(out + sizeof(lay.hdr), lay.segs,
	       lay.hdr.seg_count * sizeof(lay.segs[0]));
	memcpy(out + sizeof(lay.hdr) + lay.hdr.seg_count * sizeof(lay.segs[0]),
	       lay.hashes, (size_t)lay.hdr.hash_count * TA_IMAGE_HASH_SIZE);
	memcpy(out + tables, elf, len);

	sig_len = (size_t)key_size;
	if (EVP_DigestSignInit(md, &pctx, EVP_sha256(), NULL, key) != 1 ||
	    !ta_image_pss_setup(pctx) ||
	    EVP_DigestSign(md, out + tables + len, &sig_len, out,
			   tables + len) != 1 ||
	    sig_len != (size_t)key_size) {
		res = loader_fail(TEE_ERROR_GENERIC, why, whylen,
				  "signing failed (OpenSSL)");
		goto out;
	}
	*img = out;
	*img_len = total;
	out = NULL;
out:
	free(out);
	EVP_MD_CTX_free(md);
	ta_image_layout_free(&lay);
	return res;
}
