/*
 * Trusted storage's syscalls (ta_abi.h, UTEE_SYS_STOR_FIRST on). A
 * persistent object is an object of core/crypto whose records come from
 * storage, so the generic object functions serve it; the core keeps its
 * data stream and decides every access. Requests go to the core through
 * the XRAM (storage_abi.h). What GP answers with a panic panics here.
 */
#include <stdlib.h>
#include <string.h>

#include <tee_api_defines.h>
#include <teecheck/storage_abi.h>
#include <teecheck/ta_abi.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../crypto/cryp.h"
#include "host_parts.h"
#include "ta_host.h"

#define STOR_MAX_OPEN	256	/* persistent objects open at once */
#define STOR_MAX_ENUMS	64

#define STOR_FLAGS_ALL	(TEE_DATA_FLAG_ACCESS_READ | \
			 TEE_DATA_FLAG_ACCESS_WRITE | \
			 TEE_DATA_FLAG_ACCESS_WRITE_META | \
			 TEE_DATA_FLAG_SHARE_READ | TEE_DATA_FLAG_SHARE_WRITE | \
			 TEE_DATA_FLAG_OVERWRITE)
#define STOR_HANDLE_FLAGS (STOR_FLAGS_ALL & ~TEE_DATA_FLAG_OVERWRITE)

/* A persistent object the TA has open: its object, the core's handle. */
struct stor_open {
	uint64_t obj;
	uint64_t core;
};

struct stor_enum {
	bool used;
	bool started;
	uint32_t index;
};

static struct stor_open stor_open[STOR_MAX_OPEN];
static struct stor_enum stor_enums[STOR_MAX_ENUMS];

static void stor_panic(TEE_Result code, const char *why)
{
	tc_log("ta", "storage: %s", why);
	host_panic(code);
}

static void stor_need(uintptr_t p, size_t len, bool write)
{
	if (len && !host_mem_usable(p, len, write))
		stor_panic(TEE_ERROR_BAD_PARAMETERS,
			   "buffer outside the TA's memory");
}

static struct stor_open *stor_find(uint64_t obj)
{
	size_t i;

	for (i = 0; i < STOR_MAX_OPEN; i++)
		if (obj && stor_open[i].obj == obj)
			return &stor_open[i];
	return NULL;
}

/* The open persistent object h names, or a panic. */
static struct stor_open *stor_get(uint64_t h)
{
	struct stor_open *o = stor_find(h);

	if (!o)
		stor_panic(TEE_ERROR_BAD_PARAMETERS,
			   "not a persistent object handle");
	return o;
}

/* The request page of the XRAM, cleared, and the room for data after it. */
static struct tc_stor_req *stor_req(uint32_t op, uint8_t **data,
				    size_t *data_max)
{
	uint64_t size = 0;
	uint8_t *x = host_xram(&size);
	struct tc_stor_req *q;

	if (!x || size <= TC_STOR_DATA_OFF)
		stor_panic(TEE_ERROR_GENERIC, "no XRAM to talk to the core");
	q = (struct tc_stor_req *)x;
	memset(q, 0, sizeof(*q));
	q->op = op;
	*data = x + TC_STOR_DATA_OFF;
	*data_max = size - TC_STOR_DATA_OFF;
	return q;
}

static TEE_Result stor_call(void)
{
	struct tc_msg m, r;

	tc_msg_init(&m, TC_CMD_HOST_REQ, 0);
	m.func = TC_HREQ_STORAGE;
	if (host_core_request(&m, &r))
		return TEE_ERROR_COMMUNICATION;
	return r.ret;
}

/* The core refuses accesses the handle lacks: GP makes them panics. */
static TEE_Result stor_checked(TEE_Result res)
{
	if (res == TEE_ERROR_ACCESS_DENIED)
		stor_panic(res, "the handle lacks the access right");
	if (res == TEE_ERROR_BAD_PARAMETERS)
		stor_panic(res, "the core refused the handle");
	return res;
}

static void stor_id(struct tc_stor_req *q, uintptr_t id, uintptr_t id_len)
{
	if (id_len > TEE_OBJECT_ID_MAX_LEN)
		stor_panic(TEE_ERROR_BAD_PARAMETERS, "object ID too long");
	stor_need(id, id_len, false);
	if (id_len)
		memcpy(q->id, (const void *)id, id_len);
	q->id_len = (uint32_t)id_len;
}

