/*
 * Checks the public GP headers against the specifications: the Client API
 * and the Internal Core API included together, constants with the values the
 * specs give, and the layouts both sides of the ABI rely on.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <tee_client_api.h>
#include <tee_internal_api.h>

struct gp_constant {
	const char *name;
	uint64_t value;		/* what the header says */
	uint64_t spec;		/* what the specification says */
};

#define GP_CONSTANT(name, spec)	{ #name, (uint64_t)(name), (spec) }

/* GP TEE Client API v1.0. */
static const struct gp_constant client_constants[] = {
	GP_CONSTANT(TEEC_SUCCESS, 0x00000000),
	GP_CONSTANT(TEEC_ERROR_GENERIC, 0xFFFF0000),
	GP_CONSTANT(TEEC_ERROR_ACCESS_DENIED, 0xFFFF0001),
	GP_CONSTANT(TEEC_ERROR_CANCEL, 0xFFFF0002),
	GP_CONSTANT(TEEC_ERROR_BAD_FORMAT, 0xFFFF0005),
	GP_CONSTANT(TEEC_ERROR_BAD_PARAMETERS, 0xFFFF0006),
	GP_CONSTANT(TEEC_ERROR_BAD_STATE, 0xFFFF0007),
	GP_CONSTANT(TEEC_ERROR_ITEM_NOT_FOUND, 0xFFFF0008),
	GP_CONSTANT(TEEC_ERROR_NOT_SUPPORTED, 0xFFFF000A),
	GP_CONSTANT(TEEC_ERROR_OUT_OF_MEMORY, 0xFFFF000C),
	GP_CONSTANT(TEEC_ERROR_BUSY, 0xFFFF000D),
	GP_CONSTANT(TEEC_ERROR_COMMUNICATION, 0xFFFF000E),
	GP_CONSTANT(TEEC_ERROR_SECURITY, 0xFFFF000F),
	GP_CONSTANT(TEEC_ERROR_SHORT_BUFFER, 0xFFFF0010),
	GP_CONSTANT(TEEC_ERROR_EXTERNAL_CANCEL, 0xFFFF0011),
	GP_CONSTANT(TEEC_ERROR_OVERFLOW, 0xFFFF300F),
	GP_CONSTANT(TEEC_ERROR_TARGET_DEAD, 0xFFFF3024),
	GP_CONSTANT(TEEC_ORIGIN_API, 1),
	GP_CONSTANT(TEEC_ORIGIN_COMMS, 2),
	GP_CONSTANT(TEEC_ORIGIN_TEE, 3),
	GP_CONSTANT(TEEC_ORIGIN_TRUSTED_APP, 4),
	GP_CONSTANT(TEEC_LOGIN_PUBLIC, 0),
	GP_CONSTANT(TEEC_LOGIN_USER, 1),
	GP_CONSTANT(TEEC_LOGIN_GROUP, 2),
	GP_CONSTANT(TEEC_LOGIN_APPLICATION, 4),
	GP_CONSTANT(TEEC_LOGIN_USER_APPLICATION, 5),
	GP_CONSTANT(TEEC_LOGIN_GROUP_APPLICATION, 6),
	GP_CONSTANT(TEEC_NONE, 0x0),
	GP_CONSTANT(TEEC_VALUE_INPUT, 0x1),
	GP_CONSTANT(TEEC_VALUE_OUTPUT, 0x2),
	GP_CONSTANT(TEEC_VALUE_INOUT, 0x3),
	GP_CONSTANT(TEEC_MEMREF_TEMP_INPUT, 0x5),
	GP_CONSTANT(TEEC_MEMREF_TEMP_OUTPUT, 0x6),
	GP_CONSTANT(TEEC_MEMREF_TEMP_INOUT, 0x7),
	GP_CONSTANT(TEEC_MEMREF_WHOLE, 0xC),
	GP_CONSTANT(TEEC_MEMREF_PARTIAL_INPUT, 0xD),
	GP_CONSTANT(TEEC_MEMREF_PARTIAL_OUTPUT, 0xE),
	GP_CONSTANT(TEEC_MEMREF_PARTIAL_INOUT, 0xF),
	GP_CONSTANT(TEEC_MEM_INPUT, 0x1),
	GP_CONSTANT(TEEC_MEM_OUTPUT, 0x2),
	GP_CONSTANT(TEEC_CONFIG_PAYLOAD_REF_COUNT, 4),
};

