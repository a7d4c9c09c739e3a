/*
 * tee-core's own image under its pager. The partition build placed the text
 * and read-only data the fault path can reach in always-mapped sections and
 * the rest in two page-aligned paged ranges, whose page hashes it wrote into
 * the executable. At start the core copies those ranges to a backing store,
 * checks them against the hashes, and hands them to the pager: from then on
 * that code runs only from pool pages the pager filled and checked.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "../../common/tc_log.h"
#include "core_pager.h"
#include "pager.h"
#include "pager_rec.h"
#include "self_page_table.h"

/* Defined by the partition build's linker-script fragment, if it ran. */
extern const uint8_t __core_paged_text_start[] __attribute__((weak));
extern const uint8_t __core_paged_text_end[] __attribute__((weak));
extern const uint8_t __core_paged_rodata_start[] __attribute__((weak));
extern const uint8_t __core_paged_rodata_end[] __attribute__((weak));

/* Filled after the link, in the executable file; read-only data here. */
static const struct core_page_table core_page_table_image
	__attribute__((section(CORE_PAGE_TABLE_SECTION), used, aligned(64))) = {
	.magic = 0,
};

/*
 * The table, through a pointer the compiler cannot see through: it must
 * read what the file holds, not the zeros it was compiled with.
 */
static const struct core_page_table *self_table(void)
{
	const struct core_page_table *t = &core_page_table_image;

	__asm__("" : "+r"(t));
	return t;
}

/* The test build corrupts the backing on purpose; see pager_test_cmd.c. */
#ifdef CORE_PAGER_TEST
#define SELF_BACKING_PROT	(PROT_READ | PROT_WRITE)
#else
#define SELF_BACKING_PROT	PROT_READ
#endif

struct self_range {
	const char *name;
	const uint8_t *start;
	size_t size;
	int prot;
	size_t first_hash;	/* in core_page_table.hashes */
};

static bool self_active;

static size_t self_size(const uint8_t *start, const uint8_t *end)
{
	return start && end && end > start ? (size_t)(end - start) : 0;
}

static void self_ranges(struct self_range r[2])
{
	r[0] = (struct self_range){
		.name = "tee-core text",
		.start = __core_paged_text_start,
		.size = self_size(__core_paged_text_start,
				  __core_paged_text_end),
		.prot = PROT_READ | PROT_EXEC,
		.first_hash = 0,
	};
	r[1] = (struct self_range){
		.name = "tee-core rodata",
		.start = __core_paged_rodata_start,
		.size = self_size(__core_paged_rodata_start,
				  __core_paged_rodata_end),
		.prot = PROT_READ,
		.first_hash = r[0].size / CORE_PAGE_HASH_PAGE,
	};
}

size_t self_page_image_pages(void)
{
	struct self_range r[2];

	self_ranges(r);
	return (r[0].size + r[1].size) / pager_page_size();
}

/*
 * Fatal reports from the fault path: formatted on the stack and written
 * with write(2). snprintf is not on POSIX's async-signal-safe list; glibc's
 * is for these plain conversions, and the process is about to end anyway.
 */
static void self_say(const char *line, int n)
{
	if (n > 0)
		n = (int)write(STDERR_FILENO, line, (size_t)n);
}

static const char *self_sym(uintptr_t addr, char *buf, size_t len)
{
	if (!self_page_symbolize(addr, buf, len))
		snprintf(buf, len, "?");
	return buf;
}

/* A fault the pager does not serve: not in any paged region of the core. */
void self_page_foreign(int sig, siginfo_t *info, void *uctx)
{
	uintptr_t addr = (uintptr_t)info->si_addr;
	char line[512], a[160];
	struct sigaction dfl;
	int n;

	(void)uctx;
	n = snprintf(line, sizeof(line), "tee-core: fatal: %s at %#lx <%s>, "
		     "outside every paged region of the core (code %d)\n",
		     sig == SIGBUS ? "SIGBUS" : "SIGSEGV", (unsigned long)addr,
		     self_sym(addr, a, sizeof(a)), info->si_code);
	self_say(line, n);
	/* Die of it: the access repeats with the default action. */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigaction(sig, &dfl, NULL);
	if (info->si_code <= 0)
		raise(sig);
}

/* A page of the core that fails its check: never run, the core stops. */
void self_page_integrity(const struct pager_fatal_info *info, void *arg)
{
	char line[512], a[160];
	int n;

	(void)arg;
	n = snprintf(line, sizeof(line), "tee-core: fatal: integrity failure "
		     "at %#lx <%s> in region \"%s\" (page %zu from %#lx): %s\n",
		     (unsigned long)info->addr,
		     self_sym(info->addr, a, sizeof(a)), info->region,
		     info->page_index, (unsigned long)info->region_start,
		     info->reason);
	self_say(line, n);
	abort();
}

