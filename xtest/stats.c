/* The core's statistics, fetched through libteec's teecheck extension. */
#include <stdlib.h>
#include <string.h>

#include "stats.h"

#define STATS_FIRST_GUESS	16

TEEC_Result stats_pager_fetch(TEEC_Context *ctx,
			      struct teecheck_pager_budget *budget,
			      struct tc_pager_stats_rec **recs, size_t *n)
{
	size_t cap = STATS_FIRST_GUESS, got;
	struct tc_pager_stats_rec *r = NULL;
	TEEC_Result res;
	int tries;

	/* Instances may come and go between asking and asking again. */
	for (tries = 0; tries < 4; tries++) {
		free(r);
		r = calloc(cap, sizeof(*r));
		if (!r)
			return TEEC_ERROR_OUT_OF_MEMORY;
		got = cap;
		res = teecheck_pager_stats(ctx, budget, r, &got);
		if (res != TEEC_ERROR_SHORT_BUFFER)
			break;
		cap = got + STATS_FIRST_GUESS;
	}
	if (res) {
		free(r);
		return res;
	}
	*recs = r;
	*n = got;
	return TEEC_SUCCESS;
}

void stats_uuid_bytes(const TEEC_UUID *u, uint8_t b[16])
{
	b[0] = (uint8_t)(u->timeLow >> 24);
	b[1] = (uint8_t)(u->timeLow >> 16);
	b[2] = (uint8_t)(u->timeLow >> 8);
	b[3] = (uint8_t)u->timeLow;
	b[4] = (uint8_t)(u->timeMid >> 8);
	b[5] = (uint8_t)u->timeMid;
	b[6] = (uint8_t)(u->timeHiAndVersion >> 8);
	b[7] = (uint8_t)u->timeHiAndVersion;
	memcpy(b + 8, u->clockSeqAndNode, 8);
}

void stats_pager_sum(const struct tc_pager_stats_rec *recs, size_t n,
		     unsigned int kinds, struct tc_pager_stats_rec *sum)
{
	size_t i, b;

	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < n; i++) {
		const struct tc_pager_stats_rec *r = &recs[i];

		if (r->kind >= 32 || !(kinds & (1u << r->kind)))
			continue;
		/* Pages are held only by live processes. */
		if (r->kind != TC_PAGER_PROC_ENDED) {
			sum->pool_pages += r->pool_pages;
			sum->free_pages += r->free_pages;
			sum->locked_pages += r->locked_pages;
			sum->unlocked_pages += r->unlocked_pages;
			sum->regions += r->regions;
			sum->store_pages += r->store_pages;
		}
#define STATS_SUM_ADD(name, what)	sum->name += r->name;
		TC_PAGER_EVENT_COUNTERS(STATS_SUM_ADD)
#undef STATS_SUM_ADD
		for (b = 0; b < TC_PAGER_HIST_BUCKETS; b++)
			sum->fault_ns_hist[b] += r->fault_ns_hist[b];
	}
}

double stats_hist_percentile(const uint64_t *hist, size_t buckets, double p)
{
	uint64_t total = 0, seen = 0;
	size_t b;

	for (b = 0; b < buckets; b++)
		total += hist[b];
	if (!total)
		return 0;
	for (b = 0; b < buckets; b++) {
		double lo = (double)(1ull << b), want = p * (double)total;

		if (!hist[b] || (double)(seen + hist[b]) < want) {
			seen += hist[b];
			continue;
		}
		/* Spread evenly over [2^b, 2^(b+1)). */
		return lo + lo * (want - (double)seen) / (double)hist[b];
	}
	return (double)(1ull << (buckets - 1));
}

static void stats_line(FILE *f, const char *who, const char *pid,
		       const struct tc_pager_stats_rec *r)
{
	const uint64_t *h = r->fault_ns_hist;

	fprintf(f, "%-44s %7s %5llu %5llu %8llu %8llu %7llu %8llu %6llu "
		"%8llu %6llu %5llu %5llu %7.1f %7.1f\n", who, pid,
		(unsigned long long)r->pool_pages,
		(unsigned long long)r->unlocked_pages,
		(unsigned long long)r->ro_faults,
		(unsigned long long)r->rw_faults,
		(unsigned long long)r->write_faults,
		(unsigned long long)r->hidden_hits,
		(unsigned long long)r->zero_released,
		(unsigned long long)r->evictions,
		(unsigned long long)r->saves,
		(unsigned long long)r->integrity_failures,
		(unsigned long long)r->busy_waits,
		stats_hist_percentile(h, TC_PAGER_HIST_BUCKETS, 0.5) / 1000,
		stats_hist_percentile(h, TC_PAGER_HIST_BUCKETS, 0.99) / 1000);
}

