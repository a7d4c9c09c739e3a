/*
 * The tcf_test TA's interface, shared by the TA and the xtest cases that
 * drive it: the Trusted Core Framework (lifecycle, instance data, client
 * identity, cancellation, properties, memory, panics, time and TA-to-TA
 * calls). One source, built as several TAs that differ only in their header:
 * tcf_test (single instance, multi session), tcf_test_mi (multi instance),
 * tcf_keepalive (single instance, keep alive), tcf_single (single instance,
 * one session at a time), and two whose TA_CreateEntryPoint fails or panics.
 */
#ifndef TCF_TEST_TA_H
#define TCF_TEST_TA_H

/* 3b4ebcab-719a-42ec-9460-8c30f0b1c525 */
#define TA_TCF_TEST_UUID \
	{ 0x3b4ebcab, 0x719a, 0x42ec, \
	  { 0x94, 0x60, 0x8c, 0x30, 0xf0, 0xb1, 0xc5, 0x25 } }
/* dcae8566-6b40-47bb-86a9-fb0a1568a1f1 */
#define TA_TCF_TEST_MI_UUID \
	{ 0xdcae8566, 0x6b40, 0x47bb, \
	  { 0x86, 0xa9, 0xfb, 0x0a, 0x15, 0x68, 0xa1, 0xf1 } }
/* 21f1a404-6d12-4bc1-a739-1c5087bd38da */
#define TA_TCF_KEEPALIVE_UUID \
	{ 0x21f1a404, 0x6d12, 0x4bc1, \
	  { 0xa7, 0x39, 0x1c, 0x50, 0x87, 0xbd, 0x38, 0xda } }
/* 5e3d76d7-e0b0-48ca-b951-a329754d5e0e */
#define TA_TCF_SINGLE_UUID \
	{ 0x5e3d76d7, 0xe0b0, 0x48ca, \
	  { 0xb9, 0x51, 0xa3, 0x29, 0x75, 0x4d, 0x5e, 0x0e } }
/* a9c4571b-94c6-4a5b-8bfb-32708603bee0 */
#define TA_TCF_CREATE_FAIL_UUID \
	{ 0xa9c4571b, 0x94c6, 0x4a5b, \
	  { 0x8b, 0xfb, 0x32, 0x70, 0x86, 0x03, 0xbe, 0xe0 } }
/* da783ffb-6b3c-4a6d-8b19-4844a3ee7309 */
#define TA_TCF_CREATE_PANIC_UUID \
	{ 0xda783ffb, 0x6b3c, 0x4a6d, \
	  { 0x8b, 0x19, 0x48, 0x44, 0xa3, 0xee, 0x73, 0x09 } }

/* What TA_CreateEntryPoint does (TCF_CREATE_MODE at build time). */
#define TCF_CREATE_OK		0
#define TCF_CREATE_FAIL		1	/* returns TCF_CREATE_FAIL_CODE */
#define TCF_CREATE_PANIC	2	/* panics */
#define TCF_CREATE_FAIL_CODE	0xc0de0001u

/*
 * TA_OpenSessionEntryPoint: no parameters, or
 * [VALUE_INPUT (mode, arg), VALUE_OUTPUT, MEMREF_INOUT or NONE, NONE]:
 *   TCF_OPEN_OK:    out = (0x600d, arg + 1); every memref byte + 1
 *   TCF_OPEN_FAIL:  returns TCF_OPEN_FAIL_CODE
 *   TCF_OPEN_PANIC: panics
 *   TCF_OPEN_WAIT:  unmasks cancellation, sets the memref's first byte to
 *                   1 (the client sees the wait begin through shared
 *                   memory) and returns TEE_Wait(arg ms)
 */
#define TCF_OPEN_OK		0
#define TCF_OPEN_FAIL		1
#define TCF_OPEN_PANIC		2
#define TCF_OPEN_WAIT		3
#define TCF_OPEN_FAIL_CODE	0xc0de0002u

