/*
 * A TA that defines some GP constants itself, written as the reference
 * headers write them (plain hex, no suffix): the definitions must be
 * identical to ours, or -Werror turns the redefinition into an error.
 */
#include <tee_internal_api.h>
#include <tee_client_api.h>

#define TEE_SUCCESS			0x00000000
#define TEE_ERROR_GENERIC		0xFFFF0000
#define TEE_ERROR_SHORT_BUFFER		0xFFFF0010
#define TEE_HANDLE_NULL			0
#define TEE_TIMEOUT_INFINITE		0xFFFFFFFF
#define TEE_PARAM_TYPE_MEMREF_INOUT	7
#define TEE_LOGIN_TRUSTED_APP		0xF0000000
#define TEE_ALG_AES_CBC_NOPAD		0x10000110
#define TEE_ALG_SHA256			0x50000004
#define TEE_ALG_HMAC_SHA3_512		0x3000000B
#define TEE_TYPE_AES			0xA0000010
#define TEE_ATTR_SECRET_VALUE		0xC0000000
#define TEE_ATTR_FLAG_PUBLIC		(1 << 28)
#define TEE_ECC_CURVE_NIST_P256		0x00000003
#define TEE_CORE_API_MAJOR_VERSION	1U
#define TEEC_ERROR_BAD_PARAMETERS	0xFFFF0006
#define TEEC_MEMREF_TEMP_INOUT		0x00000007

int redefine_check;
