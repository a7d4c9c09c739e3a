/*
 * The signed part of a TA image besides the ELF itself: its header,
 * segment table and per-page SHA-256 hashes, computed from the ELF. One
 * computation serves the signer and the verifier.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <tee_api_defines.h>

#include "ta_image.h"

_Static_assert(TA_IMAGE_PAGE_SIZE == ELF_PAGE_SIZE,
	       "image pages are the loader's pages");
_Static_assert(TA_IMAGE_MAX_SEGS == ELF_MAX_SEGMENTS,
	       "one segment table entry per loadable segment");

static uint64_t image_page_down(uint64_t x)
{
	return x & ~(uint64_t)(TA_IMAGE_PAGE_SIZE - 1);
}

static uint64_t image_page_up(uint64_t x)
{
	return image_page_down(x + TA_IMAGE_PAGE_SIZE - 1);
}

void ta_image_uuid_str(const TEE_UUID *u, char out[37])
{
	const uint8_t *n = u->clockSeqAndNode;

	snprintf(out, 37, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 u->timeLow, u->timeMid, u->timeHiAndVersion, n[0], n[1], n[2],
		 n[3], n[4], n[5], n[6], n[7]);
}

/* SHA-256 of page `page` of seg, as the loader fills it; false on failure. */
static bool image_hash_page(const uint8_t *elf, const struct elf_segment *seg,
			    uint64_t page, uint8_t out[TA_IMAGE_HASH_SIZE])
{
	uint8_t buf[TA_IMAGE_PAGE_SIZE];
	uint64_t start = image_page_down(seg->vaddr) +
			 page * TA_IMAGE_PAGE_SIZE;
	uint64_t lo = seg->vaddr > start ? seg->vaddr : start;
	uint64_t hi = seg->vaddr + seg->filesz;

	if (hi > start + TA_IMAGE_PAGE_SIZE)
		hi = start + TA_IMAGE_PAGE_SIZE;
	memset(buf, 0, sizeof(buf));
	if (hi > lo)
		memcpy(buf + (lo - start), elf + seg->offset + (lo - seg->vaddr),
		       hi - lo);
	return EVP_Digest(buf, sizeof(buf), out, NULL, EVP_sha256(), NULL) == 1;
}

TEE_Result ta_image_layout_build(const void *elf, size_t len,
				 uint32_t sig_size,
				 struct ta_image_layout *lay, char *why,
				 size_t whylen)
{
	const struct utee_ta_head *head = &lay->elf.ta_head;
	size_t total = 0;
	TEE_Result res;
	size_t i;

	memset(lay, 0, sizeof(*lay));
	res = elf_parse(elf, len, &lay->elf, why, whylen);
	if (res)
		return res;

	for (i = 0; i < lay->elf.nsegs; i++) {
		const struct elf_segment *es = &lay->elf.segs[i];
		struct ta_image_seg *s = &lay->segs[i];

		s->vaddr = es->vaddr;
		s->memsz = es->memsz;
		s->filesz = es->filesz;
		s->offset = es->offset;
		s->flags = es->flags;
		s->first_hash = (uint32_t)total;
		if (es->filesz)
			s->page_count = (uint32_t)((image_page_up(es->vaddr +
								  es->filesz) -
						    image_page_down(es->vaddr)) /
						   TA_IMAGE_PAGE_SIZE);
		total += s->page_count;
	}

	lay->hashes = malloc(total ? total * TA_IMAGE_HASH_SIZE : 1);
	if (!lay->hashes)
		return loader_fail(TEE_ERROR_OUT_OF_MEMORY, why, whylen,
				   "no memory for %zu page hashes", total);
	for (i = 0; i < lay->elf.nsegs; i++) {
		const struct ta_image_seg *s = &lay->segs[i];
		uint32_t k;

		for (k = 0; k < s->page_count; k++) {
			if (!image_hash_page(elf, &lay->elf.segs[i], k,
					     lay->hashes + (size_t)(s->first_hash + k) *
							   TA_IMAGE_HASH_SIZE)) {
				ta_image_layout_free(lay);
				return loader_fail(TEE_ERROR_GENERIC, why,
						   whylen,
						   "SHA-256 failed (OpenSSL)");
			}
		}
	}

	lay->hdr.magic = TA_IMAGE_MAGIC;
	lay->hdr.version = TA_IMAGE_VERSION;
	lay->hdr.hdr_size = sizeof(lay->hdr);
	lay->hdr.hash_algo = TA_IMAGE_HASH_SHA256;
	lay->hdr.sig_algo = TA_IMAGE_SIG_RSA_PSS_SHA256;
	lay->hdr.uuid_time_low = head->uuid_time_low;
	lay->hdr.uuid_time_mid = head->uuid_time_mid;
	lay->hdr.uuid_time_hi_and_version = head->uuid_time_hi_and_version;
	memcpy(lay->hdr.uuid_clock_seq_and_node, head->uuid_clock_seq_and_node,
	       sizeof(lay->hdr.uuid_clock_seq_and_node));
	lay->hdr.page_size = TA_IMAGE_PAGE_SIZE;
	lay->hdr.seg_count = (uint32_t)lay->elf.nsegs;
	lay->hdr.hash_count = (uint32_t)total;
	lay->hdr.sig_size = sig_size;
	lay->hdr.elf_size = len;
	return TEE_SUCCESS;
}

void ta_image_layout_free(struct ta_image_layout *lay)
{
	free(lay->hashes);
	lay->hashes = NULL;
}

int ta_image_pss_setup(EVP_PKEY_CTX *pctx)
{
	return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0 &&
	       EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32) > 0 &&
	       EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) > 0;
}
