/*
 * The physical pool: pool_pages pages of a memfd, a permanent read-write
 * alias of all of them for filling and saving, and the list of free ones.
 * A pool page is shown at a paged address by mapping its memfd offset there,
 * and hidden again by mapping nothing there. Every such system call is
 * counted (map_calls, unmap_calls, protect_calls).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pager_internal.h"

int pager_pool_init(size_t pages)
{
	size_t bytes = pages << pager_state.page_shift;
	int32_t i;
	int rc;

	pager_state.memfd = memfd_create("pager-pool",
					 MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (pager_state.memfd < 0)
		return -errno;
	if (ftruncate(pager_state.memfd, (off_t)bytes))
		goto fail;
	/* A pool that cannot shrink never turns a mapping into SIGBUS. */
	if (fcntl(pager_state.memfd, F_ADD_SEALS,
		  F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL))
		goto fail;
	pager_state.alias = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_POPULATE, pager_state.memfd, 0);
	if (pager_state.alias == MAP_FAILED) {
		pager_state.alias = NULL;
		goto fail;
	}
	pager_state.ppages = calloc(pages, sizeof(*pager_state.ppages));
	if (!pager_state.ppages) {
		errno = ENOMEM;
		goto fail;
	}
	pager_state.pool_pages = pages;
	pager_state.free_head = PAGER_NO_PAGE;
	for (i = (int32_t)pages - 1; i >= 0; i--)
		pager_pool_free(i);
	return 0;
fail:
	rc = -errno;
	pager_pool_fini();
	return rc;
}

void pager_pool_fini(void)
{
	if (pager_state.alias)
		munmap(pager_state.alias,
		       pager_state.pool_pages << pager_state.page_shift);
	if (pager_state.memfd >= 0)
		close(pager_state.memfd);
	free(pager_state.ppages);
	pager_state.alias = NULL;
	pager_state.memfd = -1;
	pager_state.ppages = NULL;
	pager_state.pool_pages = 0;
	pager_state.free_pages = 0;
}

int32_t pager_pool_alloc(void)
{
	int32_t p = pager_state.free_head;

	if (p != PAGER_NO_PAGE) {
		pager_state.free_head = pager_state.ppages[p].next_free;
		pager_state.free_pages--;
	}
	return p;
}

void pager_pool_free(int32_t p)
{
	struct pager_ppage *pp = &pager_state.ppages[p];

	pp->region = NULL;
	pp->index = 0;
	pp->next_free = pager_state.free_head;
	pager_state.free_head = p;
	pager_state.free_pages++;
}

int pager_pool_map(uintptr_t va, int32_t p, int prot)
{
	void *want = (void *)va;
	void *got;

	/*
	 * MAP_POPULATE spares the retried access a second, kernel-only fault.
	 * The pager only ever maps over a range that maps nothing (reserved,
	 * hidden or evicted), so this call has no old page table entry to
	 * clear and no TLB entry to flush.
	 */
	pager_count(&pager_state.stats.map_calls);
	got = mmap(want, pager_state.page_size, prot,
		   MAP_SHARED | MAP_FIXED | MAP_POPULATE, pager_state.memfd,
		   (off_t)((size_t)p << pager_state.page_shift));
	if (got == MAP_FAILED)
		return -errno;
	return got == want ? 0 : -EFAULT;
}

int pager_pool_unmap(uintptr_t va, size_t len)
{
	void *want = (void *)va;
	void *got;

	/*
	 * Keeps the range reserved so that nothing else is mapped there. A
	 * range that showed pool pages costs one TLB flush here, however many
	 * pages it holds.
	 */
	pager_count(&pager_state.stats.unmap_calls);
	got = mmap(want, len, PROT_NONE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
	if (got == MAP_FAILED)
		return -errno;
	return got == want ? 0 : -EFAULT;
}

int pager_pool_protect(uintptr_t va, int prot)
{
	pager_count(&pager_state.stats.protect_calls);
	if (mprotect((void *)va, pager_state.page_size, prot))
		return -errno;
	return 0;
}
