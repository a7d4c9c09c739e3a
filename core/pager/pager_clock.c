/*
 * Victim choice: a clock over the pool whose "accessed bit" is whether the
 * page is still mapped. The hand hides (unmaps) every mapped page it passes;
 * a page touched since comes back through a cheap hidden hit, and one still
 * hidden when the hand comes round again is the victim.
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

	/*
	 * Unmapping rather than mprotect(PROT_NONE) keeps no stale link from
	 * the address to the pool page, so evicting a hidden page later costs
	 * no system call at all.
	 */
	rc = pager_pool_protect(va, PROT_NONE);
	if (rc)
		pager_report_sys_failure("hide (unmap) page", va, -rc);
	r->pages[idx].flags |= PAGER_VP_HIDDEN;
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
