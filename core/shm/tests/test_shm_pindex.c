/*
 * The physical page -> window address index: pages mapped once, twice and
 * not at all, and random mappings of scattered page lists against a plain
 * list of (page, address) pairs.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "../shm_pindex.h"
#include "shm_test_rand.h"

#define PG	4096u

static void test_lookup_twice_mapped(void **state)
{
	static const uint64_t a[] = { 7, 3, 9 }, b[] = { 3, 4 };
	struct shm_pindex_entry ea[3], eb[2];
	struct shm_pindex idx;
	uintptr_t va;

	(void)state;
	shm_pindex_init(&idx);
	shm_pindex_add(&idx, ea, a, 3, 0x20000, PG);
	shm_pindex_add(&idx, eb, b, 2, 0x10000, PG);
	assert_int_equal(shm_pindex_size(&idx), 5);
	assert_int_equal(shm_pindex_lookup(&idx, 9, &va), 0);
	assert_int_equal(va, 0x20000 + 2 * PG);
	/* Page 3 is in both: the lower address wins. */
	assert_int_equal(shm_pindex_lookup(&idx, 3, &va), 0);
	assert_int_equal(va, 0x10000);
	assert_int_equal(shm_pindex_count(&idx, 3), 2);
	assert_int_equal(shm_pindex_count(&idx, 4), 1);
	assert_int_equal(shm_pindex_count(&idx, 5), 0);
	assert_int_equal(shm_pindex_lookup(&idx, 5, &va), -ENOENT);
	shm_pindex_del(&idx, eb, 2);
	assert_int_equal(shm_pindex_lookup(&idx, 3, &va), 0);
	assert_int_equal(va, 0x20000 + PG);
	assert_int_equal(shm_pindex_lookup(&idx, 4, &va), -ENOENT);
	shm_pindex_del(&idx, ea, 3);
	assert_int_equal(shm_pindex_size(&idx), 0);
	assert_int_equal(shm_pindex_check(&idx), 0);
}

struct mapping {
	uint64_t phys[16];
	struct shm_pindex_entry e[16];
	size_t n;
	uintptr_t va;
};

/* The lowest address phys is mapped at in maps, or 0. */
static uintptr_t ref_lookup(const struct mapping *maps, size_t nmaps,
			    uint64_t phys, size_t *count)
{
	uintptr_t best = 0;
	size_t i, k;

	*count = 0;
	for (i = 0; i < nmaps; i++) {
		for (k = 0; k < maps[i].n; k++) {
			if (maps[i].phys[k] != phys)
				continue;
			(*count)++;
			if (!best || maps[i].va + k * PG < best)
				best = maps[i].va + k * PG;
		}
	}
	return best;
}

static void test_random_against_list(void **state)
{
	enum { SLOTS = 64, STEPS = 5000, FRAMES = 300 };
	struct mapping *maps = calloc(SLOTS, sizeof(*maps));
	struct shm_pindex idx;
	struct shm_rand rnd;
	size_t i, k, count, total = 0;
	uintptr_t va, want;
	uint64_t phys;
	int step;

	(void)state;
	assert_non_null(maps);
	shm_rand_init(&rnd, "test_random_against_list");
	shm_pindex_init(&idx);
	for (step = 0; step < STEPS; step++) {
		i = shm_rand_below(&rnd, SLOTS);
		if (maps[i].n) {
			shm_pindex_del(&idx, maps[i].e, maps[i].n);
			total -= maps[i].n;
			maps[i].n = 0;
		} else {
			maps[i].n = 1 + shm_rand_below(&rnd, 16);
			/* Each slot has its own 16-page stretch of window. */
			maps[i].va = 0x100000 + i * 16 * PG;
			for (k = 0; k < maps[i].n; k++)
				maps[i].phys[k] = shm_rand_below(&rnd, FRAMES);
			shm_pindex_add(&idx, maps[i].e, maps[i].phys,
				       maps[i].n, maps[i].va, PG);
			total += maps[i].n;
		}
		assert_int_equal(shm_pindex_size(&idx), total);
		for (k = 0; k < 4; k++) {
			phys = shm_rand_below(&rnd, FRAMES);
			want = ref_lookup(maps, SLOTS, phys, &count);
			assert_int_equal(shm_pindex_count(&idx, phys), count);
			if (!want) {
				assert_int_equal(shm_pindex_lookup(&idx, phys,
								   &va), -ENOENT);
			} else {
				assert_int_equal(shm_pindex_lookup(&idx, phys,
								   &va), 0);
				assert_int_equal(va, want);
			}
		}
		if (step % 100 == 0)
			assert_int_equal(shm_pindex_check(&idx), 0);
	}
	free(maps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup_twice_mapped),
		cmocka_unit_test(test_random_against_list),
	};

	return cmocka_run_group_tests_name("shm_pindex", tests, NULL, NULL);
}
