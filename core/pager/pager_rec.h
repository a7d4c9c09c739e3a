/*
 * A pager's statistics as the record they travel in (teecheck/pager_stats.h):
 * one conversion for the core's own pager and every TA host's.
 */
#ifndef CORE_PAGER_REC_H
#define CORE_PAGER_REC_H

#include <teecheck/pager_stats.h>

#include "pager.h"

/* Fills the counters of rec from st; kind, pid and uuid are the caller's. */
static inline void pager_stats_to_rec(const struct pager_stats *st,
				      struct tc_pager_stats_rec *rec)
{
	unsigned int i;

	rec->page_size = st->page_size;
	rec->pool_pages = st->pool_pages;
	rec->free_pages = st->free_pages;
	rec->locked_pages = st->locked_pages;
	rec->unlocked_pages = st->unlocked_pages;
	rec->regions = st->regions;
	rec->store_pages = st->store_pages;
#define PAGER_REC_COPY(name, what)	rec->name = st->name;
	TC_PAGER_EVENT_COUNTERS(PAGER_REC_COPY)
#undef PAGER_REC_COPY
	for (i = 0; i < TC_PAGER_HIST_BUCKETS && i < PAGER_HIST_BUCKETS; i++)
		rec->fault_ns_hist[i] = st->fault_ns_hist[i];
}

#endif
