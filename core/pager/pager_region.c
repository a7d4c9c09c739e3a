/*
 * Paged regions: registering a virtual range with its kind, protection and
 * backing, finding the region of a faulting address, and removing a region
 * with everything it holds.
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <openssl/evp.h>

#include "pager_internal.h"

struct pager_region *pager_region_find(uintptr_t addr)
{
	size_t i;

	for (i = 0; i < pager_state.nregions; i++) {
		struct pager_region *r = pager_state.regions[i];

		if (addr >= r->start &&
		    addr - r->start < (r->npages << pager_state.page_shift))
			return r;
	}
	return NULL;
}

static bool ranges_overlap(uintptr_t a, size_t alen, uintptr_t b, size_t blen)
{
	return a < b + blen && b < a + alen;
}

static TEE_Result check_desc(const struct pager_region_desc *d)
{
	size_t psz = pager_state.page_size;
	uintptr_t addr = (uintptr_t)d->addr;

	if (!d->size || d->size % psz || addr % psz ||
	    (addr && addr + d->size < addr))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (d->kind) {
	case PAGER_KIND_RO:
		if ((d->prot != PROT_READ &&
		     d->prot != (PROT_READ | PROT_EXEC)) ||
		    !d->content || !d->hashes)
			return TEE_ERROR_BAD_PARAMETERS;
		break;
	case PAGER_KIND_RW:
		if (d->prot != (PROT_READ | PROT_WRITE) || !d->content)
			return TEE_ERROR_BAD_PARAMETERS;
		break;
	case PAGER_KIND_ZERO:
		if (d->prot != (PROT_READ | PROT_WRITE) || d->content ||
		    d->hashes)
			return TEE_ERROR_BAD_PARAMETERS;
		break;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
	return TEE_SUCCESS;
}

static void region_free(struct pager_region *r)
{
	size_t bytes = r->npages << pager_state.page_shift;

	if (r->store)
		munmap(r->store, bytes);
	if (r->own_va && r->start)
		munmap((void *)r->start, bytes);
	free(r->hashes);
	free(r);
}

/* Everything a region needs, allocated before it is published. */
static TEE_Result region_alloc(const struct pager_region_desc *d,
			       struct pager_region **out)
{
	size_t npages = d->size >> pager_state.page_shift;
	struct pager_region *r;
	void *va;
	size_t i;

	if (npages > (SIZE_MAX - sizeof(*r)) / sizeof(r->pages[0]) ||
	    npages > SIZE_MAX / PAGER_HASH_SIZE)
		return TEE_ERROR_BAD_PARAMETERS;
	r = calloc(1, sizeof(*r) + npages * sizeof(r->pages[0]));
	if (!r)
		return TEE_ERROR_OUT_OF_MEMORY;
	r->npages = npages;
	r->kind = d->kind;
	r->prot = d->prot;
	r->content = d->content;
	strncpy(r->name, d->name ? d->name : "(unnamed)", sizeof(r->name) - 1);
	for (i = 0; i < npages; i++)
		r->pages[i].ppage = PAGER_NO_PAGE;
	if (d->hashes) {
		r->hashes = malloc(npages * PAGER_HASH_SIZE);
		if (!r->hashes)
			goto nomem;
		memcpy(r->hashes, d->hashes, npages * PAGER_HASH_SIZE);
	}
	if (d->kind != PAGER_KIND_RO) {
		/* Address space only: a page of it is used when first saved. */
		r->store = mmap(NULL, d->size, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
				-1, 0);
		if (r->store == MAP_FAILED) {
			r->store = NULL;
			goto nomem;
		}
	}
	if (d->addr) {
		r->start = (uintptr_t)d->addr;
	} else {
		va = mmap(NULL, d->size, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (va == MAP_FAILED)
			goto nomem;
		r->start = (uintptr_t)va;
		r->own_va = true;
	}
	*out = r;
	return TEE_SUCCESS;
nomem:
	region_free(r);
	return TEE_ERROR_OUT_OF_MEMORY;
}

/* Where a new region may not go, nor take its content from. Lock held. */
static TEE_Result check_placement(const struct pager_region *r,
				  const struct pager_region_desc *d)
{
	size_t bytes = r->npages << pager_state.page_shift;
	size_t pool = pager_state.pool_pages << pager_state.page_shift;
	uintptr_t alias = (uintptr_t)pager_state.alias;
	uintptr_t content = (uintptr_t)d->content;
	size_t i;

	if (pager_state.nregions == PAGER_MAX_REGIONS)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (ranges_overlap(r->start, bytes, alias, pool))
		return TEE_ERROR_ACCESS_CONFLICT;
	if (content && (ranges_overlap(content, d->size, alias, pool) ||
			ranges_overlap(content, d->size, r->start, bytes)))
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < pager_state.nregions; i++) {
		const struct pager_region *o = pager_state.regions[i];
		size_t obytes = o->npages << pager_state.page_shift;

		if (ranges_overlap(r->start, bytes, o->start, obytes))
			return TEE_ERROR_ACCESS_CONFLICT;
		/* Filling from paged memory would fault inside the pager. */
		if (content && ranges_overlap(content, d->size, o->start, obytes))
			return TEE_ERROR_BAD_PARAMETERS;
	}
	return TEE_SUCCESS;
}

