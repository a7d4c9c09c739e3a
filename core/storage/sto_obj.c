/*
 * Open persistent objects and their handles: GP's access and sharing
 * rules, and each update as new files and then a new
 * directory record (the commit), the old file removed last. An object
 * open on several handles is one record here, so every handle sees every
 * write; its contents are kept while it is open and checked against the
 * directory before each use. The data stream is sto_stream.c's.
 */
#include <stdlib.h>
#include <string.h>

#include <tee_api_defines.h>

#include "../../common/tc_log.h"
#include "sto_obj.h"
#include "sto_priv.h"

/* Guarded by sto_lock. */
static struct sto_pobj *sto_pobjs;
static struct sto_handle *sto_handles;
static uint64_t sto_next_handle;

/* GP's rule for two handles on one object: whoever reads (writes), both
   share reading (writing); deleting or renaming is exclusive. */
static bool share_ok(uint32_t a, uint32_t b)
{
	if ((a | b) & TEE_DATA_FLAG_ACCESS_WRITE_META)
		return false;
	if (((a | b) & TEE_DATA_FLAG_ACCESS_READ) &&
	    !(a & b & TEE_DATA_FLAG_SHARE_READ))
		return false;
	if (((a | b) & TEE_DATA_FLAG_ACCESS_WRITE) &&
	    !(a & b & TEE_DATA_FLAG_SHARE_WRITE))
		return false;
	return true;
}

static struct sto_pobj *pobj_find(struct sto_ta *ta, const uint8_t *id,
				  uint32_t id_len)
{
	struct sto_pobj *o;

	for (o = sto_pobjs; o; o = o->next)
		if (o->ta == ta && o->id_len == id_len &&
		    !memcmp(o->id, id, id_len))
			return o;
	return NULL;
}

static bool pobj_shareable(const struct sto_pobj *o, uint32_t flags)
{
	struct sto_handle *h;

	for (h = sto_handles; h; h = h->next)
		if (h->o == o && !share_ok(h->flags, flags))
			return false;
	return true;
}

static void pobj_put(struct sto_pobj *o)
{
	struct sto_pobj **pp;

	if (--o->refs)
		return;
	for (pp = &sto_pobjs; *pp; pp = &(*pp)->next) {
		if (*pp == o) {
			*pp = o->next;
			break;
		}
	}
	sto_obj_file_free(&o->f);
	free(o);
}

static struct sto_handle *handle_new(const struct instance *inst,
				     struct sto_pobj *o, uint32_t flags)
{
	struct sto_handle *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->id = ++sto_next_handle;
	h->inst = inst;
	h->o = o;
	h->flags = flags;
	o->refs++;
	h->next = sto_handles;
	sto_handles = h;
	return h;
}

static struct sto_handle *handle_find(const struct instance *inst,
				      uint64_t id)
{
	struct sto_handle *h;

	for (h = sto_handles; h; h = h->next)
		if (h->id == id && h->inst == inst)
			return h;
	return NULL;
}

static void handle_close(struct sto_handle *h)
{
	struct sto_handle **pp;

	for (pp = &sto_handles; *pp; pp = &(*pp)->next) {
		if (*pp == h) {
			*pp = h->next;
			break;
		}
	}
	pobj_put(h->o);
	free(h);
}

/*
 * The object's entry, with o's contents brought up to the version it
 * names (another update may have failed half-way, or the record have been
 * read again since).
 */
static TEE_Result pobj_sync(struct sto_pobj *o, struct sto_dirent **out)
{
	struct sto_obj_file f;
	struct sto_dirent *e;
	struct sto_ta *ta;
	TEE_Result res;

	res = sto_ta_get(o->ta->uuid, false, &ta);
	if (res)
		return res;
	e = sto_ta_find(ta, o->id, o->id_len);
	if (!e)
		return TEE_ERROR_CORRUPT_OBJECT;
	if (e->file != o->file || memcmp(e->tag, o->tag, STO_TAG_LEN)) {
		res = sto_obj_read(ta, e, &f);
		if (res)
			return res;
		sto_obj_file_free(&o->f);
		o->f = f;
		o->file = e->file;
		memcpy(o->tag, e->tag, STO_TAG_LEN);
	}
	*out = e;
	return TEE_SUCCESS;
}

/*
 * Replaces o's contents with f (attributes shared with o's): a new file,
 * then the record. On failure o is as it was and f's data the caller's.
 */
