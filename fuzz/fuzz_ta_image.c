/*
 * Fuzz target: the core's verifier of signed TA images. The first byte
 * picks what the rest is: an image to verify as received (header, lengths,
 * offsets, signature), or an ELF that is signed first, so the checks behind
 * the signature (the ELF, and that header, segment table and page hashes
 * describe it) see fuzzed content too: what the signer accepts must
 * verify, and the same image with one byte changed must not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/rsa.h>

#include "../core/ta_image/ta_image.h"

static EVP_PKEY *fuzz_key;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* A key of the fuzzer's own, so signing stays cheap. */
	fuzz_key = EVP_RSA_gen(2048);
	if (!fuzz_key)
		abort();
	return 0;
}

static void fuzz_verify_signed(const uint8_t *elf, size_t size,
			       uint32_t flip)
{
	struct ta_image_info *info = calloc(1, sizeof(*info));
	char why[LOADER_WHY_LEN];
	size_t img_len = 0;
	uint8_t *img = NULL;

	if (!info)
		return;
	if (ta_image_sign(elf, size, fuzz_key, (void **)&img, &img_len, why,
			  sizeof(why)))
		goto out;
	if (ta_image_verify(img, img_len, fuzz_key, NULL, info))
		abort();	/* signed by us, refused by us */
	img[flip % img_len] ^= 1u << (flip >> 29);
	if (ta_image_verify(img, img_len, fuzz_key, NULL, info) !=
	    TEE_ERROR_SECURITY)
		abort();	/* a changed byte went unnoticed */
out:
	free(img);
	free(info);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ta_image_info *info;
	uint32_t flip;
	void *copy;

	if (size < 5)
		return 0;
	memcpy(&flip, data + 1, sizeof(flip));
	copy = malloc(size - 5);
	if (!copy && size > 5)
		return 0;
	memcpy(copy, data + 5, size - 5);
	if (data[0] & 1) {
		fuzz_verify_signed(copy, size - 5, flip);
	} else {
		info = calloc(1, sizeof(*info));
		if (info && ta_image_verify(copy, size - 5, fuzz_key, NULL,
					    info) == TEE_SUCCESS)
			abort();	/* forged without our key */
		free(info);
	}
	free(copy);
	return 0;
}
