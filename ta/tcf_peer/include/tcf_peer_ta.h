/*
 * The tcf_peer TA's interface: the callee of the TA-to-TA cases
 * (tcf_test_ta.h drives it from tcf_test; xtest may call it directly too).
 * Single instance, multi session.
 */
#ifndef TCF_PEER_TA_H
#define TCF_PEER_TA_H

/* 114f1a78-22e6-4c54-846c-05b7f7ac7a36 */
#define TA_TCF_PEER_UUID \
	{ 0x114f1a78, 0x22e6, 0x4c54, \
	  { 0x84, 0x6c, 0x05, 0xb7, 0xf7, 0xac, 0x7a, 0x36 } }

/*
 * TCF_PEER_CMD_VALUES: [VALUE_INPUT (a, b), VALUE_OUTPUT, VALUE_INOUT, NONE]
 *   out = (a + b, a * b); inout = (inout.a + 1, inout.b + 1).
 * TCF_PEER_CMD_REVERSE: [MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE]
 *   output = input reversed; SHORT_BUFFER with the size needed if the
 *   output is smaller than the input.
 * TCF_PEER_CMD_RIGHTS: [MEMREF_INPUT, MEMREF_INOUT, VALUE_OUTPUT, NONE]
 *   TEE_CheckMemoryAccessRights on the memrefs: p2.a has bit
 *   TCF_PEER_RIGHT_* set for each check that returned TEE_SUCCESS.
 * TCF_PEER_CMD_WRITE_INPUT: [MEMREF_INPUT, NONE, NONE, NONE]
 *   stores into its input buffer, which must fault.
 * TCF_PEER_CMD_IDENTITY: [VALUE_OUTPUT, MEMREF_OUTPUT, NONE, NONE]
 *   gpd.client.identity: login and the UUID's 16 RFC 4122 bytes.
 * TCF_PEER_CMD_WAIT: [VALUE_INPUT ms, NONE, NONE, NONE]
 *   unmasks cancellation and returns TEE_Wait(ms).
 * TCF_PEER_CMD_PANIC: [NONE...] TEE_Panic(TCF_PEER_PANIC_CODE).
 * TCF_PEER_CMD_CALL: [MEMREF_INPUT uuid, VALUE_OUTPUT, NONE, NONE]
 *   opens (then closes) a session on the TA of the 16-byte UUID;
 *   p1 = (result, origin).
 * TCF_PEER_CMD_COUNT: [VALUE_INOUT, NONE, NONE, NONE]
 *   a = invokes of this session so far (this one included).
 * TCF_PEER_CMD_FILL: [VALUE_INPUT (n, byte), MEMREF_OUTPUT or MEMREF_INOUT,
 *                     NONE, NONE]
 *   fills the first n bytes of p1 with byte and sets p1.size = n; if p1
 *   is smaller, sets p1.size = n and returns SHORT_BUFFER.
 * TCF_PEER_CMD_CALL_BACK: [VALUE_INOUT, NONE, NONE, NONE]
 *   opens (then closes) a session on the TA that called it (its client's
 *   identity is a TA's); p0 = (result, origin).
 */
#define TCF_PEER_CMD_VALUES		0
#define TCF_PEER_CMD_REVERSE		1
#define TCF_PEER_CMD_RIGHTS		2
#define TCF_PEER_CMD_WRITE_INPUT	3
#define TCF_PEER_CMD_IDENTITY		4
#define TCF_PEER_CMD_WAIT		5
#define TCF_PEER_CMD_PANIC		6
#define TCF_PEER_CMD_CALL		7
#define TCF_PEER_CMD_COUNT		8
#define TCF_PEER_CMD_FILL		9
#define TCF_PEER_CMD_CALL_BACK		10

#define TCF_PEER_RIGHT_IN_READ		(1u << 0)	/* READ|ANY_OWNER */
#define TCF_PEER_RIGHT_IN_WRITE		(1u << 1)	/* WRITE|ANY_OWNER */
#define TCF_PEER_RIGHT_IN_PRIVATE	(1u << 2)	/* READ, no ANY_OWNER */
#define TCF_PEER_RIGHT_INOUT_WRITE	(1u << 3)	/* WRITE|ANY_OWNER */

#define TCF_PEER_PANIC_CODE		0xdead0003u

#endif