/* GP TEE Internal Core API v1.3.1. */
static const struct gp_constant internal_constants[] = {
	GP_CONSTANT(TEE_CORE_API_MAJOR_VERSION, 1),
	GP_CONSTANT(TEE_CORE_API_MINOR_VERSION, 3),
	GP_CONSTANT(TEE_CORE_API_MAINTENANCE_VERSION, 1),
	GP_CONSTANT(TEE_SUCCESS, 0x00000000),
	GP_CONSTANT(TEE_ERROR_CORRUPT_OBJECT, 0xF0100001),
	GP_CONSTANT(TEE_ERROR_STORAGE_NOT_AVAILABLE, 0xF0100003),
	GP_CONSTANT(TEE_ERROR_CIPHERTEXT_INVALID, 0xF0100006),
	GP_CONSTANT(TEE_ERROR_GENERIC, 0xFFFF0000),
	GP_CONSTANT(TEE_ERROR_ACCESS_CONFLICT, 0xFFFF0003),
	GP_CONSTANT(TEE_ERROR_BAD_PARAMETERS, 0xFFFF0006),
	GP_CONSTANT(TEE_ERROR_ITEM_NOT_FOUND, 0xFFFF0008),
	GP_CONSTANT(TEE_ERROR_SHORT_BUFFER, 0xFFFF0010),
	GP_CONSTANT(TEE_PENDING, 0xFFFF2000),
	GP_CONSTANT(TEE_ERROR_TIMEOUT, 0xFFFF3001),
	GP_CONSTANT(TEE_ERROR_OVERFLOW, 0xFFFF300F),
	GP_CONSTANT(TEE_ERROR_TARGET_DEAD, 0xFFFF3024),
	GP_CONSTANT(TEE_ERROR_STORAGE_NO_SPACE, 0xFFFF3041),
	GP_CONSTANT(TEE_ERROR_MAC_INVALID, 0xFFFF3071),
	GP_CONSTANT(TEE_ERROR_SIGNATURE_INVALID, 0xFFFF3072),
	GP_CONSTANT(TEE_ERROR_TIME_NOT_SET, 0xFFFF5000),
	GP_CONSTANT(TEE_ERROR_TIME_NEEDS_RESET, 0xFFFF5001),
	GP_CONSTANT(TEE_ORIGIN_TRUSTED_APP, 4),
	GP_CONSTANT(TEE_LOGIN_APPLICATION_GROUP, 6),
	GP_CONSTANT(TEE_LOGIN_TRUSTED_APP, 0xF0000000),
	GP_CONSTANT(TEE_PARAM_TYPE_VALUE_INOUT, 3),
	GP_CONSTANT(TEE_PARAM_TYPE_MEMREF_INPUT, 5),
	GP_CONSTANT(TEE_PARAM_TYPE_MEMREF_INOUT, 7),
	GP_CONSTANT(TEE_MEMORY_ACCESS_ANY_OWNER, 0x4),
	GP_CONSTANT(TEE_MALLOC_FILL_ZERO, 0x0),
	GP_CONSTANT(TEE_MALLOC_NO_FILL, 0x1),
	GP_CONSTANT(TEE_MALLOC_NO_SHARE, 0x2),
	GP_CONSTANT(TEE_TIMEOUT_INFINITE, 0xFFFFFFFF),
	GP_CONSTANT(TEE_HANDLE_NULL, 0),
	GP_CONSTANT(TEE_STORAGE_PRIVATE, 0x00000001),
	GP_CONSTANT(TEE_DATA_FLAG_ACCESS_WRITE_META, 0x00000004),
	GP_CONSTANT(TEE_DATA_FLAG_SHARE_WRITE, 0x00000020),
	GP_CONSTANT(TEE_DATA_FLAG_OVERWRITE, 0x00000400),
	GP_CONSTANT(TEE_DATA_MAX_POSITION, 0xFFFFFFFF),
	GP_CONSTANT(TEE_OBJECT_ID_MAX_LEN, 64),
	GP_CONSTANT(TEE_USAGE_EXTRACTABLE, 0x00000001),
	GP_CONSTANT(TEE_USAGE_DERIVE, 0x00000040),
	GP_CONSTANT(TEE_HANDLE_FLAG_PERSISTENT, 0x00010000),
	GP_CONSTANT(TEE_HANDLE_FLAG_EXPECT_TWO_KEYS, 0x00080000),
	GP_CONSTANT(TEE_OPERATION_CIPHER, 1),
	GP_CONSTANT(TEE_OPERATION_KEY_DERIVATION, 8),
	GP_CONSTANT(TEE_OPERATION_STATE_ACTIVE, 1),
	GP_CONSTANT(TEE_DATA_SEEK_END, 2),
	GP_CONSTANT(TEE_MODE_DERIVE, 6),
	GP_CONSTANT(TEE_ALG_AES_ECB_NOPAD, 0x10000010),
	GP_CONSTANT(TEE_ALG_AES_CTS, 0x10000310),
	GP_CONSTANT(TEE_ALG_AES_CMAC, 0x30000610),
	GP_CONSTANT(TEE_ALG_AES_GCM, 0x40000810),
	GP_CONSTANT(TEE_ALG_DES3_CBC_MAC_PKCS5, 0x30000513),
	GP_CONSTANT(TEE_ALG_SHA256, 0x50000004),
	GP_CONSTANT(TEE_ALG_HMAC_SHA512, 0x30000006),
	GP_CONSTANT(TEE_ALG_RSASSA_PKCS1_V1_5_SHA1, 0x70002830),
	GP_CONSTANT(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256, 0x70414930),
	GP_CONSTANT(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA1, 0x60210230),
	GP_CONSTANT(TEE_ALG_RSA_NOPAD, 0x60000030),
	GP_CONSTANT(TEE_ALG_DSA_SHA256, 0x70004131),
	GP_CONSTANT(TEE_ALG_DH_DERIVE_SHARED_SECRET, 0x80000032),
	GP_CONSTANT(TEE_ALG_ECDSA_SHA384, 0x70004042),
	GP_CONSTANT(TEE_ALG_ECDH_DERIVE_SHARED_SECRET, 0x80000042),
	GP_CONSTANT(TEE_ALG_ED25519, 0x70006043),
	GP_CONSTANT(TEE_ALG_X25519, 0x80000044),
	GP_CONSTANT(TEE_ALG_SM3, 0x50000007),
	GP_CONSTANT(TEE_ALG_SHAKE256, 0x50000102),
	GP_CONSTANT(TEE_ALG_ILLEGAL_VALUE, 0xEFFFFFFF),
	GP_CONSTANT(TEE_TYPE_AES, 0xA0000010),
	GP_CONSTANT(TEE_TYPE_HMAC_SHA1, 0xA0000002),
	GP_CONSTANT(TEE_TYPE_RSA_KEYPAIR, 0xA1000030),
	GP_CONSTANT(TEE_TYPE_DH_KEYPAIR, 0xA1000032),
	GP_CONSTANT(TEE_TYPE_ECDSA_PUBLIC_KEY, 0xA0000041),
	GP_CONSTANT(TEE_TYPE_GENERIC_SECRET, 0xA0000000),
	GP_CONSTANT(TEE_TYPE_DATA, 0xA00000BF),
	GP_CONSTANT(TEE_ATTR_SECRET_VALUE, 0xC0000000),
	GP_CONSTANT(TEE_ATTR_RSA_MODULUS, 0xD0000130),
	GP_CONSTANT(TEE_ATTR_RSA_COEFFICIENT, 0xC0000830),
	GP_CONSTANT(TEE_ATTR_DH_X_BITS, 0xF0001332),
	GP_CONSTANT(TEE_ATTR_RSA_PSS_SALT_LENGTH, 0xF0000A30),
	GP_CONSTANT(TEE_ATTR_ECC_CURVE, 0xF0000441),
	GP_CONSTANT(TEE_ATTR_FLAG_PUBLIC, 0x10000000),
	GP_CONSTANT(TEE_ATTR_FLAG_VALUE, 0x20000000),
	GP_CONSTANT(TEE_ECC_CURVE_NIST_P256, 0x00000003),
	GP_CONSTANT(TEE_ECC_CURVE_NIST_P521, 0x00000005),
	GP_CONSTANT(TEE_PANIC_ID_TEE_MALLOC, 0x00000604),
	GP_CONSTANT(TEE_PANIC_ID_TEE_BIGINTCONVERTTOFMM, 0x00001C03),
};

