/*
 * The pager, one thread: data survives any number of evictions, the clock
 * and its hidden pages behave as specified, stats count exactly, and bad
 * descriptions and arguments are refused (test_pager_signals.c: faults that
 * are not the pager's).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <openssl/evp.h>

#include "pager_test_util.h"

#define PSZ		pager_page_size()
#define PAGE(r, i)	((r)->base + (size_t)(i) * PSZ)

/* Pool of 4, six RO pages touched in order: six fills, two evictions. */
static void test_ro_six_pages_in_pool_of_four_counts_exactly(void **state)
{
	struct pt_region r;
	struct pager_stats st;
	size_t i;

	(void)state;
	pt_init(4);
	pt_region(&r, PAGER_KIND_RO, PROT_READ, 6, 1, true, "ro6");
	for (i = 0; i < 6; i++)
		assert_int_equal(pt_read_word(PAGE(&r, i)), pt_word(1, i, 0));
	st = pt_stats();
	assert_int_equal(st.pool_pages, 4);
	assert_int_equal(st.ro_faults, 6);
	assert_int_equal(st.evictions, 2);
	assert_int_equal(st.hidden_hits, 0);
	assert_int_equal(st.rw_faults, 0);
	assert_int_equal(st.free_pages, 0);
	assert_int_equal(st.integrity_failures, 0);
}

static void expect_counts(uint64_t ro_faults, uint64_t hidden_hits,
			  uint64_t evictions)
{
	struct pager_stats st = pt_stats();

	assert_int_equal(st.ro_faults, ro_faults);
	assert_int_equal(st.hidden_hits, hidden_hits);
	assert_int_equal(st.evictions, evictions);
}

/*
 * The clock hides every mapped page it passes and evicts the first one
 * still hidden; a hidden page touched again is a hidden hit, not a fill.
 */
static void test_clock_hides_before_it_evicts(void **state)
{
	struct pt_region r;
	size_t i;

	(void)state;
	pt_init(4);
	pt_region(&r, PAGER_KIND_RO, PROT_READ, 5, 2, true, "clock");
	for (i = 0; i < 5; i++)
		pt_read_word(PAGE(&r, i));
	/* Page 4 needed a pool page: all four hidden, page 0 evicted. */
	expect_counts(5, 0, 1);
	pt_read_word(PAGE(&r, 1));
	expect_counts(5, 1, 1);
	/* Page 1 is mapped again so the hand hides it and takes page 2. */
	pt_read_word(PAGE(&r, 0));
	expect_counts(6, 1, 2);
	pt_read_word(PAGE(&r, 1));
	pt_read_word(PAGE(&r, 3));
	expect_counts(6, 3, 2);
	/* Everything mapped now: a whole turn of hiding, then page 3 goes. */
	assert_int_equal(pt_read_word(PAGE(&r, 2)), pt_word(2, 2, 0));
	expect_counts(7, 3, 3);
	pt_read_word(PAGE(&r, 4));
	pt_read_word(PAGE(&r, 0));
	pt_read_word(PAGE(&r, 1));
	expect_counts(7, 6, 3);
}

static void test_hide_all_turns_next_touches_into_hidden_hits(void **state)
{
	struct pt_region r;
	struct pager_stats st;
	size_t i;

	(void)state;
	pt_init(8);
	pt_region(&r, PAGER_KIND_RO, PROT_READ, 4, 3, true, "hide");
	for (i = 0; i < 4; i++)
		pt_read_word(PAGE(&r, i));
	assert_int_equal(pager_hide_all(), TEE_SUCCESS);
	for (i = 0; i < 4; i++)
		assert_int_equal(pt_page_mismatches(PAGE(&r, i), 3, i), 0);
	st = pt_stats();
	assert_int_equal(st.ro_faults, 4);
	assert_int_equal(st.hidden_hits, 4);
	assert_int_equal(st.evictions, 0);
}

