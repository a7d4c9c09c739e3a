/*
 * Operations: allocation with GP's algorithm, mode and key size checks,
 * keys, copy, reset, information, and the state every family shares
 * (initial, active, extracting). Misuse GP forbids is a panic.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "cryp_priv.h"

static const uint32_t family_class[] = {
	[CRYP_F_DIGEST] = TEE_OPERATION_DIGEST,
	[CRYP_F_CIPHER] = TEE_OPERATION_CIPHER,
	[CRYP_F_MAC] = TEE_OPERATION_MAC,
	[CRYP_F_AE] = TEE_OPERATION_AE,
	[CRYP_F_ASYM_CIPHER] = TEE_OPERATION_ASYMMETRIC_CIPHER,
	[CRYP_F_SIGN] = TEE_OPERATION_ASYMMETRIC_SIGNATURE,
	[CRYP_F_DERIVE] = TEE_OPERATION_KEY_DERIVATION,
};

static bool mode_ok(enum cryp_family f, uint32_t mode)
{
	switch (f) {
	case CRYP_F_DIGEST:
		return mode == TEE_MODE_DIGEST;
	case CRYP_F_CIPHER:
	case CRYP_F_AE:
	case CRYP_F_ASYM_CIPHER:
		return mode == TEE_MODE_ENCRYPT || mode == TEE_MODE_DECRYPT;
	case CRYP_F_MAC:
		return mode == TEE_MODE_MAC;
	case CRYP_F_SIGN:
		return mode == TEE_MODE_SIGN || mode == TEE_MODE_VERIFY;
	case CRYP_F_DERIVE:
		return mode == TEE_MODE_DERIVE;
	}
	return false;
}

static uint32_t required_usage(enum cryp_family f, uint32_t mode)
{
	switch (f) {
	case CRYP_F_MAC:
		return TEE_USAGE_MAC;
	case CRYP_F_SIGN:
		return mode == TEE_MODE_SIGN ? TEE_USAGE_SIGN :
		       TEE_USAGE_VERIFY;
	case CRYP_F_DERIVE:
		return TEE_USAGE_DERIVE;
	case CRYP_F_DIGEST:
		return 0;
	default:
		return mode == TEE_MODE_ENCRYPT ? TEE_USAGE_ENCRYPT :
		       TEE_USAGE_DECRYPT;
	}
}

static bool needs_key(const struct cryp_alg *a)
{
	return a->family != CRYP_F_DIGEST;
}

/* Operations that need no init call: usable once their key is set. */
static bool keyed_is_ready(const struct cryp_alg *a)
{
	return a->family == CRYP_F_ASYM_CIPHER || a->family == CRYP_F_SIGN ||
	       a->family == CRYP_F_DERIVE;
}

static bool max_key_size_ok(const struct cryp_alg *a, uint32_t bits)
{
	const struct cryp_type *t;

	if (!needs_key(a))
		return true;
	if (a->alg == TEE_ALG_AES_XTS && bits == 192)
		return false;
	t = cryp_type_find(a->key_type);
	return t && cryp_type_size_ok(t, bits);
}