static void check_table(const struct gp_constant *table, size_t n)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++) {
		if (table[i].value == table[i].spec)
			continue;
		print_error("%s is 0x%llx, the specification says 0x%llx\n",
			    table[i].name, (unsigned long long)table[i].value,
			    (unsigned long long)table[i].spec);
		bad++;
	}
	assert_int_equal(bad, 0);
}

static void test_client_constants(void **state)
{
	(void)state;
	check_table(client_constants,
		    sizeof(client_constants) / sizeof(client_constants[0]));
}

static void test_internal_constants(void **state)
{
	(void)state;
	check_table(internal_constants,
		    sizeof(internal_constants) / sizeof(internal_constants[0]));
}

/* A TA's error reaches the client unchanged, so both APIs must agree. */
static void test_client_and_internal_codes_agree(void **state)
{
	(void)state;
	assert_int_equal(TEEC_ERROR_GENERIC, TEE_ERROR_GENERIC);
	assert_int_equal(TEEC_ERROR_BAD_PARAMETERS, TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(TEEC_ERROR_SHORT_BUFFER, TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(TEEC_ERROR_TARGET_DEAD, TEE_ERROR_TARGET_DEAD);
	assert_int_equal(TEEC_ERROR_STORAGE_NO_SPACE, TEE_ERROR_STORAGE_NO_SPACE);
	assert_int_equal(TEEC_ORIGIN_TRUSTED_APP, TEE_ORIGIN_TRUSTED_APP);
	assert_int_equal(TEEC_LOGIN_USER_APPLICATION, TEE_LOGIN_APPLICATION_USER);
	assert_int_equal(TEEC_LOGIN_GROUP_APPLICATION,
			 TEE_LOGIN_APPLICATION_GROUP);
	assert_int_equal(TEEC_VALUE_INOUT, TEE_PARAM_TYPE_VALUE_INOUT);
	/* A client's temporary memref reaches the TA as a plain memref. */
	assert_int_equal(TEEC_MEMREF_TEMP_OUTPUT, TEE_PARAM_TYPE_MEMREF_OUTPUT);
}

static void test_param_types_packing(void **state)
{
	uint32_t t;

	(void)state;
	t = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_MEMREF_TEMP_OUTPUT,
			     TEEC_MEMREF_WHOLE, TEEC_MEMREF_PARTIAL_INOUT);
	assert_int_equal(t, 0xFC61);
	assert_int_equal(TEEC_PARAM_TYPE_GET(t, 0), TEEC_VALUE_INPUT);
	assert_int_equal(TEEC_PARAM_TYPE_GET(t, 1), TEEC_MEMREF_TEMP_OUTPUT);
	assert_int_equal(TEEC_PARAM_TYPE_GET(t, 2), TEEC_MEMREF_WHOLE);
	assert_int_equal(TEEC_PARAM_TYPE_GET(t, 3), TEEC_MEMREF_PARTIAL_INOUT);

	t = TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_VALUE_OUTPUT,
			    TEE_PARAM_TYPE_MEMREF_INOUT,
			    TEE_PARAM_TYPE_MEMREF_INPUT);
	assert_int_equal(t, 0x5720);
	assert_int_equal(TEE_PARAM_TYPE_GET(t, 0), TEE_PARAM_TYPE_NONE);
	assert_int_equal(TEE_PARAM_TYPE_GET(t, 1), TEE_PARAM_TYPE_VALUE_OUTPUT);
	assert_int_equal(TEE_PARAM_TYPE_GET(t, 2), TEE_PARAM_TYPE_MEMREF_INOUT);
	assert_int_equal(TEE_PARAM_TYPE_GET(t, 3), TEE_PARAM_TYPE_MEMREF_INPUT);
}

