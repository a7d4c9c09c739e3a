/*
 * Victim choice: a clock over the pool whose "accessed bit" is whether the
 * page is accessible. The hand hides (maps with no access) every page it
 * passes; a page touched since comes back through a cheap hidden hit, and
 * one still hidden when the hand comes round again is the victim.
 */
#include <sys/mman.h>

#include "pager_internal.h"

static struct pager_vpage *clock_candidate(const struct pager_ppage *pp)
{
	struct pager_vpage *vp;

	if (!pp->region || pp->region->dying)
		return NULL;
	vp = &pp->region->pages[pp->index];
	if (vp->state != PAGER_VP_RESIDENT || vp->pins)
		return NULL;
	return vp;
}

void pager_clock_hide(struct pager_region *r, size_t idx)
{
	uintptr_t va = pager_region_va(r, idx);
	int rc;

	/* mprotect() rather than unmapping: a hidden hit is then cheap too. */
	rc = pager_pool_protect(va, PROT_NONE);
	if (rc)
		pager_report_sys_failure("hide page", va, -rc);
	r->pages[idx].flags |= PAGER_VP_HIDDEN;
}

/*
 * An evicted page was hidden, so its address still maps the pool page with
 * no access. That mapping is left (stale) until the page is mapped again or
 * its region goes: the pager never changes the protection of an absent
 * page, and nothing can reach a pool page through it. Past PAGER_MAX_STALE
 * such mappings, the address is unmapped instead.
 */
void pager_clock_evicted(struct pager_region *r, size_t idx)
{
	uintptr_t va = pager_region_va(r, idx);
	int rc;

	if (pager_state.stale_pages < PAGER_MAX_STALE) {
		r->pages[idx].flags |= PAGER_VP_STALE;
		pager_state.stale_pages++;
		return;
	}
	rc = pager_pool_unmap(va, pager_state.page_size);
	if (rc)
		pager_report_sys_failure("unmap evicted page", va, -rc);
}

/*
 * The hand hides pool page p, and with it the pool pages right after p
 * that hold the next pages of the same region, up to PAGER_HIDE_BATCH: the
 * hand would hide each of them on its next steps anyway, and one mprotect()
 * of the run costs one system call and one TLB flush where a page at a
 * time costs as many as there are pages. Returns how many it hid, all of
 * which the hand has then passed. A sequential working set (code
 * run through, a buffer walked) fills the pool in exactly that order.
 */
static size_t clock_hide_run(size_t p)
{
	struct pager_ppage *pp = &pager_state.ppages[p];
	struct pager_region *r = pp->region;
	size_t idx = pp->index, n = 1, k;
	int rc;

	while (n < PAGER_HIDE_BATCH && p + n < pager_state.pool_pages) {
		const struct pager_ppage *q = &pager_state.ppages[p + n];
		const struct pager_vpage *vq = clock_candidate(q);

		if (!vq || q->region != r || q->index != idx + n ||
		    idx + n >= r->npages || (vq->flags & PAGER_VP_HIDDEN))
			break;
		n++;
	}
	if (n == 1) {
		pager_clock_hide(r, idx);
		return 1;
	}
	rc = pager_pool_protect_pages(pager_region_va(r, idx), n, PROT_NONE);
	if (rc)
		pager_report_sys_failure("hide pages", pager_region_va(r, idx),
					 -rc);
	for (k = 0; k < n; k++)
		r->pages[idx + k].flags |= PAGER_VP_HIDDEN;
	return n;
}

int32_t pager_clock_victim(void)
{
	size_t n = pager_state.pool_pages;
	size_t step, hid;

	/* Two turns: the first may only hide, the second then finds one. */
	for (step = 0; step < 2 * n; step++) {
		size_t p = pager_state.clock_hand;
		struct pager_ppage *pp = &pager_state.ppages[p];
		struct pager_vpage *vp = clock_candidate(pp);

		pager_state.clock_hand = (p + 1) % n;
		if (!vp)
			continue;
		if (vp->flags & PAGER_VP_HIDDEN)
			return (int32_t)p;
		/* The hand has passed the whole run it hid. */
		hid = clock_hide_run(p);
		pager_state.clock_hand = (p + hid) % n;
		step += hid - 1;
	}
	return PAGER_NO_PAGE;
}
