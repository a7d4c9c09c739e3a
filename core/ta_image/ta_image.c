/*
 * Verification of a signed TA image before the core lets anything of it
 * run: header ranges, the RSA-PSS signature, the UUID, the ELF, and that
 * the signed tables describe that ELF.
 */
#include <stdbool.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <tee_api_defines.h>

#include "ta_image.h"

#define IMAGE_BAD(info, ...) \
	loader_fail(TEE_ERROR_SECURITY, (info)->why, sizeof((info)->why), \
		    __VA_ARGS__)

EVP_PKEY *ta_image_load_pubkey_pem(const char *pem, size_t len)
{
	EVP_PKEY *key = NULL;
	BIO *bio;

	if (len > INT32_MAX)
		return NULL;
	bio = BIO_new_mem_buf(pem, (int)len);
	if (!bio)
		return NULL;
	key = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	BIO_free(bio);
	if (key && !EVP_PKEY_is_a(key, "RSA")) {
		EVP_PKEY_free(key);
		key = NULL;
	}
	return key;
}

static void image_hdr_uuid(const struct ta_image_hdr *h, TEE_UUID *u)
{
	u->timeLow = h->uuid_time_low;
	u->timeMid = h->uuid_time_mid;
	u->timeHiAndVersion = h->uuid_time_hi_and_version;
	memcpy(u->clockSeqAndNode, h->uuid_clock_seq_and_node,
	       sizeof(u->clockSeqAndNode));
}

static bool image_uuid_equal(const TEE_UUID *a, const TEE_UUID *b)
{
	return a->timeLow == b->timeLow && a->timeMid == b->timeMid &&
	       a->timeHiAndVersion == b->timeHiAndVersion &&
	       !memcmp(a->clockSeqAndNode, b->clockSeqAndNode,
		       sizeof(a->clockSeqAndNode));
}

/* Header fields alone, and that the parts they describe fill len exactly. */
static TEE_Result image_check_hdr(const struct ta_image_hdr *h, size_t len,
				  EVP_PKEY *pubkey,
				  struct ta_image_info *info)
{
	uint64_t tables, total;
	int key_size = EVP_PKEY_get_size(pubkey);

	if (h->magic != TA_IMAGE_MAGIC)
		return IMAGE_BAD(info, "magic: 0x%08x, not a signed TA image (expected 0x%08x)",
				 h->magic, TA_IMAGE_MAGIC);
	if (h->version != TA_IMAGE_VERSION)
		return IMAGE_BAD(info, "version: %u, expected %u", h->version,
				 TA_IMAGE_VERSION);
	if (h->hdr_size != sizeof(*h))
		return IMAGE_BAD(info, "hdr_size: %u, expected %zu",
				 h->hdr_size, sizeof(*h));
	if (h->hash_algo != TA_IMAGE_HASH_SHA256)
		return IMAGE_BAD(info, "hash_algo: %u, expected %u (SHA-256)",
				 h->hash_algo, TA_IMAGE_HASH_SHA256);
	if (h->sig_algo != TA_IMAGE_SIG_RSA_PSS_SHA256)
		return IMAGE_BAD(info, "sig_algo: %u, expected %u (RSA-PSS SHA-256)",
				 h->sig_algo, TA_IMAGE_SIG_RSA_PSS_SHA256);
	if (h->page_size != TA_IMAGE_PAGE_SIZE)
		return IMAGE_BAD(info, "page_size: %u, expected %u",
				 h->page_size, TA_IMAGE_PAGE_SIZE);
	if (h->reserved[0] || h->reserved[1])
		return IMAGE_BAD(info, "reserved: not zero");
	if (!h->seg_count || h->seg_count > TA_IMAGE_MAX_SEGS)
		return IMAGE_BAD(info, "seg_count: %u, expected 1 to %u",
				 h->seg_count, TA_IMAGE_MAX_SEGS);
	if (!h->sig_size || h->sig_size > TA_IMAGE_MAX_SIG ||
	    key_size <= 0 || h->sig_size != (uint32_t)key_size)
		return IMAGE_BAD(info, "sig_size: %u, the verification key signs with %d bytes",
				 h->sig_size, key_size);
	if (h->hash_count > len / TA_IMAGE_HASH_SIZE)
		return IMAGE_BAD(info, "hash_count: %u hashes do not fit in a %zu-byte image",
				 h->hash_count, len);
	if (h->elf_size > len)
		return IMAGE_BAD(info, "elf_size: %lu bytes, more than the whole image (%zu)",
				 h->elf_size, len);
	/* Each term is now below 2^32 * 64 or len: no overflow in 64 bits. */
	tables = sizeof(*h) + (uint64_t)h->seg_count * sizeof(struct ta_image_seg) +
		 (uint64_t)h->hash_count * TA_IMAGE_HASH_SIZE;
	total = tables + h->elf_size + h->sig_size;
	if (total != len)
		return IMAGE_BAD(info, "image size: %zu bytes, the header describes %lu",
				 len, total);
	return TEE_SUCCESS;
}

