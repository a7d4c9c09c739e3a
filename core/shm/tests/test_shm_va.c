/*
 * The SHM window's VA allocator: lowest-address first fit, guard pages,
 * coalescing, exhaustion, lookups and per-owner use, and random runs in
 * which every address it returns must equal a page map's lowest fit.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../shm_va.h"
#include "shm_test_rand.h"

#define PG		SHM_PAGE_SIZE
#define BASE		((uintptr_t)0x40000000)

static void test_init_rejects(void **state)
{
	struct shm_va va;

	(void)state;
	assert_int_equal(shm_va_init(&va, BASE + 1, 16 * PG, 0), -EINVAL);
	assert_int_equal(shm_va_init(&va, BASE, 16 * PG + 1, 0), -EINVAL);
	assert_int_equal(shm_va_init(&va, BASE, 0, 0), -EINVAL);
	assert_int_equal(shm_va_init(&va, BASE, 16 * PG, 16 * PG), -EINVAL);
	assert_int_equal(shm_va_init(&va, BASE, 16 * PG, 100), -EINVAL);
}

static void test_first_fit_and_guard(void **state)
{
	struct shm_va va;
	struct shm_va_usage u;
	uintptr_t a, b, c;

	(void)state;
	assert_int_equal(shm_va_init(&va, BASE, 64 * PG, PG), 0);
	assert_int_equal(shm_va_alloc(&va, 1, 1, &a), 0);
	assert_int_equal(a, BASE);
	/* One page for the byte, one guard page. */
	assert_int_equal(shm_va_alloc(&va, 3 * PG, 1, &b), 0);
	assert_int_equal(b, BASE + 2 * PG);
	assert_int_equal(shm_va_alloc(&va, PG + 1, 2, &c), 0);
	assert_int_equal(c, BASE + 6 * PG);
	shm_va_usage(&va, &u);
	assert_int_equal(u.used, 9 * PG);
	assert_int_equal(u.free, 55 * PG);
	assert_int_equal(u.largest_free, 55 * PG);
	assert_int_equal(u.areas, 3);
	/* The hole b leaves is the lowest fit for what fits in it. */
	assert_int_equal(shm_va_free(&va, b), 0);
	assert_int_equal(shm_va_alloc(&va, 2 * PG, 3, &b), 0);
	assert_int_equal(b, BASE + 2 * PG);
	assert_int_equal(shm_va_alloc(&va, 2 * PG, 3, &b), 0);
	assert_int_equal(b, BASE + 9 * PG);
	assert_int_equal(shm_va_check(&va), 0);
	shm_va_fini(&va);
}

