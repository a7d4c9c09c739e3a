/*
 * The fault path never allocates: this program puts its own malloc family
 * in front of the C library's (symbol interposition, no LD_PRELOAD) and
 * counts the calls a thread makes while it faults on paged memory.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include <openssl/evp.h>

#include "pager_test_util.h"

#define PSZ		pager_page_size()
#define PAGE(r, i)	((r)->base + (size_t)(i) * PSZ)

/* The C library's allocator, under the names it exports for this. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void *__libc_memalign(size_t align, size_t size);
extern void __libc_free(void *ptr);

static __thread bool counting;
static atomic_ulong allocations;

static void note(void)
{
	if (counting)
		atomic_fetch_add(&allocations, 1);
}

void *malloc(size_t size)
{
	note();
	return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	note();
	return __libc_calloc(n, size);
}

void *realloc(void *ptr, size_t size)
{
	note();
	return __libc_realloc(ptr, size);
}

void *aligned_alloc(size_t align, size_t size)
{
	note();
	return __libc_memalign(align, size);
}

void *memalign(size_t align, size_t size)
{
	note();
	return __libc_memalign(align, size);
}

int posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	note();
	p = __libc_memalign(align, size);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void free(void *ptr)
{
	note();
	__libc_free(ptr);
}

static void count_start(void)
{
	atomic_store(&allocations, 0);
	counting = true;
}

static unsigned long count_stop(void)
{
	counting = false;
	return atomic_load(&allocations);
}

/* The counter works, for us and for OpenSSL: this test can fail. */
static void test_counter_sees_allocations(void **state)
{
	void *(*volatile alloc)(size_t) = malloc;
	EVP_MD_CTX *ctx;
	unsigned long n;
	void *p;

	(void)state;
	count_start();
	p = alloc(64);
	ctx = EVP_MD_CTX_new();
	n = count_stop();
	assert_non_null(p);
	assert_non_null(ctx);
	assert_true(n >= 2);
	EVP_MD_CTX_free(ctx);
	free(p);
}

struct regions {
	struct pt_region ro, rw, zero;
};

static uint64_t rd(const uint8_t *p)
{
	return *(const volatile uint64_t *)p;
}

static void wr(uint8_t *p, uint64_t v)
{
	*(volatile uint64_t *)p = v;
}

/* Every kind of fault the pager handles; no cmocka call in here. */
static unsigned long fault_everything(struct regions *g, unsigned long *bad)
{
	size_t pass, i;

	count_start();
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < 8; i++) {
			uint64_t zero_want = pass && i % 2 == 0 ? i + 1 : 0;

			*bad += rd(PAGE(&g->ro, i)) != pt_word(g->ro.seed, i, 0);
			*bad += rd(PAGE(&g->rw, i)) != pt_word(g->rw.seed, i, 0) +
							 pass;
			wr(PAGE(&g->rw, i), pt_word(g->rw.seed, i, 0) + pass + 1);
			/* Even zero pages are written once, odd ones never. */
			*bad += rd(PAGE(&g->zero, i) + 8) != zero_want;
			if (!pass && i % 2 == 0)
				wr(PAGE(&g->zero, i) + 8, i + 1);
		}
	}
	pager_hide_all();
	*bad += rd(PAGE(&g->rw, 7)) != pt_word(g->rw.seed, 7, 0) + 2;
	return count_stop();
}

static void make_regions(struct regions *g)
{
	pt_region(&g->ro, PAGER_KIND_RO, PROT_READ, 8, 51, true, "ro");
	pt_region(&g->rw, PAGER_KIND_RW, PROT_READ | PROT_WRITE, 8, 52, true,
		  "rw");
	pt_region(&g->zero, PAGER_KIND_ZERO, PROT_READ | PROT_WRITE, 8, 0,
		  false, "zero");
}

static void expect_every_kind_of_fault(void)
{
	struct pager_stats st = pt_stats();

	assert_true(st.ro_faults > 0);
	assert_true(st.rw_faults > 0);
	assert_true(st.write_faults > 0);
	assert_true(st.hidden_hits > 0);
	assert_true(st.saves > 0);
	assert_true(st.evictions > 0);
	assert_true(st.zero_released > 0);
}

static void test_faults_do_not_allocate(void **state)
{
	struct regions g;
	unsigned long bad = 0, n;

	(void)state;
	pt_init(4);
	make_regions(&g);
	n = fault_everything(&g, &bad);
	assert_int_equal(bad, 0);
	assert_int_equal(n, 0);
	expect_every_kind_of_fault();
}

struct thread_run {
	struct regions *g;
	unsigned long bad;
	unsigned long allocations;
	unsigned long refusals;
};

static sigjmp_buf refused_jmp;

static void refuse(const struct pager_fatal_info *info, void *arg)
{
	(void)info;
	(void)arg;
	siglongjmp(refused_jmp, 1);
}

static void *fresh_thread(void *arg)
{
	struct thread_run *t = arg;

	t->allocations = fault_everything(t->g, &t->bad);
	/* The refusal path, too: a tampered saved page. */
	pager_evict_all();
	if (pager_test_corrupt_saved(PAGE(&t->g->rw, 3)) != TEE_SUCCESS)
		return NULL;
	count_start();
	if (!sigsetjmp(refused_jmp, 1))
		t->bad += rd(PAGE(&t->g->rw, 3)) + 1;
	else
		t->refusals++;
	t->allocations += count_stop();
	return NULL;
}

/* A thread's first faults (OpenSSL has no per-thread state yet) neither. */
static void test_first_faults_of_a_new_thread_do_not_allocate(void **state)
{
	struct thread_run t;
	struct regions g;
	pthread_t th;

	(void)state;
#ifdef __SANITIZE_ADDRESS__
	/* The sanitizer's runtime allocates on a new thread's first calls
	 * it intercepts: what this counts is then not the pager's. */
	skip();
#endif
	pt_init(4);
	make_regions(&g);
	memset(&t, 0, sizeof(t));
	t.g = &g;
	pager_set_fatal_hook(refuse, NULL);
	assert_int_equal(pthread_create(&th, NULL, fresh_thread, &t), 0);
	pthread_join(th, NULL);
	assert_int_equal(t.bad, 0);
	assert_int_equal(t.refusals, 1);
	assert_int_equal(t.allocations, 0);
	expect_every_kind_of_fault();
	assert_int_equal(pt_stats().integrity_failures, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counter_sees_allocations),
		PT_TEST(test_faults_do_not_allocate),
		PT_TEST(test_first_faults_of_a_new_thread_do_not_allocate),
	};

	return cmocka_run_group_tests_name("pager fault path allocations",
					   tests, NULL, NULL);
}
