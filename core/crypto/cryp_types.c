/*
 * GP's object types: the sizes each allows (Internal Core API v1.3.1,
 * TEE_AllocateTransientObject) and the attributes TEE_PopulateTransientObject
 * and TEE_GenerateKey take for it. docs/CRYPTO.md keeps the same table.
 */
#include <tee_api_defines_extensions.h>

#include "cryp_priv.h"

#define R(id, f)	{ (id), (f) }
#define END		{ 0, 0 }

static const struct cryp_attr_rule rules_secret[] = {
	R(TEE_ATTR_SECRET_VALUE, CRYP_A_REQ | CRYP_A_SIZE), END
};
static const struct cryp_attr_rule rules_hkdf[] = {
	R(TEE_ATTR_HKDF_IKM, CRYP_A_REQ | CRYP_A_SIZE), END
};
static const struct cryp_attr_rule rules_pbkdf2[] = {
	R(TEE_ATTR_PBKDF2_PASSWORD, CRYP_A_REQ | CRYP_A_SIZE), END
};

#define PUB	(CRYP_A_REQ | CRYP_A_PUBLIC)

static const struct cryp_attr_rule rules_rsa_pub[] = {
	R(TEE_ATTR_RSA_MODULUS, PUB | CRYP_A_SIZE),
	R(TEE_ATTR_RSA_PUBLIC_EXPONENT, PUB), END
};
static const struct cryp_attr_rule rules_rsa_pair[] = {
	R(TEE_ATTR_RSA_MODULUS, PUB | CRYP_A_SIZE),
	R(TEE_ATTR_RSA_PUBLIC_EXPONENT, PUB | CRYP_A_GEN_OPT),
	R(TEE_ATTR_RSA_PRIVATE_EXPONENT, CRYP_A_REQ),
	R(TEE_ATTR_RSA_PRIME1, CRYP_A_OPT),
	R(TEE_ATTR_RSA_PRIME2, CRYP_A_OPT),
	R(TEE_ATTR_RSA_EXPONENT1, CRYP_A_OPT),
	R(TEE_ATTR_RSA_EXPONENT2, CRYP_A_OPT),
	R(TEE_ATTR_RSA_COEFFICIENT, CRYP_A_OPT), END
};

#define DOMAIN	(PUB | CRYP_A_GEN_REQ)