static void stor_flags(uint32_t flags)
{
	if (flags & ~STOR_FLAGS_ALL)
		stor_panic(TEE_ERROR_BAD_PARAMETERS, "unknown data flags");
}

/* The object the TA gets for what the core opened or created. */
static TEE_Result stor_adopt(const struct tc_stor_req *q, uint32_t flags,
			     const uint8_t *attrs, size_t attr_len,
			     uint64_t *out)
{
	struct utee_object_info info = {
		.type = q->out_meta.type, .size = q->out_meta.size,
		.max_size = q->out_meta.max_size, .usage = q->out_meta.usage,
		.handle_flags = TEE_HANDLE_FLAG_PERSISTENT |
				TEE_HANDLE_FLAG_INITIALIZED |
				(flags & STOR_HANDLE_FLAGS),
	};
	uint64_t core = q->out_handle;
	struct stor_open *slot = NULL;
	size_t i;
	TEE_Result res;

	for (i = 0; i < STOR_MAX_OPEN && !slot; i++)
		if (!stor_open[i].obj)
			slot = &stor_open[i];
	res = slot ? cryp_obj_import(&info, attrs, attr_len, out) :
		     TEE_ERROR_OUT_OF_MEMORY;
	if (res) {
		struct tc_stor_req *c;
		uint8_t *d;
		size_t dm;

		c = stor_req(TC_STOR_CLOSE, &d, &dm);
		c->handle = core;
		stor_call();
		return res == TEE_ERROR_CORRUPT_OBJECT ? res :
		       TEE_ERROR_OUT_OF_MEMORY;
	}
	slot->obj = *out;
	slot->core = core;
	return TEE_SUCCESS;
}

static TEE_Result sys_stor_open(uintptr_t storage, uintptr_t id,
				uintptr_t id_len, uintptr_t flags,
				uintptr_t out)
{
	struct tc_stor_req *q;
	uint64_t h = 0;
	TEE_Result res;
	size_t dmax;
	uint8_t *d;

	stor_need(out, sizeof(uint64_t), true);
	stor_flags((uint32_t)flags);
	q = stor_req(TC_STOR_OPEN, &d, &dmax);
	stor_id(q, id, id_len);
	q->storage = (uint32_t)storage;
	q->flags = (uint32_t)flags;
	res = stor_call();
	if (!res)
		res = q->out_len > dmax ? TEE_ERROR_COMMUNICATION :
		      stor_adopt(q, (uint32_t)flags, d, q->out_len, &h);
	*(uint64_t *)out = res ? 0 : h;
	return res;
}

static TEE_Result sys_stor_create(uintptr_t argp, uintptr_t out)
{
	const struct utee_stor_create *a =
		(const struct utee_stor_create *)argp;
	struct utee_object_info ai;
	struct tc_stor_req *q;
	uint8_t *blob = NULL, *d;
	size_t blob_len = 0, dmax;
	uint64_t h = 0;
	TEE_Result res;

	stor_need(argp, sizeof(*a), false);
	stor_need(out, sizeof(uint64_t), true);
	stor_flags(a->flags);
	stor_need(a->data, a->data_len, false);
	q = stor_req(TC_STOR_CREATE, &d, &dmax);
	stor_id(q, a->id, a->id_len);
	q->storage = a->storage;
	q->flags = a->flags;
	if (a->attributes) {
		cryp_obj_info(a->attributes, &ai);	/* panics if bad */
		if (!(ai.handle_flags & TEE_HANDLE_FLAG_INITIALIZED))
			stor_panic(TEE_ERROR_BAD_PARAMETERS,
				   "attributes of an empty object");
		res = cryp_obj_export(a->attributes, &blob, &blob_len);
		if (res)
			return res;
		q->meta.type = ai.type;
		q->meta.size = ai.size;
		q->meta.max_size = ai.size;
		q->meta.usage = ai.usage;
	} else {
		q->meta.type = TEE_TYPE_DATA;
		q->meta.usage = TEE_USAGE_DEFAULT;
	}
	if (blob_len > dmax || a->data_len > dmax - blob_len) {
		free(blob);
		return TEE_ERROR_STORAGE_NO_SPACE;
	}
	if (blob_len)
		memcpy(d, blob, blob_len);
	if (a->data_len)
		memcpy(d + blob_len, (const void *)(uintptr_t)a->data,
		       a->data_len);
	q->attr_len = blob_len;
	q->len = a->data_len;
	res = stor_call();
	if (!res) {
		q->out_meta = q->meta;
		res = stor_adopt(q, a->flags, blob, blob_len, &h);
	}
	free(blob);
	*(uint64_t *)out = res ? 0 : h;
	return res;
}

