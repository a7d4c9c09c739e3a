/* The pager's life cycle: setting it up and tearing it down. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "pager_internal.h"

struct pager_state pager_state = { .memfd = -1 };

static void teardown(void)
{
	if (pager_state.handler_installed)
		pager_signal_uninstall();
	pager_state.handler_installed = false;
	pager_crypto_fini();
	pager_pool_fini();
	pager_state.ready = false;
}

TEE_Result pager_init(size_t pool_pages, uint32_t flags)
{
	long psz = sysconf(_SC_PAGESIZE);
	TEE_Result res = TEE_ERROR_GENERIC;
	int rc;

	if (pager_state.ready)
		return TEE_ERROR_BAD_STATE;
	if (pool_pages < PAGER_MIN_UNLOCKED ||
	    pool_pages > PAGER_MAX_POOL_PAGES ||
	    (flags & ~PAGER_INIT_NO_HANDLER) || psz <= 0 ||
	    (psz & (psz - 1)))
		return TEE_ERROR_BAD_PARAMETERS;

	memset(&pager_state, 0, sizeof(pager_state));
	pager_state.memfd = -1;
	pager_state.page_size = (size_t)psz;
	pager_state.page_shift = (unsigned int)__builtin_ctzl((unsigned long)psz);

	rc = pager_pool_init(pool_pages);
	if (rc) {
		res = rc == -ENOMEM ? TEE_ERROR_OUT_OF_MEMORY : TEE_ERROR_GENERIC;
		goto out;
	}
	rc = pager_crypto_init();
	if (rc) {
		res = rc == -ENOMEM ? TEE_ERROR_OUT_OF_MEMORY :
		      rc == -ENOTSUP ? TEE_ERROR_NOT_SUPPORTED :
		      TEE_ERROR_GENERIC;
		goto out;
	}
	pager_state.ready = true;
	if (!(flags & PAGER_INIT_NO_HANDLER)) {
		if (pager_signal_install())
			goto out;
		pager_state.handler_installed = true;
	}
	res = TEE_SUCCESS;
out:
	if (res)
		teardown();
	return res;
}

void pager_fini(void)
{
	if (!pager_state.ready)
		return;
	pager_region_remove_all();
	teardown();
}

TEE_Result pager_preload(void)
{
	return pager_crypto_preload() ? TEE_ERROR_GENERIC : TEE_SUCCESS;
}

size_t pager_page_size(void)
{
	if (pager_state.page_size)
		return pager_state.page_size;
	return (size_t)sysconf(_SC_PAGESIZE);
}
