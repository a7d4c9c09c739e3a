/*
 * Unit tests of signed TA images: the built os_test image verifies, and
 * any damage to it (a flipped byte anywhere, truncation, another key, no
 * signature at all, another TA) is TEE_ERROR_SECURITY with a reason. Images
 * re-signed after damage show the checks behind the signature work too.
 */
#include <elf.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include <openssl/evp.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>

#include "../../../ta/os_test/include/os_test_ta.h"
#include "../ta_image.h"
#include "../../loader/tests/loader_test_util.h"

struct fixture {
	uint8_t *img;
	size_t len;
	uint8_t *elf;
	size_t elf_len;
	EVP_PKEY *pub;
	EVP_PKEY *priv;
	struct ta_image_info info;
};

static const TEE_UUID os_test_uuid = TA_OS_TEST_UUID;

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->img = loader_test_read(LOADER_TEST_TA ".ta", &f->len);
	f->elf = loader_test_read(LOADER_TEST_TA ".elf", &f->elf_len);
	f->pub = loader_test_key("ta_sign_pub.pem", 0);
	f->priv = loader_test_key("ta_sign_key.pem", 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	EVP_PKEY_free(f->pub);
	EVP_PKEY_free(f->priv);
	free(f->img);
	free(f->elf);
	free(f);
	return 0;
}

static struct ta_image_hdr image_hdr(const uint8_t *img)
{
	struct ta_image_hdr h;

	memcpy(&h, img, sizeof(h));
	return h;
}

static size_t seg_table_offset(void)
{
	return sizeof(struct ta_image_hdr);
}

static size_t hash_table_offset(const uint8_t *img)
{
	return seg_table_offset() +
	       image_hdr(img).seg_count * sizeof(struct ta_image_seg);
}

static size_t elf_offset(const uint8_t *img)
{
	return hash_table_offset(img) +
	       (size_t)image_hdr(img).hash_count * TA_IMAGE_HASH_SIZE;
}

/* Expects verification to fail as SECURITY, the reason containing why. */
static void expect_rejected(struct fixture *f, const uint8_t *img, size_t len,
			    const TEE_UUID *uuid, const char *why)
{
	TEE_Result res = ta_image_verify(img, len, f->pub, uuid, &f->info);

	print_message("  -> 0x%08x %s\n", res, f->info.why);
	assert_int_equal(res, TEE_ERROR_SECURITY);
	if (!strstr(f->info.why, why))
		fail_msg("reason \"%s\" does not mention \"%s\"", f->info.why,
			 why);
	assert_null(f->info.elf);
}

/* A copy of the good image with one byte flipped. */
static uint8_t *flipped(struct fixture *f, size_t off)
{
	uint8_t *copy = malloc(f->len);

	assert_true(off < f->len);
	memcpy(copy, f->img, f->len);
	copy[off] ^= 0x40;
	return copy;
}

/* Signs img again after it was changed, as a signer gone wrong would. */
static void resign(struct fixture *f, uint8_t *img, size_t len)
{
	size_t sig_size = image_hdr(img).sig_size;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	size_t sig_len = sig_size;

	assert_int_equal(EVP_DigestSignInit(md, &pctx, EVP_sha256(), NULL,
					    f->priv), 1);
	assert_true(ta_image_pss_setup(pctx));
	assert_int_equal(EVP_DigestSign(md, img + len - sig_size, &sig_len,
					img, len - sig_size), 1);
	assert_int_equal(sig_len, sig_size);
	EVP_MD_CTX_free(md);
}

static void test_good_image_verifies(void **state)
{
	struct fixture *f = *state;
	struct ta_image_info *i = &f->info;
	TEE_Result res;

	res = ta_image_verify(f->img, f->len, f->pub, &os_test_uuid, i);
	if (res)
		fail_msg("0x%08x: %s", res, i->why);

	assert_ptr_equal(i->elf, f->img + elf_offset(f->img));
	assert_int_equal(i->elf_size, f->elf_len);
	assert_memory_equal(i->elf, f->elf, f->elf_len);
	assert_int_equal(i->uuid.timeLow, os_test_uuid.timeLow);
	assert_int_equal(i->ta_head.magic, UTEE_TA_HEAD_MAGIC);
	assert_int_equal(i->ta_head.flags,
			 TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION);
	assert_int_equal(i->hdr.sig_size, 384);
	assert_ptr_equal(i->hashes, f->img + hash_table_offset(f->img));
	assert_true(i->hash_count > 0);

	/* one segment entry per PT_LOAD, hashes split among them in order */
	{
		size_t n = 0, k, next = 0;

		while (elf_find_phdr(f->elf, PT_LOAD, n))
			n++;
		assert_int_equal(i->seg_count, n);
		for (k = 0; k < n; k++) {
			Elf64_Phdr *ph = elf_find_phdr(f->elf, PT_LOAD, k);

			assert_int_equal(i->segs[k].vaddr, ph->p_vaddr);
			assert_int_equal(i->segs[k].filesz, ph->p_filesz);
			assert_int_equal(i->segs[k].first_hash, next);
			next += i->segs[k].page_count;
		}
		assert_int_equal(next, i->hash_count);
	}

	/* the UUID check is optional */
	assert_int_equal(ta_image_verify(f->img, f->len, f->pub, NULL, i),
			 TEE_SUCCESS);
}

