/*
 * storage_test: the TA behind the 6000 (trusted storage) series. Each
 * command is one GP storage call; object and enumerator handles travel as
 * a value parameter (a: low 32 bits, b: high). The same source builds as
 * storage_test2 (another UUID, for isolation) and storage_test_gp11 (the
 * v1.1 API).
 */
#ifndef STORAGE_TEST_TA_H
#define STORAGE_TEST_TA_H

#include <stdint.h>

#define TA_STORAGE_TEST_UUID \
	{ 0x5b9c1f2e, 0x7d44, 0x4a61, \
	  { 0x9e, 0x0b, 0x3c, 0x52, 0x88, 0x17, 0xd4, 0x01 } }
#define TA_STORAGE_TEST2_UUID \
	{ 0x5b9c1f2e, 0x7d44, 0x4a61, \
	  { 0x9e, 0x0b, 0x3c, 0x52, 0x88, 0x17, 0xd4, 0x02 } }
#define TA_STORAGE_TEST_GP11_UUID \
	{ 0x5b9c1f2e, 0x7d44, 0x4a61, \
	  { 0x9e, 0x0b, 0x3c, 0x52, 0x88, 0x17, 0xd4, 0x11 } }

/*
 * Parameters: H = value, a handle; V = value; I/O = memref in/out.
 *   OPEN:        V(storage, flags), I id, out H
 *   CREATE:      V(storage, flags), I id, I data (may be NULL),
 *                V inout (a: ST_ATTRS_*; out: handle)
 *   CLOSE, CLOSE_DELETE (returns its result), CLOSE_DELETE_V10: H
 *   RENAME:      H, I new id
 *   READ:        H, O buffer (its size is the read's; out: count)
 *   WRITE:       H, I data
 *   TRUNCATE:    H, V(size low, size high)
 *   SEEK:        H, V(offset low, offset high), V(whence)
 *   INFO:        H, O struct st_info
 *   GET_ATTR:    H, V(attribute ID), O buffer
 *   ENUM_ALLOC:  out H;  ENUM_FREE, ENUM_RESET: H
 *   ENUM_START:  H, V(storage)
 *   ENUM_NEXT:   H, O id (out: its length), O struct st_info
 *   ENUM_NEXT_NOINFO: H, O id (objectInfo NULL)
 *   CREATE_NOHANDLE: as CREATE without the handle (object NULL)
 */
#define ST_CMD_OPEN		1
#define ST_CMD_CREATE		2
#define ST_CMD_CLOSE		3
#define ST_CMD_CLOSE_DELETE	4
#define ST_CMD_RENAME		5
#define ST_CMD_READ		6
#define ST_CMD_WRITE		7
#define ST_CMD_TRUNCATE		8
#define ST_CMD_SEEK		9
#define ST_CMD_INFO		10
#define ST_CMD_GET_ATTR		11
#define ST_CMD_ENUM_ALLOC	12
#define ST_CMD_ENUM_FREE	13
#define ST_CMD_ENUM_RESET	14
#define ST_CMD_ENUM_START	15
#define ST_CMD_ENUM_NEXT	16
#define ST_CMD_CLOSE_DELETE_V10	17
#define ST_CMD_CREATE_NOHANDLE	18
#define ST_CMD_ENUM_NEXT_NOINFO	19

/* CREATE's attributes: none (a data object), or an AES-128 key. */
#define ST_ATTRS_NONE		0
#define ST_ATTRS_AES		1
/* The AES key's bytes are ST_AES_BYTE0 + i. */
#define ST_AES_BYTE0		0x40

/* TEE_ObjectInfo in fixed-width fields, as INFO and ENUM_NEXT give it. */
struct st_info {
	uint32_t type;
	uint32_t size;
	uint32_t max_size;
	uint32_t usage;
	uint32_t data_size;
	uint32_t data_pos;
	uint32_t flags;
};

#endif
