/* Helpers of the 5000 (shared memory) series (shm_helpers.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <shm_churn_ta.h>

#include "shm_helpers.h"
#include "xtest_fixture.h"

const TEEC_UUID xshm_churn_uuid = TA_SHM_CHURN_UUID;

void xshm_stats_at(const char *file, int line, TEEC_Context *ctx,
		   uint32_t guest, struct teecheck_shm_stats *st)
{
	xtest_assert_result_at(file, line, "teecheck_shm_stats",
			       teecheck_shm_stats(ctx, guest, st),
			       XTEST_ORIGIN_ANY, TEEC_SUCCESS,
			       XTEST_ORIGIN_ANY);
}

/*
 * Guests first: a guest gone by then has released its memory before the
 * SHM counts are taken.
 */
static void snapshot_at(const char *file, int line, TEEC_Context *ctx,
			struct xshm_baseline *b)
{
	xtest_assert_result_at(file, line, "teecheck_core_stats",
			       teecheck_core_stats(ctx, &b->core),
			       XTEST_ORIGIN_ANY, TEEC_SUCCESS,
			       XTEST_ORIGIN_ANY);
	xshm_stats_at(file, line, ctx, TEECHECK_SHM_TOTAL, &b->shm);
}

void xshm_baseline_at(const char *file, int line, TEEC_Context *ctx,
		      struct xshm_baseline *b)
{
	int i;

	/*
	 * Guests of earlier cases may still be going: their cleanup runs
	 * on after their connection closed. Wait for them (a while).
	 */
	for (i = 0; i < 1000; i++) {
		snapshot_at(file, line, ctx, b);
		if (b->core.guests <= 1)
			return;
		usleep(10000);
	}
}

/* What differs between now and base, or "" if nothing does. */
static void baseline_diff(const struct xshm_baseline *now,
			  const struct xshm_baseline *base, char *buf,
			  size_t len)
{
	const struct {
		const char *name;
		uint32_t now, base;
	} f[] = {
		{ "objects", now->shm.objects, base->shm.objects },
		{ "pages", now->shm.pages, base->shm.pages },
		{ "window pages used", now->shm.va_used, base->shm.va_used },
		{ "host mappings", now->shm.host_maps, base->shm.host_maps },
		{ "guest RAMs", now->shm.rams, base->shm.rams },
		{ "sessions", now->core.sessions, base->core.sessions },
		{ "instances", now->core.instances, base->core.instances },
		{ "guests", now->core.guests, base->core.guests },
	};
	size_t i, at = 0;

	buf[0] = 0;
	for (i = 0; i < XTEST_ARRAY_SIZE(f) && at < len; i++)
		if (f[i].now != f[i].base)
			at += (size_t)snprintf(buf + at, len - at,
					       "%s%s %u (expected %u)",
					       at ? ", " : "", f[i].name,
					       f[i].now, f[i].base);
}

void xshm_wait_baseline_at(const char *file, int line, TEEC_Context *ctx,
			   const struct xshm_baseline *base)
{
	struct xshm_baseline now;
	char diff[400];
	int i;

	for (i = 0; i < 2000; i++) {
		snapshot_at(file, line, ctx, &now);
		baseline_diff(&now, base, diff, sizeof(diff));
		if (!diff[0])
			return;
		usleep(10000);
	}
	xtest_fail_at(file, line, "the core did not come back: %s", diff);
}

TEEC_Result xshm_invoke(TEEC_Session *sess, uint32_t cmd, uint32_t mem_type,
			TEEC_Parameter mem, uint32_t seed, uint32_t seed2,
			TEEC_Value *out, uint32_t *origin)
{
	TEEC_Operation op;
	uint32_t t1, t2;
	TEEC_Result res;

	shm_raw_churn_layout(cmd, &t1, &t2);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(mem_type, t1, t2, TEEC_NONE);
	op.params[0] = mem;
	op.params[1].value.a = seed;
	op.params[1].value.b = seed2;
	res = TEEC_InvokeCommand(sess, cmd, &op, origin);
	if (out)
		*out = t1 == TEEC_VALUE_OUTPUT ? op.params[1].value :
						 op.params[2].value;
	return res;
}

void xshm_raw_open_at(const char *file, int line, struct shm_raw *g,
		      uint64_t pages)
{
	int rc = shm_raw_open(g, pages);

	if (rc)
		xtest_fail_at(file, line, "raw guest: %s", strerror(-rc));
}

static void xshm_raw_close_deferred(void *g)
{
	shm_raw_close(g);
}

struct shm_raw *xshm_fx_raw_guest_at(const char *file, int line,
				     struct xtest_fixture *fx, uint64_t pages)
{
	struct shm_raw *g = xtest_alloc(sizeof(*g));

	xtest_fx_defer(fx, free, g);
	xshm_raw_open_at(file, line, g, pages);
	xtest_fx_defer(fx, xshm_raw_close_deferred, g);
	return g;
}
