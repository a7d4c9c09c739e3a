/*
 * The TA's memory under the demand pager. The core grants the host a share
 * of the physical pool (TC_HOST_PAGER_SETUP); the loader then places every
 * segment of the TA in paged regions through struct elf_map_ops, the stack
 * is a paged region locked while an entry point runs, and the statistics
 * are published in a page the core reads.
 *
 * Read-only pages are checked against the signed image's page hashes. The
 * host receives the ELF the core verified (a write-sealed memfd), not the
 * image, so it rebuilds the image's hash table from that ELF with the
 * function the signer and the verifier use (ta_image_layout_build): the
 * verifier has checked that the signed table is exactly this one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <teecheck/pager_stats.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../loader/elf_load.h"
#include "../ta_image/ta_image.h"
#include "../pager/pager.h"
#include "../pager/pager_rec.h"
#include "host_parts.h"
#include "ta_host.h"
#include "ta_paged.h"

/* One loaded segment: its range, its backing and its regions. */
struct paged_seg {
	uintptr_t addr;
	size_t size;
	int prot;
	uint8_t *backing;	/* initial content of the file-backed pages */
	size_t backing_size;
	void *regions[2];	/* content pages, zero pages */
};

static struct {
	bool ready;			/* the core set the pager up */
	size_t page;
	struct tc_pager_stats_page *stats;
	struct ta_image_layout lay;	/* the signed image's hash table */
	struct paged_seg segs[ELF_MAX_SEGMENTS];
	size_t nsegs;
} paged;

/* Corrupting a backing buffer is what the test build's hooks do. */
#ifdef PAGER_TEST_HOOKS
#define PAGED_BACKING_PROT	(PROT_READ | PROT_WRITE)
#else
#define PAGED_BACKING_PROT	PROT_READ
#endif

static size_t round_up(size_t x, size_t a)
{
	return (x + a - 1) / a * a;
}

/*
 * An integrity failure in the TA's memory is a panic: the core hears it,
 * the instance ends and its clients get TEE_ERROR_TARGET_DEAD. Runs in the
 * fault handler: no stdio, and it does not return.
 */
static void paged_fatal(const struct pager_fatal_info *info, void *arg)
{
	char line[256];
	struct tc_msg m;
	int n;

	(void)arg;
	n = snprintf(line, sizeof(line), "ta-host: pager integrity failure at "
		     "%#lx: %s (page %zu of region \"%s\" at %#lx): TA panic\n",
		     (unsigned long)info->addr, info->reason, info->page_index,
		     info->region, (unsigned long)info->region_start);
	if (n > 0 && write(STDERR_FILENO, line, (size_t)n) < 0)
		n = 0;
	tc_msg_init(&m, TC_CMD_HOST_PANIC, 0);
	m.ret = TEE_ERROR_SECURITY;
	tc_send(host_socket(), &m, -1);
	_exit(1);
}

static void paged_publish(void)
{
	static uint32_t pid;	/* a host's, after the zygote's fork */
	struct tc_pager_stats_rec *r;
	struct pager_stats st;

	if (!paged.stats || pager_get_stats(&st))
		return;
	if (!pid)
		pid = (uint32_t)getpid();
	__atomic_add_fetch(&paged.stats->seq, 1, __ATOMIC_ACQ_REL);
	r = &paged.stats->rec;
	r->kind = TC_PAGER_PROC_TA;
	r->pid = pid;
	pager_stats_to_rec(&st, r);
	__atomic_add_fetch(&paged.stats->seq, 1, __ATOMIC_ACQ_REL);
}

