/*
 * The pager's sealing of saved pages, called directly: what was sealed
 * opens; a changed tag, IV, ciphertext byte or additional data does not.
 * A second check of the tag's verification beside the paging tests that
 * tamper with a saved page (test_pager_integrity, xtest 8004).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../pager_crypto.h"

#define PAGE	4096

struct sealed {
	uint8_t aad[PAGER_AAD_SIZE];
	uint8_t plain[PAGE], cipher[PAGE], out[PAGE];
	uint8_t iv[PAGER_IV_SIZE], tag[PAGER_TAG_SIZE];
};

static struct sealed sp;

static int setup(void **state)
{
	size_t i;

	(void)state;
	if (pager_crypto_init())
		return -EIO;
	for (i = 0; i < PAGE; i++)
		sp.plain[i] = (uint8_t)(i * 7 + 3);
	for (i = 0; i < PAGER_AAD_SIZE; i++)
		sp.aad[i] = (uint8_t)i;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pager_crypto_fini();
	return 0;
}

static void seal(void)
{
	struct pager_crypto_slot *slot = pager_crypto_get();

	assert_int_equal(pager_crypto_seal(slot, sp.aad, sp.plain, sp.cipher,
					   PAGE, sp.iv, sp.tag), 0);
	pager_crypto_put(slot);
}

static int open_page(const uint8_t *aad, const uint8_t *iv,
		     const uint8_t *tag)
{
	struct pager_crypto_slot *slot = pager_crypto_get();
	int rc;

	memset(sp.out, 0, PAGE);
	rc = pager_crypto_open(slot, aad, sp.cipher, sp.out, PAGE, iv, tag);
	pager_crypto_put(slot);
	return rc;
}

static void test_sealed_page_opens(void **state)
{
	(void)state;
	seal();
	assert_memory_not_equal(sp.cipher, sp.plain, PAGE);
	assert_int_equal(open_page(sp.aad, sp.iv, sp.tag), 0);
	assert_memory_equal(sp.out, sp.plain, PAGE);
}

static void test_changed_tag_is_refused(void **state)
{
	uint8_t tag[PAGER_TAG_SIZE];
	size_t i;

	(void)state;
	seal();
	/* Every byte of the tag counts. */
	for (i = 0; i < PAGER_TAG_SIZE; i++) {
		memcpy(tag, sp.tag, sizeof(tag));
		tag[i] ^= 0x01;
		assert_int_equal(open_page(sp.aad, sp.iv, tag), -EBADMSG);
	}
}

static void test_changed_iv_aad_or_data_is_refused(void **state)
{
	uint8_t iv[PAGER_IV_SIZE], aad[PAGER_AAD_SIZE];

	(void)state;
	seal();
	memcpy(iv, sp.iv, sizeof(iv));
	iv[5] ^= 0x80;
	assert_int_equal(open_page(sp.aad, iv, sp.tag), -EBADMSG);
	memcpy(aad, sp.aad, sizeof(aad));
	aad[PAGER_AAD_SIZE - 1] ^= 0x01;
	assert_int_equal(open_page(aad, sp.iv, sp.tag), -EBADMSG);
	sp.cipher[PAGE - 1] ^= 0x01;
	assert_int_equal(open_page(sp.aad, sp.iv, sp.tag), -EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sealed_page_opens),
		cmocka_unit_test(test_changed_tag_is_refused),
		cmocka_unit_test(test_changed_iv_aad_or_data_is_refused),
	};

	return cmocka_run_group_tests_name("pager sealing", tests, setup,
					   teardown);
}
