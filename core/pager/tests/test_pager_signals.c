/*
 * The pager and signals: a fault that is not the pager's goes to the handler
 * installed before it, a caller's own handler may route faults to it, and
 * what is not the pager's still crashes.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "pager_test_util.h"

#define PSZ		pager_page_size()
#define PAGE(r, i)	((r)->base + (size_t)(i) * PSZ)

/* A fault outside every region goes to the handler installed before. */
static void test_foreign_fault_reaches_previous_handler(void **state)
{
	struct sigaction sa, old;
	struct pt_region r;
	uint8_t *page;

	(void)state;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = pt_catch_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGSEGV, &sa, &old), 0);
	pt_init(4);
	pt_region(&r, PAGER_KIND_RO, PROT_READ, 2, 10, true, "ro");
	page = mmap(NULL, PSZ, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(page != MAP_FAILED);

	pt_segv_addr = 0;
	if (!sigsetjmp(pt_segv_jmp, 1)) {
		pt_read_word(page + 16);
		fail_msg("reading a PROT_NONE page did not fault");
	}
	assert_int_equal(pt_segv_addr, (uintptr_t)page + 16);
	/* The pager still works after passing a fault on. */
	assert_int_equal(pt_read_word(PAGE(&r, 1)), pt_word(10, 1, 0));

	munmap(page, PSZ);
	pager_fini();
	sigaction(SIGSEGV, &old, NULL);
}

static void route_to_pager(int sig, siginfo_t *info, void *uctx)
{
	if (!pager_handle_signal(sig, info, uctx))
		pt_catch_segv(sig, info, uctx);
}

/* With PAGER_INIT_NO_HANDLER the caller's handler offers faults to us. */
static void test_no_handler_mode_pages_through_the_callers_handler(void **state)
{
	struct sigaction sa, old, cur;
	struct pt_region r;
	uint8_t *page;

	(void)state;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = route_to_pager;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGSEGV, &sa, &old), 0);
	assert_int_equal(pager_init(4, PAGER_INIT_NO_HANDLER), TEE_SUCCESS);
	assert_int_equal(sigaction(SIGSEGV, NULL, &cur), 0);
	assert_ptr_equal(cur.sa_sigaction, route_to_pager);

	pt_region(&r, PAGER_KIND_RO, PROT_READ, 6, 14, true, "routed");
	assert_int_equal(pt_page_mismatches(PAGE(&r, 5), 14, 5), 0);
	assert_int_equal(pt_stats().ro_faults, 1);
	page = mmap(NULL, PSZ, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(page != MAP_FAILED);
	pt_segv_addr = 0;
	if (!sigsetjmp(pt_segv_jmp, 1)) {
		pt_read_word(page);
		fail_msg("reading a PROT_NONE page did not fault");
	}
	assert_int_equal(pt_segv_addr, (uintptr_t)page);
	munmap(page, PSZ);
	pager_fini();
	sigaction(SIGSEGV, &old, NULL);
}

static void touch_unpaged_page(void)
{
	uint8_t *page = mmap(NULL, 4096, PROT_NONE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (pager_init(4, 0) != TEE_SUCCESS)
		_exit(3);
	pt_read_word(page);
	_exit(4);
}

static void write_ro_page(void)
{
	static uint8_t content[1 << 16];
	static uint8_t hashes[16 * PAGER_HASH_SIZE];
	struct pager_region_desc d = {
		.name = "ro", .kind = PAGER_KIND_RO, .prot = PROT_READ,
		.size = PSZ, .content = content, .hashes = hashes,
	};
	void *base;

	if (pager_init(4, 0) != TEE_SUCCESS ||
	    pager_hash_pages(content, PSZ, hashes) != TEE_SUCCESS ||
	    pager_region_add(&d, &base) != TEE_SUCCESS)
		_exit(3);
	pt_read_word(base);
	pt_write_word(base, 1);
	_exit(4);
}

/* Real crashes still crash: the default action is not swallowed. */
static void test_crashes_still_crash(void **state)
{
	char out[256];
	int status;

	(void)state;
	status = pt_run_child(touch_unpaged_page, out, sizeof(out));
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSEGV);
	status = pt_run_child(write_ro_page, out, sizeof(out));
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSEGV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PT_TEST(test_foreign_fault_reaches_previous_handler),
		PT_TEST(test_no_handler_mode_pages_through_the_callers_handler),
		PT_TEST(test_crashes_still_crash),
	};

	return cmocka_run_group_tests_name("pager signals", tests, NULL, NULL);
}
