/*
 * The data stream of an open persistent object: read, write, truncate and
 * seek at a handle's position, with GP's overflow rules; a write or a
 * truncation is an update of the object (sto_pobj_update).
 */
#include <stdlib.h>
#include <string.h>

#include <tee_api_defines.h>

#include "sto_obj.h"

TEE_Result sto_op_read(struct sto_call *c)
{
	struct sto_dirent *e;
	struct sto_handle *h;
	TEE_Result res;
	uint64_t n = 0;

	res = sto_call_handle(c, TEE_DATA_FLAG_ACCESS_READ, &h, &e);
	if (res)
		return res;
	if (h->pos < h->o->f.data_len) {
		n = h->o->f.data_len - h->pos;
		if (n > c->q.len)
			n = c->q.len;
		if (n > c->data_max)
			n = c->data_max;
		memcpy(c->data, h->o->f.data + h->pos, n);
	}
	h->pos += n;
	c->out->out_len = n;
	return TEE_SUCCESS;
}

/* Writes len bytes at the position (WRITE), or sets the size (TRUNCATE). */
TEE_Result sto_op_write(struct sto_call *c, bool truncate)
{
	struct sto_dirent *e;
	struct sto_handle *h;
	uint64_t end, old;
	TEE_Result res;
	uint8_t *d;

	res = sto_call_handle(c, TEE_DATA_FLAG_ACCESS_WRITE, &h, &e);
	if (res)
		return res;
	old = h->o->f.data_len;
	if (truncate) {
		end = c->q.len;
	} else {
		if (c->q.len > c->data_max)
			return TEE_ERROR_STORAGE_NO_SPACE;
		if (h->pos + c->q.len > TEE_DATA_MAX_POSITION)
			return TEE_ERROR_OVERFLOW;
		if (!c->q.len)
			return TEE_SUCCESS;
		end = h->pos + c->q.len;
		if (end < old)
			end = old;
	}
	if (end > sto_quota)
		return TEE_ERROR_STORAGE_NO_SPACE;
	d = malloc(end ? end : 1);
	if (!d)
		return TEE_ERROR_OUT_OF_MEMORY;
	memcpy(d, h->o->f.data, old < end ? old : end);
	if (end > old)
		memset(d + old, 0, end - old);
	if (!truncate)
		memcpy(d + h->pos, c->data, c->q.len);
	res = sto_pobj_update(h->o, e, d, end);
	if (res) {
		free(d);
		return res;
	}
	if (!truncate)
		h->pos += c->q.len;
	return TEE_SUCCESS;
}

TEE_Result sto_op_seek(struct sto_call *c)
{
	struct sto_dirent *e;
	struct sto_handle *h;
	TEE_Result res;
	int64_t base, pos;

	res = sto_call_handle(c, 0, &h, &e);
	if (res)
		return res;
	switch (c->q.whence) {
	case TEE_DATA_SEEK_SET:
		base = 0;
		break;
	case TEE_DATA_SEEK_CUR:
		base = (int64_t)h->pos;
		break;
	case TEE_DATA_SEEK_END:
		base = (int64_t)h->o->f.data_len;
		break;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (c->q.offset > 0 && c->q.offset > (int64_t)TEE_DATA_MAX_POSITION - base)
		return TEE_ERROR_OVERFLOW;
	pos = base + c->q.offset;	/* no wrap: |offset| checked above */
	h->pos = pos < 0 ? 0 : (uint64_t)pos;
	return TEE_SUCCESS;
}