/* A RO working set 8x the pool, read sequentially then at random. */
static void test_ro_working_set_eight_times_the_pool(void **state)
{
	struct pt_region r;
	struct pager_stats st;
	uint32_t rng = 12345;
	size_t pass, i;

	(void)state;
	pt_init(8);
	pt_region(&r, PAGER_KIND_RO, PROT_READ, 64, 4, true, "ro64");
	for (pass = 0; pass < 4; pass++)
		for (i = 0; i < r.npages; i++)
			assert_int_equal(pt_page_mismatches(PAGE(&r, i), 4, i), 0);
	for (i = 0; i < 1000; i++) {
		size_t pg = pt_rand(&rng) % r.npages;

		assert_int_equal(pt_page_mismatches(PAGE(&r, pg), 4, pg), 0);
	}
	st = pt_stats();
	assert_true(st.evictions >= 4 * 64 - 8);
	assert_true(st.ro_faults >= 4 * 64);
	assert_int_equal(st.integrity_failures, 0);
}

/* A RW working set 6x the pool: initial content, rewrites, random writes. */
static void test_rw_working_set_survives_evictions(void **state)
{
	const size_t npages = 48;
	const size_t words = pt_words_per_page();
	struct pt_region r;
	struct pager_stats st;
	uint64_t *shadow;
	uint32_t rng = 777;
	size_t i, w;

	(void)state;
	pt_init(8);
	pt_region(&r, PAGER_KIND_RW, PROT_READ | PROT_WRITE, npages, 5, true,
		  "rw48");
	for (i = 0; i < npages; i++)
		assert_int_equal(pt_page_mismatches(PAGE(&r, i), 5, i), 0);
	/* Sequential rewrite with another pattern. */
	for (i = 0; i < npages; i++)
		for (w = 0; w < words; w++)
			pt_write_word(PAGE(&r, i) + w * 8, pt_word(6, i, w));
	for (i = 0; i < npages; i++)
		assert_int_equal(pt_page_mismatches(PAGE(&r, i), 6, i), 0);

	shadow = malloc(npages * PSZ);
	assert_non_null(shadow);
	for (i = 0; i < npages; i++)
		for (w = 0; w < words; w++)
			shadow[i * words + w] = pt_word(6, i, w);
	for (i = 0; i < 20000; i++) {
		size_t pg = pt_rand(&rng) % npages;
		size_t wd = pt_rand(&rng) % words;
		uint8_t *at = PAGE(&r, pg) + wd * 8;

		if (pt_rand(&rng) & 1) {
			uint64_t v = (uint64_t)pt_rand(&rng) << 32 | i;

			pt_write_word(at, v);
			shadow[pg * words + wd] = v;
		} else {
			assert_int_equal(pt_read_word(at), shadow[pg * words + wd]);
		}
	}
	for (i = 0; i < npages; i++)
		assert_memory_equal(PAGE(&r, i), &shadow[i * words], PSZ);
	free(shadow);
	st = pt_stats();
	assert_true(st.saves > 0);
	assert_true(st.evictions > npages);
	assert_int_equal(st.integrity_failures, 0);
	assert_int_equal(st.ro_faults, 0);
}

/* Zero pages read but never written are released, never stored. */
static void test_zero_pages_never_written_use_no_store(void **state)
{
	struct pt_region r;
	struct pager_stats st;
	size_t pass, i, w;

	(void)state;
	pt_init(4);
	pt_region(&r, PAGER_KIND_ZERO, PROT_READ | PROT_WRITE, 16, 0, false,
		  "bss");
	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < r.npages; i++)
			for (w = 0; w < pt_words_per_page(); w++)
				assert_int_equal(pt_read_word(PAGE(&r, i) + w * 8), 0);
	st = pt_stats();
	assert_int_equal(st.store_pages, 0);
	assert_int_equal(st.saves, 0);
	assert_true(st.evictions > 0);
	assert_int_equal(st.zero_released, st.evictions);
	assert_int_equal(st.rw_faults, 3 * 16);

	pt_write_word(PAGE(&r, 5) + 64, 0x5a5a5a5a00000005ull);
	assert_int_equal(pager_evict_all(), TEE_SUCCESS);
	st = pt_stats();
	assert_int_equal(st.store_pages, 1);
	assert_int_equal(st.saves, 1);
	assert_int_equal(pt_read_word(PAGE(&r, 5) + 64), 0x5a5a5a5a00000005ull);
	assert_int_equal(pt_read_word(PAGE(&r, 5)), 0);
	assert_int_equal(pt_read_word(PAGE(&r, 6) + 64), 0);
}