/*
 * Commands. Each checks its parameter types first (BAD_PARAMETERS).
 *
 * TCF_CMD_INFO: [VALUE_OUTPUT, VALUE_OUTPUT, NONE, NONE]
 *   p0 = (sessions open on the instance, instance ID picked at create),
 *   p1 = (invokes this instance has served before this one, this
 *   session's number of invokes before this one).
 *
 * TCF_CMD_INSTANCE_DATA_SET: [VALUE_INPUT, NONE, NONE, NONE]
 *   keeps a (heap) record of a in TEE_SetInstanceData.
 * TCF_CMD_INSTANCE_DATA_GET: [VALUE_OUTPUT, NONE, NONE, NONE]
 *   (a of the record, 1) if TEE_GetInstanceData gives one, else (0, 0).
 *
 * TCF_CMD_CLIENT_IDENTITY: [VALUE_OUTPUT, MEMREF_OUTPUT, MEMREF_OUTPUT, NONE]
 *   gpd.client.identity: p0.a = login, p1 = the UUID's 16 bytes in
 *   RFC 4122 order, p2 = the property read as a string.
 *
 * TCF_CMD_WAIT: [VALUE_INPUT (ms, unmask), VALUE_OUTPUT, NONE, NONE]
 *   unmasks cancellation if unmask is 1, then returns TEE_Wait(ms) with
 *   p1 = (elapsed ms by TEE_GetSystemTime, TEE_GetCancellationFlag() after).
 *
 * TCF_CMD_CANCEL_MASKS: [VALUE_OUTPUT, NONE, NONE, NONE]
 *   on a session that never unmasked: checks mask/unmask return the state
 *   before (masked first), and the flag is down; p0.a = failing step or 0.
 *
 * TCF_CMD_WATCH_FLAG: [VALUE_INPUT (ms, unmask), VALUE_OUTPUT, NONE, NONE]
 *   polls TEE_GetCancellationFlag for up to ms without TEE_Wait;
 *   p1 = (1 if it rose, elapsed ms).
 *
 * TCF_CMD_PROP_GET: [VALUE_INPUT (set, getter), MEMREF_INPUT name,
 *                    MEMREF_OUTPUT value, NONE]
 *   set: TCF_SET_*; getter: TCF_GET_*. Returns what the getter returns;
 *   the value goes to p2 (string and binary as they are, bool and U32 as a
 *   uint32_t, U64 as a uint64_t, UUID as 16 bytes in RFC order, identity as
 *   a uint32_t login and 16 UUID bytes), p2.size = the length written or,
 *   for SHORT_BUFFER, the length the getter asked for. An empty name
 *   memref passes NULL; a NULL p2 passes a NULL buffer.
 *
 * TCF_CMD_PROP_NAMES: [VALUE_INPUT set, MEMREF_OUTPUT, VALUE_OUTPUT, NONE]
 *   enumerates a set: p1 = the names, each NUL-terminated; p2.a = count.
 *   SHORT_BUFFER with the size needed if p1 is too small.
 *
 * TCF_CMD_PROP_ENUM_API: [VALUE_OUTPUT, NONE, NONE, NONE]
 *   checks enumerator states (not started, started, at the end, reset,
 *   restarted, freed); p0.a = failing step or 0.
 *
 * TCF_CMD_MALLOC, TCF_CMD_REALLOC, TCF_CMD_MEMOPS: [VALUE_OUTPUT, ...]
 *   TEE_Malloc hints, TEE_Realloc, TEE_MemMove/Compare/Fill checked in
 *   the TA; p0.a = failing step or 0.
 *
 * TCF_CMD_CHECK_ACCESS: [VALUE_INPUT (region, flags), VALUE_OUTPUT,
 *                        memref or NONE, NONE]
 *   p1.a = TEE_CheckMemoryAccessRights(flags, <region>) with region
 *   TCF_REGION_*; TCF_REGION_PARAM is p2's buffer.
 *
 * TCF_CMD_CRASH: [VALUE_INPUT kind, NONE, NONE, NONE]
 *   ends the instance the TCF_CRASH_* way; does not return.
 *
 * TCF_CMD_SYSTEM_TIME, TCF_CMD_REE_TIME: [VALUE_OUTPUT (seconds, millis)]
 * TCF_CMD_PTIME_GET: [VALUE_OUTPUT (seconds, millis), VALUE_OUTPUT, ...]
 *   p1.a = what TEE_GetTAPersistentTime returned.
 * TCF_CMD_PTIME_SET: [VALUE_INPUT (seconds, millis), VALUE_OUTPUT, ...]
 *   p1.a = what TEE_SetTAPersistentTime returned.
 *
 * TA-to-TA, towards tcf_peer (tcf_peer_ta.h) or any TA:
 * TCF_CMD_TA2TA_VALUES: [VALUE_INPUT (a, b), VALUE_OUTPUT, VALUE_OUTPUT,
 *                        NONE]
 *   opens tcf_peer, invokes TCF_PEER_CMD_VALUES with (a, b) and an inout
 *   (a, b), closes; p1 = the peer's output, p2 = its inout after.
 * TCF_CMD_TA2TA_REVERSE: [MEMREF_INPUT, MEMREF_OUTPUT, VALUE_INPUT,
 *                         VALUE_OUTPUT]
 *   copies p0 into a heap buffer and has tcf_peer reverse it into a heap
 *   buffer of p2.a bytes, then copies that to p1 (up to its size).
 *   p3 = (the peer's result, the size it reported).
 * TCF_CMD_TA2TA_CALL: [MEMREF_INPUT uuid, VALUE_INPUT (cmd, timeout),
 *                      VALUE_INOUT, VALUE_OUTPUT]
 *   opens the TA of the 16-byte RFC 4122 UUID p0 with the timeout, and if
 *   that worked invokes cmd with [VALUE_INOUT p2, NONE, NONE, NONE] unless
 *   cmd is TCF_NO_CMD, then closes; p3 = (result, origin) of the step that
 *   failed, or of the invoke. Always returns TEE_SUCCESS itself.
 * TCF_CMD_TA2TA_IDENTITY: [VALUE_OUTPUT, MEMREF_OUTPUT, NONE, NONE]
 *   what tcf_peer reports as its client identity (as CLIENT_IDENTITY).
 * TCF_CMD_TA2TA_RIGHTS: [VALUE_OUTPUT, NONE, NONE, NONE]
 *   passes tcf_peer a heap buffer as MEMREF_INPUT and one as MEMREF_INOUT
 *   for TCF_PEER_CMD_RIGHTS; p0.a = the peer's answer bits.
 * TCF_CMD_TA2TA_BAD_HANDLE: [NONE...]
 *   invokes with a handle that is no session: the TA panics.
 * TCF_CMD_TA2TA_KEEP: [VALUE_INPUT (op), VALUE_INOUT, NONE, NONE]
 *   op 0 opens tcf_peer and keeps the session in the session context,
 *   op 1 invokes TCF_PEER_CMD_COUNT on it (p1.a = the peer's count),
 *   op 2 closes it.
 */
