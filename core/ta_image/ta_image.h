/*
 * Signed TA images (format: teecheck/ta_image.h): verification for the
 * core, and building and signing for the signing tool and the tests.
 */
#ifndef CORE_LOADER_TA_IMAGE_H
#define CORE_LOADER_TA_IMAGE_H

#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>
#include <tee_api_types.h>
#include <teecheck/ta_abi.h>
#include <teecheck/ta_image.h>

#include "elf_parse.h"
#include "loader_why.h"

/* A verified image. Pointers point into the image the caller passed. */
struct ta_image_info {
	struct ta_image_hdr hdr;
	TEE_UUID uuid;
	const void *elf;
	size_t elf_size;
	struct ta_image_seg segs[TA_IMAGE_MAX_SEGS];
	size_t seg_count;
	const uint8_t *hashes;		/* hash_count * TA_IMAGE_HASH_SIZE */
	size_t hash_count;
	struct utee_ta_head ta_head;	/* the ELF's, checked by elf_parse */
	char why[LOADER_WHY_LEN];	/* on failure: what was wrong */
};

/*
 * Verifies img[0..len): the header's every length, offset and count, the
 * signature with pubkey (RSA), the UUID against expect_uuid (unless NULL),
 * the ELF (elf_parse) and that the header, segment table and page hashes
 * describe that ELF. TEE_SUCCESS, or TEE_ERROR_SECURITY for anything wrong
 * with the image, info->why naming the field; TEE_ERROR_BAD_PARAMETERS if
 * pubkey is not an RSA key.
 */
TEE_Result ta_image_verify(const void *img, size_t len, EVP_PKEY *pubkey,
			   const TEE_UUID *expect_uuid,
			   struct ta_image_info *info);

/* An RSA public key from PEM text, or NULL. The caller frees it. */
EVP_PKEY *ta_image_load_pubkey_pem(const char *pem, size_t len);

/*
 * Everything of an image but the ELF and the signature, as computed from
 * the ELF: the signer writes it out, the verifier compares with it.
 */
struct ta_image_layout {
	struct ta_image_hdr hdr;
	struct ta_image_seg segs[TA_IMAGE_MAX_SEGS];
	uint8_t *hashes;		/* malloc'd, hdr.hash_count entries */
	struct elf_info elf;
};

TEE_Result ta_image_layout_build(const void *elf, size_t len,
				 uint32_t sig_size,
				 struct ta_image_layout *lay, char *why,
				 size_t whylen);
void ta_image_layout_free(struct ta_image_layout *lay);

/*
 * Signs an ELF with an RSA private key into a malloc'd image. Fails with
 * the reason in why if the ELF is not a valid TA (see elf_parse).
 */
TEE_Result ta_image_sign(const void *elf, size_t len, EVP_PKEY *key,
			 void **img, size_t *img_len, char *why,
			 size_t whylen);

/* Sets up ctx for RSASSA-PSS-SHA256 as the format defines it. */
int ta_image_pss_setup(EVP_PKEY_CTX *pctx);

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" of a UUID. */
void ta_image_uuid_str(const TEE_UUID *u, char out[37]);

#endif
