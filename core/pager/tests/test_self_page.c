/*
 * The core's fatal reports name what they are about: the symbolizer finds
 * the executable's own functions and objects (static ones too) and shared
 * libraries' symbols, and a fault the pager takes itself is reported with
 * the symbols of its address and pc before the process aborts.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "../core_pager.h"
#include "../pager.h"

/* Static on purpose: only the symbol table knows these names. */
static __attribute__((noinline)) int sym_test_function(int x)
{
	return x * 3 + 1;
}

static uint8_t sym_test_object[64];
static uint8_t self_fault_backing[4096] __attribute__((aligned(4096)));

static void test_own_function(void **state)
{
	char name[160];

	(void)state;
	self_page_sym_init();
	assert_true(self_page_symbolize((uintptr_t)sym_test_function + 3,
					name, sizeof(name)));
	assert_string_equal(name, "sym_test_function+0x3");
	assert_int_equal(sym_test_function(1), 4);
}

static void test_own_object(void **state)
{
	char name[160];

	(void)state;
	self_page_sym_init();
	assert_true(self_page_symbolize((uintptr_t)&sym_test_object[16],
					name, sizeof(name)));
	assert_string_equal(name, "sym_test_object+0x10");
}

static void test_library(void **state)
{
	char name[160];

	(void)state;
	self_page_sym_init();
	assert_true(self_page_symbolize((uintptr_t)&getpid, name,
					sizeof(name)));
	assert_non_null(strstr(name, "getpid+0x0 in libc.so"));
}

/*
 * In a child: region B is laid over the backing buffer of region A, so
 * filling a page of A reads paged memory inside the pager: the build bug
 * the report is for.
 */
static void self_fault_child(int out)
{
	uint8_t hash[PAGER_HASH_SIZE];
	struct pager_region_desc a = {
		.name = "a", .size = sizeof(self_fault_backing),
		.kind = PAGER_KIND_RO, .prot = PROT_READ,
		.content = self_fault_backing, .hashes = hash,
	};
	struct pager_region_desc b = {
		.name = "b", .addr = self_fault_backing,
		.size = sizeof(self_fault_backing), .kind = PAGER_KIND_ZERO,
		.prot = PROT_READ | PROT_WRITE,
	};
	void *pa, *pb;

	dup2(out, STDERR_FILENO);
	memset(self_fault_backing, 0x5a, sizeof(self_fault_backing));
	self_page_sym_init();
	if (pager_init(8, 0) || pager_hash_pages(self_fault_backing,
						 sizeof(self_fault_backing),
						 hash))
		_exit(10);
	pager_set_symbolizer(self_page_symbolize);
	if (pager_region_add(&a, &pa) || pager_region_add(&b, &pb))
		_exit(11);
	/* Fills A's page from B's absent page: the pager faults. */
	_exit(*(volatile uint8_t *)pa == 0x5a ? 12 : 13);
}

static void test_self_fault_report(void **state)
{
	char buf[2048];
	int p[2], status;
	ssize_t n, got = 0;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		close(p[0]);
		self_fault_child(p[1]);
	}
	close(p[1]);
	while ((n = read(p[0], buf + got, sizeof(buf) - 1 - (size_t)got)) > 0)
		got += n;
	buf[got] = '\0';
	close(p[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
	assert_non_null(strstr(buf, "inside the pager"));
	/* The address is named, and so is the pc (here in libc's copy). */
	assert_non_null(strstr(buf, "<self_fault_backing+0x"));
	assert_non_null(strstr(buf, " (pc 0x"));
	assert_non_null(strstr(strstr(buf, " (pc 0x"), " <libc.so"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_own_function),
		cmocka_unit_test(test_own_object),
		cmocka_unit_test(test_library),
		cmocka_unit_test(test_self_fault_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
