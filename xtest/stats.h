/*
 * The core's statistics as xtest --stats and pager-stress print them: the
 * pager of the core and of each TA instance, and the core's counts.
 */
#ifndef XTEST_STATS_H
#define XTEST_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <tee_client_api.h>
#include <teecheck/teec_ext.h>

/* Every process's pager record (malloc'd into *recs), growing as needed. */
TEEC_Result stats_pager_fetch(TEEC_Context *ctx,
			      struct teecheck_pager_budget *budget,
			      struct tc_pager_stats_rec **recs, size_t *n);

/* The counters of recs[0..n) summed into sum; kinds: mask of 1 << kind. */
void stats_pager_sum(const struct tc_pager_stats_rec *recs, size_t n,
		     unsigned int kinds, struct tc_pager_stats_rec *sum);

/* The fault time below which a fraction p of the faults took, in ns. */
double stats_hist_percentile(const uint64_t *hist, size_t buckets, double p);

/* The table: one line per process, the total, and the fault times. */
void stats_pager_print(FILE *f, const struct teecheck_pager_budget *budget,
		       const struct tc_pager_stats_rec *recs, size_t n);

/*
 * Connects to the core the environment names and prints kind ("pager" or
 * "core"). Returns 0, or -ECONNREFUSED (no core) or -EIO (the query
 * failed), with the reason on stderr.
 */
int stats_print(FILE *f, const char *kind);

#endif