TEE_Result sto_pobj_update(struct sto_pobj *o, struct sto_dirent *e,
			   uint8_t *data, size_t len)
{
	struct sto_ta *ta = o->ta;
	struct sto_obj_file f = o->f;
	struct sto_dirent *ents;
	uint64_t old = e->file;
	size_t i = (size_t)(e - ta->ents);
	TEE_Result res;

	f.data = data;
	f.data_len = len;
	ents = sto_ta_copy(ta);
	if (!ents)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = sto_obj_write(ta, &f, &ents[i], e->file_len);
	/* On failure the new file is left to the sweep: the supplicant may
	   be gone, and asking it again would wait for another. */
	if (!res)
		res = sto_ta_commit(ta, ents, ta->n);
	if (res) {
		free(ents);
		return res;
	}
	sto_fs_remove(ta->keys.dirname, old);
	free(o->f.data);
	o->f.data = data;
	o->f.data_len = len;
	o->file = ta->ents[i].file;
	memcpy(o->tag, ta->ents[i].tag, STO_TAG_LEN);
	return TEE_SUCCESS;
}

/* A new object record of ta with e's version's contents f (taken). */
static struct sto_pobj *pobj_new(struct sto_ta *ta, const struct sto_dirent *e,
				 struct sto_obj_file *f)
{
	struct sto_pobj *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->ta = ta;
	memcpy(o->id, e->id, e->id_len);
	o->id_len = e->id_len;
	o->file = e->file;
	memcpy(o->tag, e->tag, STO_TAG_LEN);
	o->f = *f;
	memset(f, 0, sizeof(*f));
	o->next = sto_pobjs;
	sto_pobjs = o;
	return o;
}

/* The handle's object, synced; ACCESS_DENIED without the access asked. */
TEE_Result sto_call_handle(struct sto_call *c, uint32_t need,
			   struct sto_handle **h, struct sto_dirent **e)
{
	*h = handle_find(c->inst, c->q.handle);
	if (!*h)
		return TEE_ERROR_BAD_PARAMETERS;
	if (((*h)->flags & need) != need)
		return TEE_ERROR_ACCESS_DENIED;
	return pobj_sync((*h)->o, e);
}

static void reply_object(struct sto_call *c, struct sto_handle *h)
{
	struct sto_pobj *o = h->o;

	c->out->out_handle = h->id;
	c->out->out_meta = o->f.meta;
	c->out->data_size = o->f.data_len;
	c->out->out_len = o->f.attr_len;
	memcpy(c->data, o->f.attrs, o->f.attr_len);
}