TEE_Result cryp_alg_supported(uint32_t alg, uint32_t element)
{
	const struct cryp_alg *a = cryp_alg_find(alg);

	if (!a)
		return TEE_ERROR_NOT_SUPPORTED;
	if (element == TEE_CRYPTO_ELEMENT_NONE)
		return TEE_SUCCESS;
	/* Curves: the NIST ones for ECDSA and ECDH, 25519, SM2. */
	switch (a->key_type) {
	case TEE_TYPE_ECDSA_KEYPAIR:
	case TEE_TYPE_ECDH_KEYPAIR:
		return element >= TEE_ECC_CURVE_NIST_P192 &&
		       element <= TEE_ECC_CURVE_NIST_P521 ?
		       TEE_SUCCESS : TEE_ERROR_NOT_SUPPORTED;
	case TEE_TYPE_ED25519_KEYPAIR:
	case TEE_TYPE_X25519_KEYPAIR:
		return element == TEE_ECC_CURVE_25519 ? TEE_SUCCESS :
		       TEE_ERROR_NOT_SUPPORTED;
	case TEE_TYPE_SM2_DSA_KEYPAIR:
	case TEE_TYPE_SM2_PKE_KEYPAIR:
		return element == TEE_ECC_CURVE_SM2 ? TEE_SUCCESS :
		       TEE_ERROR_NOT_SUPPORTED;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

TEE_Result cryp_op_alloc(uint32_t alg, uint32_t mode, uint32_t max_key_size,
			 uint64_t *handle)
{
	const struct cryp_alg *a = cryp_alg_find(alg);
	struct cryp_op *op;

	if (cryp_init())
		return TEE_ERROR_NOT_SUPPORTED;
	if (!a || !mode_ok(a->family, mode) ||
	    !max_key_size_ok(a, max_key_size))
		return TEE_ERROR_NOT_SUPPORTED;
	op = calloc(1, sizeof(*op));
	if (!op)
		return TEE_ERROR_OUT_OF_MEMORY;
	op->a = a;
	op->mode = mode;
	op->max_key_size = needs_key(a) ? max_key_size : 0;
	op->nkeys = alg == TEE_ALG_AES_XTS ? 2 : 1;
	if (op->nkeys == 2)
		op->handle_state |= TEE_HANDLE_FLAG_EXPECT_TWO_KEYS;
	if (!needs_key(a))
		op->handle_state |= TEE_HANDLE_FLAG_KEY_SET |
				    TEE_HANDLE_FLAG_INITIALIZED;
	*handle = cryp_handle_new(CRYP_K_OP, op);
	if (!*handle) {
		free(op);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	return TEE_SUCCESS;
}

struct cryp_op *cryp_op_get(uint64_t handle)
{
	struct cryp_op *op = cryp_handle_lookup(CRYP_K_OP, handle);

	if (!op)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "not an operation handle");
	return op;
}

struct cryp_op *cryp_op_expect(uint64_t handle, enum cryp_family f,
			       const char *what)
{
	struct cryp_op *op = cryp_op_get(handle);

	if (op->a->family != f)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, what);
	return op;
}

void cryp_op_clear_run(struct cryp_op *op)
{
	EVP_MD_CTX_free(op->md);
	EVP_CIPHER_CTX_free(op->cipher);
	EVP_MAC_CTX_free(op->mac);
	op->md = NULL;
	op->cipher = NULL;
	op->mac = NULL;
	if (op->held) {
		OPENSSL_cleanse(op->held, op->held_cap);
		free(op->held);
	}
	free(op->aad);
	op->held = op->aad = NULL;
	op->held_len = op->held_cap = op->aad_len = op->aad_cap = 0;
	OPENSSL_cleanse(op->iv, sizeof(op->iv));
	op->iv_len = 0;
	op->extracted = 0;
	op->pending = 0;
	op->ae_payload_started = false;
}

TEE_Result cryp_hold(uint8_t **buf, size_t *len, size_t *cap,
		     const void *src, size_t n)
{
	uint8_t *nb;
	size_t ncap;

	if (!n)
		return TEE_SUCCESS;
	if (*len + n > *cap) {
		ncap = *cap ? *cap : 256;
		while (ncap < *len + n)
			ncap *= 2;
		nb = malloc(ncap);
		if (!nb)
			return TEE_ERROR_OUT_OF_MEMORY;
		if (*buf) {
			memcpy(nb, *buf, *len);
			OPENSSL_cleanse(*buf, *cap);
			free(*buf);
		}
		*buf = nb;
		*cap = ncap;
	}
	memcpy(*buf + *len, src, n);
	*len += n;
	return TEE_SUCCESS;
}

void cryp_op_free(uint64_t handle)
{
	struct cryp_op *op;

	if (!handle)
		return;
	op = cryp_op_get(handle);
	cryp_op_clear_run(op);
	cryp_obj_clear(&op->key[0]);
	cryp_obj_clear(&op->key[1]);
	cryp_handle_release(CRYP_K_OP, handle);
	OPENSSL_cleanse(op, sizeof(*op));
	free(op);
}

void cryp_op_info(uint64_t handle, struct utee_op_info *info,
		  struct utee_op_key_info keys[2])
{
	struct cryp_op *op = cryp_op_get(handle);
	unsigned int i;

	memset(info, 0, sizeof(*info));
	info->algorithm = op->a->alg;
	info->op_class = family_class[op->a->family];
	info->mode = op->mode;
	info->digest_len = op->a->family == CRYP_F_AE ? op->tag_len :
			   op->a->family == CRYP_F_SIGN ? 0 : op->a->digest_len;
	info->max_key_size = op->max_key_size;
	info->handle_state = op->handle_state;
	info->op_state = op->state;
	info->nkeys = needs_key(op->a) ? op->nkeys : 0;
	for (i = 0; i < 2; i++) {
		keys[i].key_size = op->key_set[i] ? op->key[i].size : 0;
		keys[i].required_usage = i < info->nkeys ?
			required_usage(op->a->family, op->mode) : 0;
	}
}

void cryp_op_reset(uint64_t handle)
{
	struct cryp_op *op = cryp_op_get(handle);

	if (needs_key(op->a) && !(op->handle_state & TEE_HANDLE_FLAG_KEY_SET))
		cryp_panic(TEE_ERROR_BAD_STATE, "reset: no key set");
	cryp_op_clear_run(op);
	op->state = CRYP_S_INITIAL;
	if (needs_key(op->a) && !keyed_is_ready(op->a))
		op->handle_state &= ~TEE_HANDLE_FLAG_INITIALIZED;
}

static bool key_type_ok(const struct cryp_op *op, uint32_t type)
{
	const struct cryp_alg *a = op->a;

	if (type == a->key_type)
		return true;
	if (!a->key_type2 || type != a->key_type2)
		return false;
	/* A public key serves to encrypt and verify, never the reverse. */
	if (a->family == CRYP_F_SIGN || a->family == CRYP_F_ASYM_CIPHER)
		return op->mode == TEE_MODE_VERIFY ||
		       op->mode == TEE_MODE_ENCRYPT;
	return true;
}

static void set_one_key(struct cryp_op *op, unsigned int i, uint64_t handle)
{
	struct cryp_obj *k = cryp_obj_get(handle);
	uint32_t need = required_usage(op->a->family, op->mode);

	if (!(k->flags & TEE_HANDLE_FLAG_INITIALIZED))
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "set key: empty object");
	if (!key_type_ok(op, k->type))
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "set key: key type does not fit the algorithm");
	if (k->size > op->max_key_size)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "set key: key bigger than the operation's maximum");
	if ((k->usage & need) != need)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "set key: usage does not allow the operation");
	cryp_obj_clone(&op->key[i], k);
	op->key_set[i] = true;
}

