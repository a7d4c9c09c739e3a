/*
 * Transient objects: a type, a size, usage flags and attributes. This layer
 * knows nothing of operations, so trusted storage can keep objects of its
 * own with the same records.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "cryp_priv.h"

/* Value attributes are flagged by bit 29; bit 28 makes one public. */
static bool attr_is_value(uint32_t id)
{
	return id & TEE_ATTR_FLAG_VALUE;
}

struct cryp_obj *cryp_obj_get(uint64_t handle)
{
	struct cryp_obj *o = cryp_handle_lookup(CRYP_K_OBJ, handle);

	if (!o)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "not an object handle");
	return o;
}

const struct cryp_attr *cryp_obj_attr(const struct cryp_obj *o, uint32_t id)
{
	size_t i;

	for (i = 0; i < o->nattrs; i++)
		if (o->attrs[i].id == id)
			return &o->attrs[i];
	return NULL;
}

const struct cryp_param *cryp_param_find(const struct cryp_param *p, size_t n,
					 uint32_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i].id == id)
			return &p[i];
	return NULL;
}

void cryp_obj_clear(struct cryp_obj *o)
{
	size_t i;

	for (i = 0; i < o->nattrs; i++) {
		if (o->attrs[i].buf) {
			OPENSSL_cleanse(o->attrs[i].buf, o->attrs[i].len);
			free(o->attrs[i].buf);
		}
	}
	memset(o->attrs, 0, sizeof(o->attrs));
	o->nattrs = 0;
	o->size = 0;
	o->flags &= ~TEE_HANDLE_FLAG_INITIALIZED;
}

static TEE_Result obj_add(struct cryp_obj *o, uint32_t id, uint32_t a,
			  uint32_t b, const void *buf, size_t len)
{
	struct cryp_attr *at;

	if (o->nattrs == CRYP_OBJ_MAX_ATTRS)
		return TEE_ERROR_OUT_OF_MEMORY;
	at = &o->attrs[o->nattrs];
	memset(at, 0, sizeof(*at));
	at->id = id;
	at->a = a;
	at->b = b;
	if (!attr_is_value(id)) {
		/* One byte at least, so an empty buffer is still owned. */
		at->buf = malloc(len ? len : 1);
		if (!at->buf)
			return TEE_ERROR_OUT_OF_MEMORY;
		if (len)
			memcpy(at->buf, buf, len);
		at->len = len;
	}
	o->nattrs++;
	return TEE_SUCCESS;
}

TEE_Result cryp_obj_set_buf(struct cryp_obj *o, uint32_t id,
			    const void *buf, size_t len)
{
	return obj_add(o, id, 0, 0, buf, len);
}

TEE_Result cryp_obj_set_value(struct cryp_obj *o, uint32_t id, uint32_t a,
			      uint32_t b)
{
	return obj_add(o, id, a, b, NULL, 0);
}

void cryp_obj_clone(struct cryp_obj *dst, const struct cryp_obj *src)
{
	size_t i;

	cryp_obj_clear(dst);
	*dst = *src;
	for (i = 0; i < src->nattrs; i++) {
		if (!src->attrs[i].buf)
			continue;
		dst->attrs[i].buf = malloc(src->attrs[i].len ?
					   src->attrs[i].len : 1);
		if (!dst->attrs[i].buf)
			cryp_panic(TEE_ERROR_OUT_OF_MEMORY, "object copy");
		memcpy(dst->attrs[i].buf, src->attrs[i].buf,
		       src->attrs[i].len);
	}
}

TEE_Result cryp_obj_alloc(uint32_t type, uint32_t max_size, uint64_t *handle)
{
	const struct cryp_type *t = cryp_type_find(type);
	struct cryp_obj *o;

	if (!t || !cryp_type_size_ok(t, max_size))
		return TEE_ERROR_NOT_SUPPORTED;
	o = calloc(1, sizeof(*o));
	if (!o)
		return TEE_ERROR_OUT_OF_MEMORY;
	o->type = type;
	o->max_size = max_size;
	o->usage = TEE_USAGE_DEFAULT;
	*handle = cryp_handle_new(CRYP_K_OBJ, o);
	if (!*handle) {
		free(o);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	return TEE_SUCCESS;
}

void cryp_obj_free(uint64_t handle)
{
	struct cryp_obj *o;

	if (!handle)
		return;
	o = cryp_obj_get(handle);
	cryp_obj_clear(o);
	cryp_handle_release(CRYP_K_OBJ, handle);
	OPENSSL_cleanse(o, sizeof(*o));
	free(o);
}

void cryp_obj_transient(uint64_t handle)
{
	if (handle &&
	    (cryp_obj_get(handle)->flags & TEE_HANDLE_FLAG_PERSISTENT))
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "a persistent object where GP wants a transient one");
}

