/*
 * GP's algorithm identifiers as this core serves them: family, key types,
 * the OpenSSL digest or cipher behind each. An identifier missing here is
 * answered with TEE_ERROR_NOT_SUPPORTED (docs/CRYPTO.md has the table).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/provider.h>

#include <tee_api_defines_extensions.h>

#include "cryp_priv.h"

#define DIG(alg, md, len) \
	{ alg, CRYP_F_DIGEST, 0, 0, md, NULL, len, 0 }
#define CIPH(alg, type, c, blk) \
	{ alg, CRYP_F_CIPHER, type, 0, NULL, c, 0, blk }
#define HMAC(alg, type, md, len) \
	{ alg, CRYP_F_MAC, type, TEE_TYPE_GENERIC_SECRET, md, NULL, len, 0 }
#define CMAC(alg, type, c, blk) \
	{ alg, CRYP_F_MAC, type, 0, NULL, c, blk, blk }
#define AE(alg, c) \
	{ alg, CRYP_F_AE, TEE_TYPE_AES, 0, NULL, c, 0, 16 }
#define RSA(alg, fam, md, len) \
	{ alg, fam, TEE_TYPE_RSA_KEYPAIR, TEE_TYPE_RSA_PUBLIC_KEY, md, NULL, \
	  len, 0 }
#define SIG(alg, pair, md, len) \
	{ alg, CRYP_F_SIGN, pair, pair & ~0x01000000u, md, NULL, len, 0 }
#define KDF(alg, type, md) \
	{ alg, CRYP_F_DERIVE, type, 0, md, NULL, 0, 0 }

static const struct cryp_alg cryp_algs[] = {
	DIG(TEE_ALG_MD5, "MD5", 16),
	DIG(TEE_ALG_SHA1, "SHA1", 20),
	DIG(TEE_ALG_SHA224, "SHA224", 28),
	DIG(TEE_ALG_SHA256, "SHA256", 32),
	DIG(TEE_ALG_SHA384, "SHA384", 48),
	DIG(TEE_ALG_SHA512, "SHA512", 64),
	DIG(TEE_ALG_SM3, "SM3", 32),
	DIG(TEE_ALG_SHA3_224, "SHA3-224", 28),
	DIG(TEE_ALG_SHA3_256, "SHA3-256", 32),
	DIG(TEE_ALG_SHA3_384, "SHA3-384", 48),
	DIG(TEE_ALG_SHA3_512, "SHA3-512", 64),
	DIG(TEE_ALG_SHAKE128, "SHAKE128", 0),
	DIG(TEE_ALG_SHAKE256, "SHAKE256", 0),

	CIPH(TEE_ALG_AES_ECB_NOPAD, TEE_TYPE_AES, "AES-%u-ECB", 16),
	CIPH(TEE_ALG_AES_CBC_NOPAD, TEE_TYPE_AES, "AES-%u-CBC", 16),
	CIPH(TEE_ALG_AES_CTR, TEE_TYPE_AES, "AES-%u-CTR", 16),
	CIPH(TEE_ALG_AES_CTS, TEE_TYPE_AES, "AES-%u-CBC-CTS", 16),
	CIPH(TEE_ALG_AES_XTS, TEE_TYPE_AES, "AES-%u-XTS", 16),
	CIPH(TEE_ALG_DES_ECB_NOPAD, TEE_TYPE_DES, "DES-ECB", 8),
	CIPH(TEE_ALG_DES_CBC_NOPAD, TEE_TYPE_DES, "DES-CBC", 8),
	CIPH(TEE_ALG_DES3_ECB_NOPAD, TEE_TYPE_DES3, "DES-EDE%s-ECB", 8),
	CIPH(TEE_ALG_DES3_CBC_NOPAD, TEE_TYPE_DES3, "DES-EDE%s-CBC", 8),
	CIPH(TEE_ALG_SM4_ECB_NOPAD, TEE_TYPE_SM4, "SM4-ECB", 16),
	CIPH(TEE_ALG_SM4_CBC_NOPAD, TEE_TYPE_SM4, "SM4-CBC", 16),
	CIPH(TEE_ALG_SM4_CTR, TEE_TYPE_SM4, "SM4-CTR", 16),

	CMAC(TEE_ALG_AES_CBC_MAC_NOPAD, TEE_TYPE_AES, "AES-%u-CBC", 16),
	CMAC(TEE_ALG_AES_CBC_MAC_PKCS5, TEE_TYPE_AES, "AES-%u-CBC", 16),
	CMAC(TEE_ALG_AES_CMAC, TEE_TYPE_AES, "AES-%u-CBC", 16),
	CMAC(TEE_ALG_DES_CBC_MAC_NOPAD, TEE_TYPE_DES, "DES-CBC", 8),
	CMAC(TEE_ALG_DES_CBC_MAC_PKCS5, TEE_TYPE_DES, "DES-CBC", 8),
	CMAC(TEE_ALG_DES3_CBC_MAC_NOPAD, TEE_TYPE_DES3, "DES-EDE%s-CBC", 8),
	CMAC(TEE_ALG_DES3_CBC_MAC_PKCS5, TEE_TYPE_DES3, "DES-EDE%s-CBC", 8),
	HMAC(TEE_ALG_HMAC_MD5, TEE_TYPE_HMAC_MD5, "MD5", 16),
	HMAC(TEE_ALG_HMAC_SHA1, TEE_TYPE_HMAC_SHA1, "SHA1", 20),
	HMAC(TEE_ALG_HMAC_SHA224, TEE_TYPE_HMAC_SHA224, "SHA224", 28),
	HMAC(TEE_ALG_HMAC_SHA256, TEE_TYPE_HMAC_SHA256, "SHA256", 32),
	HMAC(TEE_ALG_HMAC_SHA384, TEE_TYPE_HMAC_SHA384, "SHA384", 48),
	HMAC(TEE_ALG_HMAC_SHA512, TEE_TYPE_HMAC_SHA512, "SHA512", 64),
	HMAC(TEE_ALG_HMAC_SM3, TEE_TYPE_HMAC_SM3, "SM3", 32),
	HMAC(TEE_ALG_HMAC_SHA3_224, TEE_TYPE_HMAC_SHA3_224, "SHA3-224", 28),
	HMAC(TEE_ALG_HMAC_SHA3_256, TEE_TYPE_HMAC_SHA3_256, "SHA3-256", 32),
	HMAC(TEE_ALG_HMAC_SHA3_384, TEE_TYPE_HMAC_SHA3_384, "SHA3-384", 48),
	HMAC(TEE_ALG_HMAC_SHA3_512, TEE_TYPE_HMAC_SHA3_512, "SHA3-512", 64),

	AE(TEE_ALG_AES_CCM, "AES-%u-CCM"),
	AE(TEE_ALG_AES_GCM, "AES-%u-GCM"),

	RSA(TEE_ALG_RSA_NOPAD, CRYP_F_ASYM_CIPHER, NULL, 0),
	RSA(TEE_ALG_RSAES_PKCS1_V1_5, CRYP_F_ASYM_CIPHER, NULL, 0),
	RSA(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA1, CRYP_F_ASYM_CIPHER, "SHA1", 20),
	RSA(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA224, CRYP_F_ASYM_CIPHER, "SHA224",
	    28),
	RSA(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA256, CRYP_F_ASYM_CIPHER, "SHA256",
	    32),
	RSA(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA384, CRYP_F_ASYM_CIPHER, "SHA384",
	    48),
	RSA(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA512, CRYP_F_ASYM_CIPHER, "SHA512",
	    64),
	RSA(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA3_224, CRYP_F_ASYM_CIPHER,
	    "SHA3-224", 28),
	RSA(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA3_256, CRYP_F_ASYM_CIPHER,
	    "SHA3-256", 32),
	RSA(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA3_384, CRYP_F_ASYM_CIPHER,
	    "SHA3-384", 48),
	RSA(TEE_ALG_RSAES_PKCS1_OAEP_MGF1_SHA3_512, CRYP_F_ASYM_CIPHER,
	    "SHA3-512", 64),
	RSA(TEE_ALG_RSASSA_PKCS1_V1_5_MD5, CRYP_F_SIGN, "MD5", 16),
	RSA(TEE_ALG_RSASSA_PKCS1_V1_5_SHA1, CRYP_F_SIGN, "SHA1", 20),
	RSA(TEE_ALG_RSASSA_PKCS1_V1_5_SHA224, CRYP_F_SIGN, "SHA224", 28),
	RSA(TEE_ALG_RSASSA_PKCS1_V1_5_SHA256, CRYP_F_SIGN, "SHA256", 32),
	RSA(TEE_ALG_RSASSA_PKCS1_V1_5_SHA384, CRYP_F_SIGN, "SHA384", 48),
	RSA(TEE_ALG_RSASSA_PKCS1_V1_5_SHA512, CRYP_F_SIGN, "SHA512", 64),
	RSA(TEE_ALG_RSASSA_PKCS1_V1_5_SHA3_224, CRYP_F_SIGN, "SHA3-224", 28),
	RSA(TEE_ALG_RSASSA_PKCS1_V1_5_SHA3_256, CRYP_F_SIGN, "SHA3-256", 32),
	RSA(TEE_ALG_RSASSA_PKCS1_V1_5_SHA3_384, CRYP_F_SIGN, "SHA3-384", 48),
	RSA(TEE_ALG_RSASSA_PKCS1_V1_5_SHA3_512, CRYP_F_SIGN, "SHA3-512", 64),
	RSA(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA1, CRYP_F_SIGN, "SHA1", 20),
	RSA(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA224, CRYP_F_SIGN, "SHA224", 28),
	RSA(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA256, CRYP_F_SIGN, "SHA256", 32),
	RSA(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA384, CRYP_F_SIGN, "SHA384", 48),
	RSA(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA512, CRYP_F_SIGN, "SHA512", 64),
	RSA(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA3_224, CRYP_F_SIGN, "SHA3-224",
	    28),
	RSA(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA3_256, CRYP_F_SIGN, "SHA3-256",
	    32),
	RSA(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA3_384, CRYP_F_SIGN, "SHA3-384",
	    48),
	RSA(TEE_ALG_RSASSA_PKCS1_PSS_MGF1_SHA3_512, CRYP_F_SIGN, "SHA3-512",
	    64),
	SIG(TEE_ALG_DSA_SHA1, TEE_TYPE_DSA_KEYPAIR, "SHA1", 20),
	SIG(TEE_ALG_DSA_SHA224, TEE_TYPE_DSA_KEYPAIR, "SHA224", 28),
	SIG(TEE_ALG_DSA_SHA256, TEE_TYPE_DSA_KEYPAIR, "SHA256", 32),
	SIG(TEE_ALG_DSA_SHA3_224, TEE_TYPE_DSA_KEYPAIR, "SHA3-224", 28),
	SIG(TEE_ALG_DSA_SHA3_256, TEE_TYPE_DSA_KEYPAIR, "SHA3-256", 32),
	SIG(TEE_ALG_DSA_SHA3_384, TEE_TYPE_DSA_KEYPAIR, "SHA3-384", 48),
	SIG(TEE_ALG_DSA_SHA3_512, TEE_TYPE_DSA_KEYPAIR, "SHA3-512", 64),
	SIG(TEE_ALG_ECDSA_SHA1, TEE_TYPE_ECDSA_KEYPAIR, "SHA1", 20),
	SIG(TEE_ALG_ECDSA_SHA224, TEE_TYPE_ECDSA_KEYPAIR, "SHA224", 28),
	SIG(TEE_ALG_ECDSA_SHA256, TEE_TYPE_ECDSA_KEYPAIR, "SHA256", 32),
	SIG(TEE_ALG_ECDSA_SHA384, TEE_TYPE_ECDSA_KEYPAIR, "SHA384", 48),
	SIG(TEE_ALG_ECDSA_SHA512, TEE_TYPE_ECDSA_KEYPAIR, "SHA512", 64),
	SIG(TEE_ALG_ECDSA_SHA3_224, TEE_TYPE_ECDSA_KEYPAIR, "SHA3-224", 28),
	SIG(TEE_ALG_ECDSA_SHA3_256, TEE_TYPE_ECDSA_KEYPAIR, "SHA3-256", 32),
	SIG(TEE_ALG_ECDSA_SHA3_384, TEE_TYPE_ECDSA_KEYPAIR, "SHA3-384", 48),
	SIG(TEE_ALG_ECDSA_SHA3_512, TEE_TYPE_ECDSA_KEYPAIR, "SHA3-512", 64),
	SIG(TEE_ALG_ED25519, TEE_TYPE_ED25519_KEYPAIR, NULL, 0),
	SIG(TEE_ALG_SM2_DSA_SM3, TEE_TYPE_SM2_DSA_KEYPAIR, "SM3", 32),

	/* Numbered in the derivation class, used to encrypt and decrypt. */
	{ TEE_ALG_SM2_PKE, CRYP_F_ASYM_CIPHER, TEE_TYPE_SM2_PKE_KEYPAIR,
	  TEE_TYPE_SM2_PKE_PUBLIC_KEY, "SM3", NULL, 32, 0 },

	KDF(TEE_ALG_DH_DERIVE_SHARED_SECRET, TEE_TYPE_DH_KEYPAIR, NULL),
	KDF(TEE_ALG_ECDH_DERIVE_SHARED_SECRET, TEE_TYPE_ECDH_KEYPAIR, NULL),
	KDF(TEE_ALG_X25519, TEE_TYPE_X25519_KEYPAIR, NULL),
	KDF(TEE_ALG_HKDF_MD5_DERIVE_KEY, TEE_TYPE_HKDF_IKM, "MD5"),
	KDF(TEE_ALG_HKDF_SHA1_DERIVE_KEY, TEE_TYPE_HKDF_IKM, "SHA1"),
	KDF(TEE_ALG_HKDF_SHA224_DERIVE_KEY, TEE_TYPE_HKDF_IKM, "SHA224"),
	KDF(TEE_ALG_HKDF_SHA256_DERIVE_KEY, TEE_TYPE_HKDF_IKM, "SHA256"),
	KDF(TEE_ALG_HKDF_SHA384_DERIVE_KEY, TEE_TYPE_HKDF_IKM, "SHA384"),
	KDF(TEE_ALG_HKDF_SHA512_DERIVE_KEY, TEE_TYPE_HKDF_IKM, "SHA512"),
	KDF(TEE_ALG_PBKDF2_HMAC_SHA1_DERIVE_KEY, TEE_TYPE_PBKDF2_PASSWORD,
	    "SHA1"),
};

