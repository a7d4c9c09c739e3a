/*
 * Identifiers of the algorithms, object types and attributes this TEE
 * offers beyond GP, with the values OP-TEE gives them: the key derivations
 * HKDF (RFC 5869) and PBKDF2 (RFC 8018, PKCS #5). docs/CRYPTO.md says how
 * they behave. Plain values: the core includes this file too.
 */
#ifndef TEE_API_DEFINES_EXTENSIONS_H
#define TEE_API_DEFINES_EXTENSIONS_H

/*
 * HKDF: the operation's key is a TEE_TYPE_HKDF_IKM object (the input keying
 * material); TEE_DeriveKey takes the salt, the info and the output length in
 * bytes, and fills a TEE_TYPE_GENERIC_SECRET object with the output.
 */
#define TEE_ALG_HKDF_MD5_DERIVE_KEY		0x800010C0
#define TEE_ALG_HKDF_SHA1_DERIVE_KEY		0x800020C0
#define TEE_ALG_HKDF_SHA224_DERIVE_KEY		0x800030C0
#define TEE_ALG_HKDF_SHA256_DERIVE_KEY		0x800040C0
#define TEE_ALG_HKDF_SHA384_DERIVE_KEY		0x800050C0
#define TEE_ALG_HKDF_SHA512_DERIVE_KEY		0x800060C0

#define TEE_TYPE_HKDF_IKM			0xA10000C0

#define TEE_ATTR_HKDF_IKM			0xC00001C0
#define TEE_ATTR_HKDF_SALT			0xD00002C0
#define TEE_ATTR_HKDF_INFO			0xD00003C0
#define TEE_ATTR_HKDF_OKM_LENGTH		0xF00004C0

/*
 * PBKDF2 with HMAC-SHA1: the key is a TEE_TYPE_PBKDF2_PASSWORD object;
 * TEE_DeriveKey takes the salt, the iteration count and the output length.
 */
#define TEE_ALG_PBKDF2_HMAC_SHA1_DERIVE_KEY	0x800020C2

#define TEE_TYPE_PBKDF2_PASSWORD		0xA10000C2

#define TEE_ATTR_PBKDF2_PASSWORD		0xC00001C2
#define TEE_ATTR_PBKDF2_SALT			0xD00002C2
#define TEE_ATTR_PBKDF2_ITERATION_COUNT		0xF00003C2
#define TEE_ATTR_PBKDF2_DKM_LENGTH		0xF00004C2

#endif
