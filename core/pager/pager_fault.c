/*
 * The page state machine: resolving a fault (or a pager_lock() request) on a
 * paged address, evicting, and pinning. Decisions are taken under the pager
 * lock; copying, hashing and sealing happen outside it on BUSY pages.
 */
#include <errno.h>
#include <sched.h>
#include <sys/mman.h>

#include "pager_internal.h"

static bool access_allowed(const struct pager_region *r,
			   enum pager_access access)
{
	switch (access) {
	case PAGER_ACCESS_WRITE:
		return r->prot & PROT_WRITE;
	case PAGER_ACCESS_EXEC:
		return r->prot & PROT_EXEC;
	default:
		return true;
	}
}

/*
 * Read-write pages are mapped read-only until written, so a page never
 * written since it was filled needs no save. A locked page is mapped
 * writable at once: it must never fault.
 */
static bool wants_write(const struct pager_region *r, enum pager_access access,
			bool pin)
{
	return r->kind != PAGER_KIND_RO &&
	       (access == PAGER_ACCESS_WRITE || pin);
}

static int page_prot(const struct pager_region *r, bool dirty)
{
	if (r->kind == PAGER_KIND_RO)
		return r->prot;
	return dirty ? PROT_READ | PROT_WRITE : PROT_READ;
}

/* Whether one more pin on vp is allowed. Caller holds the lock. */
static int pin_check(const struct pager_vpage *vp)
{
	if (vp->pins == UINT16_MAX)
		return -EOVERFLOW;
	if (!vp->pins && pager_state.locked_pages + 1 + PAGER_MIN_UNLOCKED >
			 pager_state.pool_pages)
		return -ENOMEM;
	return 0;
}

/* Caller holds the lock. */
static int pin_page(struct pager_vpage *vp)
{
	int rc = pin_check(vp);

	if (rc)
		return rc;
	if (!vp->pins++)
		pager_state.locked_pages++;
	return 0;
}

/* Caller holds the lock. */
static void unpin_page(struct pager_vpage *vp)
{
	if (!vp->pins)
		return;
	if (!--vp->pins)
		pager_state.locked_pages--;
}

/*
 * A touch of a page that has a pool page. Caller holds the lock. A fault of
 * unknown kind on a mapped read-only page of a writable region can only
 * be a write.
 */
static int touch_resident(struct pager_region *r, size_t idx,
			  enum pager_access access, bool pin)
{
	struct pager_vpage *vp = &r->pages[idx];
	uintptr_t va = pager_region_va(r, idx);
	bool write = wants_write(r, access, pin) ||
		     (r->kind != PAGER_KIND_RO &&
		      access == PAGER_ACCESS_UNKNOWN &&
		      !(vp->flags & PAGER_VP_HIDDEN));
	bool upgrade = write && !(vp->flags & PAGER_VP_DIRTY);
	int res = PAGER_FAULT_SPURIOUS;
	int rc;

	if (pin) {
		rc = pin_check(vp);
		if (rc)
			return rc;
	}
	if (upgrade) {
		vp->flags |= PAGER_VP_DIRTY;
		pager_count(&pager_state.stats.write_faults);
		res = PAGER_FAULT_DONE;
	}
	if (vp->flags & PAGER_VP_HIDDEN) {
		/* Its address maps nothing: no old entry to clear or flush. */
		rc = pager_pool_map(va, vp->ppage,
				    page_prot(r, vp->flags & PAGER_VP_DIRTY));
		if (rc)
			pager_report_sys_failure("show hidden page", va, -rc);
		vp->flags &= (uint8_t)~PAGER_VP_HIDDEN;
		pager_count(&pager_state.stats.hidden_hits);
		res = PAGER_FAULT_DONE;
	} else if (upgrade) {
		rc = pager_pool_protect(va, PROT_READ | PROT_WRITE);
		if (rc)
			pager_report_sys_failure("make page writable", va, -rc);
	}
	if (pin) {
		rc = pin_page(vp);
		if (rc)
			return rc;
		res = PAGER_FAULT_DONE;
	}
	return res;
}

/*
 * Caller holds the lock; the page was BUSY and is saved. flags are its flags
 * as pager_save() left them: a BUSY page's owner changes flags only here.
 * The page was hidden, so its address already maps nothing.
 */
static void finish_eviction(struct pager_region *r, size_t idx, uint8_t flags)
{
	struct pager_vpage *vp = &r->pages[idx];

	vp->state = PAGER_VP_ABSENT;
	vp->ppage = PAGER_NO_PAGE;
	vp->flags = flags & (uint8_t)~(PAGER_VP_HIDDEN | PAGER_VP_DIRTY);
	r->busy--;
	pager_count(&pager_state.stats.evictions);
}

/*
 * Caller holds the lock; moves a resident page to BUSY for eviction, hidden
 * first: from here on its address maps nothing, so no thread reads the pool
 * page through it while it is saved and refilled.
 */
