/*
 * The TA host's cryptography (docs/CRYPTO.md): transient objects, operations
 * and the Arithmetical API on OpenSSL 3. Key material and operation state
 * live here, in the host's own heap; the TA names them by handle only.
 *
 * Every function takes memory the caller (the syscall glue) has already
 * checked. A misuse GP answers with a panic calls cryp_panic(), which the
 * embedding program provides and which does not return.
 */
#ifndef CORE_CRYPTO_CRYP_H
#define CORE_CRYPTO_CRYP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <teecheck/ta_abi.h>

/* Provided by the program that links the library: ends the TA. */
void cryp_panic(TEE_Result code, const char *why) __attribute__((noreturn));

/* OpenSSL's providers (default and legacy, for single DES); once. */
TEE_Result cryp_init(void);

/* An attribute of a call (populate, generate, asymmetric, derive). */
struct cryp_param {
	uint32_t id;
	uint32_t a, b;		/* value attributes */
	const uint8_t *buf;	/* buffer attributes */
	size_t len;
};

/* Objects (cryp_obj.c, cryp_keygen.c). */
struct cryp_obj;

TEE_Result cryp_obj_alloc(uint32_t type, uint32_t max_size, uint64_t *handle);
void cryp_obj_free(uint64_t handle);
/* Panics, as GP wants, if handle is a persistent object. */
void cryp_obj_transient(uint64_t handle);
void cryp_obj_reset(uint64_t handle);
void cryp_obj_info(uint64_t handle, struct utee_object_info *info);
void cryp_obj_restrict(uint64_t handle, uint32_t usage);
TEE_Result cryp_obj_populate(uint64_t handle, const struct cryp_param *p,
			     size_t n);
/*
 * A buffer attribute into buf (*len in: its size; out: the attribute's) or
 * a value attribute into ab.
 */
TEE_Result cryp_obj_get_attr(uint64_t handle, uint32_t id, void *buf,
			     size_t *len, uint32_t ab[2]);
TEE_Result cryp_obj_copy(uint64_t dst, uint64_t src);
TEE_Result cryp_obj_generate(uint64_t handle, uint32_t key_size,
			     const struct cryp_param *p, size_t n);

/*
 * Trusted storage's use of objects (cryp_obj_blob.c): the attributes of an
 * object as one record (malloc'ed), and a new object from such a record
 * with the type, sizes, usage and handle flags of info.
 */
TEE_Result cryp_obj_export(uint64_t handle, uint8_t **blob, size_t *len);
TEE_Result cryp_obj_import(const struct utee_object_info *info,
			   const uint8_t *blob, size_t len, uint64_t *handle);

/* Operations (cryp_op.c and one file per family). */
TEE_Result cryp_op_alloc(uint32_t alg, uint32_t mode, uint32_t max_key_size,
			 uint64_t *handle);
void cryp_op_free(uint64_t handle);
void cryp_op_info(uint64_t handle, struct utee_op_info *info,
		  struct utee_op_key_info keys[2]);
void cryp_op_reset(uint64_t handle);
TEE_Result cryp_op_set_key(uint64_t handle, uint64_t key1, uint64_t key2,
			   unsigned int nkeys);
void cryp_op_copy(uint64_t dst, uint64_t src);
TEE_Result cryp_alg_supported(uint32_t alg, uint32_t element);

void cryp_digest_update(uint64_t h, const void *chunk, size_t len);
TEE_Result cryp_digest_final(uint64_t h, const void *chunk, size_t len,
			     void *out, size_t *out_len);
TEE_Result cryp_digest_extract(uint64_t h, void *out, size_t *out_len);

void cryp_cipher_init(uint64_t h, const void *iv, size_t iv_len);
TEE_Result cryp_cipher_update(uint64_t h, const void *src, size_t src_len,
			      void *dst, size_t *dst_len, bool last);

void cryp_mac_init(uint64_t h, const void *iv, size_t iv_len);
void cryp_mac_update(uint64_t h, const void *chunk, size_t len);
TEE_Result cryp_mac_compute(uint64_t h, const void *msg, size_t len,
			    void *mac, size_t *mac_len);
TEE_Result cryp_mac_compare(uint64_t h, const void *msg, size_t len,
			    const void *mac, size_t mac_len);

TEE_Result cryp_ae_init(uint64_t h, const void *nonce, size_t nonce_len,
			uint32_t tag_bits, size_t aad_len, size_t payload_len);
void cryp_ae_update_aad(uint64_t h, const void *aad, size_t len);
TEE_Result cryp_ae_update(uint64_t h, const void *src, size_t src_len,
			  void *dst, size_t *dst_len);
TEE_Result cryp_ae_enc_final(uint64_t h, const void *src, size_t src_len,
			     void *dst, size_t *dst_len, void *tag,
			     size_t *tag_len);
TEE_Result cryp_ae_dec_final(uint64_t h, const void *src, size_t src_len,
			     void *dst, size_t *dst_len, const void *tag,
			     size_t tag_len);

TEE_Result cryp_asym(uint64_t h, unsigned int func,
		     const struct cryp_param *p, size_t n, const void *src,
		     size_t src_len, void *dst, size_t *dst_len);
void cryp_derive(uint64_t h, const struct cryp_param *p, size_t n,
		 uint64_t derived);

/*
 * The Arithmetical API: one call on TEE_BigInt arrays the glue checked.
 * lens[] are the sizes in words of dst[0..2] and src[0..2].
 */
TEE_Result cryp_bigint(struct utee_bigint_args *args, uint32_t *dst[3],
		       const uint32_t *src[3]);

#endif