/* Clean pages need no save; the first write to a mapped page is tracked. */
static void test_only_written_pages_are_saved(void **state)
{
	struct pt_region r;
	struct pager_stats st;
	size_t i;

	(void)state;
	pt_init(4);
	pt_region(&r, PAGER_KIND_RW, PROT_READ | PROT_WRITE, 8, 7, false,
		  "data");
	for (i = 0; i < 8; i++)
		assert_int_equal(pt_page_mismatches(PAGE(&r, i), 7, i), 0);
	assert_int_equal(pager_evict_all(), TEE_SUCCESS);
	st = pt_stats();
	assert_int_equal(st.saves, 0);
	assert_int_equal(st.write_faults, 0);
	assert_int_equal(st.zero_released, 0);

	pt_read_word(PAGE(&r, 2));
	pt_write_word(PAGE(&r, 2) + 8, 42);
	st = pt_stats();
	assert_int_equal(st.write_faults, 1);
	assert_int_equal(pager_evict_all(), TEE_SUCCESS);
	st = pt_stats();
	assert_int_equal(st.saves, 1);
	assert_int_equal(st.store_pages, 1);

	/* Reloaded from the store, still clean: no second save. */
	assert_int_equal(pt_read_word(PAGE(&r, 2) + 8), 42);
	assert_int_equal(pt_read_word(PAGE(&r, 2)), pt_word(7, 2, 0));
	assert_int_equal(pager_evict_all(), TEE_SUCCESS);
	st = pt_stats();
	assert_int_equal(st.saves, 1);
	assert_int_equal(pt_read_word(PAGE(&r, 2) + 8), 42);
}

