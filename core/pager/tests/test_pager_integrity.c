/*
 * Tampering is detected, never used: a modified or replayed saved page and
 * modified read-only content stop the access that would have seen them.
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

#include "pager_test_util.h"

#define PSZ		pager_page_size()
#define PAGE(r, i)	((r)->base + (size_t)(i) * PSZ)

static sigjmp_buf fatal_jmp;
static struct {
	unsigned int calls;
	uintptr_t addr;
	uintptr_t region_start;
	size_t page_index;
	char region[64];
	char reason[128];
} fatal;

static void fatal_hook(const struct pager_fatal_info *info, void *arg)
{
	(void)arg;
	fatal.calls++;
	fatal.addr = info->addr;
	fatal.region_start = info->region_start;
	fatal.page_index = info->page_index;
	snprintf(fatal.region, sizeof(fatal.region), "%s", info->region);
	snprintf(fatal.reason, sizeof(fatal.reason), "%s", info->reason);
	siglongjmp(fatal_jmp, 1);
}

static void arm_hook(void)
{
	memset(&fatal, 0, sizeof(fatal));
	pager_set_fatal_hook(fatal_hook, NULL);
}

/* Reads addr; true if the pager refused it through the fatal hook. */
static bool read_is_refused(const uint8_t *addr, uint64_t *value)
{
	if (sigsetjmp(fatal_jmp, 1))
		return true;
	*value = *(const volatile uint64_t *)addr;
	return false;
}

