/*
 * Victim choice: a clock over the pool whose "accessed bit" is whether the
 * page is mapped. The hand hides (unmaps) every page it passes, the page
 * staying in the pool; a page touched since comes back through a hidden
 * hit (mapped again, no copy, no check), and one still hidden when the hand
 * comes round again is the victim.
 *
 * Hiding unmaps rather than taking access away with mprotect(): a victim's
 * address then maps nothing, so evicting it needs no system call and the
 * next fault there maps a page where there was none, which needs no TLB
 * flush. A page still mapped with no access would cost a flush when it is
 * replaced, on every fault; unmapping pays one flush per hidden run instead.
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

/*
 * Hides pool page p, and with it the pool pages after p, in the hand's
 * order and round the end of the pool, that hold the next pages of the
 * same region, up to PAGER_HIDE_BATCH: the hand would hide each of them
 * on its next steps anyway, and one call for the run costs one system call
 * and one TLB flush where a page at a time costs as many as there are
 * pages. A sequential working set (code run through, a buffer walked)
 * fills the pool in exactly that order, whatever pool page the hand
 * starts from. Returns how many pool pages it hid.
 */
size_t pager_clock_hide_run(size_t p)
{
	struct pager_ppage *pp = &pager_state.ppages[p];
	struct pager_region *r = pp->region;
	size_t idx = pp->index, n = 1, k;
	size_t most = PAGER_HIDE_BATCH < pager_state.pool_pages ?
		      PAGER_HIDE_BATCH : pager_state.pool_pages;
	uintptr_t va = pager_region_va(r, idx);
	int rc;

	while (n < most) {
		const struct pager_ppage *q =
			&pager_state.ppages[(p + n) % pager_state.pool_pages];
		const struct pager_vpage *vq = clock_candidate(q);

		if (!vq || q->region != r || q->index != idx + n ||
		    idx + n >= r->npages || (vq->flags & PAGER_VP_HIDDEN))
			break;
		n++;
	}
	rc = pager_pool_unmap(va, n << pager_state.page_shift);
	if (rc)
		pager_report_sys_failure("hide pages", va, -rc);
	for (k = 0; k < n; k++)
		r->pages[idx + k].flags |= PAGER_VP_HIDDEN;
	return n;
}

void pager_clock_hide(struct pager_region *r, size_t idx)
{
	uintptr_t va = pager_region_va(r, idx);
	int rc;

	rc = pager_pool_unmap(va, pager_state.page_size);
	if (rc)
		pager_report_sys_failure("hide page", va, -rc);
	r->pages[idx].flags |= PAGER_VP_HIDDEN;
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
		hid = pager_clock_hide_run(p);
		pager_state.clock_hand = (p + hid) % n;
		step += hid - 1;
	}
	return PAGER_NO_PAGE;
}
