/*
 * The os_test TA's interface, shared by the TA and the xtest cases that drive
 * it. os_test is single-instance and multi-session; os_test_mi is the same
 * code built as a multi-instance TA, so tests can tell the two apart.
 */
#ifndef OS_TEST_TA_H
#define OS_TEST_TA_H

/* 4ec4e0c5-5340-4809-be39-f1cbc258fa50 */
#define TA_OS_TEST_UUID \
	{ 0x4ec4e0c5, 0x5340, 0x4809, \
	  { 0xbe, 0x39, 0xf1, 0xcb, 0xc2, 0x58, 0xfa, 0x50 } }

/* 4f7d474c-097f-4a53-af38-ba0609d56c53 */
#define TA_OS_TEST_MI_UUID \
	{ 0x4f7d474c, 0x097f, 0x4a53, \
	  { 0xaf, 0x38, 0xba, 0x06, 0x09, 0xd5, 0x6c, 0x53 } }

/*
 * Param types are checked by the TA: a mismatch is TEE_ERROR_BAD_PARAMETERS.
 *
 * OS_TEST_CMD_VALUES: [VALUE_INPUT (a, b), VALUE_OUTPUT, VALUE_INOUT, NONE]
 *   out.a = in.a + in.b, out.b = in.a ^ in.b;
 *   inout.a = inout.a + 1, inout.b = inout.b * 2 (mod 2^32).
 *
 * OS_TEST_CMD_MEMREFS: [MEMREF_INPUT, MEMREF_OUTPUT, MEMREF_INOUT, NONE]
 *   output gets the input's bytes in reverse order; if output.size is smaller
 *   than input.size the TA sets output.size = input.size and returns
 *   TEE_ERROR_SHORT_BUFFER (inout untouched). Otherwise output.size =
 *   input.size, and every byte of inout is incremented by one (mod 256).
 *
 * OS_TEST_CMD_PANIC: [NONE x4] the TA calls TEE_Panic(OS_TEST_PANIC_CODE).
 *
 * OS_TEST_CMD_SESSION_INFO: [VALUE_OUTPUT, NONE, NONE, NONE]
 *   a = sessions currently open on this TA instance,
 *   b = this instance's identifier: a number the instance picks at
 *   TA_CreateEntryPoint that differs between instances of one core run.
 *
 * OS_TEST_CMD_SPIN: [VALUE_INPUT, NONE, NONE, NONE]
 *   keeps the TA busy for a = millions of loop iterations (a few ms each
 *   million), so a test can act while a call is in progress.
 *
 * OS_TEST_CMD_SUM: [MEMREF_INPUT, VALUE_OUTPUT, NONE, NONE]
 *   a = sum of the input bytes (mod 2^32), b = input size. Used with large
 *   buffers to check every byte arrived.
 */
#define OS_TEST_CMD_VALUES		0
#define OS_TEST_CMD_MEMREFS		1
#define OS_TEST_CMD_PANIC		2
#define OS_TEST_CMD_SESSION_INFO	3
#define OS_TEST_CMD_SUM			4
#define OS_TEST_CMD_SPIN		5

#define OS_TEST_PANIC_CODE		0xdead0001u

#endif