static void test_coalesce_in_any_order(void **state)
{
	static const int orders[][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
		{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	struct shm_va_usage u;
	struct shm_va va;
	uintptr_t a[3];
	size_t o;
	int i;

	(void)state;
	for (o = 0; o < 6; o++) {
		assert_int_equal(shm_va_init(&va, BASE, 32 * PG, 0), 0);
		for (i = 0; i < 3; i++)
			assert_int_equal(shm_va_alloc(&va, (size_t)(i + 1) * PG,
						      1, &a[i]), 0);
		for (i = 0; i < 3; i++) {
			assert_int_equal(shm_va_free(&va, a[orders[o][i]]), 0);
			assert_int_equal(shm_va_check(&va), 0);
		}
		shm_va_usage(&va, &u);
		assert_int_equal(u.used, 0);
		assert_int_equal(u.largest_free, 32 * PG);
		assert_int_equal(va.free.count, 1);
		shm_va_fini(&va);
	}
}

static void test_exhaustion(void **state)
{
	struct shm_va va;
	uintptr_t a[8], x;
	int i;

	(void)state;
	assert_int_equal(shm_va_init(&va, BASE, 16 * PG, PG), 0);
	for (i = 0; i < 8; i++)
		assert_int_equal(shm_va_alloc(&va, PG, 1, &a[i]), 0);
	assert_int_equal(shm_va_alloc(&va, 1, 1, &x), -ENOSPC);
	assert_int_equal(shm_va_alloc(&va, 0, 1, &x), -EINVAL);
	assert_int_equal(shm_va_alloc(&va, SIZE_MAX, 1, &x), -ENOSPC);
	assert_int_equal(shm_va_free(&va, a[5]), 0);
	assert_int_equal(shm_va_alloc(&va, PG + 1, 1, &x), -ENOSPC);
	assert_int_equal(shm_va_alloc(&va, PG, 1, &x), 0);
	assert_int_equal(x, a[5]);
	assert_int_equal(shm_va_check(&va), 0);
	shm_va_fini(&va);
}

static void test_find_and_bad_free(void **state)
{
	const struct shm_va_area *area;
	struct shm_va va;
	uintptr_t a, b;

	(void)state;
	assert_int_equal(shm_va_init(&va, BASE, 16 * PG, PG), 0);
	assert_int_equal(shm_va_alloc(&va, 2 * PG, 7, &a), 0);
	assert_int_equal(shm_va_alloc(&va, PG, 9, &b), 0);
	area = shm_va_find(&va, a + 2 * PG + 5);	/* a's guard page */
	assert_non_null(area);
	assert_int_equal(area->start, a);
	assert_int_equal(area->owner, 7);
	assert_null(shm_va_find(&va, b + 2 * PG));
	assert_null(shm_va_find(&va, BASE - 1));
	assert_int_equal(shm_va_free(&va, a + PG), -ENOENT);
	assert_int_equal(shm_va_free(&va, b + 2 * PG), -ENOENT);
	assert_int_equal(shm_va_free(&va, a), 0);
	assert_int_equal(shm_va_free(&va, a), -ENOENT);
	assert_int_equal(shm_va_check(&va), 0);
	shm_va_fini(&va);
}

static void test_owner_use(void **state)
{
	struct shm_va va;
	uintptr_t a, b, c;
	size_t n;

	(void)state;
	assert_int_equal(shm_va_init(&va, BASE, 64 * PG, PG), 0);
	assert_int_equal(shm_va_alloc(&va, PG, 1, &a), 0);
	assert_int_equal(shm_va_alloc(&va, 4 * PG, 2, &b), 0);
	assert_int_equal(shm_va_alloc(&va, 2 * PG, 1, &c), 0);
	assert_int_equal(shm_va_owner_used(&va, 1, &n), 5 * PG);
	assert_int_equal(n, 2);
	assert_int_equal(shm_va_owner_used(&va, 2, &n), 5 * PG);
	assert_int_equal(n, 1);
	assert_int_equal(shm_va_owner_used(&va, 3, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(shm_va_free(&va, b), 0);
	assert_int_equal(shm_va_owner_used(&va, 2, NULL), 0);
	shm_va_fini(&va);
}

/*
 * The reference: one owner per page (0 free). Its lowest fit is what the
 * allocator must return.
 */
struct ref_window {
	uint32_t *owner;
	size_t npages;
};

static long ref_lowest_fit(const struct ref_window *w, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < w->npages; i++) {
		run = w->owner[i] ? 0 : run + 1;
		if (run == n)
			return (long)(i + 1 - n);
	}
	return -ENOSPC;
}

static void test_random_against_page_map(void **state)
{
	enum { PAGES = 2048, SLOTS = 200, STEPS = 30000 };
	struct ref_window w = { calloc(PAGES, sizeof(uint32_t)), PAGES };
	uintptr_t addr[SLOTS] = { 0 };
	size_t len[SLOTS] = { 0 };
	struct shm_va_usage u;
	struct shm_rand rnd;
	struct shm_va va;
	size_t i, k, pages, bytes, used = 0;
	long want;
	int step, rc;

	(void)state;
	assert_non_null(w.owner);
	shm_rand_init(&rnd, "test_random_against_page_map");
	assert_int_equal(shm_va_init(&va, BASE, PAGES * PG, PG), 0);
	for (step = 0; step < STEPS; step++) {
		i = shm_rand_below(&rnd, SLOTS);
		if (len[i]) {
			assert_int_equal(shm_va_free(&va, addr[i]), 0);
			for (k = 0; k < len[i]; k++)
				w.owner[(addr[i] - BASE) / PG + k] = 0;
			used -= len[i] * PG;
			len[i] = 0;
		} else {
			/* Mostly small, sometimes large; odd byte counts. */
			bytes = shm_rand_below(&rnd, 8) ?
				1 + shm_rand_below(&rnd, 6 * PG) :
				1 + shm_rand_below(&rnd, 300 * PG);
			pages = (bytes + PG - 1) / PG + 1;
			want = ref_lowest_fit(&w, pages);
			rc = shm_va_alloc(&va, bytes, (uint32_t)i + 1,
					  &addr[i]);
			if (want < 0) {
				assert_int_equal(rc, -ENOSPC);
				continue;
			}
			assert_int_equal(rc, 0);
			assert_int_equal(addr[i], BASE + (size_t)want * PG);
			for (k = 0; k < pages; k++)
				w.owner[want + k] = (uint32_t)i + 1;
			len[i] = pages;
			used += pages * PG;
		}
		shm_va_usage(&va, &u);
		assert_int_equal(u.used, used);
		assert_int_equal(u.used + u.free, PAGES * PG);
		if (step % 50 == 0) {
			assert_int_equal(shm_va_check(&va), 0);
			k = shm_rand_below(&rnd, SLOTS);
			assert_int_equal(shm_va_owner_used(&va, (uint32_t)k + 1,
							   NULL), len[k] * PG);
		}
	}
	for (i = 0; i < SLOTS; i++)
		if (len[i])
			assert_int_equal(shm_va_free(&va, addr[i]), 0);
	shm_va_usage(&va, &u);
	assert_int_equal(u.used, 0);
	assert_int_equal(u.largest_free, PAGES * PG);
	assert_int_equal(shm_va_check(&va), 0);
	shm_va_fini(&va);
	free(w.owner);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_rejects),
		cmocka_unit_test(test_first_fit_and_guard),
		cmocka_unit_test(test_coalesce_in_any_order),
		cmocka_unit_test(test_exhaustion),
		cmocka_unit_test(test_find_and_bad_free),
		cmocka_unit_test(test_owner_use),
		cmocka_unit_test(test_random_against_page_map),
	};

	return cmocka_run_group_tests_name("shm_va", tests, NULL, NULL);
}