TEE_Result cryp_op_set_key(uint64_t handle, uint64_t key1, uint64_t key2,
			   unsigned int nkeys)
{
	struct cryp_op *op = cryp_op_get(handle);
	const struct cryp_attr *s1, *s2;
	unsigned int i;

	if (!needs_key(op->a))
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "set key: digest");
	if (nkeys != op->nkeys)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "set key: wrong number of keys for the algorithm");
	if (op->state != CRYP_S_INITIAL)
		cryp_panic(TEE_ERROR_BAD_STATE, "set key: operation active");
	if (nkeys == 2 && !key1 != !key2)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "set key: one key of two");
	cryp_op_clear_run(op);
	for (i = 0; i < 2; i++) {
		cryp_obj_clear(&op->key[i]);
		op->key_set[i] = false;
	}
	op->handle_state &= ~(TEE_HANDLE_FLAG_KEY_SET |
			      TEE_HANDLE_FLAG_INITIALIZED);
	if (!key1)
		return TEE_SUCCESS;
	set_one_key(op, 0, key1);
	if (nkeys == 2) {
		set_one_key(op, 1, key2);
		if (op->key[0].size != op->key[1].size)
			cryp_panic(TEE_ERROR_BAD_PARAMETERS,
				   "set key: XTS keys of two sizes");
		s1 = cryp_obj_attr(&op->key[0], TEE_ATTR_SECRET_VALUE);
		s2 = cryp_obj_attr(&op->key[1], TEE_ATTR_SECRET_VALUE);
		if (s1 && s2 && s1->len == s2->len &&
		    !CRYPTO_memcmp(s1->buf, s2->buf, s1->len)) {
			cryp_obj_clear(&op->key[0]);
			cryp_obj_clear(&op->key[1]);
			op->key_set[0] = op->key_set[1] = false;
			return TEE_ERROR_SECURITY;
		}
	}
	op->handle_state |= TEE_HANDLE_FLAG_KEY_SET;
	if (keyed_is_ready(op->a))
		op->handle_state |= TEE_HANDLE_FLAG_INITIALIZED;
	return TEE_SUCCESS;
}

