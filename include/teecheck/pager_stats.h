/*
 * Pager statistics as they travel: the page a TA host publishes them in for
 * the core, and the records the core answers a STATS request (func
 * TC_STATS_PAGER) with. Fixed layout, native byte order (both ends run on
 * the same machine).
 */
#ifndef TEECHECK_PAGER_STATS_H
#define TEECHECK_PAGER_STATS_H

#include <stdint.h>

#include "pager_counters.h"

#define TC_PAGER_HIST_BUCKETS	32

/* Which process a record describes (kind). */
#define TC_PAGER_PROC_CORE	1	/* the core's own image */
#define TC_PAGER_PROC_TA	2	/* a live TA instance's host */
#define TC_PAGER_PROC_ENDED	3	/* the sum over TA instances that ended */

struct tc_pager_stats_rec {
	uint32_t kind;			/* TC_PAGER_PROC_* */
	uint32_t pid;			/* ENDED: how many instances */
	uint8_t uuid[16];		/* TA: its UUID, RFC 4122 byte order */
	uint64_t page_size;
	uint64_t pool_pages;		/* the process's share of the pool */
	uint64_t free_pages;
	uint64_t locked_pages;
	uint64_t unlocked_pages;
	uint64_t regions;
	uint64_t store_pages;
#define TC_PAGER_REC_FIELD(name, what)	uint64_t name;
	TC_PAGER_EVENT_COUNTERS(TC_PAGER_REC_FIELD)
#undef TC_PAGER_REC_FIELD
	/* Handled faults by duration: bucket b counts [2^b, 2^(b+1)) ns. */
	uint64_t fault_ns_hist[TC_PAGER_HIST_BUCKETS];
};

/*
 * The page a TA host publishes its statistics in. The host bumps seq to an
 * odd value, writes rec, and bumps it to even again; a reader retries until
 * it sees the same even seq before and after copying.
 */
struct tc_pager_stats_page {
	uint32_t seq;
	uint32_t reserved;
	struct tc_pager_stats_rec rec;
};

/*
 * A STATS request with func TC_STATS_PAGER has one MEM_OUT parameter, the
 * buffer for the records (core first, then each live TA instance, then the
 * ENDED sum); the reply sets its size to the bytes written, or to the bytes
 * needed with TEEC_ERROR_SHORT_BUFFER. Two VALUE_OUT parameters carry the
 * budget: params[1] a = pool pages in all, b = pages not granted;
 * params[2] a = the core's share, b = the paging share each TA instance
 * gets (its locked stack comes on top).
 */
#define TC_STATS_CORE		0	/* func of TC_CMD_STATS: the counts */
#define TC_STATS_PAGER		1	/* func of TC_CMD_STATS: the pager */

#endif