void cryp_obj_reset(uint64_t handle)
{
	struct cryp_obj *o;

	if (!handle)
		return;
	o = cryp_obj_get(handle);
	cryp_obj_clear(o);
	o->usage = TEE_USAGE_DEFAULT;
}

void cryp_obj_info(uint64_t handle, struct utee_object_info *info)
{
	struct cryp_obj *o = cryp_obj_get(handle);

	memset(info, 0, sizeof(*info));
	info->type = o->type;
	info->size = o->size;
	info->max_size = o->max_size;
	info->usage = o->usage;
	info->handle_flags = o->flags;
}

void cryp_obj_restrict(uint64_t handle, uint32_t usage)
{
	cryp_obj_get(handle)->usage &= usage;
}

static const struct cryp_attr_rule *rule_of(const struct cryp_type *t,
					    uint32_t id)
{
	const struct cryp_attr_rule *r;

	for (r = t->rules; r->id; r++)
		if (r->id == id)
			return r;
	return NULL;
}

/* The bit length of a big-endian unsigned number. */
static uint32_t octets_bits(const uint8_t *p, size_t len)
{
	uint32_t bits;
	uint8_t top;

	while (len && !*p) {
		p++;
		len--;
	}
	if (!len)
		return 0;
	bits = (uint32_t)(len - 1) * 8;
	for (top = *p; top; top >>= 1)
		bits++;
	return bits;
}

static uint32_t curve_bits(uint32_t curve)
{
	switch (curve) {
	case TEE_ECC_CURVE_NIST_P192: return 192;
	case TEE_ECC_CURVE_NIST_P224: return 224;
	case TEE_ECC_CURVE_NIST_P256: return 256;
	case TEE_ECC_CURVE_NIST_P384: return 384;
	case TEE_ECC_CURVE_NIST_P521: return 521;
	default: return 0;
	}
}

/* The size attribute's bits, as GP defines the object's size from it. */
static uint32_t size_of_attr(uint32_t type, const struct cryp_param *p)
{
	if (p->id == TEE_ATTR_ECC_CURVE)
		return curve_bits(p->a);
	if (p->id == TEE_ATTR_RSA_MODULUS || p->id == TEE_ATTR_DSA_PRIME ||
	    p->id == TEE_ATTR_DH_PRIME)
		return octets_bits(p->buf, p->len);
	(void)type;
	return (uint32_t)p->len * 8;
}

static uint32_t fixed_size(uint32_t type)
{
	switch (cryp_type_public(type)) {
	case TEE_TYPE_ED25519_PUBLIC_KEY:
	case TEE_TYPE_X25519_PUBLIC_KEY:
	case TEE_TYPE_SM2_DSA_PUBLIC_KEY:
	case TEE_TYPE_SM2_PKE_PUBLIC_KEY:
		return 256;
	default:
		return 0;
	}
}

/* RSA's CRT attributes come all five or none. */
static bool rsa_crt_consistent(const struct cryp_param *p, size_t n)
{
	static const uint32_t crt[] = {
		TEE_ATTR_RSA_PRIME1, TEE_ATTR_RSA_PRIME2,
		TEE_ATTR_RSA_EXPONENT1, TEE_ATTR_RSA_EXPONENT2,
		TEE_ATTR_RSA_COEFFICIENT
	};
	size_t i, have = 0;

	for (i = 0; i < 5; i++)
		have += cryp_param_find(p, n, crt[i]) != NULL;
	return have == 0 || have == 5;
}