static void stats_uuid(const uint8_t *u, char *buf, size_t len)
{
	snprintf(buf, len, "TA %02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3], u[4], u[5],
		 u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14],
		 u[15]);
}

static void stats_histogram(FILE *f, const struct tc_pager_stats_rec *sum)
{
	uint64_t top = 0;
	size_t b;

	for (b = 0; b < TC_PAGER_HIST_BUCKETS; b++)
		if (sum->fault_ns_hist[b] > top)
			top = sum->fault_ns_hist[b];
	if (!top)
		return;
	fprintf(f, "fault time, all processes:\n");
	for (b = 0; b < TC_PAGER_HIST_BUCKETS; b++) {
		uint64_t c = sum->fault_ns_hist[b];

		if (!c)
			continue;
		fprintf(f, "  %9.2f us .. %9.2f us %10llu %.*s\n",
			(double)(1ull << b) / 1000,
			(double)(2ull << b) / 1000, (unsigned long long)c,
			(int)(c * 40 / top + (c ? 1 : 0)),
			"#########################################");
	}
}

void stats_pager_print(FILE *f, const struct teecheck_pager_budget *budget,
		       const struct tc_pager_stats_rec *recs, size_t n)
{
	struct tc_pager_stats_rec sum;
	char who[64], pid[16];
	size_t i;

	fprintf(f, "pager statistics: pool of %u pages, %u not granted; the "
		"core's share %u, each TA instance's %u plus its stack\n",
		budget->total, budget->free, budget->core, budget->ta_share);
	fprintf(f, "%-44s %7s %5s %5s %8s %8s %7s %8s %6s %8s %6s %5s %5s "
		"%7s %7s\n", "process", "pid", "pool", "unlck", "ro-flt",
		"rw-flt", "wr-flt", "hidden", "0-rel", "evict", "saves",
		"integ", "busy", "p50 us", "p99 us");
	for (i = 0; i < n; i++) {
		const struct tc_pager_stats_rec *r = &recs[i];

		snprintf(pid, sizeof(pid), "%u", r->pid);
		switch (r->kind) {
		case TC_PAGER_PROC_CORE:
			snprintf(who, sizeof(who), "core");
			break;
		case TC_PAGER_PROC_TA:
			stats_uuid(r->uuid, who, sizeof(who));
			break;
		case TC_PAGER_PROC_ENDED:
			snprintf(who, sizeof(who), "TA instances that ended");
			snprintf(pid, sizeof(pid), "(%u)", r->pid);
			break;
		default:
			snprintf(who, sizeof(who), "kind %u", r->kind);
			break;
		}
		stats_line(f, who, pid, r);
	}
	stats_pager_sum(recs, n, ~0u, &sum);
	stats_line(f, "total", "", &sum);
	stats_histogram(f, &sum);
}

static int stats_print_pager(FILE *f, TEEC_Context *ctx)
{
	struct teecheck_pager_budget budget;
	struct tc_pager_stats_rec *recs;
	TEEC_Result res;
	size_t n;

	res = stats_pager_fetch(ctx, &budget, &recs, &n);
	if (res) {
		fprintf(stderr, "xtest: pager statistics: 0x%08x\n", res);
		return -1;
	}
	stats_pager_print(f, &budget, recs, n);
	free(recs);
	return 0;
}

static int stats_print_core(FILE *f, TEEC_Context *ctx)
{
	struct teecheck_core_stats st;
	TEEC_Result res = teecheck_core_stats(ctx, &st);

	if (res) {
		fprintf(stderr, "xtest: core statistics: 0x%08x\n", res);
		return -1;
	}
	fprintf(f, "core: %u sessions, %u TA instances, %u clients, "
		"supplicant %s\n", st.sessions, st.instances, st.guests,
		st.supplicant ? "attached" : "absent");
	return 0;
}

int stats_print(FILE *f, const char *kind)
{
	TEEC_Context ctx;
	TEEC_Result res;
	int rc;

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res) {
		fprintf(stderr, "xtest: --stats: no core (0x%08x)\n", res);
		return -1;
	}
	rc = !strcmp(kind, "pager") ? stats_print_pager(f, &ctx) :
				      stats_print_core(f, &ctx);
	TEEC_FinalizeContext(&ctx);
	return rc;
}
