/*
 * Helpers of the 5000 (shared memory) series: the shm_churn TA, the core's
 * SHM statistics, digests, and raw guests (shm_raw.h) that send the core
 * what libteec never would.
 */
#ifndef XTEST_SHM_HELPERS_H
#define XTEST_SHM_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include <tee_client_api.h>
#include <teecheck/msg_abi.h>
#include <teecheck/teec_ext.h>

#include "shm_raw.h"
#include "xtest_helpers.h"

extern const TEEC_UUID xshm_churn_uuid;

/* Everything the core holds that a guest can leave behind. */
struct xshm_baseline {
	struct teecheck_shm_stats shm;		/* totals */
	struct teecheck_core_stats core;
};

void xshm_stats_at(const char *file, int line, TEEC_Context *ctx,
		   uint32_t guest, struct teecheck_shm_stats *st);
#define xshm_stats(ctx, guest, st) \
	xshm_stats_at(__FILE__, __LINE__, (ctx), (guest), (st))

/*
 * What the core holds now, once the guests of earlier cases are gone (the
 * caller's context is the only guest of a core no one else uses; after
 * 10 s it takes what there is).
 */
void xshm_baseline_at(const char *file, int line, TEEC_Context *ctx,
		      struct xshm_baseline *b);
#define xshm_baseline(ctx, b) xshm_baseline_at(__FILE__, __LINE__, (ctx), (b))

/*
 * Waits (up to 20 s) until the core is back at base: objects, pages,
 * window use, host mappings, guest RAMs, sessions, instances and guests.
 * Fails the sub-case naming what differs.
 */
void xshm_wait_baseline_at(const char *file, int line, TEEC_Context *ctx,
			   const struct xshm_baseline *base);
#define xshm_wait_baseline(ctx, base) \
	xshm_wait_baseline_at(__FILE__, __LINE__, (ctx), (base))

/* Invokes cmd with one memref param and, for the commands that take them,
 * a seed; returns the result. out may be NULL. */
TEEC_Result xshm_invoke(TEEC_Session *sess, uint32_t cmd, uint32_t mem_type,
			TEEC_Parameter mem, uint32_t seed, uint32_t seed2,
			TEEC_Value *out, uint32_t *origin);

struct xtest_fixture;

/* A raw guest of pages pages owned by the sub-case: closed when it ends. */
struct shm_raw *xshm_fx_raw_guest_at(const char *file, int line,
				     struct xtest_fixture *fx, uint64_t pages);
#define xshm_fx_raw_guest(fx, pages) \
	xshm_fx_raw_guest_at(__FILE__, __LINE__, (fx), (pages))

/* A raw guest (shm_raw.h) of pages pages, or the sub-case fails. */
void xshm_raw_open_at(const char *file, int line, struct shm_raw *g,
		      uint64_t pages);
#define xshm_raw_open(g, pages) xshm_raw_open_at(__FILE__, __LINE__, (g), \
						 (pages))

#endif
