/* Helpers shared by the pager's tests (see pager_test_util.h). */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <openssl/evp.h>

#include "pager_test_util.h"

#define PT_MAX_BACKINGS	16

/* Content buffers handed to the pager; freed after pager_fini(). */
static struct {
	void *ptr;
	size_t len;
} backings[PT_MAX_BACKINGS];

static void track(void *ptr, size_t len)
{
	size_t i;

	for (i = 0; i < PT_MAX_BACKINGS; i++) {
		if (!backings[i].ptr) {
			backings[i].ptr = ptr;
			backings[i].len = len;
			return;
		}
	}
	fail_msg("too many test buffers");
}

uint64_t pt_word(uint32_t seed, size_t page, size_t word)
{
	uint64_t x = (uint64_t)seed << 40 ^ (uint64_t)page << 20 ^ word;

	/* A mix, so that neighbouring pages differ in every word. */
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return x;
}

size_t pt_words_per_page(void)
{
	return pager_page_size() / sizeof(uint64_t);
}

void pt_fill_pattern(uint8_t *buf, size_t npages, uint32_t seed)
{
	size_t words = pt_words_per_page();
	size_t p, w;

	for (p = 0; p < npages; p++) {
		uint64_t *page = (uint64_t *)(buf + p * pager_page_size());

		for (w = 0; w < words; w++)
			page[w] = pt_word(seed, p, w);
	}
}

size_t pt_page_mismatches(const uint8_t *page, uint32_t seed, size_t pageno)
{
	const volatile uint64_t *w = (const volatile uint64_t *)page;
	size_t words = pt_words_per_page();
	size_t i, bad = 0;

	for (i = 0; i < words; i++)
		bad += w[i] != pt_word(seed, pageno, i);
	return bad;
}

void pt_init(size_t pool_pages)
{
	assert_int_equal(pager_init(pool_pages, 0), TEE_SUCCESS);
	pager_set_fatal_hook(NULL, NULL);
}

int pt_teardown(void **state)
{
	size_t i;

	(void)state;
	pager_fini();
	pager_set_fatal_hook(NULL, NULL);
	for (i = 0; i < PT_MAX_BACKINGS; i++) {
		if (backings[i].ptr)
			munmap(backings[i].ptr, backings[i].len);
		backings[i].ptr = NULL;
	}
	return 0;
}

void pt_make_backing(struct pt_region *pr, size_t npages, uint32_t seed,
		     bool with_hashes)
{
	size_t psz = pager_page_size();

	pr->npages = npages;
	pr->size = npages * psz;
	pr->seed = seed;
	/* mmap, not malloc: writable for the tampering hooks, page aligned. */
	pr->content = mmap(NULL, pr->size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(pr->content != MAP_FAILED);
	track(pr->content, pr->size);
	pt_fill_pattern(pr->content, npages, seed);
	pr->hashes = NULL;
	if (!with_hashes)
		return;
	pr->hashes = mmap(NULL, npages * PAGER_HASH_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(pr->hashes != MAP_FAILED);
	track(pr->hashes, npages * PAGER_HASH_SIZE);
	pt_rehash(pr);
}

void pt_rehash(struct pt_region *pr)
{
	size_t psz = pager_page_size();
	size_t i;

	/* Computed here with EVP, independently of the pager. */
	for (i = 0; i < pr->npages; i++)
		assert_true(EVP_Digest(pr->content + i * psz, psz,
				       pr->hashes + i * PAGER_HASH_SIZE, NULL,
				       EVP_sha256(), NULL));
}

void pt_register(struct pt_region *pr, enum pager_kind kind, int prot,
		 const char *name)
{
	struct pager_region_desc d = {
		.name = name,
		.kind = kind,
		.prot = prot,
		.size = pr->size,
		.content = pr->content,
		.hashes = pr->hashes,
	};
	void *base = NULL;

	assert_int_equal(pager_region_add(&d, &base), TEE_SUCCESS);
	assert_non_null(base);
	pr->base = base;
}

void pt_region(struct pt_region *pr, enum pager_kind kind, int prot,
	       size_t npages, uint32_t seed, bool with_hashes,
	       const char *name)
{
	memset(pr, 0, sizeof(*pr));
	if (kind == PAGER_KIND_ZERO) {
		pr->npages = npages;
		pr->size = npages * pager_page_size();
	} else {
		pt_make_backing(pr, npages, seed,
				with_hashes || kind == PAGER_KIND_RO);
	}
	pt_register(pr, kind, prot, name);
}

struct pager_stats pt_stats(void)
{
	struct pager_stats st;

	assert_int_equal(pager_get_stats(&st), TEE_SUCCESS);
	return st;
}

uint32_t pt_rand(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

int pt_run_child(void (*fn)(void), char *out, size_t out_len)
{
	struct rlimit no_core = { 0, 0 };
	size_t got = 0;
	int fds[2];
	int status = -1;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDERR_FILENO);
		setrlimit(RLIMIT_CORE, &no_core);
		/* The test runner's handlers are not the scenario's. */
		signal(SIGSEGV, SIG_DFL);
		signal(SIGBUS, SIG_DFL);
		signal(SIGABRT, SIG_DFL);
		fn();
		_exit(0);
	}
	close(fds[1]);
	for (;;) {
		ssize_t n = read(fds[0], out + got, out_len - 1 - got);

		if (n <= 0)
			break;
		got += (size_t)n;
		if (got == out_len - 1)
			break;
	}
	out[got] = '\0';
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

sigjmp_buf pt_segv_jmp;
volatile uintptr_t pt_segv_addr;

void pt_catch_segv(int sig, siginfo_t *info, void *uctx)
{
	(void)sig;
	(void)uctx;
	pt_segv_addr = (uintptr_t)info->si_addr;
	siglongjmp(pt_segv_jmp, 1);
}