static void test_pseudo_handles(void **state)
{
	(void)state;
	assert_int_equal((uintptr_t)TEE_PROPSET_TEE_IMPLEMENTATION, 0xFFFFFFFD);
	assert_int_equal((uintptr_t)TEE_PROPSET_CURRENT_CLIENT, 0xFFFFFFFE);
	assert_int_equal((uintptr_t)TEE_PROPSET_CURRENT_TA, 0xFFFFFFFF);
}

static void test_bigint_size(void **state)
{
	(void)state;
	/* Two header words, then the magnitude rounded up to 32 bits. */
	assert_int_equal(TEE_BigIntSizeInU32(1), 3);
	assert_int_equal(TEE_BigIntSizeInU32(32), 3);
	assert_int_equal(TEE_BigIntSizeInU32(33), 4);
	assert_int_equal(TEE_BigIntSizeInU32(2048), 66);
}

/* UUIDs travel as 16 packed bytes on both sides. */
static void test_uuid_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(TEEC_UUID), 16);
	assert_int_equal(sizeof(TEE_UUID), 16);
	assert_int_equal(offsetof(TEEC_UUID, timeMid), 4);
	assert_int_equal(offsetof(TEEC_UUID, timeHiAndVersion), 6);
	assert_int_equal(offsetof(TEEC_UUID, clockSeqAndNode), 8);
	assert_int_equal(offsetof(TEE_UUID, timeMid), 4);
	assert_int_equal(offsetof(TEE_UUID, timeHiAndVersion), 6);
	assert_int_equal(offsetof(TEE_UUID, clockSeqAndNode), 8);
	assert_int_equal(sizeof(TEE_Identity), 20);
}