static const struct cryp_attr_rule rules_dsa_pub[] = {
	R(TEE_ATTR_DSA_PRIME, PUB | CRYP_A_SIZE),
	R(TEE_ATTR_DSA_SUBPRIME, PUB), R(TEE_ATTR_DSA_BASE, PUB),
	R(TEE_ATTR_DSA_PUBLIC_VALUE, PUB), END
};
static const struct cryp_attr_rule rules_dsa_pair[] = {
	R(TEE_ATTR_DSA_PRIME, DOMAIN | CRYP_A_SIZE),
	R(TEE_ATTR_DSA_SUBPRIME, DOMAIN), R(TEE_ATTR_DSA_BASE, DOMAIN),
	R(TEE_ATTR_DSA_PUBLIC_VALUE, PUB),
	R(TEE_ATTR_DSA_PRIVATE_VALUE, CRYP_A_REQ), END
};
static const struct cryp_attr_rule rules_dh_pair[] = {
	R(TEE_ATTR_DH_PRIME, DOMAIN | CRYP_A_SIZE),
	R(TEE_ATTR_DH_BASE, DOMAIN),
	R(TEE_ATTR_DH_SUBPRIME, CRYP_A_OPT | CRYP_A_PUBLIC | CRYP_A_GEN_OPT),
	R(TEE_ATTR_DH_X_BITS, CRYP_A_OPT | CRYP_A_PUBLIC | CRYP_A_GEN_OPT),
	R(TEE_ATTR_DH_PUBLIC_VALUE, PUB),
	R(TEE_ATTR_DH_PRIVATE_VALUE, CRYP_A_REQ), END
};
static const struct cryp_attr_rule rules_ecc_pub[] = {
	R(TEE_ATTR_ECC_PUBLIC_VALUE_X, PUB),
	R(TEE_ATTR_ECC_PUBLIC_VALUE_Y, PUB),
	R(TEE_ATTR_ECC_CURVE, PUB | CRYP_A_SIZE), END
};
static const struct cryp_attr_rule rules_ecc_pair[] = {
	R(TEE_ATTR_ECC_PUBLIC_VALUE_X, PUB),
	R(TEE_ATTR_ECC_PUBLIC_VALUE_Y, PUB),
	R(TEE_ATTR_ECC_PRIVATE_VALUE, CRYP_A_REQ),
	R(TEE_ATTR_ECC_CURVE, DOMAIN | CRYP_A_SIZE), END
};
static const struct cryp_attr_rule rules_sm2_pub[] = {
	R(TEE_ATTR_ECC_PUBLIC_VALUE_X, PUB),
	R(TEE_ATTR_ECC_PUBLIC_VALUE_Y, PUB),
	R(TEE_ATTR_ECC_CURVE, CRYP_A_OPT | CRYP_A_PUBLIC), END
};
static const struct cryp_attr_rule rules_sm2_pair[] = {
	R(TEE_ATTR_ECC_PUBLIC_VALUE_X, PUB),
	R(TEE_ATTR_ECC_PUBLIC_VALUE_Y, PUB),
	R(TEE_ATTR_ECC_PRIVATE_VALUE, CRYP_A_REQ),
	R(TEE_ATTR_ECC_CURVE, CRYP_A_OPT | CRYP_A_PUBLIC), END
};
static const struct cryp_attr_rule rules_ed25519_pub[] = {
	R(TEE_ATTR_ED25519_PUBLIC_VALUE, PUB), END
};
static const struct cryp_attr_rule rules_ed25519_pair[] = {
	R(TEE_ATTR_ED25519_PUBLIC_VALUE, PUB),
	R(TEE_ATTR_ED25519_PRIVATE_VALUE, CRYP_A_REQ), END
};
static const struct cryp_attr_rule rules_x25519_pub[] = {
	R(TEE_ATTR_X25519_PUBLIC_VALUE, PUB), END
};
static const struct cryp_attr_rule rules_x25519_pair[] = {
	R(TEE_ATTR_X25519_PUBLIC_VALUE, PUB),
	R(TEE_ATTR_X25519_PRIVATE_VALUE, CRYP_A_REQ), END
};

static const uint32_t sizes_aes[] = { 128, 192, 256, 0 };
static const uint32_t sizes_des[] = { 64, 0 };
static const uint32_t sizes_des3[] = { 128, 192, 0 };
static const uint32_t sizes_128[] = { 128, 0 };
static const uint32_t sizes_256[] = { 256, 0 };
static const uint32_t sizes_ecc[] = { 192, 224, 256, 384, 521, 0 };
static const uint32_t sizes_dsa[] = { 512, 576, 640, 704, 768, 832, 896, 960,
				      1024, 2048, 3072, 0 };

#define LIST(t, l, r)		{ (t), 0, 0, 0, (l), (r), true }
#define RANGE(t, lo, hi, r)	{ (t), (lo), (hi), 8, NULL, (r), true }

