/*
 * What the pager's tests share: regions with known per-page patterns, stats
 * snapshots, and running a scenario in a child to watch it crash.
 */
#ifndef PAGER_TEST_UTIL_H
#define PAGER_TEST_UTIL_H

#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../../common/tc_maps.h"
#include "../pager.h"

struct pt_region {
	uint8_t *base;		/* where the region is mapped */
	size_t npages;
	size_t size;
	uint8_t *content;	/* backing or initial content, or NULL */
	uint8_t *hashes;	/* per-page SHA-256 of content, or NULL */
	uint32_t seed;		/* of the pattern in content */
};

/* The pattern: a distinct 64-bit value for every word of every page. */
uint64_t pt_word(uint32_t seed, size_t page, size_t word);
void pt_fill_pattern(uint8_t *buf, size_t npages, uint32_t seed);
/* Number of words of page that differ from the pattern (0 = intact). */
size_t pt_page_mismatches(const uint8_t *page, uint32_t seed, size_t pageno);
size_t pt_words_per_page(void);

/* Sets the pager up; every test calls it, teardown undoes it. */
void pt_init(size_t pool_pages);
int pt_teardown(void **state);

/* A test case that calls pt_init() itself and is torn down by pt_teardown(). */
#define PT_TEST(fn)	cmocka_unit_test_teardown(fn, pt_teardown)

/*
 * Registers a region of npages with its content filled with the pattern of
 * seed (RO and RW; RW gets hashes only if with_hashes). Fails the test if
 * registration fails. Freed by pt_teardown().
 */
void pt_region(struct pt_region *pr, enum pager_kind kind, int prot,
	       size_t npages, uint32_t seed, bool with_hashes,
	       const char *name);
/* Content and hashes for a region, without registering it. */
void pt_make_backing(struct pt_region *pr, size_t npages, uint32_t seed,
		     bool with_hashes);
/* Recomputes the hashes after the content was changed. */
void pt_rehash(struct pt_region *pr);
/* Registers a region over the content and hashes in pr. */
void pt_register(struct pt_region *pr, enum pager_kind kind, int prot,
		 const char *name);

struct pager_stats pt_stats(void);
uint32_t pt_rand(uint32_t *state);

/*
 * Runs fn in a child with stderr captured into out (NUL-terminated) and no
 * core dump; returns its wait status.
 */
int pt_run_child(void (*fn)(void), char *out, size_t out_len);


/* One word read or written as the code under test would: not optimised out. */
static inline uint64_t pt_read_word(const uint8_t *p)
{
	return *(const volatile uint64_t *)p;
}

static inline void pt_write_word(uint8_t *p, uint64_t v)
{
	*(volatile uint64_t *)p = v;
}

/*
 * A SIGSEGV handler for faults a test expects: records the address in
 * pt_segv_addr and jumps back to pt_segv_jmp.
 */
extern sigjmp_buf pt_segv_jmp;
extern volatile uintptr_t pt_segv_addr;
void pt_catch_segv(int sig, siginfo_t *info, void *uctx);

#endif