#define TCF_CMD_INFO			0
#define TCF_CMD_INSTANCE_DATA_SET	1
#define TCF_CMD_INSTANCE_DATA_GET	2
#define TCF_CMD_CLIENT_IDENTITY		3
#define TCF_CMD_WAIT			4
#define TCF_CMD_CANCEL_MASKS		5
#define TCF_CMD_WATCH_FLAG		6
#define TCF_CMD_PROP_GET		7
#define TCF_CMD_PROP_NAMES		8
#define TCF_CMD_PROP_ENUM_API		9
#define TCF_CMD_MALLOC			10
#define TCF_CMD_REALLOC			11
#define TCF_CMD_MEMOPS			12
#define TCF_CMD_CHECK_ACCESS		13
#define TCF_CMD_CRASH			14
#define TCF_CMD_SYSTEM_TIME		15
#define TCF_CMD_REE_TIME		16
#define TCF_CMD_PTIME_GET		17
#define TCF_CMD_PTIME_SET		18
#define TCF_CMD_TA2TA_VALUES		19
#define TCF_CMD_TA2TA_REVERSE		20
#define TCF_CMD_TA2TA_CALL		21
#define TCF_CMD_TA2TA_IDENTITY		22
#define TCF_CMD_TA2TA_RIGHTS		23
#define TCF_CMD_TA2TA_BAD_HANDLE	24
#define TCF_CMD_TA2TA_KEEP		25
/*
 * TCF_CMD_REALLOC_DATA: [MEMREF_INPUT, MEMREF_OUTPUT, NONE, NONE]
 *   copies p0 into a 16-byte heap block grown with TEE_Realloc a page at a
 *   time (with an allocation after it each time, so that it moves) to the
 *   size of p0, then writes the block to p1: the client compares.
 */
