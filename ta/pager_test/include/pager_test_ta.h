/*
 * The pager_test TA's interface, shared by the TA and the 8000 series. A
 * multi-instance TA (every session is an instance of its own) with a data
 * area in its bss, 64 one-page functions and 64 pages of read-only tables,
 * so that its code and read-only data are many times a small pool. The
 * contents are given by the functions below, so the tests can check every
 * page the TA returns.
 */
#ifndef PAGER_TEST_TA_H
#define PAGER_TEST_TA_H

#include <stdint.h>

/* 5b1f6c2e-93a4-4d7e-b0c1-8f2e6a4d9c35 */
#define TA_PAGER_TEST_UUID \
	{ 0x5b1f6c2e, 0x93a4, 0x4d7e, \
	  { 0xb0, 0xc1, 0x8f, 0x2e, 0x6a, 0x4d, 0x9c, 0x35 } }

#define PT_PAGE_SIZE		4096u
#define PT_DATA_PAGES		256u	/* the data area, in bss */
#define PT_CODE_PAGES		64u	/* functions, one page each */
#define PT_TABLE_PAGES		64u	/* read-only tables, one page each */
#define PT_TA_STACK_SIZE	(8 * 1024)	/* its TA_STACK_SIZE */

/*
 * Every command takes [VALUE_INPUT, VALUE_OUTPUT, NONE, NONE]; a wrong
 * type or out-of-range argument is TEE_ERROR_BAD_PARAMETERS.
 *
 * PT_CMD_FILL     in (seed, n): writes page p < n of the data area with
 *                 pt_word(seed, p, w); out (0, 0).
 * PT_CMD_CHECK    in (seed, n): out (pages of [0, n) that differ from
 *                 pt_word(seed, ...), the first of them or n).
 * PT_CMD_ZERO     in (first, n): reads n data pages from first;
 *                 out (pages that are not all zeros, 0).
 * PT_CMD_CODE     in (seed, rounds): calls pseudo-random functions, each
 *                 with a byte of its table page; out = the 64-bit sum,
 *                 pt_code_sum(seed, rounds), low word in a.
 * PT_CMD_HOTCOLD  in (hot, rounds): each round reads data pages
 *                 [0, hot) and then the next page of [hot, DATA_PAGES);
 *                 out (rounds done, 0).
 * PT_CMD_ADDR     in (PT_AREA_*, index): out = the address of that page
 *                 in the TA, low word in a.
 * PT_CMD_TOUCH    in (PT_AREA_*, index): reads or runs that page;
 *                 out (what it read or returned, 0).
 */
#define PT_CMD_FILL		0
#define PT_CMD_CHECK		1
#define PT_CMD_ZERO		2
#define PT_CMD_CODE		3
#define PT_CMD_HOTCOLD		4
#define PT_CMD_ADDR		5
#define PT_CMD_TOUCH		6

#define PT_AREA_DATA		0
#define PT_AREA_CODE		1
#define PT_AREA_TABLE		2

/* Word w (0..1023) of data page p after PT_CMD_FILL with seed. */
static inline uint32_t pt_word(uint32_t seed, uint32_t p, uint32_t w)
{
	uint32_t x = seed * 0x9e3779b1u ^ (p << 10 | w);

	x ^= x >> 15;
	x *= 0x2c1b3c6du;
	x ^= x >> 12;
	return x ? x : 1;	/* never 0: a zero page is not a filled one */
}

/* What function i (0..PT_CODE_PAGES-1) returns for x. */
static inline uint32_t pt_fn(uint32_t i, uint32_t x)
{
	return x * (2 * i + 1) + i * 0x9e3779b9u;
}

/* Every byte of table page i. */
static inline uint8_t pt_table_byte(uint32_t i)
{
	return (uint8_t)(i * 37 + 11);
}

/* The pseudo-random sequence PT_CMD_CODE walks. */
static inline uint32_t pt_next(uint32_t *state)
{
	*state = *state * 1664525u + 1013904223u;
	return *state >> 8;
}

static inline uint64_t pt_code_sum(uint32_t seed, uint32_t rounds)
{
	uint32_t state = seed, r;
	uint64_t sum = 0;

	for (r = 0; r < rounds; r++) {
		uint32_t i = pt_next(&state) % PT_CODE_PAGES;

		sum += pt_fn(i, r + pt_table_byte(i));
	}
	return sum;
}

#endif
