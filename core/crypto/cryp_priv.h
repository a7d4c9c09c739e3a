/*
 * What the files of core/crypto share: the object and operation records,
 * their handle tables, and the algorithm and type tables.
 *
 * No lock: a TA host runs one entry point of its TA at a time, and only
 * the TA's syscalls reach this library.
 */
#ifndef CORE_CRYPTO_CRYP_PRIV_H
#define CORE_CRYPTO_CRYP_PRIV_H

#include <openssl/evp.h>

#include "cryp.h"

#define CRYP_OBJ_MAX_ATTRS	8

struct cryp_attr {
	uint32_t id;
	uint32_t a, b;
	uint8_t *buf;		/* owned; cleansed when freed */
	size_t len;
};

struct cryp_obj {
	uint32_t type;
	uint32_t max_size;
	uint32_t size;		/* bits; 0 while uninitialised */
	uint32_t usage;
	uint32_t flags;		/* TEE_HANDLE_FLAG_* */
	size_t nattrs;
	struct cryp_attr attrs[CRYP_OBJ_MAX_ATTRS];
};

/* What a type accepts: sizes and attributes (cryp_types.c). */
#define CRYP_A_REQ	0x01	/* populate: required */
#define CRYP_A_OPT	0x02	/* populate: optional */
#define CRYP_A_GEN_REQ	0x04	/* generate: required parameter */
#define CRYP_A_GEN_OPT	0x08	/* generate: optional parameter */
#define CRYP_A_SIZE	0x10	/* the object's size is this one's bit length */
#define CRYP_A_PUBLIC	0x20	/* kept when a key pair is copied to a public key */

struct cryp_attr_rule {
	uint32_t id;
	uint32_t flags;
};

struct cryp_type {
	uint32_t type;
	uint32_t min_bits, max_bits, step;	/* sizes allowed */
	const uint32_t *sizes;			/* or this list, 0-ended */
	const struct cryp_attr_rule *rules;
	bool generate;				/* TEE_GenerateKey allowed */
};

const struct cryp_type *cryp_type_find(uint32_t type);
bool cryp_type_size_ok(const struct cryp_type *t, uint32_t bits);
/* The public-key type of a key pair type, or the type itself. */
uint32_t cryp_type_public(uint32_t type);
/* RSA, DSA, DH, ECC, Ed25519, X25519 and SM2 keys: OpenSSL keys. */
static inline bool cryp_type_is_asym(uint32_t type)
{
	return (type & 0xffu) >= 0x30 && (type & 0xffu) <= 0x4f;
}

/* Object internals shared with the operations. */
struct cryp_obj *cryp_obj_get(uint64_t handle);
const struct cryp_attr *cryp_obj_attr(const struct cryp_obj *o, uint32_t id);
void cryp_obj_clear(struct cryp_obj *o);
void cryp_obj_clone(struct cryp_obj *dst, const struct cryp_obj *src);
TEE_Result cryp_obj_set_buf(struct cryp_obj *o, uint32_t id,
			    const void *buf, size_t len);
TEE_Result cryp_obj_set_value(struct cryp_obj *o, uint32_t id, uint32_t a,
			      uint32_t b);
const struct cryp_param *cryp_param_find(const struct cryp_param *p, size_t n,
					 uint32_t id);

/* Algorithms (cryp_alg.c). */
enum cryp_family {
	CRYP_F_DIGEST,
	CRYP_F_CIPHER,
	CRYP_F_MAC,
	CRYP_F_AE,
	CRYP_F_ASYM_CIPHER,
	CRYP_F_SIGN,
	CRYP_F_DERIVE,
};

struct cryp_alg {
	uint32_t alg;
	enum cryp_family family;
	uint32_t key_type;	/* the secret or key pair type; 0: none */
	uint32_t key_type2;	/* another type accepted (public key, generic) */
	const char *md;		/* digest name, for digests, HMAC, RSA, ... */
	const char *cipher;	/* OpenSSL cipher base ("AES", "DES-EDE3", ...) */
	uint32_t digest_len;	/* output or tag bytes; 0: depends on the key */
	uint32_t block;		/* cipher block bytes */
};

