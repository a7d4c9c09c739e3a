/*
 * The pager under threads: many threads faulting on one page get it filled
 * once, and concurrent random access with evictions and hiding going on
 * keeps every byte right.
 */
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

#include "pager_test_util.h"

#define PSZ		pager_page_size()
#define PAGE(r, i)	((r)->base + (size_t)(i) * PSZ)
#define NTHREADS	8
#define ROUNDS		200

struct same_page {
	pthread_barrier_t start, done;
	struct pt_region *r;
	size_t page;
	bool write;
	atomic_ulong bad;
};

struct same_page_arg {
	struct same_page *sp;
	unsigned int id;
};

static uint64_t slot_value(unsigned int round, unsigned int id)
{
	return (uint64_t)round << 32 | 0xabc00u | id;
}

static void *same_page_thread(void *arg)
{
	struct same_page_arg *a = arg;
	struct same_page *sp = a->sp;
	unsigned int round;

	for (round = 0; round < ROUNDS; round++) {
		uint8_t *page = PAGE(sp->r, sp->page);
		volatile uint64_t *slot = (volatile uint64_t *)page + a->id;

		pthread_barrier_wait(&sp->start);
		if (sp->write) {
			*slot = slot_value(round, a->id);
			if (*slot != slot_value(round, a->id))
				atomic_fetch_add(&sp->bad, 1);
		} else if (pt_page_mismatches(page, sp->r->seed, sp->page)) {
			atomic_fetch_add(&sp->bad, 1);
		}
		pthread_barrier_wait(&sp->done);
	}
	return NULL;
}

/*
 * Each round: the page is evicted, then eight threads touch it at once.
 * Exactly one of them fills it; the others wait for it and see the data.
 */
static void run_same_page(struct pt_region *r, bool write)
{
	struct same_page_arg args[NTHREADS];
	pthread_t th[NTHREADS];
	struct same_page sp;
	struct pager_stats before, st;
	unsigned int i, round;

	memset(&sp, 0, sizeof(sp));
	sp.r = r;
	sp.page = 1;
	sp.write = write;
	pthread_barrier_init(&sp.start, NULL, NTHREADS + 1);
	pthread_barrier_init(&sp.done, NULL, NTHREADS + 1);
	for (i = 0; i < NTHREADS; i++) {
		args[i].sp = &sp;
		args[i].id = i;
		assert_int_equal(pthread_create(&th[i], NULL, same_page_thread,
						&args[i]), 0);
	}
	before = pt_stats();
	for (round = 0; round < ROUNDS; round++) {
		assert_int_equal(pager_evict_all(), TEE_SUCCESS);
		pthread_barrier_wait(&sp.start);
		pthread_barrier_wait(&sp.done);
		if (write) {
			const volatile uint64_t *slots = (const void *)PAGE(r, 1);

			for (i = 0; i < NTHREADS; i++)
				assert_int_equal(slots[i], slot_value(round, i));
		}
	}
	for (i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&sp.start);
	pthread_barrier_destroy(&sp.done);

	st = pt_stats();
	assert_int_equal(atomic_load(&sp.bad), 0);
	if (write) {
		/* The reads above refill the page after each round's eviction. */
		assert_int_equal(st.rw_faults - before.rw_faults, ROUNDS);
		assert_int_equal(st.saves - before.saves, ROUNDS - 1);
	} else {
		assert_int_equal(st.ro_faults - before.ro_faults, ROUNDS);
	}
	assert_int_equal(st.integrity_failures, 0);
}

static void test_eight_threads_fault_one_ro_page(void **state)
{
	struct pt_region r;

	(void)state;
	pt_init(4);
	pt_region(&r, PAGER_KIND_RO, PROT_READ, 8, 21, true, "ro");
	run_same_page(&r, false);
}

static void test_eight_threads_write_one_rw_page(void **state)
{
	struct pt_region r;

	(void)state;
	pt_init(4);
	pt_region(&r, PAGER_KIND_ZERO, PROT_READ | PROT_WRITE, 8, 0, false,
		  "bss");
	run_same_page(&r, true);
}

#define RANDOM_THREADS	4
#define RANDOM_PAGES	64
#define RANDOM_OPS	20000