/* Page hash k is SHA-256 of the page as the loader fills it. */
static void test_page_hash_is_sha256_of_page(void **state)
{
	struct fixture *f = *state;
	struct ta_image_info *i = &f->info;
	const struct ta_image_seg *text = NULL;
	uint8_t page[TA_IMAGE_PAGE_SIZE], md[TA_IMAGE_HASH_SIZE];
	size_t k, n;

	assert_int_equal(ta_image_verify(f->img, f->len, f->pub, NULL, i),
			 TEE_SUCCESS);
	for (k = 0; k < i->seg_count; k++) {
		if (i->segs[k].flags & PF_X)
			text = &i->segs[k];
	}
	assert_non_null(text);
	/* text starts on a page: its first page is plain file bytes */
	assert_int_equal(text->vaddr % TA_IMAGE_PAGE_SIZE, 0);
	n = text->filesz < sizeof(page) ? text->filesz : sizeof(page);
	memset(page, 0, sizeof(page));
	memcpy(page, f->elf + text->offset, n);
	assert_int_equal(EVP_Digest(page, sizeof(page), md, NULL, EVP_sha256(),
				    NULL), 1);
	assert_memory_equal(i->hashes + (size_t)text->first_hash *
					TA_IMAGE_HASH_SIZE, md, sizeof(md));
}

static void test_flipped_elf_byte_rejected(void **state)
{
	struct fixture *f = *state;
	uint8_t *img = flipped(f, elf_offset(f->img) + f->elf_len / 2);

	expect_rejected(f, img, f->len, &os_test_uuid, "signature");
	free(img);
}

static void test_flipped_header_byte_rejected(void **state)
{
	struct fixture *f = *state;
	uint8_t *img = flipped(f, offsetof(struct ta_image_hdr,
					   uuid_clock_seq_and_node) + 3);

	expect_rejected(f, img, f->len, &os_test_uuid, "signature");
	free(img);
}

static void test_flipped_hash_byte_rejected(void **state)
{
	struct fixture *f = *state;
	uint8_t *img = flipped(f, hash_table_offset(f->img) + 5);

	expect_rejected(f, img, f->len, &os_test_uuid, "signature");
	free(img);
}

static void test_flipped_signature_byte_rejected(void **state)
{
	struct fixture *f = *state;
	uint8_t *img = flipped(f, f->len - 100);

	expect_rejected(f, img, f->len, &os_test_uuid, "signature");
	free(img);
}

static void test_truncated_image_rejected(void **state)
{
	struct fixture *f = *state;

	expect_rejected(f, f->img, f->len - 1, &os_test_uuid, "image size");
	expect_rejected(f, f->img, 10, &os_test_uuid, "shorter than its");
	expect_rejected(f, f->img, 0, &os_test_uuid, "shorter than its");
}

static void test_other_key_rejected(void **state)
{
	struct fixture *f = *state;
	EVP_PKEY *other = loader_test_key("loader_test_other_key.pem", 1);
	char why[LOADER_WHY_LEN];
	void *img;
	size_t len;

	assert_int_equal(ta_image_sign(f->elf, f->elf_len, other, &img, &len,
				       why, sizeof(why)), TEE_SUCCESS);
	assert_int_equal(len, f->len);
	expect_rejected(f, img, len, &os_test_uuid, "signature");
	free(img);
	EVP_PKEY_free(other);
}

static void test_unsigned_elf_rejected(void **state)
{
	struct fixture *f = *state;

	expect_rejected(f, f->elf, f->elf_len, &os_test_uuid, "magic");
}

static void test_uuid_mismatch_rejected(void **state)
{
	struct fixture *f = *state;
	const TEE_UUID mi = TA_OS_TEST_MI_UUID;

	expect_rejected(f, f->img, f->len, &mi,
			"uuid: the image is TA 4ec4e0c5-5340-4809-be39-f1cbc258fa50, 4f7d474c-097f-4a53-af38-ba0609d56c53 was asked for");
}