#define TCF_CMD_REALLOC_DATA		26

#define TCF_NO_CMD			0xffffffffu

/* Property sets of TCF_CMD_PROP_GET and TCF_CMD_PROP_NAMES. */
#define TCF_SET_TA			0
#define TCF_SET_CLIENT			1
#define TCF_SET_TEE			2

/* Getters of TCF_CMD_PROP_GET. */
#define TCF_GET_STRING			0
#define TCF_GET_BOOL			1
#define TCF_GET_U32			2
#define TCF_GET_U64			3
#define TCF_GET_BINARY			4
#define TCF_GET_UUID			5
#define TCF_GET_IDENTITY		6

/* Regions of TCF_CMD_CHECK_ACCESS. */
#define TCF_REGION_PARAM		0	/* the client's memref p2 */
#define TCF_REGION_HEAP			1	/* a TEE_Malloc block */
#define TCF_REGION_STACK		2	/* a local array */
#define TCF_REGION_RODATA		3	/* a const array */
#define TCF_REGION_DATA			4	/* an initialised global */
#define TCF_REGION_BSS			5	/* a zeroed global */
#define TCF_REGION_CODE			6	/* a function */
#define TCF_REGION_NULL			7	/* address 0 */
#define TCF_REGION_UNOWNED		8	/* an address no part of the TA */
#define TCF_REGION_PAST_STACK		9	/* from the stack's top onwards */
#define TCF_REGION_INSTANCE_DATA	10	/* the instance data record */

/* Ways TCF_CMD_CRASH ends the instance. */
#define TCF_CRASH_PANIC			0	/* TEE_Panic(TCF_PANIC_CODE) */
#define TCF_CRASH_NULL_WRITE		1	/* store to address 0 */
#define TCF_CRASH_UNMAPPED_READ		2	/* load from no mapping */
#define TCF_CRASH_WRITE_RODATA		3	/* store to read-only data */
#define TCF_CRASH_WRITE_CODE		4	/* store to the TA's code */
#define TCF_CRASH_EXEC_DATA		5	/* jump into the heap */
#define TCF_CRASH_ILLEGAL		6	/* an undefined instruction */
#define TCF_CRASH_ABORT			7	/* the libc's abort() */
#define TCF_CRASH_STACK_OVERFLOW	8	/* unbounded recursion */
#define TCF_CRASH_BAD_FREE		9	/* TEE_Free of a non-heap pointer */

#define TCF_PANIC_CODE			0xdead0002u

/* The TA's own properties (TA_CURRENT_TA_EXT_PROPERTIES). */
#define TCF_PROP_VERSION		"1.2.3"
#define TCF_PROP_DESCRIPTION		"tcf_test: the Trusted Core Framework"
#define TCF_PROP_U32			0xcafe1234u
#define TCF_PROP_U64			0x0123456789abcdefull
#define TCF_PROP_STRING			"text of tcf.string"
/* "tcf.binary": these bytes, declared in base64. */
#define TCF_PROP_BINARY_B64		"AAECA/7/gA=="
#define TCF_PROP_BINARY			{ 0x00, 0x01, 0x02, 0x03, 0xfe, 0xff, \
					  0x80 }
/* "tcf.uuid" */
#define TCF_PROP_UUID \
	{ 0x01234567, 0x89ab, 0x4cde, \
	  { 0x8f, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd } }
/* "tcf.identity": TEE_LOGIN_USER and tcf.uuid */
#define TCF_PROP_IDENTITY_LOGIN		1u

#endif