struct random_access {
	struct pt_region *r;
	atomic_bool stop;
	atomic_ulong bad;
};

struct random_arg {
	struct random_access *ra;
	unsigned int id;
};

/*
 * Every thread owns the words w with w % RANDOM_THREADS == id of every
 * page: pages are shared, words are not, so each thread can keep a shadow.
 */
static void *random_thread(void *arg)
{
	struct random_arg *a = arg;
	struct random_access *ra = a->ra;
	size_t words = pt_words_per_page() / RANDOM_THREADS;
	uint64_t *shadow = calloc(RANDOM_PAGES * words, sizeof(uint64_t));
	uint32_t rng = 1000 + a->id;
	unsigned long bad = 0;
	size_t i, pg, w, k;

	if (!shadow) {
		atomic_fetch_add(&ra->bad, 1);
		return NULL;
	}
	for (pg = 0; pg < RANDOM_PAGES; pg++)
		for (w = 0; w < words; w++)
			shadow[pg * words + w] =
				pt_word(ra->r->seed, pg, w * RANDOM_THREADS + a->id);
	for (i = 0; i < RANDOM_OPS; i++) {
		volatile uint64_t *word;

		pg = pt_rand(&rng) % RANDOM_PAGES;
		k = pt_rand(&rng) % words;
		word = (volatile uint64_t *)PAGE(ra->r, pg) +
		       k * RANDOM_THREADS + a->id;
		if (pt_rand(&rng) % 3 == 0) {
			uint64_t v = (uint64_t)pt_rand(&rng) << 32 | i;

			*word = v;
			shadow[pg * words + k] = v;
		} else {
			bad += *word != shadow[pg * words + k];
		}
	}
	for (pg = 0; pg < RANDOM_PAGES; pg++)
		for (k = 0; k < words; k++)
			bad += ((volatile uint64_t *)PAGE(ra->r, pg))
				       [k * RANDOM_THREADS + a->id] !=
			       shadow[pg * words + k];
	atomic_fetch_add(&ra->bad, bad);
	free(shadow);
	return NULL;
}

/* Hides and evicts behind the workers' backs. */
static void *ager_thread(void *arg)
{
	struct random_access *ra = arg;
	unsigned int n = 0;

	while (!atomic_load(&ra->stop)) {
		if (++n % 8)
			pager_hide_all();
		else
			pager_evict_all();
		sched_yield();
	}
	return NULL;
}

static void test_four_threads_random_access_stays_correct(void **state)
{
	struct random_arg args[RANDOM_THREADS];
	pthread_t th[RANDOM_THREADS], ager;
	struct random_access ra;
	struct pt_region r;
	struct pager_stats st;
	unsigned int i;

	(void)state;
	pt_init(8);
	pt_region(&r, PAGER_KIND_RW, PROT_READ | PROT_WRITE, RANDOM_PAGES, 31,
		  true, "shared");
	memset(&ra, 0, sizeof(ra));
	ra.r = &r;
	assert_int_equal(pthread_create(&ager, NULL, ager_thread, &ra), 0);
	for (i = 0; i < RANDOM_THREADS; i++) {
		args[i].ra = &ra;
		args[i].id = i;
		assert_int_equal(pthread_create(&th[i], NULL, random_thread,
						&args[i]), 0);
	}
	for (i = 0; i < RANDOM_THREADS; i++)
		pthread_join(th[i], NULL);
	atomic_store(&ra.stop, true);
	pthread_join(ager, NULL);

	st = pt_stats();
	assert_int_equal(atomic_load(&ra.bad), 0);
	assert_true(st.evictions > RANDOM_PAGES);
	assert_true(st.saves > 0);
	assert_true(st.hidden_hits > 0);
	assert_int_equal(st.integrity_failures, 0);
	assert_int_equal(st.locked_pages, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PT_TEST(test_eight_threads_fault_one_ro_page),
		PT_TEST(test_eight_threads_write_one_rw_page),
		PT_TEST(test_four_threads_random_access_stays_correct),
	};

	return cmocka_run_group_tests_name("pager threads", tests, NULL, NULL);
}