static void start_eviction(struct pager_region *r, size_t idx)
{
	if (!(r->pages[idx].flags & PAGER_VP_HIDDEN))
		pager_clock_hide(r, idx);
	r->pages[idx].state = PAGER_VP_BUSY;
	r->busy++;
}

/*
 * An absent page: take a free pool page or a victim's, fill it, map it.
 * Called with the lock held; returns with it released.
 */
static int bring_in(struct pager_region *r, size_t idx,
		    enum pager_access access, bool pin)
{
	struct pager_vpage *vp = &r->pages[idx];
	struct pager_region *vr = NULL;
	struct pager_crypto_slot *cs;
	const char *reason = NULL;
	uintptr_t va = pager_region_va(r, idx);
	bool write = wants_write(r, access, pin);
	uint8_t flags = vp->flags, vflags = 0;
	size_t vidx = 0;
	int32_t p;
	int rc;

	if (pin) {
		/* Checked again at the end: another thread may pin meanwhile. */
		rc = pin_check(vp);
		if (rc) {
			pager_spin_unlock(&pager_state.lock);
			return rc;
		}
	}
	p = pager_pool_alloc();
	if (p == PAGER_NO_PAGE) {
		p = pager_clock_victim();
		if (p == PAGER_NO_PAGE) {
			/* Every candidate is busy or locked: wait. */
			pager_spin_unlock(&pager_state.lock);
			return PAGER_FAULT_RETRY;
		}
		vr = pager_state.ppages[p].region;
		vidx = pager_state.ppages[p].index;
		start_eviction(vr, vidx);
		vflags = vr->pages[vidx].flags;
	}
	vp->state = PAGER_VP_BUSY;
	r->busy++;
	pager_spin_unlock(&pager_state.lock);

	cs = pager_crypto_get();
	if (vr)
		pager_save(cs, vr, vidx, p, &vflags);
	rc = pager_fill(cs, r, idx, p, flags, &reason);
	pager_crypto_put(cs);
	if (!rc) {
		rc = pager_pool_map(va, p, page_prot(r, write));
		if (rc)
			pager_report_sys_failure("map page", va, -rc);
		if (r->prot & PROT_EXEC)
			pager_arch_sync_icache((void *)va, pager_state.page_size);
	}

	pager_spin_lock(&pager_state.lock);
	if (vr)
		finish_eviction(vr, vidx, vflags);
	if (rc) {
		pager_pool_free(p);
		vp->state = PAGER_VP_ABSENT;
		r->busy--;
		pager_count(&pager_state.stats.integrity_failures);
		pager_spin_unlock(&pager_state.lock);
		pager_report_integrity(r, idx, reason);
	}
	pager_state.ppages[p].region = r;
	pager_state.ppages[p].index = idx;
	vp->ppage = p;
	vp->flags &= (uint8_t)~PAGER_VP_HIDDEN;
	if (write)
		vp->flags |= PAGER_VP_DIRTY;
	vp->state = PAGER_VP_RESIDENT;
	r->busy--;
	if (r->kind == PAGER_KIND_RO)
		pager_count(&pager_state.stats.ro_faults);
	else
		pager_count(&pager_state.stats.rw_faults);
	rc = pin ? pin_page(vp) : 0;
	pager_spin_unlock(&pager_state.lock);
	return rc ? rc : PAGER_FAULT_DONE;
}

int pager_fault_resolve(uintptr_t addr, enum pager_access access, bool pin)
{
	bool waited = false;

	for (;;) {
		struct pager_region *r;
		size_t idx;
		int res;

		pager_spin_lock(&pager_state.lock);
		r = pager_region_find(addr);
		if (!r || r->dying || !access_allowed(r, access)) {
			pager_spin_unlock(&pager_state.lock);
			return PAGER_FAULT_FOREIGN;
		}
		idx = (addr - r->start) >> pager_state.page_shift;
		switch (r->pages[idx].state) {
		case PAGER_VP_RESIDENT:
			res = touch_resident(r, idx, access, pin);
			pager_spin_unlock(&pager_state.lock);
			return res;
		case PAGER_VP_ABSENT:
			res = bring_in(r, idx, access, pin);
			if (res != PAGER_FAULT_RETRY)
				return res;
			break;
		default:
			/* BUSY: its owner finishes without waiting on us. */
			pager_spin_unlock(&pager_state.lock);
			if (!waited)
				pager_count(&pager_state.stats.busy_waits);
			waited = true;
			break;
		}
		sched_yield();
	}
}

/* Finds the region holding [addr, addr + len). Caller holds the lock. */
static struct pager_region *range_region(uintptr_t addr, size_t len,
					 size_t *first, size_t *count)
{
	struct pager_region *r = pager_region_find(addr);
	size_t off, last;

	if (!r || r->dying || !len)
		return NULL;
	off = addr - r->start;
	if (len > (r->npages << pager_state.page_shift) - off)
		return NULL;
	*first = off >> pager_state.page_shift;
	last = (off + len - 1) >> pager_state.page_shift;
	*count = last - *first + 1;
	return r;
}