TEE_Result cryp_obj_populate(uint64_t handle, const struct cryp_param *p,
			     size_t n)
{
	struct cryp_obj *o = cryp_obj_get(handle);
	const struct cryp_type *t = cryp_type_find(o->type);
	const struct cryp_attr_rule *r;
	uint32_t size = fixed_size(o->type);
	TEE_Result res;
	size_t i, j;

	if (o->flags & TEE_HANDLE_FLAG_INITIALIZED)
		cryp_panic(TEE_ERROR_BAD_STATE, "populate: initialised object");
	if (!t)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "populate: no such type");
	for (i = 0; i < n; i++) {
		r = rule_of(t, p[i].id);
		if (!r || !(r->flags & (CRYP_A_REQ | CRYP_A_OPT)))
			cryp_panic(TEE_ERROR_BAD_PARAMETERS,
				   "populate: attribute not of this type");
		for (j = 0; j < i; j++)
			if (p[j].id == p[i].id)
				cryp_panic(TEE_ERROR_BAD_PARAMETERS,
					   "populate: attribute twice");
		if (r->flags & CRYP_A_SIZE)
			size = size_of_attr(o->type, &p[i]);
	}
	for (r = t->rules; r->id; r++)
		if ((r->flags & CRYP_A_REQ) && !cryp_param_find(p, n, r->id))
			cryp_panic(TEE_ERROR_BAD_PARAMETERS,
				   "populate: required attribute missing");
	if (size > o->max_size)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "populate: bigger than the object's maximum");
	if (!cryp_type_size_ok(t, size))
		return TEE_ERROR_BAD_PARAMETERS;
	if (o->type == TEE_TYPE_RSA_KEYPAIR && !rsa_crt_consistent(p, n))
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < n; i++) {
		res = obj_add(o, p[i].id, p[i].a, p[i].b, p[i].buf, p[i].len);
		if (res) {
			cryp_obj_clear(o);
			return res;
		}
	}
	/* A key that OpenSSL refuses is a bad parameter, found now. */
	if (cryp_type_is_asym(o->type)) {
		EVP_PKEY *k = cryp_pkey_from_obj(o, o->type !=
						 cryp_type_public(o->type));

		if (!k) {
			cryp_obj_clear(o);
			return TEE_ERROR_BAD_PARAMETERS;
		}
		EVP_PKEY_free(k);
	}
	o->size = size;
	o->flags |= TEE_HANDLE_FLAG_INITIALIZED;
	return TEE_SUCCESS;
}

TEE_Result cryp_obj_get_attr(uint64_t handle, uint32_t id, void *buf,
			     size_t *len, uint32_t ab[2])
{
	struct cryp_obj *o = cryp_obj_get(handle);
	const struct cryp_attr *at;
	TEE_Result res;

	if (!(o->flags & TEE_HANDLE_FLAG_INITIALIZED))
		cryp_panic(TEE_ERROR_BAD_STATE, "attribute of an empty object");
	if (attr_is_value(id) != (ab != NULL))
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "value/buffer attribute mismatch");
	if (!(id & TEE_ATTR_FLAG_PUBLIC) &&
	    !(o->usage & TEE_USAGE_EXTRACTABLE))
		cryp_panic(TEE_ERROR_ACCESS_DENIED,
			   "secret attribute of a non-extractable object");
	at = cryp_obj_attr(o, id);
	if (!at)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (ab) {
		ab[0] = at->a;
		ab[1] = at->b;
		return TEE_SUCCESS;
	}
	res = cryp_out_fits(len, at->len);
	if (res)
		return res;
	if (at->len)
		memcpy(buf, at->buf, at->len);
	*len = at->len;
	return TEE_SUCCESS;
}

TEE_Result cryp_obj_copy(uint64_t dst, uint64_t src)
{
	struct cryp_obj *d = cryp_obj_get(dst);
	struct cryp_obj *s = cryp_obj_get(src);
	const struct cryp_type *t = cryp_type_find(d->type);
	const struct cryp_attr_rule *r;
	const struct cryp_attr *at;
	TEE_Result res;
	size_t i;

	if (d->flags & TEE_HANDLE_FLAG_INITIALIZED)
		cryp_panic(TEE_ERROR_BAD_STATE, "copy into an initialised object");
	if (!(s->flags & TEE_HANDLE_FLAG_INITIALIZED))
		cryp_panic(TEE_ERROR_BAD_STATE, "copy from an empty object");
	if (d->type != s->type && d->type != cryp_type_public(s->type))
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "copy between types");
	if (s->size > d->max_size)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "copy: source too big");
	for (i = 0; i < s->nattrs; i++) {
		at = &s->attrs[i];
		r = rule_of(t, at->id);
		if (!r)
			continue;
		res = obj_add(d, at->id, at->a, at->b, at->buf, at->len);
		if (res) {
			cryp_obj_clear(d);
			return res;
		}
	}
	d->size = s->size;
	d->usage &= s->usage;
	d->flags |= TEE_HANDLE_FLAG_INITIALIZED;
	return TEE_SUCCESS;
}