static void test_region_removal_releases_its_pages(void **state)
{
	struct sigaction sa, old;
	struct pt_region a, b;
	struct pager_stats st;
	size_t i;

	(void)state;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = pt_catch_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGSEGV, &sa, &old), 0);
	pt_init(8);
	pt_region(&a, PAGER_KIND_ZERO, PROT_READ | PROT_WRITE, 4, 0, false, "a");
	pt_region(&b, PAGER_KIND_RO, PROT_READ, 4, 8, true, "b");
	for (i = 0; i < 3; i++)
		pt_write_word(PAGE(&a, i), i + 1);
	pt_read_word(PAGE(&b, 0));
	pt_read_word(PAGE(&b, 1));
	assert_int_equal(pager_evict_all(), TEE_SUCCESS);
	for (i = 0; i < 3; i++)
		assert_int_equal(pt_read_word(PAGE(&a, i)), i + 1);
	pt_read_word(PAGE(&b, 0));
	pt_read_word(PAGE(&b, 1));
	st = pt_stats();
	assert_int_equal(st.free_pages, 3);
	assert_int_equal(st.store_pages, 3);
	assert_int_equal(st.regions, 2);

	assert_int_equal(pager_region_remove(a.base), TEE_SUCCESS);
	st = pt_stats();
	assert_int_equal(st.free_pages, 6);
	assert_int_equal(st.store_pages, 0);
	assert_int_equal(st.regions, 1);
	assert_int_equal(pager_region_remove(a.base), TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(pt_page_mismatches(PAGE(&b, 1), 8, 1), 0);
	assert_int_equal(pager_region_remove(PAGE(&b, 1)),
			 TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(pager_region_remove(b.base), TEE_SUCCESS);
	st = pt_stats();
	assert_int_equal(st.free_pages, 8);
	assert_int_equal(st.regions, 0);

	/* The range is no longer paged: a touch is a plain fault again. */
	pt_segv_addr = 0;
	if (!sigsetjmp(pt_segv_jmp, 1)) {
		pt_read_word(a.base);
		fail_msg("a removed region is still readable");
	}
	assert_int_equal(pt_segv_addr, (uintptr_t)a.base);
	pager_fini();
	sigaction(SIGSEGV, &old, NULL);
}

/* Locked pages are resident, writable without a fault, never evicted. */
static void test_locked_pages_stay_resident(void **state)
{
	struct pt_region stack, code;
	struct pager_stats before, st;
	size_t i, pass;

	(void)state;
	pt_init(6);
	pt_region(&stack, PAGER_KIND_ZERO, PROT_READ | PROT_WRITE, 3, 0, false,
		  "stack");
	pt_region(&code, PAGER_KIND_RO, PROT_READ, 20, 9, true, "ro");
	assert_int_equal(pager_lock(stack.base, 2 * PSZ), TEE_SUCCESS);
	st = pt_stats();
	assert_int_equal(st.locked_pages, 2);
	assert_int_equal(st.unlocked_pages, 4);

	before = pt_stats();
	pt_write_word(PAGE(&stack, 0), 100);
	pt_write_word(PAGE(&stack, 1) + PSZ - 8, 101);
	st = pt_stats();
	assert_int_equal(st.rw_faults, before.rw_faults);
	assert_int_equal(st.write_faults, before.write_faults);
	assert_int_equal(st.hidden_hits, before.hidden_hits);

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < code.npages; i++)
			pt_read_word(PAGE(&code, i));
	assert_int_equal(pager_evict_all(), TEE_SUCCESS);
	before = pt_stats();
	assert_true(before.evictions >= 2 * 20 - 4);
	assert_int_equal(pt_read_word(PAGE(&stack, 0)), 100);
	assert_int_equal(pt_read_word(PAGE(&stack, 1) + PSZ - 8), 101);
	st = pt_stats();
	assert_int_equal(st.rw_faults, before.rw_faults);
	assert_int_equal(st.hidden_hits, before.hidden_hits);

	/* Six pool pages, four must stay unlocked. */
	assert_int_equal(pager_lock(PAGE(&stack, 2), 8),
			 TEE_ERROR_OUT_OF_MEMORY);
	assert_int_equal(pt_stats().locked_pages, 2);
	assert_int_equal(pager_unlock(PAGE(&stack, 2), 8), TEE_ERROR_BAD_STATE);
	assert_int_equal(pager_lock(stack.base, 4 * PSZ),
			 TEE_ERROR_BAD_PARAMETERS);

	assert_int_equal(pager_unlock(stack.base, 2 * PSZ), TEE_SUCCESS);
	assert_int_equal(pt_stats().locked_pages, 0);
	before = pt_stats();
	assert_int_equal(pager_evict_all(), TEE_SUCCESS);
	st = pt_stats();
	assert_int_equal(st.saves, before.saves + 2);
	assert_int_equal(st.free_pages, 6);
	assert_int_equal(pt_read_word(PAGE(&stack, 0)), 100);
}

static TEE_Result add_region(enum pager_kind kind, int prot, void *addr,
			     size_t size, const void *content,
			     const uint8_t *hashes)
{
	struct pager_region_desc d = {
		.name = "bad", .kind = kind, .prot = prot, .addr = addr,
		.size = size, .content = content, .hashes = hashes,
	};
	void *base = NULL;

	return pager_region_add(&d, &base);
}