/* Closes the core's side of a persistent object (the object goes after). */
void host_stor_closing(uint64_t obj)
{
	struct stor_open *o = stor_find(obj);
	struct tc_stor_req *q;
	size_t dmax;
	uint8_t *d;

	if (!o)
		return;
	q = stor_req(TC_STOR_CLOSE, &d, &dmax);
	q->handle = o->core;
	stor_call();
	memset(o, 0, sizeof(*o));
}

void host_stor_info(uint64_t obj, struct utee_object_info *info)
{
	struct stor_open *o = stor_find(obj);
	struct tc_stor_req *q;
	size_t dmax;
	uint8_t *d;

	if (!o)
		return;
	q = stor_req(TC_STOR_INFO, &d, &dmax);
	q->handle = o->core;
	if (stor_call())
		return;		/* what is known of the object still holds */
	info->data_size = q->data_size;
	info->data_position = q->data_pos;
}

static TEE_Result sys_stor_close_delete(uintptr_t obj)
{
	struct stor_open *o = stor_get(obj);
	struct tc_stor_req *q;
	TEE_Result res;
	size_t dmax;
	uint8_t *d;

	q = stor_req(TC_STOR_CLOSE_DELETE, &d, &dmax);
	q->handle = o->core;
	res = stor_checked(stor_call());
	memset(o, 0, sizeof(*o));
	cryp_obj_free(obj);
	return res;
}

static TEE_Result sys_stor_rename(uintptr_t obj, uintptr_t id,
				  uintptr_t id_len)
{
	struct stor_open *o = stor_get(obj);
	struct tc_stor_req *q;
	size_t dmax;
	uint8_t *d;

	q = stor_req(TC_STOR_RENAME, &d, &dmax);
	stor_id(q, id, id_len);
	q->handle = o->core;
	return stor_checked(stor_call());
}

static TEE_Result sys_stor_read(uintptr_t obj, uintptr_t buf, uintptr_t size,
				uintptr_t countp)
{
	struct stor_open *o = stor_get(obj);
	struct tc_stor_req *q;
	uint64_t done = 0;
	TEE_Result res = TEE_SUCCESS;
	size_t dmax;
	uint8_t *d;

	stor_need(countp, sizeof(uint64_t), true);
	stor_need(buf, size, true);
	while (done < size) {
		q = stor_req(TC_STOR_READ, &d, &dmax);
		q->handle = o->core;
		q->len = size - done < dmax ? size - done : dmax;
		res = stor_checked(stor_call());
		if (res || q->out_len > q->len)
			break;
		memcpy((uint8_t *)buf + done, d, q->out_len);
		done += q->out_len;
		if (q->out_len < q->len)
			break;
	}
	if (size == 0) {	/* still an access, checked by the core */
		q = stor_req(TC_STOR_READ, &d, &dmax);
		q->handle = o->core;
		res = stor_checked(stor_call());
	}
	*(uint64_t *)countp = res ? 0 : done;
	return res;
}

static TEE_Result sys_stor_write(uint32_t op, uintptr_t obj, uintptr_t buf,
				 uintptr_t size)
{
	struct stor_open *o = stor_get(obj);
	struct tc_stor_req *q;
	size_t dmax;
	uint8_t *d;

	q = stor_req(op, &d, &dmax);
	q->handle = o->core;
	q->len = size;
	if (op == TC_STOR_WRITE) {
		stor_need(buf, size, false);
		if (size > dmax)
			return TEE_ERROR_STORAGE_NO_SPACE;
		if (size)
			memcpy(d, (const void *)buf, size);
	}
	return stor_checked(stor_call());
}

static TEE_Result sys_stor_seek(uintptr_t obj, uintptr_t offset,
				uintptr_t whence)
{
	struct stor_open *o = stor_get(obj);
	struct tc_stor_req *q;
	size_t dmax;
	uint8_t *d;

	if (whence > TEE_DATA_SEEK_END)
		stor_panic(TEE_ERROR_BAD_PARAMETERS, "no such whence");
	q = stor_req(TC_STOR_SEEK, &d, &dmax);
	q->handle = o->core;
	q->offset = (int64_t)offset;
	q->whence = (uint32_t)whence;
	return stor_checked(stor_call());
}