/* Copies r to a fresh backing store and checks it page by page. */
static int self_backing(const struct self_range *r, uint8_t **out)
{
	uint8_t digest[CORE_PAGE_HASH_SIZE];
	uint8_t *b;
	size_t i;

	b = mmap(NULL, r->size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (b == MAP_FAILED)
		return -ENOMEM;
	memcpy(b, r->start, r->size);
	for (i = 0; i < r->size / CORE_PAGE_HASH_PAGE; i++) {
		if (!EVP_Digest(b + i * CORE_PAGE_HASH_PAGE,
				CORE_PAGE_HASH_PAGE, digest, NULL, EVP_sha256(),
				NULL) ||
		    CRYPTO_memcmp(digest,
				  self_table()->hashes[r->first_hash + i],
				  sizeof(digest))) {
			tc_err("%s: page %zu at %p does not match the image's "
			       "page hash", r->name, i,
			       (const void *)(r->start +
					      i * CORE_PAGE_HASH_PAGE));
			munmap(b, r->size);
			return -EBADMSG;
		}
	}
	*out = b;
	return 0;
}

/* Hands range r to the pager: its pages now come from the pool only. */
static int self_page_range(const struct self_range *r)
{
	size_t page = pager_page_size(), npages = r->size / page;
	struct pager_region_desc d = { 0 };
	uint8_t *backing, *hashes;
	void *addr;
	TEE_Result res;
	int rc;

	rc = self_backing(r, &backing);
	if (rc)
		return rc;
	hashes = malloc(npages * PAGER_HASH_SIZE);
	if (!hashes) {
		munmap(backing, r->size);
		return -ENOMEM;
	}
	if (page == CORE_PAGE_HASH_PAGE) {
		memcpy(hashes, self_table()->hashes[r->first_hash],
		       npages * PAGER_HASH_SIZE);
	} else if (pager_hash_pages(backing, r->size, hashes)) {
		/* Larger pages: hashed from the copy just checked. */
		free(hashes);
		munmap(backing, r->size);
		return -EIO;
	}
	mprotect(backing, r->size, SELF_BACKING_PROT);
	d.name = r->name;
	d.addr = (void *)r->start;
	d.size = r->size;
	d.kind = PAGER_KIND_RO;
	d.prot = r->prot;
	d.content = backing;
	d.hashes = hashes;
	res = pager_region_add(&d, &addr);
	free(hashes);
	if (res) {
		tc_err("%s: the pager refused it (0x%08x)", r->name, res);
		munmap(backing, r->size);
		return -EINVAL;
	}
	return 0;
}

static int self_table_check(const struct self_range r[2])
{
	size_t pages = (r[0].size + r[1].size) / CORE_PAGE_HASH_PAGE;
	const struct core_page_table *t = self_table();

	if (t->magic != CORE_PAGE_TABLE_MAGIC ||
	    t->page_size != CORE_PAGE_HASH_PAGE ||
	    t->text_size != r[0].size || t->rodata_size != r[1].size ||
	    t->npages != pages) {
		tc_err("the paged image has no matching page hash table (was "
		       "the partition build's post-link step run?)");
		return -EINVAL;
	}
	if (r[0].size % pager_page_size() || r[1].size % pager_page_size() ||
	    (uintptr_t)r[0].start % pager_page_size() ||
	    (uintptr_t)r[1].start % pager_page_size()) {
		tc_err("the paged ranges are not aligned to this system's "
		       "%zu-byte pages", pager_page_size());
		return -EINVAL;
	}
	return 0;
}

int self_page_start(size_t pool_pages)
{
	struct sigaction sa;
	struct self_range r[2];
	TEE_Result res;
	int i, rc;

	self_ranges(r);
	rc = self_table_check(r);
	if (rc)
		return rc;
	self_page_sym_init();
	/* Faults that are not the pager's come here (it chains to us). */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = self_page_foreign;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	res = pager_init(pool_pages, 0);
	if (res) {
		tc_err("pager_init(%zu pages) failed: 0x%08x", pool_pages, res);
		return -ENOMEM;
	}
	pager_set_symbolizer(self_page_symbolize);
	pager_set_fatal_hook(self_page_integrity, NULL);
	for (i = 0; i < 2; i++) {
		rc = self_page_range(&r[i]);
		if (rc)
			return rc;
	}
	self_active = true;
	tc_info("paging its own image: %zu pages of text and %zu of read-only "
		"data, checked against the image's hashes, in a pool of %zu",
		r[0].size / pager_page_size(), r[1].size / pager_page_size(),
		pool_pages);
	return 0;
}

bool self_page_stats(struct tc_pager_stats_rec *rec)
{
	struct pager_stats st;

	if (!self_active || pager_get_stats(&st))
		return false;
	memset(rec, 0, sizeof(*rec));
	rec->kind = TC_PAGER_PROC_CORE;
	rec->pid = (uint32_t)getpid();
	pager_stats_to_rec(&st, rec);
	return true;
}
