/*
 * The pager-stress TA's interface, shared by the TA and the driver. The TA
 * holds a working set of pages in its bss; every page carries a version
 * the driver keeps track of, and its content follows from it, so any page
 * can be checked after any number of evictions.
 */
#ifndef PAGER_STRESS_TA_H
#define PAGER_STRESS_TA_H

#include <stdint.h>

/* 3e8a5c21-7d4f-4b9a-a6e2-1c0f9b7d5e43: single instance, multi-session */
#define TA_PAGER_STRESS_UUID \
	{ 0x3e8a5c21, 0x7d4f, 0x4b9a, \
	  { 0xa6, 0xe2, 0x1c, 0x0f, 0x9b, 0x7d, 0x5e, 0x43 } }
/* 3e8a5c21-7d4f-4b9a-a6e2-1c0f9b7d5e44: the same, one instance a session */
#define TA_PAGER_STRESS_MI_UUID \
	{ 0x3e8a5c21, 0x7d4f, 0x4b9a, \
	  { 0xa6, 0xe2, 0x1c, 0x0f, 0x9b, 0x7d, 0x5e, 0x44 } }

#define PS_PAGE_SIZE		4096u
#define PS_WORDS		(PS_PAGE_SIZE / 4)
/*
 * The working sets of all sessions of an instance: 64 MiB of bss. A TA
 * built for a TEE with less secure memory (OP-TEE on QEMU has 15 MiB) sets
 * CFG_PS_MAX_PAGES when it is built; the TA refuses larger working sets.
 */
#ifdef CFG_PS_MAX_PAGES
#define PS_MAX_PAGES		CFG_PS_MAX_PAGES
#else
#define PS_MAX_PAGES		16384u
#endif
#define PS_MAX_BATCH		4096u

/*
 * PS_CMD_INIT: [VALUE_INPUT (first page, pages), VALUE_INPUT (seed, 0)]
 *   this session's working set: pages [first, first + pages) of the
 *   instance's area, all at version 0 (zeros) until written.
 * PS_CMD_RUN: [MEMREF_INPUT struct ps_access[], VALUE_OUTPUT (accesses
 *   done, mismatches), VALUE_OUTPUT (first bad access, its word), NONE]
 *   for each access: checks that the page holds version `version`, and if
 *   it writes, rewrites it as version + 1.
 */
#define PS_CMD_INIT		0
#define PS_CMD_RUN		1

#define PS_ACCESS_WRITE		(1u << 31)

struct ps_access {
	uint32_t page;		/* in the session's working set; | WRITE */
	uint32_t version;	/* what the page holds now */
};

/* Word w of page p of a working set at version v (0: zeros). */
static inline uint32_t ps_word(uint32_t seed, uint32_t p, uint32_t v,
			       uint32_t w)
{
	uint32_t x;

	if (!v)
		return 0;
	x = seed ^ p * 0x85ebca6bu ^ v * 0xc2b2ae35u ^ w * 0x27d4eb2fu;
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	return x | 1;
}

#endif
