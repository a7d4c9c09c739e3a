/* The pager's statistics: counters, the fault-time histogram, a snapshot. */
#include <string.h>

#include "pager_internal.h"

void pager_stats_fault_time(uint64_t ns)
{
	unsigned int b = ns ? 63u - (unsigned int)__builtin_clzll(ns) : 0;

	if (b >= PAGER_HIST_BUCKETS)
		b = PAGER_HIST_BUCKETS - 1;
	pager_count(&pager_state.stats.fault_ns_hist[b]);
}

static uint64_t load(const uint64_t *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

TEE_Result pager_get_stats(struct pager_stats *st)
{
	const struct pager_counters *c = &pager_state.stats;
	sigset_t saved;
	size_t i;

	if (!st)
		return TEE_ERROR_BAD_PARAMETERS;
	if (!pager_state.ready)
		return TEE_ERROR_BAD_STATE;
	memset(st, 0, sizeof(*st));
	pager_api_enter(&saved);
	pager_spin_lock(&pager_state.lock);
	st->page_size = pager_state.page_size;
	st->pool_pages = (uint32_t)pager_state.pool_pages;
	st->free_pages = (uint32_t)pager_state.free_pages;
	st->locked_pages = (uint32_t)pager_state.locked_pages;
	st->unlocked_pages = st->pool_pages - st->locked_pages;
	st->regions = (uint32_t)pager_state.nregions;
	pager_spin_unlock(&pager_state.lock);
	pager_api_exit(&saved);

	st->store_pages = (uint32_t)load(&c->store_pages);
#define PAGER_STATS_LOAD(name, what)	st->name = load(&c->name);
	TC_PAGER_EVENT_COUNTERS(PAGER_STATS_LOAD)
#undef PAGER_STATS_LOAD
	for (i = 0; i < PAGER_HIST_BUCKETS; i++)
		st->fault_ns_hist[i] = load(&c->fault_ns_hist[i]);
	return TEE_SUCCESS;
}
