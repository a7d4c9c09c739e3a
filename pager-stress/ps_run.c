/*
 * One pager-stress run: a core started for it (or the one named), the
 * sessions spread over threads, batches of accesses checked by the TA
 * against the versions kept here, and the pager's statistics at the end.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pager_stress_ta.h>
#include <tee_client_api.h>

#include "../xtest/xtestsupport.h"
#include "ps.h"

static const TEEC_UUID ps_uuid_si = TA_PAGER_STRESS_UUID;
static const TEEC_UUID ps_uuid_mi = TA_PAGER_STRESS_MI_UUID;

struct ps_session {
	TEEC_Session sess;
	bool open;
	uint32_t *versions;		/* what each page holds now */
	struct ps_pattern *pat;
};

struct ps_thread {
	pthread_t t;
	const struct ps_config *cfg;
	TEEC_Context *ctx;
	struct ps_session *sessions;	/* every session; this thread runs */
	unsigned int first, step;	/* first, first + step, ... */
	volatile bool *stop;
	bool warm;			/* only the warm-up pass */
	uint64_t accesses, writes, mismatches;
	char error[200];
};

static double ps_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs the n accesses in shm on session s; counts them in th. */
static int ps_send(struct ps_thread *th, struct ps_session *s,
		   TEEC_SharedMemory *shm, unsigned int n)
{
	const struct ps_access *acc = shm->buffer;
	TEEC_Operation op = { 0 };
	uint32_t origin, i;
	TEEC_Result res;

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT,
					 TEEC_VALUE_OUTPUT, TEEC_VALUE_OUTPUT,
					 TEEC_NONE);
	op.params[0].memref.parent = shm;
	op.params[0].memref.size = n * sizeof(*acc);
	res = TEEC_InvokeCommand(&s->sess, PS_CMD_RUN, &op, &origin);
	if (res) {
		snprintf(th->error, sizeof(th->error), "PS_CMD_RUN: 0x%08x "
			 "from origin %u", res, origin);
		return -1;
	}
	th->accesses += op.params[1].value.a;
	if (op.params[1].value.b) {
		i = op.params[2].value.a;
		th->mismatches += op.params[1].value.b;
		snprintf(th->error, sizeof(th->error), "%u of %u accesses "
			 "found a wrong page: the first, page %u, should hold "
			 "version %u and differs at word %u",
			 op.params[1].value.b, n, acc[i].page & ~PS_ACCESS_WRITE,
			 acc[i].version, op.params[2].value.b);
		return -1;
	}
	return 0;
}

/* One batch of the pattern; versions move on for the writes. */
static int ps_batch(struct ps_thread *th, struct ps_session *s,
		    TEEC_SharedMemory *shm)
{
	struct ps_access *acc = shm->buffer;
	unsigned int i, n = th->cfg->batch;

	for (i = 0; i < n; i++) {
		uint32_t page = ps_pattern_next(s->pat);

		acc[i].page = page;
		acc[i].version = s->versions[page];
		if (ps_pattern_writes(s->pat)) {
			acc[i].page |= PS_ACCESS_WRITE;
			s->versions[page]++;
			th->writes++;
		}
	}
	return ps_send(th, s, shm, n);
}

/*
 * Reads every page of s once, in order, before the measured run: its first
 * touches are compulsory faults, whatever the pool, and would blur the
 * curve.
 */
static int ps_warm(struct ps_thread *th, struct ps_session *s,
		   TEEC_SharedMemory *shm)
{
	struct ps_access *acc = shm->buffer;
	uint32_t page = 0;
	unsigned int n;

	while (page < th->cfg->ws) {
		for (n = 0; n < th->cfg->batch && page < th->cfg->ws; n++) {
			acc[n].page = page;
			acc[n].version = s->versions[page++];
		}
		if (ps_send(th, s, shm, n))
			return -1;
	}
	return 0;
}

static void *ps_thread_main(void *arg)
{
	struct ps_thread *th = arg;
	const struct ps_config *cfg = th->cfg;
	TEEC_SharedMemory shm = {
		.size = cfg->batch * sizeof(struct ps_access),
		.flags = TEEC_MEM_INPUT,
	};
	uint64_t goal = cfg->duration_s > 0 ? UINT64_MAX : cfg->accesses;
	unsigned int j;

	if (TEEC_AllocateSharedMemory(th->ctx, &shm)) {
		snprintf(th->error, sizeof(th->error), "no shared memory");
		return NULL;
	}
	if (th->warm) {
		for (j = th->first; j < cfg->sessions; j += th->step)
			if (ps_warm(th, &th->sessions[j], &shm))
				break;
		TEEC_ReleaseSharedMemory(&shm);
		return NULL;
	}
	j = th->first;
	while (!*th->stop && th->accesses < goal) {
		if (ps_batch(th, &th->sessions[j], &shm))
			break;
		j += th->step;
		if (j >= cfg->sessions)
			j = th->first;
	}
	TEEC_ReleaseSharedMemory(&shm);
	return NULL;
}