const struct cryp_alg *cryp_alg_find(uint32_t alg);
/* The EVP digest of a digest name, fetched once. */
const EVP_MD *cryp_md(const char *name);
/* The EVP cipher "<base>-<bits>-<mode>" (bits 0: none), fetched once. */
const EVP_CIPHER *cryp_cipher_fetch(const char *name);

/* Operations. */
enum cryp_op_state {
	CRYP_S_INITIAL = TEE_OPERATION_STATE_INITIAL,
	CRYP_S_ACTIVE = TEE_OPERATION_STATE_ACTIVE,
	CRYP_S_EXTRACTING = TEE_OPERATION_STATE_EXTRACTING,
};

struct cryp_op {
	const struct cryp_alg *a;
	uint32_t mode;
	uint32_t max_key_size;
	uint32_t handle_state;
	enum cryp_op_state state;
	unsigned int nkeys;		/* 2 for XTS */
	struct cryp_obj key[2];
	bool key_set[2];

	EVP_MD_CTX *md;			/* digests; SHAKE keeps its start */
	EVP_CIPHER_CTX *cipher;
	EVP_MAC_CTX *mac;
	size_t extracted;		/* SHAKE bytes given out */
	size_t pending;			/* cipher input short of a block */

	/* Data kept back: one-shot modes, CBC-MAC blocks, CCM. */
	uint8_t *held;
	size_t held_len, held_cap;
	uint8_t *aad;
	size_t aad_len, aad_cap;
	uint8_t iv[32];			/* the chaining block, CBC-MAC */
	size_t iv_len;
	uint32_t tag_len;		/* AE, bytes */
	size_t ae_payload_len;
	bool ae_payload_started;
};

struct cryp_op *cryp_op_get(uint64_t handle);
/* Panics unless op is of family f and in one of the modes allowed. */
struct cryp_op *cryp_op_expect(uint64_t handle, enum cryp_family f,
			       const char *what);
/* Frees the per-run state (contexts, held data), keeps the keys. */
void cryp_op_clear_run(struct cryp_op *op);
TEE_Result cryp_hold(uint8_t **buf, size_t *len, size_t *cap,
		     const void *src, size_t n);

/*
 * The EVP cipher for op's algorithm and key: the table's name with the key
 * size filled in. NULL if OpenSSL has none.
 */
const EVP_CIPHER *cryp_cipher_for(const struct cryp_op *op);
/* The secret of op's key i. */
const struct cryp_attr *cryp_op_secret(const struct cryp_op *op,
				       unsigned int i);

/* Copies a run's state between two operations of the same algorithm. */
void cryp_op_copy_run(struct cryp_op *dst, const struct cryp_op *src);

/* Key objects as OpenSSL keys (cryp_pkey.c). */
EVP_PKEY *cryp_pkey_from_obj(const struct cryp_obj *o, bool private_part);
/* The private or public parts of key into o (after generation). */
TEE_Result cryp_pkey_to_obj(EVP_PKEY *key, struct cryp_obj *o);
/* The bytes of field f of a curve: 24 for P-192, 66 for P-521, ... */
size_t cryp_curve_bytes(uint32_t curve);
const char *cryp_curve_name(uint32_t curve);

/* Handle tables (cryp_handle.c). */
enum cryp_kind { CRYP_K_OBJ = 1, CRYP_K_OP = 2 };

uint64_t cryp_handle_new(enum cryp_kind kind, void *ptr);
/* The record of a live handle of that kind, or NULL. */
void *cryp_handle_lookup(enum cryp_kind kind, uint64_t handle);
void cryp_handle_release(enum cryp_kind kind, uint64_t handle);

/* Output of size n into a buffer of *len bytes: SHORT_BUFFER and the size. */
static inline TEE_Result cryp_out_fits(size_t *len, size_t n)
{
	if (*len < n) {
		*len = n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	return TEE_SUCCESS;
}

#endif