TEE_Result pager_region_add(const struct pager_region_desc *desc, void **addr)
{
	struct pager_region *r = NULL;
	TEE_Result res;
	sigset_t saved;
	int rc;

	if (!pager_state.ready)
		return TEE_ERROR_BAD_STATE;
	if (!desc || !addr)
		return TEE_ERROR_BAD_PARAMETERS;
	res = check_desc(desc);
	if (res)
		return res;
	res = region_alloc(desc, &r);
	if (res)
		return res;

	pager_api_enter(&saved);
	pager_spin_lock(&pager_state.lock);
	res = check_placement(r, desc);
	if (!res && !r->own_va) {
		/* Take the caller's range over: nothing of it stays visible. */
		rc = pager_pool_unmap(r->start, desc->size);
		if (rc)
			res = TEE_ERROR_OUT_OF_MEMORY;
	}
	if (!res) {
		r->id = ++pager_state.next_region_id;
		pager_state.regions[pager_state.nregions++] = r;
	}
	pager_spin_unlock(&pager_state.lock);
	pager_api_exit(&saved);

	if (res) {
		if (!r->own_va)
			r->start = 0;	/* the caller's range is not ours */
		region_free(r);
		return res;
	}
	*addr = (void *)r->start;
	return TEE_SUCCESS;
}

/* Drops every pool page of a dying region with no busy page. Lock held. */
static void region_release(struct pager_region *r)
{
	size_t bytes = r->npages << pager_state.page_shift;
	size_t i;
	int rc;

	/* Unmap before freeing: no address may still show a reused page. */
	rc = pager_pool_unmap(r->start, bytes);
	if (rc)
		pager_report_sys_failure("unmap region", r->start, -rc);
	for (i = 0; i < r->npages; i++) {
		struct pager_vpage *vp = &r->pages[i];

		if (vp->flags & PAGER_VP_SAVED)
			__atomic_fetch_sub(&pager_state.stats.store_pages, 1,
					   __ATOMIC_RELAXED);
		vp->flags = 0;
		if (vp->state != PAGER_VP_RESIDENT)
			continue;
		if (vp->pins)
			pager_state.locked_pages--;
		pager_pool_free(vp->ppage);
		vp->state = PAGER_VP_ABSENT;
		vp->ppage = PAGER_NO_PAGE;
		vp->pins = 0;
	}
	for (i = 0; i < pager_state.nregions; i++) {
		if (pager_state.regions[i] == r) {
			pager_state.regions[i] =
				pager_state.regions[--pager_state.nregions];
			break;
		}
	}
}

TEE_Result pager_region_remove(void *addr)
{
	struct pager_region *r;
	sigset_t saved;

	if (!pager_state.ready)
		return TEE_ERROR_BAD_STATE;
	pager_api_enter(&saved);
	pager_spin_lock(&pager_state.lock);
	r = pager_region_find((uintptr_t)addr);
	if (!r || r->dying || r->start != (uintptr_t)addr) {
		pager_spin_unlock(&pager_state.lock);
		pager_api_exit(&saved);
		return TEE_ERROR_ITEM_NOT_FOUND;
	}
	/* New faults in it now crash; wait for the ones in flight. */
	r->dying = true;
	while (r->busy) {
		pager_spin_unlock(&pager_state.lock);
		sched_yield();
		pager_spin_lock(&pager_state.lock);
	}
	region_release(r);
	pager_spin_unlock(&pager_state.lock);
	pager_api_exit(&saved);

	if (!r->own_va)
		r->start = 0;	/* left reserved, with no access, for the caller */
	region_free(r);
	return TEE_SUCCESS;
}

void pager_region_remove_all(void)
{
	while (pager_state.nregions)
		pager_region_remove((void *)pager_state.regions[0]->start);
}

TEE_Result pager_hash_pages(const void *content, size_t size, uint8_t *hashes)
{
	size_t psz = pager_page_size();
	const uint8_t *p = content;
	size_t i;

	if (!psz || !content || !hashes || !size || size % psz)
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < size / psz; i++) {
		if (!EVP_Digest(p + i * psz, psz, hashes + i * PAGER_HASH_SIZE,
				NULL, EVP_sha256(), NULL))
			return TEE_ERROR_GENERIC;
	}
	return TEE_SUCCESS;
}
