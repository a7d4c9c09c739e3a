/*
 * An object's attributes as one flat record, for trusted storage to keep
 * a persistent object's key with its data: what export writes, import
 * reads back into a new object with the flags storage gives it.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "cryp_priv.h"

struct blob_attr {
	uint32_t id;
	uint32_t a, b;
	uint32_t len;		/* bytes that follow */
};

TEE_Result cryp_obj_export(uint64_t handle, uint8_t **blob, size_t *len)
{
	const struct cryp_obj *o = cryp_obj_get(handle);
	struct blob_attr r;
	size_t i, total = 0;
	uint8_t *p;

	for (i = 0; i < o->nattrs; i++)
		total += sizeof(r) + o->attrs[i].len;
	p = malloc(total ? total : 1);
	if (!p)
		return TEE_ERROR_OUT_OF_MEMORY;
	*blob = p;
	*len = total;
	for (i = 0; i < o->nattrs; i++) {
		r.id = o->attrs[i].id;
		r.a = o->attrs[i].a;
		r.b = o->attrs[i].b;
		r.len = (uint32_t)o->attrs[i].len;
		memcpy(p, &r, sizeof(r));
		p += sizeof(r);
		if (r.len)
			memcpy(p, o->attrs[i].buf, r.len);
		p += r.len;
	}
	return TEE_SUCCESS;
}

TEE_Result cryp_obj_import(const struct utee_object_info *info,
			   const uint8_t *blob, size_t len, uint64_t *handle)
{
	struct cryp_obj *o = calloc(1, sizeof(*o));
	struct blob_attr r;
	TEE_Result res = TEE_ERROR_CORRUPT_OBJECT;

	if (!o)
		return TEE_ERROR_OUT_OF_MEMORY;
	o->type = info->type;
	o->size = info->size;
	o->max_size = info->max_size;
	o->usage = info->usage;
	o->flags = info->handle_flags;
	while (len) {
		if (len < sizeof(r) || o->nattrs == CRYP_OBJ_MAX_ATTRS)
			goto fail;
		memcpy(&r, blob, sizeof(r));
		blob += sizeof(r);
		len -= sizeof(r);
		if (r.len > len)
			goto fail;
		res = (r.id & TEE_ATTR_FLAG_VALUE) ?
		      cryp_obj_set_value(o, r.id, r.a, r.b) :
		      cryp_obj_set_buf(o, r.id, blob, r.len);
		if (res)
			goto fail;
		res = TEE_ERROR_CORRUPT_OBJECT;
		blob += r.len;
		len -= r.len;
	}
	*handle = cryp_handle_new(CRYP_K_OBJ, o);
	if (*handle)
		return TEE_SUCCESS;
	res = TEE_ERROR_OUT_OF_MEMORY;
fail:
	cryp_obj_clear(o);
	free(o);
	return res;
}
