/*
 * Code in paged memory: functions in a read-only r-x region run with a tiny
 * pool, no mapping is ever writable and executable, and code neither
 * changes nor runs where it may not.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "pager_test_util.h"

#define PSZ		pager_page_size()
#define CODE_PAGES	32

typedef uint32_t (*page_fn)(void);

static uint32_t page_value(size_t page)
{
	return 0x51000000u + (uint32_t)page * 7u;
}

/* One function per page: return page_value(page). */
static void write_function(uint8_t *page, uint32_t value)
{
#if defined(__x86_64__)
	memset(page, 0xcc, PSZ);	/* int3 */
	page[0] = 0xb8;			/* mov eax, imm32 */
	memcpy(page + 1, &value, 4);
	page[5] = 0xc3;			/* ret */
#elif defined(__aarch64__)
	uint32_t insn[3] = {
		0x52800000u | (value & 0xffffu) << 5,		/* movz w0, lo */
		0x72a00000u | (value >> 16) << 5,		/* movk w0, hi, lsl 16 */
		0xd65f03c0u,					/* ret */
	};

	memset(page, 0, PSZ);		/* udf #0 */
	memcpy(page, insn, sizeof(insn));
#else
#error "no test function encoding for this architecture"
#endif
}

static page_fn function_at(void *page)
{
	page_fn fn;

	memcpy(&fn, &page, sizeof(fn));
	return fn;
}

static void make_code_region(struct pt_region *r, size_t npages)
{
	size_t i;

	pt_make_backing(r, npages, 0, true);
	for (i = 0; i < npages; i++)
		write_function(r->content + i * PSZ, page_value(i));
	pt_rehash(r);
	pt_register(r, PAGER_KIND_RO, PROT_READ | PROT_EXEC, "code");
}

static void test_code_pages_run_with_a_tiny_pool(void **state)
{
	struct pt_region r;
	struct pager_stats st;
	uint32_t rng = 99;
	size_t pass, i;

	(void)state;
	pt_init(4);
	make_code_region(&r, CODE_PAGES);
	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < CODE_PAGES; i++)
			assert_int_equal(function_at(r.base + i * PSZ)(),
					 page_value(i));
	for (i = 0; i < 2000; i++) {
		size_t pg = pt_rand(&rng) % CODE_PAGES;

		assert_int_equal(function_at(r.base + pg * PSZ)(),
				 page_value(pg));
	}
	st = pt_stats();
	assert_true(st.ro_faults >= 3 * CODE_PAGES);
	assert_int_equal(st.integrity_failures, 0);
}

struct maps_scan {
	uintptr_t lo, hi;		/* the code region */
	atomic_bool stop;
	unsigned long scans;
	unsigned long wx_lines;
	unsigned long code_rx_lines;
	char wx_example[512];
};

/* Counts W+X mappings, and r-x ones inside the code region. */
static void scan_maps_once(struct maps_scan *s)
{
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char perms[5];

		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) != 3)
			continue;
		if (perms[1] == 'w' && perms[2] == 'x') {
			if (!s->wx_lines++)
				snprintf(s->wx_example, sizeof(s->wx_example),
					 "%s", line);
		}
		if (lo >= s->lo && hi <= s->hi && !strcmp(perms, "r-xs"))
			s->code_rx_lines++;
	}
	fclose(f);
	s->scans++;
}

static void *scan_maps(void *arg)
{
	struct maps_scan *s = arg;

	while (!atomic_load(&s->stop))
		scan_maps_once(s);
	return NULL;
}

/* While code pages fault in and out, /proc/self/maps never shows W+X. */
static void test_no_mapping_is_writable_and_executable(void **state)
{
	struct maps_scan scan;
	struct pt_region r;
	pthread_t scanner;
	uint32_t rng = 5;
	size_t i;

	(void)state;
	pt_init(4);
	make_code_region(&r, CODE_PAGES);
	memset(&scan, 0, sizeof(scan));
	scan.lo = (uintptr_t)r.base;
	scan.hi = scan.lo + CODE_PAGES * PSZ;
	assert_int_equal(pthread_create(&scanner, NULL, scan_maps, &scan), 0);
	for (i = 0; i < 2000 || (scan.scans < 50 && i < 200000); i++) {
		size_t pg = pt_rand(&rng) % CODE_PAGES;

		assert_int_equal(function_at(r.base + pg * PSZ)(),
				 page_value(pg));
	}
	atomic_store(&scan.stop, true);
	pthread_join(scanner, NULL);
	scan_maps_once(&scan);
	if (scan.wx_lines)
		fail_msg("writable and executable mapping: %s", scan.wx_example);
	assert_true(scan.scans > 10);
	/* The scan did see the code pages mapped (so it looked at them). */
	assert_true(scan.code_rx_lines > 0);
}

static void *code_page;

static void write_code_page(void)
{
	struct pt_region r;

	if (pager_init(4, 0) != TEE_SUCCESS)
		_exit(3);
	make_code_region(&r, 2);
	if (function_at(r.base + PSZ)() != page_value(1))
		_exit(5);
	*(volatile uint8_t *)(r.base + PSZ) = 0xc3;
	_exit(4);
}

static void run_code_in_data_page(void)
{
	struct pt_region r;

	if (pager_init(4, 0) != TEE_SUCCESS)
		_exit(3);
	pt_region(&r, PAGER_KIND_ZERO, PROT_READ | PROT_WRITE, 2, 0, false,
		  "data");
	write_function(r.base + PSZ, 1);
	code_page = r.base + PSZ;
	function_at(code_page)();
	_exit(4);
}

static void test_code_is_not_writable_and_data_is_not_executable(void **state)
{
	char out[256];
	int status;

	(void)state;
	status = pt_run_child(write_code_page, out, sizeof(out));
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSEGV);
	status = pt_run_child(run_code_in_data_page, out, sizeof(out));
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSEGV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PT_TEST(test_code_pages_run_with_a_tiny_pool),
		PT_TEST(test_no_mapping_is_writable_and_executable),
		PT_TEST(test_code_is_not_writable_and_data_is_not_executable),
	};

	return cmocka_run_group_tests_name("pager code pages", tests, NULL, NULL);
}
