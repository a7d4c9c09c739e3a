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

int32_t pager_clock_victim(void)
{
	size_t n = pager_state.pool_pages;
	size_t step;

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
		pager_clock_hide(pp->region, pp->index);
	}
	return PAGER_NO_PAGE;
}