void cryp_op_copy_run(struct cryp_op *dst, const struct cryp_op *src)
{
	if (src->md) {
		dst->md = EVP_MD_CTX_new();
		if (!dst->md || !EVP_MD_CTX_copy_ex(dst->md, src->md))
			cryp_panic(TEE_ERROR_OUT_OF_MEMORY, "copy digest");
	}
	if (src->cipher) {
		dst->cipher = EVP_CIPHER_CTX_new();
		if (!dst->cipher ||
		    !EVP_CIPHER_CTX_copy(dst->cipher, src->cipher))
			cryp_panic(TEE_ERROR_OUT_OF_MEMORY, "copy cipher");
	}
	if (src->mac) {
		dst->mac = EVP_MAC_CTX_dup(src->mac);
		if (!dst->mac)
			cryp_panic(TEE_ERROR_OUT_OF_MEMORY, "copy MAC");
	}
	if (cryp_hold(&dst->held, &dst->held_len, &dst->held_cap, src->held,
		      src->held_len) ||
	    cryp_hold(&dst->aad, &dst->aad_len, &dst->aad_cap, src->aad,
		      src->aad_len))
		cryp_panic(TEE_ERROR_OUT_OF_MEMORY, "copy held data");
	memcpy(dst->iv, src->iv, sizeof(dst->iv));
	dst->iv_len = src->iv_len;
	dst->tag_len = src->tag_len;
	dst->ae_payload_len = src->ae_payload_len;
	dst->ae_payload_started = src->ae_payload_started;
	dst->extracted = src->extracted;
	dst->pending = src->pending;
}

void cryp_op_copy(uint64_t dst_h, uint64_t src_h)
{
	struct cryp_op *dst = cryp_op_get(dst_h);
	struct cryp_op *src = cryp_op_get(src_h);
	unsigned int i;

	if (dst == src)
		return;
	if (dst->a != src->a || dst->mode != src->mode)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "copy: operations of two algorithms or modes");
	for (i = 0; i < src->nkeys; i++)
		if (src->key_set[i] && src->key[i].size > dst->max_key_size)
			cryp_panic(TEE_ERROR_BAD_PARAMETERS,
				   "copy: key bigger than the maximum");
	cryp_op_clear_run(dst);
	for (i = 0; i < 2; i++) {
		cryp_obj_clear(&dst->key[i]);
		dst->key_set[i] = src->key_set[i];
		if (src->key_set[i])
			cryp_obj_clone(&dst->key[i], &src->key[i]);
	}
	dst->handle_state = src->handle_state;
	dst->state = src->state;
	cryp_op_copy_run(dst, src);
}
