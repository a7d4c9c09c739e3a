/*
 * libcorecrypto without a TA: handles refused when forged, freed or of the
 * wrong kind (a panic each), and a known answer straight through the
 * library.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../cryp.h"

static jmp_buf panic_jmp;
static TEE_Result panic_code;

void cryp_panic(TEE_Result code, const char *why)
{
	(void)why;
	panic_code = code;
	longjmp(panic_jmp, 1);
}

#define assert_panics(call)						\
	do {								\
		panic_code = 0;						\
		if (!setjmp(panic_jmp)) {				\
			call;						\
			fail_msg("%s did not panic", #call);		\
		}							\
		assert_int_equal(panic_code, TEE_ERROR_BAD_PARAMETERS);	\
	} while (0)

static void test_forged_and_freed(void **state)
{
	struct utee_object_info info;
	uint64_t obj = 0, op = 0;

	(void)state;
	assert_int_equal(cryp_init(), TEE_SUCCESS);
	assert_int_equal(cryp_obj_alloc(TEE_TYPE_AES, 128, &obj), TEE_SUCCESS);
	assert_int_equal(cryp_op_alloc(TEE_ALG_SHA256, TEE_MODE_DIGEST, 0, &op),
			 TEE_SUCCESS);
	cryp_obj_info(obj, &info);
	assert_int_equal(info.type, TEE_TYPE_AES);
	assert_panics(cryp_obj_info(obj + 1, &info));
	assert_panics(cryp_obj_info(0x1234, &info));
	assert_panics(cryp_obj_info(op, &info));
	assert_panics(cryp_digest_update(obj, "a", 1));
	cryp_obj_free(obj);
	assert_panics(cryp_obj_info(obj, &info));
	cryp_op_free(op);
	assert_panics(cryp_digest_update(op, "a", 1));
}

static void test_sha256(void **state)
{
	static const uint8_t want[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41,
		0x40, 0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3,
		0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00,
		0x15, 0xad,
	};
	uint8_t out[32];
	size_t len = 31;
	uint64_t op = 0;

	(void)state;
	assert_int_equal(cryp_op_alloc(TEE_ALG_SHA256, TEE_MODE_DIGEST, 0, &op),
			 TEE_SUCCESS);
	cryp_digest_update(op, "a", 1);
	assert_int_equal(cryp_digest_final(op, "bc", 2, out, &len),
			 TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(len, 32);
	assert_int_equal(cryp_digest_final(op, "bc", 2, out, &len),
			 TEE_SUCCESS);
	assert_memory_equal(out, want, 32);
	cryp_op_free(op);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forged_and_freed),
		cmocka_unit_test(test_sha256),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
