/* The test TA's UUID and commands, shared with its client. */
#ifndef OPTEE_TA_H
#define OPTEE_TA_H

#define OPTEE_TA_UUID \
	{ 0x1760cbb6, 0x52dd, 0x4453, \
	  { 0x81, 0xfc, 0x1e, 0xd0, 0x4f, 0xef, 0x83, 0x0e } }

/* value out: a = OPTEE_TA_MAGIC, b = 11 (built for v1.1) or 13 */
#define OPTEE_TA_CMD_INFO	0
/* memref inout: uint32_t values, sorted in place */
#define OPTEE_TA_CMD_SORT	1
/* value in: a (high), b (low); memref out: "0x<hex>:<decimal>" */
#define OPTEE_TA_CMD_FORMAT	2
/* memref in: a UUID string; value out: a = 1 when it is this TA's */
#define OPTEE_TA_CMD_IS_ME	3

#endif