static TEE_Result image_check_signature(const uint8_t *img, size_t len,
					uint32_t sig_size, EVP_PKEY *pubkey,
					struct ta_image_info *info)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	TEE_Result res = TEE_SUCCESS;
	int ok;

	if (!md)
		return loader_fail(TEE_ERROR_OUT_OF_MEMORY, info->why,
				   sizeof(info->why), "signature: no memory");
	if (EVP_DigestVerifyInit(md, &pctx, EVP_sha256(), NULL, pubkey) != 1 ||
	    !ta_image_pss_setup(pctx)) {
		res = loader_fail(TEE_ERROR_GENERIC, info->why,
				  sizeof(info->why),
				  "signature: cannot set up RSA-PSS verification");
		goto out;
	}
	ok = EVP_DigestVerify(md, img + len - sig_size, sig_size, img,
			      len - sig_size);
	if (ok != 1)
		res = IMAGE_BAD(info, "signature: does not verify with the TA key");
out:
	EVP_MD_CTX_free(md);
	return res;
}

/* The signed header and tables must be exactly what the ELF gives. */
static TEE_Result image_check_tables(const uint8_t *img,
				     const struct ta_image_hdr *h,
				     const struct ta_image_layout *lay,
				     struct ta_image_info *info)
{
	const uint8_t *segs = img + sizeof(*h);
	const uint8_t *hashes = segs + h->seg_count * sizeof(struct ta_image_seg);
	char a[37], b[37];
	TEE_UUID elf_uuid;
	uint32_t i;

	image_hdr_uuid(&lay->hdr, &elf_uuid);
	if (!image_uuid_equal(&info->uuid, &elf_uuid)) {
		ta_image_uuid_str(&info->uuid, a);
		ta_image_uuid_str(&elf_uuid, b);
		return IMAGE_BAD(info, "uuid: the header says %s, the ELF's .ta_head says %s",
				 a, b);
	}
	if (h->seg_count != lay->hdr.seg_count)
		return IMAGE_BAD(info, "seg_count: %u, the ELF has %u PT_LOAD segments",
				 h->seg_count, lay->hdr.seg_count);
	for (i = 0; i < h->seg_count; i++) {
		memcpy(&info->segs[i], segs + i * sizeof(info->segs[i]),
		       sizeof(info->segs[i]));
		if (memcmp(&info->segs[i], &lay->segs[i], sizeof(lay->segs[i])))
			return IMAGE_BAD(info, "segment table entry %u does not match the ELF's PT_LOAD %u",
					 i, i);
	}
	if (h->hash_count != lay->hdr.hash_count)
		return IMAGE_BAD(info, "hash_count: %u, the ELF's segments have %u pages",
				 h->hash_count, lay->hdr.hash_count);
	for (i = 0; i < h->hash_count; i++) {
		if (memcmp(hashes + (size_t)i * TA_IMAGE_HASH_SIZE,
			   lay->hashes + (size_t)i * TA_IMAGE_HASH_SIZE,
			   TA_IMAGE_HASH_SIZE))
			return IMAGE_BAD(info, "page hash %u does not match the ELF",
					 i);
	}
	info->seg_count = h->seg_count;
	info->hashes = hashes;
	info->hash_count = h->hash_count;
	return TEE_SUCCESS;
}

TEE_Result ta_image_verify(const void *img, size_t len, EVP_PKEY *pubkey,
			   const TEE_UUID *expect_uuid,
			   struct ta_image_info *info)
{
	const uint8_t *p = img;
	struct ta_image_layout lay = { .hashes = NULL };
	struct ta_image_hdr *h = &info->hdr;
	char why[LOADER_WHY_LEN];
	char a[37], b[37];
	TEE_Result res;

	memset(info, 0, sizeof(*info));
	if (!pubkey || !EVP_PKEY_is_a(pubkey, "RSA"))
		return loader_fail(TEE_ERROR_BAD_PARAMETERS, info->why,
				   sizeof(info->why),
				   "verification key: not an RSA key");
	if (!img || len < sizeof(*h))
		return IMAGE_BAD(info, "image: %zu bytes, shorter than its %zu-byte header",
				 img ? len : 0, sizeof(*h));
	memcpy(h, p, sizeof(*h));

	res = image_check_hdr(h, len, pubkey, info);
	if (res)
		goto out;
	res = image_check_signature(p, len, h->sig_size, pubkey, info);
	if (res)
		goto out;

	image_hdr_uuid(h, &info->uuid);
	if (expect_uuid && !image_uuid_equal(expect_uuid, &info->uuid)) {
		ta_image_uuid_str(&info->uuid, a);
		ta_image_uuid_str(expect_uuid, b);
		res = IMAGE_BAD(info, "uuid: the image is TA %s, %s was asked for",
				a, b);
		goto out;
	}

	info->elf_size = h->elf_size;
	info->elf = p + len - h->sig_size - h->elf_size;
	res = ta_image_layout_build(info->elf, info->elf_size, h->sig_size,
				    &lay, why, sizeof(why));
	if (res) {
		res = IMAGE_BAD(info, "elf: %s", why);
		goto out;
	}
	res = image_check_tables(p, h, &lay, info);
	if (res)
		goto out;
	info->ta_head = lay.elf.ta_head;
out:
	ta_image_layout_free(&lay);
	if (res) {
		info->elf = NULL;
		info->hashes = NULL;
	}
	return res;
}