static void test_region_add_rejects_bad_descriptions(void **state)
{
	const int rw = PROT_READ | PROT_WRITE;
	struct pt_region b, zero;
	uint8_t *c, *h;

	(void)state;
	pt_init(4);
	pt_make_backing(&b, 2, 11, true);
	c = b.content;
	h = b.hashes;
	assert_int_equal(add_region(PAGER_KIND_RO, PROT_READ, NULL, 0, c, h),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(add_region(PAGER_KIND_RO, PROT_READ, NULL, 100, c, h),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(add_region(PAGER_KIND_RO, PROT_READ, NULL, PSZ, c,
				    NULL), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(add_region(PAGER_KIND_RO, rw, NULL, PSZ, c, h),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(add_region(PAGER_KIND_RW, rw | PROT_EXEC, NULL, PSZ,
				    c, NULL), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(add_region(PAGER_KIND_RW, rw, NULL, PSZ, NULL, NULL),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(add_region(PAGER_KIND_ZERO, rw, NULL, PSZ, c, NULL),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(add_region((enum pager_kind)7, rw, NULL, PSZ, NULL,
				    NULL), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(add_region(PAGER_KIND_ZERO, rw, c + 8, PSZ, NULL,
				    NULL), TEE_ERROR_BAD_PARAMETERS);

	pt_region(&zero, PAGER_KIND_ZERO, rw, 4, 0, false, "zero");
	/* Overlapping an existing region. */
	assert_int_equal(add_region(PAGER_KIND_ZERO, rw, zero.base + PSZ,
				    PSZ, NULL, NULL), TEE_ERROR_ACCESS_CONFLICT);
	/* Content that is itself paged. */
	assert_int_equal(add_region(PAGER_KIND_RW, rw, NULL, PSZ, zero.base,
				    NULL), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(pt_stats().regions, 1);
	assert_int_equal(pager_region_add(NULL, NULL), TEE_ERROR_BAD_PARAMETERS);
}

static void test_init_rejects_bad_arguments(void **state)
{
	(void)state;
	assert_int_equal(pager_init(PAGER_MIN_UNLOCKED - 1, 0),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(pager_init(8, 0x80), TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(pager_region_remove(NULL), TEE_ERROR_BAD_STATE);
	pt_init(8);
	assert_int_equal(pager_init(8, 0), TEE_ERROR_BAD_STATE);
	assert_int_equal(pt_stats().pool_pages, 8);
	assert_int_equal(pt_stats().free_pages, 8);
}

static void test_hash_pages_is_sha256_per_page(void **state)
{
	struct pt_region b;
	uint8_t got[3 * PAGER_HASH_SIZE];

	(void)state;
	pt_make_backing(&b, 3, 12, true);
	assert_int_equal(pager_hash_pages(b.content, 3 * PSZ, got), TEE_SUCCESS);
	assert_memory_equal(got, b.hashes, sizeof(got));
	assert_int_equal(pager_hash_pages(b.content, PSZ + 1, got),
			 TEE_ERROR_BAD_PARAMETERS);
}

/* A range the caller gives is taken over, and left with no access. */
static void test_caller_range_is_taken_over(void **state)
{
	struct pager_region_desc d = {
		.name = "given", .kind = PAGER_KIND_ZERO,
		.prot = PROT_READ | PROT_WRITE,
	};
	char perms[5];
	uint8_t *range;
	void *base = NULL;

	(void)state;
	pt_init(4);
	range = mmap(NULL, 4 * PSZ, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(range != MAP_FAILED);
	memset(range, 0xee, 4 * PSZ);
	d.addr = range + PSZ;
	d.size = 2 * PSZ;
	assert_int_equal(pager_region_add(&d, &base), TEE_SUCCESS);
	assert_ptr_equal(base, range + PSZ);
	assert_int_equal(pt_read_word(range + PSZ), 0);
	assert_int_equal(pt_read_word(range), 0xeeeeeeeeeeeeeeeeull);
	assert_int_equal(pt_read_word(range + 3 * PSZ), 0xeeeeeeeeeeeeeeeeull);
	assert_int_equal(pager_region_remove(base), TEE_SUCCESS);
	assert_true(tc_maps_perms(range + PSZ, perms));
	assert_string_equal(perms, "---p");
	munmap(range, 4 * PSZ);
}

/* Shared (pool) mappings in [lo, hi), from /proc/self/maps. */
static size_t pool_mappings_in(uintptr_t lo, uintptr_t hi)
{
	char line[512];
	size_t n = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		unsigned long a, b;
		char perms[5];

		if (sscanf(line, "%lx-%lx %4s", &a, &b, perms) == 3 &&
		    a < hi && b > lo && perms[3] == 's')
			n++;
	}
	fclose(f);
	return n;
}

/*
 * Only a resident page that is not hidden maps anything: an evicted page's
 * address maps no pool page (not even with no access), nor does a hidden
 * one's, so the mappings a region costs the kernel never outgrow the pool.
 * Data stays right through it all.
 */
static void test_only_shown_pages_map_pool_pages(void **state)
{
	const size_t pool = 8, npages = 2048;
	struct pt_region r;
	uintptr_t lo, hi;
	size_t i;

	(void)state;
	pt_init(pool);
	pt_region(&r, PAGER_KIND_RO, PROT_READ, npages, 13, true, "huge");
	lo = (uintptr_t)r.base;
	hi = lo + npages * PSZ;
	/* Odd pages only: no two of these mappings can merge. */
	for (i = 1; i < npages; i += 2)
		assert_int_equal(pt_read_word(PAGE(&r, i)), pt_word(13, i, 0));
	assert_true(pool_mappings_in(lo, hi) >= 1);
	assert_true(pool_mappings_in(lo, hi) <= pool);
	assert_int_equal(pager_hide_all(), TEE_SUCCESS);
	assert_int_equal(pool_mappings_in(lo, hi), 0);
	for (i = 1; i < npages; i += 2 * 61)
		assert_int_equal(pt_page_mismatches(PAGE(&r, i), 13, i), 0);
	assert_true(pool_mappings_in(lo, hi) <= pool);
	assert_int_equal(pager_region_remove(r.base), TEE_SUCCESS);
	assert_int_equal(pool_mappings_in(lo, hi), 0);
}

/*
 * What a fault costs in system calls: a sequential pass over a region 8x
 * the pool maps each page with one mmap() and hides the pool with one call
 * per run of consecutive pages, never an mprotect(); a hidden hit is one
 * mmap() again.
 */
static void test_fault_costs_one_map_and_a_share_of_a_hide(void **state)
{
	const size_t pool = 16, npages = 8 * 16;
	struct pager_stats before, after;
	struct pt_region r;
	uint64_t faults;
	size_t i;

	(void)state;
	pt_init(pool);
	pt_region(&r, PAGER_KIND_RO, PROT_READ, npages, 14, true, "seq");
	for (i = 0; i < npages; i++)
		pt_read_word(PAGE(&r, i));
	before = pt_stats();
	for (i = 0; i < npages; i++)
		assert_int_equal(pt_read_word(PAGE(&r, i)), pt_word(14, i, 0));
	after = pt_stats();
	faults = after.ro_faults - before.ro_faults;
	assert_int_equal(faults, npages);
	assert_int_equal(after.map_calls - before.map_calls, faults);
	assert_int_equal(after.protect_calls - before.protect_calls, 0);
	/* One hide per pool turn of 16 pages, where one a page was possible. */
	assert_true(after.unmap_calls - before.unmap_calls <= faults / 8);
	assert_true(after.unmap_calls - before.unmap_calls >= 1);

	before = pt_stats();
	assert_int_equal(pager_hide_all(), TEE_SUCCESS);
	for (i = npages - 4; i < npages; i++)
		assert_int_equal(pt_read_word(PAGE(&r, i)), pt_word(14, i, 0));
	after = pt_stats();
	assert_int_equal(after.hidden_hits - before.hidden_hits, 4);
	assert_int_equal(after.map_calls - before.map_calls, 4);
	assert_int_equal(after.ro_faults - before.ro_faults, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PT_TEST(test_ro_six_pages_in_pool_of_four_counts_exactly),
		PT_TEST(test_clock_hides_before_it_evicts),
		PT_TEST(test_hide_all_turns_next_touches_into_hidden_hits),
		PT_TEST(test_ro_working_set_eight_times_the_pool),
		PT_TEST(test_rw_working_set_survives_evictions),
		PT_TEST(test_zero_pages_never_written_use_no_store),
		PT_TEST(test_only_written_pages_are_saved),
		PT_TEST(test_region_removal_releases_its_pages),
		PT_TEST(test_locked_pages_stay_resident),
		PT_TEST(test_region_add_rejects_bad_descriptions),
		PT_TEST(test_init_rejects_bad_arguments),
		PT_TEST(test_hash_pages_is_sha256_per_page),
		PT_TEST(test_caller_range_is_taken_over),
		PT_TEST(test_only_shown_pages_map_pool_pages),
		PT_TEST(test_fault_costs_one_map_and_a_share_of_a_hide),
	};

	return cmocka_run_group_tests_name("pager paging", tests, NULL, NULL);
}
