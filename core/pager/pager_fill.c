/*
 * Moving a page's content between the pool and where it lives when absent:
 * the backing buffer (checked against its SHA-256), the store (sealed with
 * AES-256-GCM) or nowhere (zeroes). Runs outside the pager lock, on a page
 * its caller holds BUSY, through the pool alias.
 */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>

#include "pager_internal.h"

/* Binds a sealed page to its region and its place in it. */
static void page_aad(const struct pager_region *r, size_t idx,
		     uint8_t aad[PAGER_AAD_SIZE])
{
	uint64_t v[2] = { r->id, idx };
	size_t i;

	for (i = 0; i < 8; i++) {
		aad[i] = (uint8_t)(v[0] >> (56 - 8 * i));
		aad[8 + i] = (uint8_t)(v[1] >> (56 - 8 * i));
	}
}

int pager_fill(struct pager_crypto_slot *cs, struct pager_region *r,
	       size_t idx, int32_t p, uint8_t flags, const char **reason)
{
	struct pager_vpage *vp = &r->pages[idx];
	size_t psz = pager_state.page_size;
	uint8_t *dst = pager_pool_alias(p);
	uint8_t aad[PAGER_AAD_SIZE];
	uint8_t hash[PAGER_HASH_SIZE];

	if (flags & PAGER_VP_SAVED) {
		page_aad(r, idx, aad);
		if (pager_crypto_open(cs, aad, r->store + idx * psz, dst, psz,
				      vp->iv, vp->tag)) {
			*reason = "saved page failed authentication (AES-GCM tag)";
			return -EBADMSG;
		}
		return 0;
	}
	if (!r->content) {
		memset(dst, 0, psz);
		return 0;
	}
	/* Hash the copy, not the source: the backing may change under us. */
	memcpy(dst, r->content + idx * psz, psz);
	if (r->hashes &&
	    (pager_crypto_sha256(cs, dst, psz, hash) ||
	     CRYPTO_memcmp(hash, r->hashes + idx * PAGER_HASH_SIZE,
			   PAGER_HASH_SIZE))) {
		memset(dst, 0, psz);
		*reason = "page content does not match its SHA-256";
		return -EBADMSG;
	}
	return 0;
}

void pager_save(struct pager_crypto_slot *cs, struct pager_region *r,
		size_t idx, int32_t p, uint8_t *flags)
{
	struct pager_vpage *vp = &r->pages[idx];
	size_t psz = pager_state.page_size;
	uint8_t aad[PAGER_AAD_SIZE];
	int rc;

	if (r->kind == PAGER_KIND_RO)
		return;
	if (!(*flags & PAGER_VP_DIRTY)) {
		if (!(*flags & PAGER_VP_SAVED) && !r->content)
			pager_count(&pager_state.stats.zero_released);
		return;
	}
	page_aad(r, idx, aad);
	rc = pager_crypto_seal(cs, aad, pager_pool_alias(p),
			       r->store + idx * psz, psz, vp->iv, vp->tag);
	if (rc)
		pager_report_sys_failure("seal page", pager_region_va(r, idx),
					 -rc);
	if (!(*flags & PAGER_VP_SAVED))
		pager_count(&pager_state.stats.store_pages);
	*flags = (uint8_t)((*flags | PAGER_VP_SAVED) & ~PAGER_VP_DIRTY);
	pager_count(&pager_state.stats.saves);
}
