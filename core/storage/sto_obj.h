/*
 * What sto_obj.c (objects, handles, sharing, updates) and sto_stream.c
 * (their data streams) share: the open objects, their handles and the
 * request being served. sto_lock guards all of it.
 */
#ifndef STO_OBJ_H
#define STO_OBJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sto_priv.h"

#define STO_ATTRS_MAX	(64u << 10)

struct sto_pobj {
	struct sto_ta *ta;
	uint8_t id[TC_STOR_ID_MAX];
	uint32_t id_len;
	uint64_t file;			/* the version f holds */
	uint8_t tag[STO_TAG_LEN];
	struct sto_obj_file f;
	int refs;			/* handles */
	struct sto_pobj *next;
};

struct sto_handle {
	uint64_t id;
	const struct instance *inst;
	struct sto_pobj *o;
	uint32_t flags;			/* TEE_DATA_FLAG_* */
	uint64_t pos;
	struct sto_handle *next;
};


/* The request being served, with the XRAM it came in. */
struct sto_call {
	const struct instance *inst;
	struct tc_stor_req q;		/* a copy, checked */
	struct tc_stor_req *out;	/* in the XRAM */
	uint8_t *data;			/* the XRAM from TC_STOR_DATA_OFF */
	size_t data_max;
};

/* The handle's object, synced; ACCESS_DENIED without the access asked. */
TEE_Result sto_call_handle(struct sto_call *c, uint32_t need,
			   struct sto_handle **h, struct sto_dirent **e);
/*
 * Replaces o's contents (data of len bytes, attributes kept): a new file,
 * then the record. On failure o is as it was.
 */
TEE_Result sto_pobj_update(struct sto_pobj *o, struct sto_dirent *e,
			   uint8_t *data, size_t len);

/* sto_stream.c: READ, WRITE or TRUNCATE, SEEK on an open handle. */
TEE_Result sto_op_read(struct sto_call *c);
TEE_Result sto_op_write(struct sto_call *c, bool truncate);
TEE_Result sto_op_seek(struct sto_call *c);

#endif
