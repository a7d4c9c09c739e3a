/*
 * Trusted storage between a TA host and the core (docs/STORAGE.md): the
 * request the host writes at offset 0 of its XRAM before a HOST_REQ
 * STORAGE, the answer the core writes back in the same place, and the data
 * that goes with either from TC_STOR_DATA_OFF on. The core copies the
 * request out before it checks it: the host may change the XRAM meanwhile.
 */
#ifndef TEECHECK_STORAGE_ABI_H
#define TEECHECK_STORAGE_ABI_H

#include <stdint.h>

#define TC_STOR_DATA_OFF	4096u
#define TC_STOR_ID_MAX		64	/* TEE_OBJECT_ID_MAX_LEN */

enum tc_stor_op {
	TC_STOR_OPEN = 1,	/* storage, id, flags -> handle, meta, attrs */
	TC_STOR_CREATE,		/* storage, id, flags, meta, attrs + data */
	TC_STOR_CLOSE,		/* handle */
	TC_STOR_CLOSE_DELETE,	/* handle */
	TC_STOR_RENAME,		/* handle, id */
	TC_STOR_READ,		/* handle, len -> data, len */
	TC_STOR_WRITE,		/* handle, data (len) */
	TC_STOR_TRUNCATE,	/* handle, len */
	TC_STOR_SEEK,		/* handle, offset, whence */
	TC_STOR_INFO,		/* handle -> data_size, data_pos */
	TC_STOR_ENUM_NEXT,	/* storage, index -> id, meta, data_size */
};

/* What an object's key records say of it (its TEE_ObjectInfo part). */
struct tc_stor_meta {
	uint32_t type;
	uint32_t size;
	uint32_t max_size;
	uint32_t usage;
};

struct tc_stor_req {
	uint32_t op;		/* enum tc_stor_op */
	uint32_t storage;
	uint32_t flags;		/* TEE_DATA_FLAG_* */
	uint32_t id_len;
	uint8_t id[TC_STOR_ID_MAX];
	uint64_t handle;	/* the core's handle of an open object */
	int64_t offset;		/* SEEK */
	uint32_t whence;	/* SEEK */
	uint32_t index;		/* ENUM_NEXT */
	uint64_t len;		/* READ (max), WRITE, TRUNCATE; CREATE: data */
	uint64_t attr_len;	/* CREATE: attribute records before the data */
	struct tc_stor_meta meta;	/* CREATE */
	/* The answer. */
	uint64_t out_handle;
	uint64_t out_len;	/* READ: bytes; OPEN: attribute records */
	uint64_t data_size;
	uint64_t data_pos;
	struct tc_stor_meta out_meta;
	uint32_t out_id_len;
	uint8_t out_id[TC_STOR_ID_MAX];
};

_Static_assert(sizeof(struct tc_stor_req) <= TC_STOR_DATA_OFF,
	       "the storage request outgrew its page");

#endif