static struct stor_enum *stor_enum_get(uint64_t h)
{
	if (!h || h > STOR_MAX_ENUMS || !stor_enums[h - 1].used)
		stor_panic(TEE_ERROR_BAD_PARAMETERS, "not an enumerator");
	return &stor_enums[h - 1];
}

static TEE_Result sys_stor_enum_next(uintptr_t h, uintptr_t infop,
				     uintptr_t id, uintptr_t id_lenp)
{
	struct stor_enum *e = stor_enum_get(h);
	struct utee_object_info *info = (struct utee_object_info *)infop;
	struct tc_stor_req *q;
	TEE_Result res;
	size_t dmax;
	uint8_t *d;

	stor_need(infop, sizeof(*info), true);
	stor_need(id_lenp, sizeof(uint64_t), true);
	stor_need(id, *(uint64_t *)id_lenp, true);
	if (!e->started)
		return TEE_ERROR_ITEM_NOT_FOUND;
	q = stor_req(TC_STOR_ENUM_NEXT, &d, &dmax);
	q->storage = TEE_STORAGE_PRIVATE;
	q->index = e->index;
	res = stor_call();
	if (res)
		return res;
	if (q->out_id_len > TC_STOR_ID_MAX)
		return TEE_ERROR_COMMUNICATION;
	if (q->out_id_len > *(uint64_t *)id_lenp)
		return TEE_ERROR_SHORT_BUFFER;
	e->index++;
	memset(info, 0, sizeof(*info));
	info->type = q->out_meta.type;
	info->size = q->out_meta.size;
	info->max_size = q->out_meta.max_size;
	info->usage = q->out_meta.usage;
	info->handle_flags = TEE_HANDLE_FLAG_PERSISTENT |
			     TEE_HANDLE_FLAG_INITIALIZED;
	info->data_size = q->data_size;
	memcpy((void *)id, q->out_id, q->out_id_len);
	*(uint64_t *)id_lenp = q->out_id_len;
	return TEE_SUCCESS;
}

TEE_Result host_storage_syscall(uint32_t nr, uintptr_t a0, uintptr_t a1,
				uintptr_t a2, uintptr_t a3, uintptr_t a4)
{
	size_t i;

	switch (nr) {
	case UTEE_SYS_STOR_OPEN:
		return sys_stor_open(a0, a1, a2, a3, a4);
	case UTEE_SYS_STOR_CREATE:
		return sys_stor_create(a0, a1);
	case UTEE_SYS_STOR_CLOSE_DELETE:
		return sys_stor_close_delete(a0);
	case UTEE_SYS_STOR_RENAME:
		return sys_stor_rename(a0, a1, a2);
	case UTEE_SYS_STOR_READ:
		return sys_stor_read(a0, a1, a2, a3);
	case UTEE_SYS_STOR_WRITE:
		return sys_stor_write(TC_STOR_WRITE, a0, a1, a2);
	case UTEE_SYS_STOR_TRUNCATE:
		return sys_stor_write(TC_STOR_TRUNCATE, a0, 0, a1);
	case UTEE_SYS_STOR_SEEK:
		return sys_stor_seek(a0, a1, a2);
	case UTEE_SYS_STOR_ENUM_ALLOC:
		stor_need(a0, sizeof(uint64_t), true);
		for (i = 0; i < STOR_MAX_ENUMS; i++) {
			if (!stor_enums[i].used) {
				memset(&stor_enums[i], 0, sizeof(stor_enums[i]));
				stor_enums[i].used = true;
				*(uint64_t *)a0 = i + 1;
				return TEE_SUCCESS;
			}
		}
		*(uint64_t *)a0 = 0;
		return TEE_ERROR_OUT_OF_MEMORY;
	case UTEE_SYS_STOR_ENUM_FREE:
		stor_enum_get(a0)->used = false;
		return TEE_SUCCESS;
	case UTEE_SYS_STOR_ENUM_RESET:
		stor_enum_get(a0)->started = false;
		return TEE_SUCCESS;
	case UTEE_SYS_STOR_ENUM_START:
		stor_enum_get(a0);
		if (a1 != TEE_STORAGE_PRIVATE)
			return TEE_ERROR_ITEM_NOT_FOUND;
		stor_enums[a0 - 1].started = true;
		stor_enums[a0 - 1].index = 0;
		return TEE_SUCCESS;
	case UTEE_SYS_STOR_ENUM_NEXT:
		return sys_stor_enum_next(a0, a1, a2, a3);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