static int ps_open(const struct ps_config *cfg, TEEC_Context *ctx,
		   struct ps_session *s, unsigned int j)
{
	const TEEC_UUID *uuid = cfg->instances == 1 ? &ps_uuid_si :
						      &ps_uuid_mi;
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result res;

	res = TEEC_OpenSession(ctx, &s->sess, uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (res) {
		fprintf(stderr, "pager-stress: session %u: 0x%08x from origin "
			"%u\n", j, res, origin);
		return -1;
	}
	s->open = true;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_INPUT,
					 TEEC_NONE, TEEC_NONE);
	/* Sessions of one instance share its area: each has a slice. */
	op.params[0].value.a = cfg->instances == 1 ? j * cfg->ws : 0;
	op.params[0].value.b = cfg->ws;
	op.params[1].value.a = cfg->seed + j;
	res = TEEC_InvokeCommand(&s->sess, PS_CMD_INIT, &op, &origin);
	s->versions = calloc(cfg->ws, sizeof(*s->versions));
	s->pat = ps_pattern_new(cfg, cfg->seed * 7919u + j);
	if (res || !s->versions || !s->pat) {
		fprintf(stderr, "pager-stress: session %u: setup failed "
			"(0x%08x)\n", j, res);
		return -1;
	}
	return 0;
}

static void ps_close(struct ps_session *s)
{
	if (s->open)
		TEEC_CloseSession(&s->sess);
	free(s->versions);
	ps_pattern_free(s->pat);
	memset(s, 0, sizeof(*s));
}

/* The TA instances' records summed, and the core's, from the core. */
static int ps_collect(TEEC_Context *ctx, struct ps_result *res)
{
	struct tc_pager_stats_rec *mine;
	uint8_t si[16], mi[16];
	size_t i, n = 0;

	xtest_uuid_to_bytes(&ps_uuid_si, si);
	xtest_uuid_to_bytes(&ps_uuid_mi, mi);
	if (stats_pager_fetch(ctx, &res->budget, &res->recs, &res->nrecs))
		return -1;
	mine = calloc(res->nrecs ? res->nrecs : 1, sizeof(*mine));
	if (!mine)
		return -1;
	for (i = 0; i < res->nrecs; i++) {
		const struct tc_pager_stats_rec *r = &res->recs[i];

		if (r->kind == TC_PAGER_PROC_CORE)
			res->core = *r;
		if (r->kind == TC_PAGER_PROC_TA &&
		    (!memcmp(r->uuid, si, 16) || !memcmp(r->uuid, mi, 16)))
			mine[n++] = *r;
	}
	stats_pager_sum(mine, n, 1u << TC_PAGER_PROC_TA, &res->ta);
	free(mine);
	return 0;
}

/* Counters of the run alone: after less before. */
static void ps_delta(struct tc_pager_stats_rec *after,
		     const struct tc_pager_stats_rec *before)
{
	size_t b;

#define PS_DELTA_SUB(name, what)	after->name -= before->name;
	TC_PAGER_EVENT_COUNTERS(PS_DELTA_SUB)
#undef PS_DELTA_SUB
	for (b = 0; b < TC_PAGER_HIST_BUCKETS; b++)
		after->fault_ns_hist[b] -= before->fault_ns_hist[b];
}

/* The threads over the sessions: the warm-up pass, or the measured run. */
static int ps_phase(const struct ps_config *cfg, TEEC_Context *ctx,
		    struct ps_session *sessions, bool warm,
		    struct ps_result *res)
{
	struct ps_thread *threads = calloc(cfg->threads, sizeof(*threads));
	volatile bool stop = false;
	unsigned int i, started = 0;
	int rc;
	double t0;

	if (!threads)
		return -1;
	t0 = ps_now();
	for (i = 0; i < cfg->threads; i++) {
		threads[i].cfg = cfg;
		threads[i].ctx = ctx;
		threads[i].sessions = sessions;
		threads[i].first = i;
		threads[i].step = cfg->threads;
		threads[i].stop = &stop;
		threads[i].warm = warm;
		if (pthread_create(&threads[i].t, NULL, ps_thread_main,
				   &threads[i]))
			break;
		started++;
	}
	if (!warm && cfg->duration_s > 0) {
		while (ps_now() - t0 < cfg->duration_s && started)
			usleep(10000);
		stop = true;
	}
	for (i = 0; i < started; i++)
		pthread_join(threads[i].t, NULL);
	res->seconds = ps_now() - t0;
	rc = started == cfg->threads ? 0 : -1;
	for (i = 0; i < started; i++) {
		res->accesses += threads[i].accesses;
		res->writes += threads[i].writes;
		res->mismatches += threads[i].mismatches;
		if (threads[i].error[0]) {
			fprintf(stderr, "pager-stress: thread %u: %s\n", i,
				threads[i].error);
			rc = -1;
		}
	}
	free(threads);
	return rc;
}