const struct cryp_alg *cryp_alg_find(uint32_t alg)
{
	size_t i;

	for (i = 0; i < sizeof(cryp_algs) / sizeof(cryp_algs[0]); i++)
		if (cryp_algs[i].alg == alg)
			return &cryp_algs[i];
	return NULL;
}

static pthread_once_t cryp_once = PTHREAD_ONCE_INIT;
static TEE_Result cryp_init_res;
static OSSL_PROVIDER *cryp_prov_default, *cryp_prov_legacy;

/* Fetched algorithms, kept for the host's life (fetching is not cheap). */
#define CRYP_FETCH_MAX	64

static struct {
	char name[32];
	void *alg;
	bool is_md;
} cryp_fetched[CRYP_FETCH_MAX];

/*
 * At exit, before OpenSSL's own clean-up (atexit runs in reverse order):
 * what the cache holds keeps the providers alive, and OpenSSL could not
 * free them.
 */
static void cryp_fini(void)
{
	size_t i;

	for (i = 0; i < CRYP_FETCH_MAX && cryp_fetched[i].alg; i++) {
		if (cryp_fetched[i].is_md)
			EVP_MD_free(cryp_fetched[i].alg);
		else
			EVP_CIPHER_free(cryp_fetched[i].alg);
		cryp_fetched[i].alg = NULL;
	}
	if (cryp_prov_legacy)
		OSSL_PROVIDER_unload(cryp_prov_legacy);
	if (cryp_prov_default)
		OSSL_PROVIDER_unload(cryp_prov_default);
	cryp_prov_legacy = cryp_prov_default = NULL;
}

