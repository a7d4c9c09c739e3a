/*
 * Test-only tampering with what the pager keeps outside the pool, so tests
 * can show it is detected. Built only into test programs.
 */
#ifdef PAGER_TEST_HOOKS

#include "pager_internal.h"

/* The page at addr, for a hook; takes the lock, returns holding it. */
static struct pager_region *hook_page(void *addr, size_t *idx,
				      sigset_t *saved)
{
	struct pager_region *r;

	pager_api_enter(saved);
	pager_spin_lock(&pager_state.lock);
	r = pager_region_find((uintptr_t)addr);
	if (r)
		*idx = ((uintptr_t)addr - r->start) >> pager_state.page_shift;
	return r;
}

static void hook_done(const sigset_t *saved)
{
	pager_spin_unlock(&pager_state.lock);
	pager_api_exit(saved);
}

/* The saved ciphertext of a page not in the pool; lock held. */
static uint8_t *saved_copy(struct pager_region *r, size_t idx)
{
	const struct pager_vpage *vp = &r->pages[idx];

	if (!r->store || vp->state != PAGER_VP_ABSENT ||
	    !(vp->flags & PAGER_VP_SAVED))
		return NULL;
	return r->store + (idx << pager_state.page_shift);
}

TEE_Result pager_test_saved_copy(void *addr, void **ciphertext)
{
	TEE_Result res = TEE_ERROR_ITEM_NOT_FOUND;
	struct pager_region *r;
	sigset_t saved;
	size_t idx = 0;
	uint8_t *c;

	if (!pager_state.ready)
		return TEE_ERROR_BAD_STATE;
	r = hook_page(addr, &idx, &saved);
	c = r ? saved_copy(r, idx) : NULL;
	if (c) {
		*ciphertext = c;
		res = TEE_SUCCESS;
	}
	hook_done(&saved);
	return res;
}

TEE_Result pager_test_corrupt_saved(void *addr)
{
	TEE_Result res = TEE_ERROR_ITEM_NOT_FOUND;
	struct pager_region *r;
	sigset_t saved;
	size_t idx = 0;
	uint8_t *c;

	if (!pager_state.ready)
		return TEE_ERROR_BAD_STATE;
	r = hook_page(addr, &idx, &saved);
	c = r ? saved_copy(r, idx) : NULL;
	if (c) {
		c[pager_state.page_size / 2] ^= 0x01;
		res = TEE_SUCCESS;
	}
	hook_done(&saved);
	return res;
}

TEE_Result pager_test_corrupt_backing(void *addr)
{
	TEE_Result res = TEE_ERROR_ITEM_NOT_FOUND;
	struct pager_region *r;
	sigset_t saved;
	size_t idx = 0;

	if (!pager_state.ready)
		return TEE_ERROR_BAD_STATE;
	r = hook_page(addr, &idx, &saved);
	if (r && r->content) {
		uint8_t *c = (uint8_t *)r->content;

		c[(idx << pager_state.page_shift) + 7] ^= 0x80;
		res = TEE_SUCCESS;
	}
	hook_done(&saved);
	return res;
}

#endif