static void test_header_fields_range_checked(void **state)
{
	struct fixture *f = *state;
	static const struct {
		size_t off;
		uint32_t value;
		const char *why;
	} cases[] = {
		{ offsetof(struct ta_image_hdr, version), 2, "version" },
		{ offsetof(struct ta_image_hdr, hdr_size), 128, "hdr_size" },
		{ offsetof(struct ta_image_hdr, hash_algo), 7, "hash_algo" },
		{ offsetof(struct ta_image_hdr, sig_algo), 7, "sig_algo" },
		{ offsetof(struct ta_image_hdr, page_size), 65536, "page_size" },
		{ offsetof(struct ta_image_hdr, seg_count), 0, "seg_count" },
		{ offsetof(struct ta_image_hdr, seg_count), 0xffffffff,
		  "seg_count" },
		{ offsetof(struct ta_image_hdr, hash_count), 0xffffffff,
		  "hash_count" },
		{ offsetof(struct ta_image_hdr, hash_count), 6, "image size" },
		{ offsetof(struct ta_image_hdr, sig_size), 256, "sig_size" },
		{ offsetof(struct ta_image_hdr, elf_size), 0xfffffff0,
		  "elf_size" },
		{ offsetof(struct ta_image_hdr, reserved), 1, "reserved" },
	};
	size_t k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		uint8_t *img = malloc(f->len);

		memcpy(img, f->img, f->len);
		if (cases[k].off == offsetof(struct ta_image_hdr, version) ||
		    cases[k].off == offsetof(struct ta_image_hdr, hdr_size)) {
			uint16_t v = (uint16_t)cases[k].value;

			memcpy(img + cases[k].off, &v, sizeof(v));
		} else {
			memcpy(img + cases[k].off, &cases[k].value,
			       sizeof(cases[k].value));
		}
		expect_rejected(f, img, f->len, &os_test_uuid, cases[k].why);
		free(img);
	}
}

/* Damage behind a valid signature: the tables must still match the ELF. */
static void test_resigned_hash_mismatch_rejected(void **state)
{
	struct fixture *f = *state;
	uint8_t *img = flipped(f, hash_table_offset(f->img) +
				  2 * TA_IMAGE_HASH_SIZE);

	resign(f, img, f->len);
	expect_rejected(f, img, f->len, NULL,
			"page hash 2 does not match the ELF");
	free(img);
}

static void test_resigned_segment_mismatch_rejected(void **state)
{
	struct fixture *f = *state;
	uint8_t *img = flipped(f, seg_table_offset() +
				  sizeof(struct ta_image_seg) +
				  offsetof(struct ta_image_seg, flags));

	resign(f, img, f->len);
	expect_rejected(f, img, f->len, NULL,
			"segment table entry 1 does not match");
	free(img);
}

static void test_resigned_header_uuid_mismatch_rejected(void **state)
{
	struct fixture *f = *state;
	uint8_t *img = flipped(f, offsetof(struct ta_image_hdr,
					   uuid_time_low));

	resign(f, img, f->len);
	expect_rejected(f, img, f->len, NULL, ".ta_head says");
	free(img);
}

static void test_resigned_bad_elf_rejected(void **state)
{
	struct fixture *f = *state;
	size_t off = elf_offset(f->img) + offsetof(Elf64_Ehdr, e_machine);
	uint8_t *img = flipped(f, off);

	resign(f, img, f->len);
	expect_rejected(f, img, f->len, NULL, "elf: e_machine");
	free(img);
}

static void test_load_pubkey_pem(void **state)
{
	static const char junk[] = "-----BEGIN PUBLIC KEY-----\nAAAA\n"
				   "-----END PUBLIC KEY-----\n";
	char *pem;
	size_t len;
	EVP_PKEY *k;

	(void)state;
	pem = loader_test_read("keys/ta_sign_pub.pem", &len);
	k = ta_image_load_pubkey_pem(pem, len);
	assert_non_null(k);
	assert_int_equal(EVP_PKEY_get_bits(k), 3072);
	EVP_PKEY_free(k);
	free(pem);
	assert_null(ta_image_load_pubkey_pem(junk, sizeof(junk) - 1));
}

static void test_non_rsa_key_is_bad_parameters(void **state)
{
	struct fixture *f = *state;
	EVP_PKEY *ec = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");

	assert_non_null(ec);
	assert_int_equal(ta_image_verify(f->img, f->len, ec, NULL, &f->info),
			 TEE_ERROR_BAD_PARAMETERS);
	EVP_PKEY_free(ec);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	static const struct CMUnitTest tests[] = {
		T(test_good_image_verifies),
		T(test_page_hash_is_sha256_of_page),
		T(test_flipped_elf_byte_rejected),
		T(test_flipped_header_byte_rejected),
		T(test_flipped_hash_byte_rejected),
		T(test_flipped_signature_byte_rejected),
		T(test_truncated_image_rejected),
		T(test_other_key_rejected),
		T(test_unsigned_elf_rejected),
		T(test_uuid_mismatch_rejected),
		T(test_header_fields_range_checked),
		T(test_resigned_hash_mismatch_rejected),
		T(test_resigned_segment_mismatch_rejected),
		T(test_resigned_header_uuid_mismatch_rejected),
		T(test_resigned_bad_elf_rejected),
		T(test_load_pubkey_pem),
		T(test_non_rsa_key_is_bad_parameters),
	};

	return cmocka_run_group_tests_name("signed TA images", tests, NULL,
					   NULL);
}