static void cryp_init_once(void)
{
	/*
	 * Single DES lives in the legacy provider since OpenSSL 3: without
	 * it, what it holds is not supported, the rest works.
	 */
	cryp_prov_default = OSSL_PROVIDER_load(NULL, "default");
	cryp_prov_legacy = OSSL_PROVIDER_load(NULL, "legacy");
	if (!cryp_prov_default)
		cryp_init_res = TEE_ERROR_NOT_SUPPORTED;
	atexit(cryp_fini);
}

TEE_Result cryp_init(void)
{
	pthread_once(&cryp_once, cryp_init_once);
	return cryp_init_res;
}

static void *cryp_fetch(const char *name, bool is_md)
{
	size_t i;
	void *alg;

	cryp_init();
	for (i = 0; i < CRYP_FETCH_MAX && cryp_fetched[i].alg; i++)
		if (cryp_fetched[i].is_md == is_md &&
		    !strcmp(cryp_fetched[i].name, name))
			return cryp_fetched[i].alg;
	alg = is_md ? (void *)EVP_MD_fetch(NULL, name, NULL) :
		      (void *)EVP_CIPHER_fetch(NULL, name, NULL);
	if (alg && i < CRYP_FETCH_MAX && strlen(name) < 32) {
		strcpy(cryp_fetched[i].name, name);
		cryp_fetched[i].alg = alg;
		cryp_fetched[i].is_md = is_md;
	}
	return alg;
}

const EVP_MD *cryp_md(const char *name)
{
	return name ? cryp_fetch(name, true) : NULL;
}

const EVP_CIPHER *cryp_cipher_fetch(const char *name)
{
	return cryp_fetch(name, false);
}