static uint32_t paged_setup(struct tc_msg *m, int fd)
{
	struct stat st;
	void *page;
	TEE_Result res;

	if (paged.ready || host_ta()->nsegs) {
		tc_err("PAGER SETUP: %s", paged.ready ? "repeated" :
		       "the TA is already loaded");
		return TEE_ERROR_BAD_STATE;
	}
	if (m->arg < PAGER_MIN_UNLOCKED || m->arg > PAGER_MAX_POOL_PAGES) {
		tc_err("PAGER SETUP: arg: pool of %llu pages, not %u..%u",
		       (unsigned long long)m->arg, PAGER_MIN_UNLOCKED,
		       PAGER_MAX_POOL_PAGES);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (fd < 0 || fstat(fd, &st) ||
	    (uint64_t)st.st_size < sizeof(*paged.stats)) {
		tc_err("PAGER SETUP: no statistics page");
		return TEE_ERROR_BAD_PARAMETERS;
	}
	page = mmap(NULL, sizeof(*paged.stats), PROT_READ | PROT_WRITE,
		    MAP_SHARED, fd, 0);
	if (page == MAP_FAILED)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = pager_init((size_t)m->arg, 0);
	if (res) {
		tc_err("PAGER SETUP: pager_init(%llu pages): 0x%08x",
		       (unsigned long long)m->arg, res);
		munmap(page, sizeof(*paged.stats));
		return res;
	}
	pager_set_fatal_hook(paged_fatal, NULL);
	paged.page = pager_page_size();
	paged.stats = page;
	paged.ready = true;
	paged_publish();
	return TEE_SUCCESS;
}

#ifdef PAGER_TEST_HOOKS
/* The test build's tampering, for the tests that show it is caught. */
static uint32_t paged_tamper(const struct tc_msg *m)
{
	void *addr = (void *)(uintptr_t)m->arg;
	TEE_Result res;

	if (!paged.ready)
		return TEE_ERROR_BAD_STATE;
	switch (m->tamper) {
	case TC_PAGER_TEST_TA_SAVED:
		/* Saved first, so that there is a sealed copy to corrupt. */
		pager_evict_all();
		res = pager_test_corrupt_saved(addr);
		break;
	case TC_PAGER_TEST_TA_HASHED:
		res = pager_test_corrupt_backing(addr);
		if (!res)
			res = pager_evict_all();
		break;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
	tc_info("test: corrupted the %s of the page at %p: 0x%08x",
		m->tamper == TC_PAGER_TEST_TA_SAVED ? "saved copy" : "backing",
		addr, res);
	return res;
}
#else
static uint32_t paged_tamper(const struct tc_msg *m)
{
	(void)m;
	tc_err("PAGER TAMPER: not a test build");
	return TEE_ERROR_NOT_SUPPORTED;
}
#endif

TEE_Result ta_paged_command(struct tc_msg *m, int fd)
{
	TEE_Result res;

	switch (m->func) {
	case TC_HOST_PAGER_SETUP:
		res = paged_setup(m, fd);
		break;
	case TC_HOST_PAGER_TAMPER:
		res = paged_tamper(m);
		break;
	default:
		tc_err("PAGER: func: unknown function %u", m->func);
		res = TEE_ERROR_BAD_PARAMETERS;
		break;
	}
	if (fd >= 0)
		close(fd);
	return res;
}

static TEE_Result paged_reserve(void *ctx, size_t size, size_t align,
				uintptr_t *base)
{
	return elf_map_anon_ops.reserve(ctx, size, align, base);
}

/*
 * The page hashes of pages [0, npages) of segment seg_index, whose content
 * is backing: the signed image's where it has them, computed from the
 * backing for zero pages past the file bytes (and for every page when the
 * host's pages are not the image's).
 */
static TEE_Result paged_hashes(size_t seg_index, const uint8_t *backing,
			       size_t npages, uint8_t **out)
{
	const struct ta_image_seg *s = &paged.lay.segs[seg_index];
	size_t have = 0;
	uint8_t *h;
	TEE_Result res;

	h = malloc(npages * PAGER_HASH_SIZE);
	if (!h)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (paged.page == TA_IMAGE_PAGE_SIZE && seg_index < paged.lay.hdr.seg_count) {
		have = s->page_count < npages ? s->page_count : npages;
		memcpy(h, paged.lay.hashes + (size_t)s->first_hash *
		       TA_IMAGE_HASH_SIZE, have * PAGER_HASH_SIZE);
	}
	if (have < npages) {
		res = pager_hash_pages(backing + have * paged.page,
				       (npages - have) * paged.page,
				       h + have * PAGER_HASH_SIZE);
		if (res) {
			free(h);
			return res;
		}
	}
	*out = h;
	return TEE_SUCCESS;
}

static const char *paged_seg_name(int prot)
{
	if (prot & PROT_EXEC)
		return "TA code";
	if (prot & PROT_WRITE)
		return "TA data";
	return "TA rodata";
}

/* Registers a region of seg; its start goes to seg->regions[slot]. */
static TEE_Result paged_region(struct paged_seg *seg, unsigned int slot,
			       const struct pager_region_desc *d)
{
	void *addr;
	TEE_Result res = pager_region_add(d, &addr);

	if (!res)
		seg->regions[slot] = addr;
	return res;
}

static TEE_Result paged_map(void *ctx, const struct elf_map_req *req)
{
	struct paged_seg *seg;
	struct pager_region_desc d = { 0 };
	uint8_t *hashes = NULL;
	size_t content;
	TEE_Result res;

	(void)ctx;
	if (paged.nsegs == ELF_MAX_SEGMENTS)
		return TEE_ERROR_OUT_OF_MEMORY;
	seg = &paged.segs[paged.nsegs++];
	memset(seg, 0, sizeof(*seg));
	seg->addr = req->addr;
	seg->size = req->size;
	seg->prot = req->prot;
	/* Read-only segments are all content; writable ones end in zeros. */
	content = req->size;
	if (req->prot & PROT_WRITE)
		content = req->src_len ? round_up(req->src_off + req->src_len,
						  paged.page) : 0;
	if (content) {
		seg->backing = mmap(NULL, content, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (seg->backing == MAP_FAILED) {
			seg->backing = NULL;
			return TEE_ERROR_OUT_OF_MEMORY;
		}
		seg->backing_size = content;
		memcpy(seg->backing + req->src_off, req->src, req->src_len);
		res = paged_hashes(req->seg_index, seg->backing,
				   content / paged.page, &hashes);
		if (res)
			return res;
		d.name = paged_seg_name(req->prot);
		d.addr = (void *)req->addr;
		d.size = content;
		d.kind = (req->prot & PROT_WRITE) ? PAGER_KIND_RW :
						    PAGER_KIND_RO;
		d.prot = req->prot;
		d.content = seg->backing;
		d.hashes = hashes;
		res = paged_region(seg, 0, &d);
		free(hashes);
		if (res)
			return res;
		mprotect(seg->backing, content, PAGED_BACKING_PROT);
	}
	if (content < req->size) {
		memset(&d, 0, sizeof(d));
		d.name = "TA bss";
		d.addr = (void *)(req->addr + content);
		d.size = req->size - content;
		d.kind = PAGER_KIND_ZERO;
		d.prot = PROT_READ | PROT_WRITE;
		res = paged_region(seg, 1, &d);
		if (res)
			return res;
	}
	return TEE_SUCCESS;
}

/* The loader's final protections are the ones the regions already have. */
static TEE_Result paged_protect(void *ctx, uintptr_t addr, size_t size,
				int prot)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < paged.nsegs; i++)
		if (paged.segs[i].addr == addr && paged.segs[i].size == size)
			return paged.segs[i].prot == prot ? TEE_SUCCESS :
				TEE_ERROR_ACCESS_CONFLICT;
	return TEE_ERROR_BAD_PARAMETERS;
}

static void paged_release(void *ctx, uintptr_t base, size_t size)
{
	size_t i, k;

	(void)ctx;
	for (i = 0; i < paged.nsegs; i++) {
		struct paged_seg *seg = &paged.segs[i];

		for (k = 0; k < 2; k++)
			if (seg->regions[k])
				pager_region_remove(seg->regions[k]);
		if (seg->backing)
			munmap(seg->backing, seg->backing_size);
	}
	paged.nsegs = 0;
	munmap((void *)base, size);
}

static const struct elf_map_ops paged_ops = {
	.reserve = paged_reserve,
	.map = paged_map,
	.protect = paged_protect,
	.release = paged_release,
};

TEE_Result ta_paged_load(const void *elf, size_t len, struct elf_loaded *out)
{
	TEE_Result res;

	if (!paged.ready)
		return elf_load(elf, len, out);
	res = ta_image_layout_build(elf, len, 0, &paged.lay, out->why,
				    sizeof(out->why));
	if (res)
		return res;
	res = elf_load_with(elf, len, &paged_ops, NULL, out);
	/* The hashes are in the pager's own memory now. */
	ta_image_layout_free(&paged.lay);
	paged_publish();
	return res;
}

void *ta_paged_stack_alloc(size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	struct pager_region_desc d = { 0 };
	uint8_t *base;
	void *addr;

	base = mmap(NULL, size + page, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED)
		return NULL;
	/* The page below stays without access: the guard. */
	if (!paged.ready) {
		if (mprotect(base + page, size, PROT_READ | PROT_WRITE))
			goto fail;
		return base + page;
	}
	d.name = "TA stack";
	d.addr = base + page;
	d.size = size;
	d.kind = PAGER_KIND_ZERO;
	d.prot = PROT_READ | PROT_WRITE;
	if (pager_region_add(&d, &addr))
		goto fail;
	paged_publish();
	return addr;
fail:
	munmap(base, size + page);
	return NULL;
}

TEE_Result ta_paged_enter(void *stack, size_t size)
{
	TEE_Result res;

	if (!paged.ready)
		return TEE_SUCCESS;
	res = pager_lock(stack, size);
	if (res)
		tc_err("cannot lock the TA stack (%zu bytes) in a pool of %zu "
		       "pages: 0x%08x", size, paged.stats ?
		       (size_t)paged.stats->rec.pool_pages : 0, res);
	return res;
}

void ta_paged_leave(void *stack, size_t size)
{
	if (!paged.ready)
		return;
	pager_unlock(stack, size);
	paged_publish();
}
