/*
 * The physical frame map: guest RAM is placed around secure regions, and
 * the page check refuses secure frames, another guest's frames, frames in
 * no RAM and ranges running off the end of a guest's RAM, naming why.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../shm_physmap.h"

static struct shm_physmap map;
static char why[128];

static int setup(void **state)
{
	int rc;

	(void)state;
	shm_physmap_init(&map, 1000);
	/* Secure memory at 0..99 and 300..349. */
	rc = shm_physmap_add_secure(&map, 0, 100, "core");
	if (!rc)
		rc = shm_physmap_add_secure(&map, 300, 50, "pager pool");
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	shm_physmap_fini(&map);
	return 0;
}

static int check(uint32_t owner, uint64_t frame, uint64_t n)
{
	why[0] = 0;
	return shm_physmap_check(&map, owner, frame, n, why, sizeof(why));
}

static void test_secure_overlap_refused(void **state)
{
	(void)state;
	assert_int_equal(shm_physmap_add_secure(&map, 90, 20, "x"), -EEXIST);
	assert_int_equal(shm_physmap_add_secure(&map, 999, 2, "x"), -EINVAL);
	assert_int_equal(shm_physmap_add_secure(&map, 100, 0, "x"), -EINVAL);
}

static void test_ram_placed_in_gaps(void **state)
{
	uint64_t a, b, c, d;

	(void)state;
	assert_int_equal(shm_physmap_add_ram(&map, 1, 150, &a), 0);
	assert_int_equal(a, 100);
	/* 250..299 is too small for 60 frames: after the pager pool. */
	assert_int_equal(shm_physmap_add_ram(&map, 2, 60, &b), 0);
	assert_int_equal(b, 350);
	assert_int_equal(shm_physmap_add_ram(&map, 3, 50, &c), 0);
	assert_int_equal(c, 250);
	assert_int_equal(shm_physmap_add_ram(&map, 3, 1, &d), -EEXIST);
	assert_int_equal(shm_physmap_add_ram(&map, 4, 600, &d), -ENOSPC);
	assert_int_equal(shm_physmap_add_ram(&map, 4, 590, &d), 0);
	assert_int_equal(d, 410);
	assert_int_equal(shm_physmap_remove_ram(&map, 2), 0);
	assert_int_equal(shm_physmap_remove_ram(&map, 2), -ENOENT);
	assert_null(shm_physmap_ram(&map, 2));
	assert_int_equal(shm_physmap_add_ram(&map, 5, 60, &d), 0);
	assert_int_equal(d, 350);
	assert_int_equal(shm_physmap_ram(&map, 5)->npages, 60);
}

static void test_check_pages(void **state)
{
	uint64_t a, b;

	(void)state;
	assert_int_equal(shm_physmap_add_ram(&map, 1, 150, &a), 0);
	assert_int_equal(shm_physmap_add_ram(&map, 2, 60, &b), 0);
	assert_int_equal(check(1, a, 150), 0);
	assert_int_equal(check(1, a + 149, 1), 0);
	assert_int_equal(check(2, b + 10, 5), 0);

	assert_int_equal(check(1, 5, 1), -EACCES);
	assert_non_null(strstr(why, "secure memory (core)"));
	assert_int_equal(check(1, a + 140, 20), -EACCES);
	assert_non_null(strstr(why, "frame 0xfa is in no RAM"));
	assert_int_equal(check(2, a, 1), -EACCES);
	assert_non_null(strstr(why, "belongs to guest 1"));
	assert_int_equal(check(2, b - 1, 2), -EACCES);
	assert_non_null(strstr(why, "secure memory (pager pool)"));
	assert_int_equal(check(3, 990, 5), -EACCES);
	assert_int_equal(check(1, UINT64_MAX - 1, 4), -EACCES);
	assert_non_null(strstr(why, "wrap"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_secure_overlap_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_ram_placed_in_gaps,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_pages, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("shm_physmap", tests, NULL, NULL);
}