static const struct cryp_type cryp_types[] = {
	LIST(TEE_TYPE_AES, sizes_aes, rules_secret),
	LIST(TEE_TYPE_DES, sizes_des, rules_secret),
	LIST(TEE_TYPE_DES3, sizes_des3, rules_secret),
	LIST(TEE_TYPE_SM4, sizes_128, rules_secret),
	RANGE(TEE_TYPE_HMAC_MD5, 64, 512, rules_secret),
	RANGE(TEE_TYPE_HMAC_SHA1, 80, 512, rules_secret),
	RANGE(TEE_TYPE_HMAC_SHA224, 112, 512, rules_secret),
	RANGE(TEE_TYPE_HMAC_SHA256, 192, 1024, rules_secret),
	RANGE(TEE_TYPE_HMAC_SHA384, 256, 1024, rules_secret),
	RANGE(TEE_TYPE_HMAC_SHA512, 256, 1024, rules_secret),
	RANGE(TEE_TYPE_HMAC_SM3, 80, 1024, rules_secret),
	RANGE(TEE_TYPE_HMAC_SHA3_224, 192, 1024, rules_secret),
	RANGE(TEE_TYPE_HMAC_SHA3_256, 256, 1024, rules_secret),
	RANGE(TEE_TYPE_HMAC_SHA3_384, 256, 1024, rules_secret),
	RANGE(TEE_TYPE_HMAC_SHA3_512, 256, 1024, rules_secret),
	RANGE(TEE_TYPE_GENERIC_SECRET, 8, 4096, rules_secret),
	RANGE(TEE_TYPE_HKDF_IKM, 8, 4096, rules_hkdf),
	RANGE(TEE_TYPE_PBKDF2_PASSWORD, 8, 4096, rules_pbkdf2),
	{ TEE_TYPE_RSA_PUBLIC_KEY, 256, 4096, 8, NULL, rules_rsa_pub, false },
	RANGE(TEE_TYPE_RSA_KEYPAIR, 256, 4096, rules_rsa_pair),
	{ TEE_TYPE_DSA_PUBLIC_KEY, 0, 0, 0, sizes_dsa, rules_dsa_pub, false },
	LIST(TEE_TYPE_DSA_KEYPAIR, sizes_dsa, rules_dsa_pair),
	RANGE(TEE_TYPE_DH_KEYPAIR, 256, 2048, rules_dh_pair),
	{ TEE_TYPE_ECDSA_PUBLIC_KEY, 0, 0, 0, sizes_ecc, rules_ecc_pub, false },
	LIST(TEE_TYPE_ECDSA_KEYPAIR, sizes_ecc, rules_ecc_pair),
	{ TEE_TYPE_ECDH_PUBLIC_KEY, 0, 0, 0, sizes_ecc, rules_ecc_pub, false },
	LIST(TEE_TYPE_ECDH_KEYPAIR, sizes_ecc, rules_ecc_pair),
	{ TEE_TYPE_ED25519_PUBLIC_KEY, 0, 0, 0, sizes_256, rules_ed25519_pub,
	  false },
	LIST(TEE_TYPE_ED25519_KEYPAIR, sizes_256, rules_ed25519_pair),
	{ TEE_TYPE_X25519_PUBLIC_KEY, 0, 0, 0, sizes_256, rules_x25519_pub,
	  false },
	LIST(TEE_TYPE_X25519_KEYPAIR, sizes_256, rules_x25519_pair),
	{ TEE_TYPE_SM2_DSA_PUBLIC_KEY, 0, 0, 0, sizes_256, rules_sm2_pub,
	  false },
	LIST(TEE_TYPE_SM2_DSA_KEYPAIR, sizes_256, rules_sm2_pair),
	{ TEE_TYPE_SM2_PKE_PUBLIC_KEY, 0, 0, 0, sizes_256, rules_sm2_pub,
	  false },
	LIST(TEE_TYPE_SM2_PKE_KEYPAIR, sizes_256, rules_sm2_pair),
};

const struct cryp_type *cryp_type_find(uint32_t type)
{
	size_t i;

	for (i = 0; i < sizeof(cryp_types) / sizeof(cryp_types[0]); i++)
		if (cryp_types[i].type == type)
			return &cryp_types[i];
	return NULL;
}

bool cryp_type_size_ok(const struct cryp_type *t, uint32_t bits)
{
	const uint32_t *s;

	if (t->sizes) {
		for (s = t->sizes; *s; s++)
			if (*s == bits)
				return true;
		return false;
	}
	return bits >= t->min_bits && bits <= t->max_bits &&
	       (bits - t->min_bits) % t->step == 0;
}

uint32_t cryp_type_public(uint32_t type)
{
	/* Bit 24 marks a key pair; the public key is the same without it. */
	if ((type & 0xff000000u) == 0xa1000000u &&
	    type != TEE_TYPE_DH_KEYPAIR && type != TEE_TYPE_HKDF_IKM &&
	    type != TEE_TYPE_PBKDF2_PASSWORD)
		return type & ~0x01000000u;
	return type;
}