static void test_client_struct_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(TEEC_Value), 8);
	assert_int_equal(offsetof(TEEC_SharedMemory, buffer), 0);
	assert_int_equal(offsetof(TEEC_SharedMemory, size), sizeof(void *));
	assert_int_equal(offsetof(TEEC_SharedMemory, flags),
			 sizeof(void *) + sizeof(size_t));
	assert_true(offsetof(TEEC_SharedMemory, imp) >
		    offsetof(TEEC_SharedMemory, flags));
	assert_int_equal(offsetof(TEEC_Operation, started), 0);
	assert_int_equal(offsetof(TEEC_Operation, paramTypes), 4);
	assert_int_equal(offsetof(TEEC_Operation, params), 8);
	assert_true(offsetof(TEEC_Operation, imp) >=
		    offsetof(TEEC_Operation, params) +
		    TEEC_CONFIG_PAYLOAD_REF_COUNT * sizeof(TEEC_Parameter));
	/* The largest member of the parameter union is a memref. */
	assert_int_equal(sizeof(TEEC_Parameter),
			 sizeof(TEEC_RegisteredMemoryReference));
}

static void test_internal_struct_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(TEE_Time), 8);
	assert_int_equal(sizeof(TEE_Param), 2 * sizeof(void *));
	assert_int_equal(sizeof(((TEE_Param *)0)->memref.size), sizeof(size_t));
	assert_int_equal(sizeof(((TEE_Attribute *)0)->content.ref.length),
			 sizeof(size_t));
	assert_int_equal(sizeof(((TEE_ObjectInfo *)0)->dataSize),
			 sizeof(size_t));
	assert_int_equal(sizeof(TEE_OperationInfo), 8 * 4);
	assert_int_equal(sizeof(TEE_OperationInfoMultiple), 8 * 4);
	assert_int_equal(sizeof(TEE_OperationInfoKey), 2 * 4);
	assert_int_equal(sizeof(TEE_Whence), 4);
	assert_int_equal(sizeof(TEE_OperationMode), 4);
}

/* The v1.1 layouts keep 32-bit sizes, and the v1.0 field names. */
static void test_v11_layouts(void **state)
{
	__GP11_TEE_ObjectInfo info = { 0 };

	(void)state;
	assert_int_equal(sizeof(((__GP11_TEE_Param *)0)->memref.size), 4);
	assert_int_equal(sizeof(((__GP11_TEE_Attribute *)0)->content.ref.length),
			 4);
	assert_int_equal(sizeof(__GP11_TEE_ObjectInfo), 7 * 4);
	info.keySize = 256;
	info.maxKeySize = 512;
	assert_int_equal(info.objectSize, 256);
	assert_int_equal(info.maxObjectSize, 512);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_client_constants),
		cmocka_unit_test(test_internal_constants),
		cmocka_unit_test(test_client_and_internal_codes_agree),
		cmocka_unit_test(test_param_types_packing),
		cmocka_unit_test(test_pseudo_handles),
		cmocka_unit_test(test_bigint_size),
		cmocka_unit_test(test_uuid_layout),
		cmocka_unit_test(test_client_struct_layout),
		cmocka_unit_test(test_internal_struct_layout),
		cmocka_unit_test(test_v11_layouts),
	};

	return cmocka_run_group_tests_name("headers", tests, NULL, NULL);
}