static TEE_Result op_open(struct sto_call *c, struct sto_ta *ta)
{
	struct sto_obj_file f;
	struct sto_dirent *e;
	struct sto_handle *h;
	struct sto_pobj *o;
	TEE_Result res;

	e = sto_ta_find(ta, c->q.id, c->q.id_len);
	if (!e)
		return TEE_ERROR_ITEM_NOT_FOUND;
	o = pobj_find(ta, c->q.id, c->q.id_len);
	if (o) {
		if (!pobj_shareable(o, c->q.flags))
			return TEE_ERROR_ACCESS_CONFLICT;
		res = pobj_sync(o, &e);
		if (res)
			return res;
	} else {
		res = sto_obj_read(ta, e, &f);
		if (res)
			return res;
		o = pobj_new(ta, e, &f);
		if (!o) {
			sto_obj_file_free(&f);
			return TEE_ERROR_OUT_OF_MEMORY;
		}
	}
	h = o->f.attr_len <= c->data_max ?
	    handle_new(c->inst, o, c->q.flags) : NULL;
	if (!h) {
		if (!o->refs) {
			o->refs = 1;
			pobj_put(o);
		}
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	reply_object(c, h);
	return TEE_SUCCESS;
}

static TEE_Result op_create(struct sto_call *c, struct sto_ta *ta)
{
	struct sto_obj_file f = { .meta = c->q.meta };
	struct sto_dirent *e, *ents;
	struct sto_handle *h;
	struct sto_pobj *o;
	uint64_t old = 0, old_len = 0;
	size_t i, n = ta->n;
	TEE_Result res;

	e = sto_ta_find(ta, c->q.id, c->q.id_len);
	if (e && (!(c->q.flags & TEE_DATA_FLAG_OVERWRITE) ||
		  pobj_find(ta, c->q.id, c->q.id_len)))
		return TEE_ERROR_ACCESS_CONFLICT;
	if (!e && n == STO_MAX_OBJECTS)
		return TEE_ERROR_STORAGE_NO_SPACE;
	if (c->q.attr_len > STO_ATTRS_MAX ||
	    c->q.len > c->data_max - c->q.attr_len)
		return TEE_ERROR_STORAGE_NO_SPACE;
	f.attr_len = c->q.attr_len;
	f.data_len = c->q.len;
	f.attrs = malloc(f.attr_len ? f.attr_len : 1);
	f.data = malloc(f.data_len ? f.data_len : 1);
	ents = sto_ta_copy(ta);
	if (!f.attrs || !f.data || !ents) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto out;
	}
	memcpy(f.attrs, c->data, f.attr_len);
	memcpy(f.data, c->data + f.attr_len, f.data_len);
	if (e) {
		i = (size_t)(e - ta->ents);
		old = e->file;
		old_len = e->file_len;
	} else {
		i = n++;
	}
	memset(&ents[i], 0, sizeof(ents[i]));
	memcpy(ents[i].id, c->q.id, c->q.id_len);
	ents[i].id_len = c->q.id_len;
	res = sto_obj_write(ta, &f, &ents[i], old_len);
	if (res)
		goto out;
	res = sto_ta_commit(ta, ents, n);
	if (res)
		goto out;	/* the new file is left to the sweep */
	ents = NULL;
	if (old)
		sto_fs_remove(ta->keys.dirname, old);
	o = pobj_new(ta, &ta->ents[i], &f);
	h = o ? handle_new(c->inst, o, c->q.flags) : NULL;
	if (!h) {
		/* Created: the TA will find it, it only gets no handle now. */
		if (o && !o->refs) {
			o->refs = 1;
			pobj_put(o);
		}
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto out;
	}
	c->out->out_handle = h->id;
	c->out->data_size = o->f.data_len;
out:
	free(ents);
	sto_obj_file_free(&f);
	return res;
}

/*
 * Deleting and renaming write only the record, and GP gives them no
 * STORAGE_NO_SPACE: a full disk is storage that is not available to them.
 */
static TEE_Result sto_meta_result(TEE_Result res)
{
	return res == TEE_ERROR_STORAGE_NO_SPACE ?
	       TEE_ERROR_STORAGE_NOT_AVAILABLE : res;
}

static TEE_Result op_close_delete(struct sto_call *c)
{
	struct sto_dirent *e, *ents;
	struct sto_handle *h;
	struct sto_ta *ta;
	uint64_t file;
	TEE_Result res;
	size_t i;

	res = sto_call_handle(c, TEE_DATA_FLAG_ACCESS_WRITE_META, &h, &e);
	if (res == TEE_ERROR_BAD_PARAMETERS || res == TEE_ERROR_ACCESS_DENIED)
		return res;
	if (res)
		goto out;
	ta = h->o->ta;
	file = e->file;
	i = (size_t)(e - ta->ents);
	ents = sto_ta_copy(ta);
	if (!ents) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto out;
	}
	memmove(&ents[i], &ents[i + 1], (ta->n - i - 1) * sizeof(*ents));
	res = sto_ta_commit(ta, ents, ta->n - 1);
	if (res) {
		free(ents);
		res = sto_meta_result(res);
		goto out;
	}
	sto_fs_remove(ta->keys.dirname, file);
out:
	handle_close(h);
	return res;
}

static TEE_Result op_rename(struct sto_call *c)
{
	struct sto_dirent *e, *other, *ents;
	struct sto_handle *h;
	struct sto_ta *ta;
	TEE_Result res;
	size_t i;

	res = sto_call_handle(c, TEE_DATA_FLAG_ACCESS_WRITE_META, &h, &e);
	if (res)
		return res;
	ta = h->o->ta;
	other = sto_ta_find(ta, c->q.id, c->q.id_len);
	if (other == e)
		return TEE_SUCCESS;
	if (other)
		return TEE_ERROR_ACCESS_CONFLICT;
	i = (size_t)(e - ta->ents);
	ents = sto_ta_copy(ta);
	if (!ents)
		return TEE_ERROR_OUT_OF_MEMORY;
	memset(ents[i].id, 0, sizeof(ents[i].id));
	memcpy(ents[i].id, c->q.id, c->q.id_len);
	ents[i].id_len = c->q.id_len;
	res = sto_ta_commit(ta, ents, ta->n);
	if (res) {
		free(ents);
		return sto_meta_result(res);
	}
	memset(h->o->id, 0, sizeof(h->o->id));
	memcpy(h->o->id, c->q.id, c->q.id_len);
	h->o->id_len = c->q.id_len;
	return TEE_SUCCESS;
}

