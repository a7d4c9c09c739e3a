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

/* Shared memory in the core (docs/SHM.md). */
#define TEECHECK_SHM_TOTAL	0u		/* every guest together */
#define TEECHECK_SHM_SELF	0xffffffffu	/* the context's own guest */

struct teecheck_shm_stats {
	uint32_t guest;		/* the guest reported, 0 for the total */
	uint32_t objects;	/* objects mapped in the core's SHM window */
	uint32_t pages;		/* pages they map there */
	uint32_t va_used;	/* window pages in use, guard pages included */
	uint32_t va_free;	/* window pages free */
	uint32_t va_largest_free; /* pages in the largest free window range */
	uint32_t host_maps;	/* (object, TA host) mappings */
	uint32_t rams;		/* guest RAMs in the core's frame map */
	uint32_t next_guest;	/* the next guest ID that has objects, 0: none */
};

/*
 * The core's SHM counts for guest: TEECHECK_SHM_TOTAL, TEECHECK_SHM_SELF
 * or a guest ID (teecheck_guest_id).
 */
TEEC_Result teecheck_shm_stats(TEEC_Context *context, uint32_t guest,
			       struct teecheck_shm_stats *stats);

/* The guest ID the core gave the context. */
uint32_t teecheck_guest_id(TEEC_Context *context);

/*
 * Ends the context's guest in the core: every session, shared memory
 * object and window range it owns is released before this returns, and the
 * connection ends. The context can only be finalized afterwards.
 */
TEEC_Result teecheck_guest_destroy(TEEC_Context *context);

/*
 * The first 8 bytes (big-endian) of the SHA-256 of shm's bytes as the core
 * reads them through its SHM window. For memory registered from outside the
 * non-secure RAM that is its shadow, as the last operation left it.
 */
TEEC_Result teecheck_shm_digest(TEEC_SharedMemory *shm, uint64_t *digest);

/*
 * Has the core ask the supplicant for npages (1 to 1024) pages (RPC
 * SHM_ALLOC), map them, check each through its window and give them back
 * (RPC SHM_FREE). *checked: the pages that checked out.
 */
TEEC_Result teecheck_shm_rpc_probe(TEEC_Context *context, uint32_t npages,
				   uint32_t *checked);

#endif