int ps_run(const struct ps_config *cfg, unsigned int pool,
	   struct ps_result *res)
{
	struct ps_session *sessions = NULL;
	struct private_core pc = { 0 };
	char pool_arg[16], core[PATH_MAX + 8], ta[PATH_MAX];
	const char *args[] = { "--ta-pool-pages", pool_arg, "--pool-pages",
			       "1048576", NULL };
	struct private_core_opts opts = { .core_args = args };
	struct ps_result warm = { 0 };
	TEEC_Context ctx;
	unsigned int i;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	/* A device's TEE pages as it does and keeps its counters to itself. */
	res->no_stats = cfg->tee && !strncmp(cfg->tee, "/dev/", 5);
	if (cfg->tee) {
		snprintf(core, sizeof(core), "%s", cfg->tee);
	} else {
		snprintf(pool_arg, sizeof(pool_arg), "%u", pool);
		/* Beside this program, as xtest finds them. */
		snprintf(ta, sizeof(ta), "%s/../ta", settings_bin_dir());
		if (private_core_start_opts(&pc, settings_bin_dir(), ta,
					    cfg->keep_tmp, &opts))
			return -1;
		snprintf(core, sizeof(core), "unix:%s", pc.socket);
	}
	if (TEEC_InitializeContext(core, &ctx)) {
		fprintf(stderr, "pager-stress: no core at %s\n", core);
		goto out_core;
	}
	sessions = calloc(cfg->sessions, sizeof(*sessions));
	if (!sessions)
		goto out;
	for (i = 0; i < cfg->sessions; i++)
		if (ps_open(cfg, &ctx, &sessions[i], i))
			goto out;

	/* Compulsory faults first, then the run measured against them. */
	if (ps_phase(cfg, &ctx, sessions, true, &warm) ||
	    (!res->no_stats && ps_collect(&ctx, &warm)) ||
	    ps_phase(cfg, &ctx, sessions, false, res) ||
	    (!res->no_stats && ps_collect(&ctx, res)))
		goto out;
	if (!res->no_stats)
		ps_delta(&res->ta, &warm.ta);
	rc = 0;
out:
	res->mismatches += warm.mismatches;
	for (i = 0; sessions && i < cfg->sessions; i++)
		ps_close(&sessions[i]);
	free(sessions);
	free(warm.recs);
	TEEC_FinalizeContext(&ctx);
out_core:
	if (!cfg->tee)
		private_core_stop(&pc);
	return rc;
}

void ps_report(FILE *f, const struct ps_config *cfg, unsigned int pool,
	       const struct ps_result *res)
{
	const struct tc_pager_stats_rec *t = &res->ta;
	uint64_t faults = t->ro_faults + t->rw_faults;
	double secs = res->seconds > 0 ? res->seconds : 1;
	double acc = res->accesses ? (double)res->accesses : 1;
	const uint64_t *h = t->fault_ns_hist;

	fprintf(f, "pager-stress: %u instance%s, %u session%s, %u thread%s; "
		"working set %u pages a session; ", cfg->instances,
		cfg->instances == 1 ? "" : "s", cfg->sessions,
		cfg->sessions == 1 ? "" : "s", cfg->threads,
		cfg->threads == 1 ? "" : "s", cfg->ws);
	if (res->no_stats)
		fprintf(f, "pool as %s pages", cfg->tee);
	else if (cfg->tee)
		fprintf(f, "pool as the core grants (%llu pages an instance, "
			"its stack included)", (unsigned long long)
			(t->pool_pages / (cfg->instances ? cfg->instances : 1)));
	else
		fprintf(f, "pool %u pages an instance (plus its stack)", pool);
	fprintf(f, "; pattern %s, %u%% writes\n",
		ps_pattern_name(cfg->pattern), cfg->write_pct);
	fprintf(f, "  (counts of the run alone: a warm-up pass over every page "
		"came first)\n");
	fprintf(f, "  %llu accesses (%llu writes) in %.2f s: %.0f accesses/s\n",
		(unsigned long long)res->accesses,
		(unsigned long long)res->writes, res->seconds,
		(double)res->accesses / secs);
	if (res->no_stats) {
		fprintf(f, "  faults: not known (the TEE keeps no statistics "
			"for clients)\n  verified: every access checked its "
			"page, %llu mismatches\n",
			(unsigned long long)res->mismatches);
		return;
	}
	fprintf(f, "  %llu faults: %.0f faults/s, %.3f faults per access; "
		"%.3f hidden hits per access\n", (unsigned long long)faults,
		(double)faults / secs, (double)faults / acc,
		(double)t->hidden_hits / acc);
	fprintf(f, "  fault latency: p50 %.1f us, p90 %.1f us, p99 %.1f us, "
		"p99.9 %.1f us (pager histogram: fills and hidden hits)\n",
		stats_hist_percentile(h, TC_PAGER_HIST_BUCKETS, 0.5) / 1e3,
		stats_hist_percentile(h, TC_PAGER_HIST_BUCKETS, 0.9) / 1e3,
		stats_hist_percentile(h, TC_PAGER_HIST_BUCKETS, 0.99) / 1e3,
		stats_hist_percentile(h, TC_PAGER_HIST_BUCKETS, 0.999) / 1e3);
	fprintf(f, "  verified: every access checked its page, %llu "
		"mismatches\n", (unsigned long long)res->mismatches);
	if (res->recs)
		stats_pager_print(f, &res->budget, res->recs, res->nrecs);
}