static TEE_Result op_enum_next(struct sto_call *c, struct sto_ta *ta)
{
	const struct sto_dirent *e;

	if (c->q.index >= ta->n)
		return TEE_ERROR_ITEM_NOT_FOUND;
	e = &ta->ents[c->q.index];
	c->out->out_id_len = e->id_len;
	memcpy(c->out->out_id, e->id, e->id_len);
	c->out->out_meta = e->meta;
	c->out->data_size = e->data_size;
	return TEE_SUCCESS;
}

/* Checks what every operation's fields must be. */
static TEE_Result call_check(struct sto_call *c)
{
	struct tc_stor_req *q = &c->q;

	if (q->id_len > TC_STOR_ID_MAX)
		return TEE_ERROR_BAD_PARAMETERS;
	if ((q->op == TC_STOR_OPEN || q->op == TC_STOR_CREATE ||
	     q->op == TC_STOR_ENUM_NEXT) && q->storage != TEE_STORAGE_PRIVATE)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (q->op == TC_STOR_SEEK &&
	    (q->offset > (int64_t)TEE_DATA_MAX_POSITION ||
	     q->offset < -(int64_t)TEE_DATA_MAX_POSITION))
		return q->offset > 0 ? TEE_ERROR_OVERFLOW : TEE_SUCCESS;
	return TEE_SUCCESS;
}

static TEE_Result call_run(struct sto_call *c)
{
	struct sto_handle *h;
	struct sto_dirent *e;
	struct sto_ta *ta;
	TEE_Result res;

	res = call_check(c);
	if (res)
		return res;
	if (c->q.op == TC_STOR_SEEK &&
	    c->q.offset < -(int64_t)TEE_DATA_MAX_POSITION)
		c->q.offset = -(int64_t)TEE_DATA_MAX_POSITION;
	switch (c->q.op) {
	case TC_STOR_OPEN:
	case TC_STOR_CREATE:
	case TC_STOR_ENUM_NEXT:
		/* The record is read again: what changed on disk shows. */
		res = sto_ta_get(c->inst->uuid, c->q.op != TC_STOR_ENUM_NEXT ||
				 !c->q.index, &ta);
		if (res)
			return res;
		if (c->q.op == TC_STOR_OPEN)
			return op_open(c, ta);
		if (c->q.op == TC_STOR_CREATE)
			return op_create(c, ta);
		return op_enum_next(c, ta);
	case TC_STOR_CLOSE:
		h = handle_find(c->inst, c->q.handle);
		if (!h)
			return TEE_ERROR_BAD_PARAMETERS;
		handle_close(h);
		return TEE_SUCCESS;
	case TC_STOR_CLOSE_DELETE:
		return op_close_delete(c);
	case TC_STOR_RENAME:
		return op_rename(c);
	case TC_STOR_READ:
		return sto_op_read(c);
	case TC_STOR_WRITE:
		return sto_op_write(c, false);
	case TC_STOR_TRUNCATE:
		return sto_op_write(c, true);
	case TC_STOR_SEEK:
		return sto_op_seek(c);
	case TC_STOR_INFO:
		res = sto_call_handle(c, 0, &h, &e);
		if (!res) {
			c->out->data_size = h->o->f.data_len;
			c->out->data_pos = h->pos;
		}
		return res;
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

TEE_Result sto_call_serve(const struct instance *inst, struct tc_stor_req *xq,
			  uint8_t *data, size_t data_max)
{
	struct sto_call c = { .inst = inst, .out = xq, .data = data,
			      .data_max = data_max };
	TEE_Result res;

	memcpy(&c.q, xq, sizeof(c.q));
	pthread_mutex_lock(&sto_lock);
	res = call_run(&c);
	pthread_mutex_unlock(&sto_lock);
	return res;
}

void sto_inst_gone(struct instance *inst)
{
	struct sto_handle *h, *next;

	pthread_mutex_lock(&sto_lock);
	for (h = sto_handles; h; h = next) {
		next = h->next;
		if (h->inst == inst)
			handle_close(h);
	}
	pthread_mutex_unlock(&sto_lock);
}
