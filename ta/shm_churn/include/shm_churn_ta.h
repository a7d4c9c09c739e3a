/*
 * The shm_churn TA's interface, shared by the TA, the shm-churn driver, the
 * 5000 series and the SHM benchmark. shm_churn is multi-instance and
 * multi-session: every session has its own instance (host process).
 *
 * Data checks use one pattern: byte i of a memref filled with seed s is
 * shm_churn_byte(s, i), i counted from the memref's first byte, so a page
 * that arrives out of place or shifted is caught.
 */
#ifndef SHM_CHURN_TA_H
#define SHM_CHURN_TA_H

#include <stddef.h>
#include <stdint.h>

/* f04b48ea-a604-42e2-8e9b-8a5b8f2dd717 */
#define TA_SHM_CHURN_UUID \
	{ 0xf04b48ea, 0xa604, 0x42e2, \
	  { 0x8e, 0x9b, 0x8a, 0x5b, 0x8f, 0x2d, 0xd7, 0x17 } }

/*
 * Commands. Param types are checked: a mismatch is TEE_ERROR_BAD_PARAMETERS.
 * "MEMREF_OUT|INOUT" means either type is accepted.
 *
 * FILL:  [MEMREF_OUT|INOUT, VALUE_INPUT a=seed, NONE, NONE]
 *        fills the memref with the seed's pattern.
 * CHECK: [MEMREF_IN|INOUT, VALUE_INPUT a=seed, VALUE_OUTPUT, NONE]
 *        out.a = 0 if every byte has the pattern, else 1 with out.b the
 *        first offset that does not.
 * XFORM: [MEMREF_INOUT, VALUE_INPUT a=seed in, b=seed out, VALUE_OUTPUT,
 *        NONE] checks the pattern of seed in as CHECK does, then fills with
 *        the pattern of seed out (only if the check passed).
 * COPY:  [MEMREF_IN|INOUT, MEMREF_OUT|INOUT, NONE, NONE] copies the first
 *        memref into the second; a smaller second one gets its size set to
 *        the first's and TEE_ERROR_SHORT_BUFFER.
 * HOLD:  [MEMREF_IN|INOUT, VALUE_INPUT a=seed, b=rounds, VALUE_OUTPUT,
 *        NONE] keeps the call running for b rounds (about a millisecond
 *        each), checking the pattern of the seed after every round: the
 *        memory must stay mapped and unchanged while the call runs.
 *        out.a = rounds that found a bad byte.
 * POKE:  [MEMREF_IN, VALUE_INPUT a=offset, NONE, NONE] writes one byte of
 *        the input memref at a: the write must fault (an input buffer is
 *        read-only for the TA), so the call ends with the TA's death.
 * PROBE: [MEMREF_*, VALUE_OUTPUT, NONE, NONE] out.a = 1 if the memref's
 *        buffer is NULL, out.b = its size.
 * TOUCH: [MEMREF_IN|INOUT, VALUE_OUTPUT, NONE, NONE] reads one byte of
 *        every 4 KiB page of the memref; out.a = their sum (the benchmark's
 *        "touch once per page").
 * KEEP:  [MEMREF_IN|INOUT, NONE, NONE, NONE] remembers where the memref's
 *        first byte is (it must not be size 0).
 * PEEK:  [VALUE_OUTPUT, NONE, NONE, NONE] reads the byte KEEP remembered,
 *        a memref of an earlier call: the read must fault, so the call
 *        ends with the TA's death.
 */
#define SHM_CHURN_CMD_FILL	0
#define SHM_CHURN_CMD_CHECK	1
#define SHM_CHURN_CMD_XFORM	2
#define SHM_CHURN_CMD_COPY	3
#define SHM_CHURN_CMD_HOLD	4
#define SHM_CHURN_CMD_POKE	5
#define SHM_CHURN_CMD_PROBE	6
#define SHM_CHURN_CMD_TOUCH	7
#define SHM_CHURN_CMD_KEEP	8
#define SHM_CHURN_CMD_PEEK	9

static inline uint8_t shm_churn_byte(uint32_t seed, size_t i)
{
	uint32_t x = seed + (uint32_t)i * 0x9e3779b1u + (uint32_t)(i >> 12);

	x ^= x >> 15;
	x *= 0x85ebca6bu;
	x ^= x >> 13;
	return (uint8_t)x;
}

/* The offset of the first byte of buf[0..len) not of the pattern, or len. */
static inline size_t shm_churn_mismatch(const uint8_t *buf, size_t len,
					uint32_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i] != shm_churn_byte(seed, i))
			break;
	return i;
}

static inline void shm_churn_fill(uint8_t *buf, size_t len, uint32_t seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = shm_churn_byte(seed, i);
}

#endif