static void test_tampered_saved_page_is_refused(void **state)
{
	struct pt_region r;
	uint64_t v = 0;

	(void)state;
	pt_init(4);
	pt_region(&r, PAGER_KIND_ZERO, PROT_READ | PROT_WRITE, 8, 0, false,
		  "heap");
	*(volatile uint64_t *)(PAGE(&r, 2) + 32) = 0x1122334455667788ull;
	*(volatile uint64_t *)PAGE(&r, 3) = 3;
	/* Not saved yet: nothing to corrupt. */
	assert_int_equal(pager_test_corrupt_saved(PAGE(&r, 2)),
			 TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(pager_evict_all(), TEE_SUCCESS);
	assert_int_equal(pager_test_corrupt_saved(PAGE(&r, 2)), TEE_SUCCESS);

	arm_hook();
	assert_true(read_is_refused(PAGE(&r, 2) + 32, &v));
	assert_int_equal(v, 0);
	assert_int_equal(fatal.calls, 1);
	assert_int_equal(fatal.addr, (uintptr_t)PAGE(&r, 2));
	assert_int_equal(fatal.region_start, (uintptr_t)r.base);
	assert_int_equal(fatal.page_index, 2);
	assert_string_equal(fatal.region, "heap");
	assert_non_null(strstr(fatal.reason, "authentication"));
	assert_int_equal(pt_stats().integrity_failures, 1);

	/* Still refused the next time, and the rest of the region works. */
	assert_true(read_is_refused(PAGE(&r, 2), &v));
	assert_int_equal(pt_stats().integrity_failures, 2);
	assert_false(read_is_refused(PAGE(&r, 3), &v));
	assert_int_equal(v, 3);
	assert_false(read_is_refused(PAGE(&r, 4), &v));
	assert_int_equal(v, 0);
}

/* An older sealed copy of the same page, put back, is refused too. */
static void test_replayed_saved_page_is_refused(void **state)
{
	volatile uint64_t *w;
	struct pt_region r;
	uint8_t *old;
	void *store;
	uint64_t v = 0;

	(void)state;
	pt_init(4);
	pt_region(&r, PAGER_KIND_RW, PROT_READ | PROT_WRITE, 4, 41, false,
		  "balance");
	w = (volatile uint64_t *)PAGE(&r, 1);
	*w = 100;
	assert_int_equal(pager_evict_all(), TEE_SUCCESS);
	assert_int_equal(pager_test_saved_copy(PAGE(&r, 1), &store),
			 TEE_SUCCESS);
	old = malloc(PSZ);
	assert_non_null(old);
	memcpy(old, store, PSZ);

	*w = 5;
	assert_int_equal(pager_evict_all(), TEE_SUCCESS);
	assert_int_equal(pager_test_saved_copy(PAGE(&r, 1), &store),
			 TEE_SUCCESS);
	assert_memory_not_equal(old, store, PSZ);
	memcpy(store, old, PSZ);
	free(old);

	arm_hook();
	assert_true(read_is_refused(PAGE(&r, 1), &v));
	assert_int_equal(fatal.addr, (uintptr_t)PAGE(&r, 1));
	assert_string_equal(fatal.region, "balance");
}

/* A sealed page moved to another page's slot is refused. */
static void test_swapped_saved_pages_are_refused(void **state)
{
	struct pt_region r;
	void *a, *b;
	uint64_t v = 0;

	(void)state;
	pt_init(4);
	pt_region(&r, PAGER_KIND_ZERO, PROT_READ | PROT_WRITE, 4, 0, false,
		  "swap");
	*(volatile uint64_t *)PAGE(&r, 0) = 1;
	*(volatile uint64_t *)PAGE(&r, 1) = 2;
	assert_int_equal(pager_evict_all(), TEE_SUCCESS);
	assert_int_equal(pager_test_saved_copy(PAGE(&r, 0), &a), TEE_SUCCESS);
	assert_int_equal(pager_test_saved_copy(PAGE(&r, 1), &b), TEE_SUCCESS);
	memcpy(b, a, PSZ);

	arm_hook();
	assert_false(read_is_refused(PAGE(&r, 0), &v));
	assert_int_equal(v, 1);
	assert_true(read_is_refused(PAGE(&r, 1), &v));
	assert_int_equal(fatal.page_index, 1);
}

static void test_tampered_ro_content_is_refused(void **state)
{
	struct pt_region r;
	uint64_t v = 0;
	size_t i;

	(void)state;
	pt_init(4);
	pt_region(&r, PAGER_KIND_RO, PROT_READ, 8, 42, true, "rodata");
	assert_int_equal(pager_test_corrupt_backing(PAGE(&r, 5)), TEE_SUCCESS);

	arm_hook();
	for (i = 0; i < 8; i++) {
		if (i == 5)
			continue;
		assert_false(read_is_refused(PAGE(&r, i), &v));
		assert_int_equal(v, pt_word(42, i, 0));
	}
	assert_int_equal(fatal.calls, 0);
	assert_true(read_is_refused(PAGE(&r, 5), &v));
	assert_int_equal(fatal.calls, 1);
	assert_int_equal(fatal.addr, (uintptr_t)PAGE(&r, 5));
	assert_string_equal(fatal.region, "rodata");
	assert_non_null(strstr(fatal.reason, "SHA-256"));
	assert_int_equal(pt_stats().integrity_failures, 1);
}

/* Initial RW content with hashes is checked on its first load. */
static void test_tampered_rw_initial_content_is_refused(void **state)
{
	struct pt_region r;
	uint64_t v = 0;

	(void)state;
	pt_init(4);
	pt_region(&r, PAGER_KIND_RW, PROT_READ | PROT_WRITE, 4, 43, true,
		  "data");
	assert_int_equal(pager_test_corrupt_backing(PAGE(&r, 0)), TEE_SUCCESS);
	arm_hook();
	assert_false(read_is_refused(PAGE(&r, 1), &v));
	assert_int_equal(v, pt_word(43, 1, 0));
	assert_true(read_is_refused(PAGE(&r, 0), &v));
	assert_int_equal(fatal.page_index, 0);
}

static char expected_addr[32];

static void read_tampered_page_unhooked(void)
{
	struct pt_region r;

	if (pager_init(4, 0) != TEE_SUCCESS)
		_exit(3);
	pt_region(&r, PAGER_KIND_RO, PROT_READ, 4, 44, true, "victim");
	if (pager_test_corrupt_backing(PAGE(&r, 3)) != TEE_SUCCESS)
		_exit(5);
	snprintf(expected_addr, sizeof(expected_addr), "%p", (void *)PAGE(&r, 3));
	/* Tell the parent which address to expect, then touch it. */
	if (write(STDERR_FILENO, expected_addr, strlen(expected_addr)) < 0 ||
	    write(STDERR_FILENO, "\n", 1) < 0)
		_exit(6);
	(void)*(const volatile uint64_t *)PAGE(&r, 3);
	_exit(4);
}

/* Without a hook the process stops, naming the address and the region. */
static void test_integrity_failure_aborts_with_a_clear_message(void **state)
{
	char out[1024];
	char *nl;
	int status;

	(void)state;
	status = pt_run_child(read_tampered_page_unhooked, out, sizeof(out));
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
	nl = strchr(out, '\n');
	assert_non_null(nl);
	*nl = '\0';
	assert_true(strlen(out) > 2);
	assert_non_null(strstr(nl + 1, "pager: integrity failure at "));
	assert_non_null(strstr(nl + 1, out));		/* the address */
	assert_non_null(strstr(nl + 1, "region \"victim\""));
	assert_non_null(strstr(nl + 1, "SHA-256"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PT_TEST(test_tampered_saved_page_is_refused),
		PT_TEST(test_replayed_saved_page_is_refused),
		PT_TEST(test_swapped_saved_pages_are_refused),
		PT_TEST(test_tampered_ro_content_is_refused),
		PT_TEST(test_tampered_rw_initial_content_is_refused),
		PT_TEST(test_integrity_failure_aborts_with_a_clear_message),
	};

	return cmocka_run_group_tests_name("pager integrity", tests, NULL, NULL);
}
