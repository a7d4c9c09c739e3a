/*
 * Trusted storage's building blocks without a core: sealed files refused
 * after any change of a byte, a length, the file's number, the TA or the
 * key; and an object's attributes through crypto's export and import.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../crypto/cryp.h"
#include "../sto_priv.h"

void cryp_panic(TEE_Result code, const char *why)
{
	fail_msg("panic 0x%08x: %s", code, why);
	abort();
}

static const uint8_t uuid_a[16] = { 1, 2, 3 };
static const uint8_t uuid_b[16] = { 1, 2, 4 };

static void keys(struct sto_ta_keys *k, uint8_t fill)
{
	memset(k, fill, sizeof(*k));
}

static TEE_Result open_it(const struct sto_ta_keys *k, const uint8_t *uuid,
			  uint64_t file, const uint8_t *in, size_t len)
{
	uint8_t *plain = NULL, tag[STO_TAG_LEN];
	size_t plain_len;
	TEE_Result res;

	res = sto_unseal(k, uuid, file, in, len, &plain, &plain_len, tag);
	free(plain);
	return res;
}

static void test_round_trip(void **state)
{
	const char msg[] = "seven secret bytes and more";
	uint8_t *sealed, *plain, tag[STO_TAG_LEN], tag2[STO_TAG_LEN];
	size_t len, plain_len;
	struct sto_ta_keys k;

	(void)state;
	keys(&k, 7);
	assert_int_equal(sto_seal(&k, uuid_a, 42, msg, sizeof(msg), &sealed,
				  &len, tag), TEE_SUCCESS);
	assert_int_equal(len, sizeof(msg) + STO_SEAL_OVERHEAD);
	assert_null(memmem(sealed, len, "secret", 6));
	assert_int_equal(sto_unseal(&k, uuid_a, 42, sealed, len, &plain,
				    &plain_len, tag2), TEE_SUCCESS);
	assert_int_equal(plain_len, sizeof(msg));
	assert_memory_equal(plain, msg, sizeof(msg));
	assert_memory_equal(tag, tag2, STO_TAG_LEN);
	free(plain);
	free(sealed);
}

static void test_every_byte_flip_refused(void **state)
{
	uint8_t *sealed, tag[STO_TAG_LEN];
	struct sto_ta_keys k;
	size_t len, i;

	(void)state;
	keys(&k, 9);
	assert_int_equal(sto_seal(&k, uuid_a, 5, "abcdefgh", 8, &sealed, &len,
				  tag), TEE_SUCCESS);
	for (i = 0; i < len; i++) {
		sealed[i] ^= 0x01;
		assert_int_equal(open_it(&k, uuid_a, 5, sealed, len),
				 TEE_ERROR_CORRUPT_OBJECT);
		sealed[i] ^= 0x01;
	}
	assert_int_equal(open_it(&k, uuid_a, 5, sealed, len), TEE_SUCCESS);
	free(sealed);
}

static void test_bound_to_name_ta_key_length(void **state)
{
	uint8_t *sealed, *longer, tag[STO_TAG_LEN];
	struct sto_ta_keys k, other;
	size_t len;

	(void)state;
	keys(&k, 1);
	keys(&other, 2);
	assert_int_equal(sto_seal(&k, uuid_a, 77, "data", 4, &sealed, &len,
				  tag), TEE_SUCCESS);
	assert_int_equal(open_it(&k, uuid_a, 78, sealed, len),
			 TEE_ERROR_CORRUPT_OBJECT);
	assert_int_equal(open_it(&k, uuid_b, 77, sealed, len),
			 TEE_ERROR_CORRUPT_OBJECT);
	assert_int_equal(open_it(&other, uuid_a, 77, sealed, len),
			 TEE_ERROR_CORRUPT_OBJECT);
	assert_int_equal(open_it(&k, uuid_a, 77, sealed, len - 1),
			 TEE_ERROR_CORRUPT_OBJECT);
	assert_int_equal(open_it(&k, uuid_a, 77, sealed, 10),
			 TEE_ERROR_CORRUPT_OBJECT);
	longer = calloc(1, len + 1);
	assert_non_null(longer);
	memcpy(longer, sealed, len);
	assert_int_equal(open_it(&k, uuid_a, 77, longer, len + 1),
			 TEE_ERROR_CORRUPT_OBJECT);
	free(longer);
	free(sealed);
}

static void test_attributes_export_import(void **state)
{
	const uint8_t key[16] = { 0x10, 0x11, 0x12, 0x13, 0x14 };
	struct cryp_param p = { .id = TEE_ATTR_SECRET_VALUE, .buf = key,
				.len = sizeof(key) };
	struct utee_object_info info;
	uint64_t obj, copy;
	uint8_t *blob, out[32];
	size_t len, out_len = sizeof(out);

	(void)state;
	assert_int_equal(cryp_init(), TEE_SUCCESS);
	assert_int_equal(cryp_obj_alloc(TEE_TYPE_AES, 128, &obj), TEE_SUCCESS);
	assert_int_equal(cryp_obj_populate(obj, &p, 1), TEE_SUCCESS);
	cryp_obj_info(obj, &info);
	assert_int_equal(cryp_obj_export(obj, &blob, &len), TEE_SUCCESS);
	info.handle_flags |= TEE_HANDLE_FLAG_PERSISTENT;
	assert_int_equal(cryp_obj_import(&info, blob, len, &copy),
			 TEE_SUCCESS);
	assert_int_equal(cryp_obj_get_attr(copy, TEE_ATTR_SECRET_VALUE, out,
					   &out_len, NULL), TEE_SUCCESS);
	assert_int_equal(out_len, sizeof(key));
	assert_memory_equal(out, key, sizeof(key));
	cryp_obj_free(copy);
	/* A record cut short is refused, not half imported. */
	assert_int_equal(cryp_obj_import(&info, blob, len - 1, &copy),
			 TEE_ERROR_CORRUPT_OBJECT);
	free(blob);
	cryp_obj_free(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_every_byte_flip_refused),
		cmocka_unit_test(test_bound_to_name_ta_key_length),
		cmocka_unit_test(test_attributes_export_import),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