static TEE_Result unlock_range(uintptr_t addr, size_t len)
{
	struct pager_region *r;
	size_t first, count, i;
	TEE_Result res = TEE_SUCCESS;

	pager_spin_lock(&pager_state.lock);
	r = range_region(addr, len, &first, &count);
	if (!r) {
		res = TEE_ERROR_BAD_PARAMETERS;
		goto out;
	}
	for (i = 0; i < count; i++) {
		if (!r->pages[first + i].pins) {
			res = TEE_ERROR_BAD_STATE;
			goto out;
		}
	}
	for (i = 0; i < count; i++)
		unpin_page(&r->pages[first + i]);
out:
	pager_spin_unlock(&pager_state.lock);
	return res;
}

TEE_Result pager_lock(void *addr, size_t len)
{
	uintptr_t start = (uintptr_t)addr & ~(uintptr_t)(pager_state.page_size - 1);
	TEE_Result res = TEE_SUCCESS;
	struct pager_region *r;
	size_t first, count, i;
	sigset_t saved;
	int rc = 0;

	if (!pager_state.ready)
		return TEE_ERROR_BAD_STATE;
	pager_api_enter(&saved);
	pager_spin_lock(&pager_state.lock);
	r = range_region((uintptr_t)addr, len, &first, &count);
	pager_spin_unlock(&pager_state.lock);
	if (!r) {
		res = TEE_ERROR_BAD_PARAMETERS;
		goto out;
	}
	for (i = 0; i < count; i++) {
		rc = pager_fault_resolve(start + (i << pager_state.page_shift),
					 PAGER_ACCESS_READ, true);
		if (rc < 0 || rc == PAGER_FAULT_FOREIGN)
			break;
	}
	if (i < count) {
		if (i)
			unlock_range(start, i << pager_state.page_shift);
		res = rc == -ENOMEM ? TEE_ERROR_OUT_OF_MEMORY :
		      rc == PAGER_FAULT_FOREIGN ? TEE_ERROR_BAD_PARAMETERS :
		      TEE_ERROR_OVERFLOW;
	}
out:
	pager_api_exit(&saved);
	return res;
}

TEE_Result pager_unlock(void *addr, size_t len)
{
	TEE_Result res;
	sigset_t saved;

	if (!pager_state.ready)
		return TEE_ERROR_BAD_STATE;
	pager_api_enter(&saved);
	res = unlock_range((uintptr_t)addr, len);
	pager_api_exit(&saved);
	return res;
}

TEE_Result pager_hide_all(void)
{
	sigset_t saved;
	size_t p;

	if (!pager_state.ready)
		return TEE_ERROR_BAD_STATE;
	pager_api_enter(&saved);
	pager_spin_lock(&pager_state.lock);
	for (p = 0; p < pager_state.pool_pages; p++) {
		struct pager_ppage *pp = &pager_state.ppages[p];
		struct pager_vpage *vp;

		if (!pp->region || pp->region->dying)
			continue;
		vp = &pp->region->pages[pp->index];
		if (vp->state == PAGER_VP_RESIDENT && !vp->pins &&
		    !(vp->flags & PAGER_VP_HIDDEN))
			p += pager_clock_hide_run(p) - 1;
	}
	pager_spin_unlock(&pager_state.lock);
	pager_api_exit(&saved);
	return TEE_SUCCESS;
}

TEE_Result pager_evict_all(void)
{
	sigset_t saved;
	size_t p;

	if (!pager_state.ready)
		return TEE_ERROR_BAD_STATE;
	pager_api_enter(&saved);
	/* One pass: pages other threads bring in meanwhile may stay. */
	for (p = 0; p < pager_state.pool_pages; p++) {
		struct pager_ppage *pp = &pager_state.ppages[p];
		struct pager_crypto_slot *cs;
		struct pager_region *r;
		uint8_t flags;
		size_t idx;

		pager_spin_lock(&pager_state.lock);
		r = pp->region;
		idx = pp->index;
		if (!r || r->dying || r->pages[idx].state != PAGER_VP_RESIDENT ||
		    r->pages[idx].pins) {
			pager_spin_unlock(&pager_state.lock);
			continue;
		}
		start_eviction(r, idx);
		flags = r->pages[idx].flags;
		pager_spin_unlock(&pager_state.lock);

		cs = pager_crypto_get();
		pager_save(cs, r, idx, (int32_t)p, &flags);
		pager_crypto_put(cs);

		pager_spin_lock(&pager_state.lock);
		finish_eviction(r, idx, flags);
		pager_pool_free((int32_t)p);
		pager_spin_unlock(&pager_state.lock);
	}
	pager_api_exit(&saved);
	return TEE_SUCCESS;
}
