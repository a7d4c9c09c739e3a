/*
 * teecheck's additions to the Client API, for its own tests and tools: not
 * part of GP's API, and only offered by teecheck's libteec.
 */
#ifndef TEECHECK_TEEC_EXT_H
#define TEECHECK_TEEC_EXT_H

#include <stddef.h>
#include <stdint.h>
#include <tee_client_api.h>
#include <teecheck/pager_stats.h>

/* What the core holds right now, across all guests. */
struct teecheck_core_stats {
	uint32_t sessions;	/* open sessions */
	uint32_t instances;	/* TA instances (host processes) */
	uint32_t guests;	/* client connections */
	uint32_t supplicant;	/* 1 while a supplicant is attached */
};

TEEC_Result teecheck_core_stats(TEEC_Context *context,
				struct teecheck_core_stats *stats);

/* The pool budget (pages): all of it, what is not granted, the shares. */
struct teecheck_pager_budget {
	uint32_t total;
	uint32_t free;
	uint32_t core;		/* the core's own share */
	uint32_t ta_share;	/* each TA instance's, its stack aside */
};

/*
 * The pager statistics of every process of the core: its own, each live TA
 * instance's (as of the end of its last entry point) and the sum over the
 * instances that ended; rec.kind says which (teecheck/pager_stats.h). recs
 * has room for *count records; *count becomes how many there are, and
 * TEEC_ERROR_SHORT_BUFFER says recs was too small for them. budget may be
 * NULL.
 */
TEEC_Result teecheck_pager_stats(TEEC_Context *context,
				 struct teecheck_pager_budget *budget,
				 struct tc_pager_stats_rec *recs,
				 size_t *count);

/*
 * Test builds of the core only (tee-core-test): corrupts what the pager
 * keeps outside the pool, what = TC_PAGER_TEST_* (teecheck/msg_abi.h): a
 * TA page's sealed copy or hashed backing at addr, in session's instance,
 * or a page of the core's own text (session NULL). Any other core answers
 * TEEC_ERROR_NOT_IMPLEMENTED.
 */
TEEC_Result teecheck_pager_test(TEEC_Context *context, TEEC_Session *session,
				uint32_t what, uint64_t addr);

#endif
