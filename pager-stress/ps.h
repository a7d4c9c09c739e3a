/*
 * pager-stress, the driver: runs the pager-stress TA under a chosen pool,
 * working set and access pattern, checks every page it reads, and reports
 * fault rates, fault latencies and the pager's statistics; or sweeps pool
 * sizes and draws the working-set curve.
 */
#ifndef PAGER_STRESS_PS_H
#define PAGER_STRESS_PS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <teecheck/pager_stats.h>
#include <teecheck/teec_ext.h>

enum ps_pattern_kind { PS_SEQ, PS_RANDOM, PS_ZIPF, PS_STRIDED };

#define PS_MAX_SWEEP	64

struct ps_config {
	unsigned int pool;		/* a TA instance's paging share */
	unsigned int ws;		/* working set of a session, pages */
	enum ps_pattern_kind pattern;
	unsigned int stride;
	double zipf_s;
	unsigned int write_pct;
	unsigned int threads;
	unsigned int sessions;
	unsigned int instances;
	double duration_s;		/* 0: run accesses per thread */
	uint64_t accesses;
	unsigned int batch;
	uint32_t seed;
	const char *tee;		/* "unix:PATH", or NULL: a private core */
	unsigned int sweep[PS_MAX_SWEEP];	/* pool sizes */
	unsigned int nsweep;
	const char *csv;
	const char *svg;
	bool keep_tmp;
	bool verbose;
};

/* What one run measured. */
struct ps_result {
	uint64_t accesses;
	uint64_t writes;
	uint64_t mismatches;
	double seconds;
	bool no_stats;			/* a /dev/teeN TEE: none collected */
	struct teecheck_pager_budget budget;
	struct tc_pager_stats_rec ta;		/* the TA instances, summed */
	struct tc_pager_stats_rec core;
	struct tc_pager_stats_rec *recs;	/* every process, malloc'd */
	size_t nrecs;
};

/* ps_pattern.c: the page each access of a session goes to. */
struct ps_pattern;
struct ps_pattern *ps_pattern_new(const struct ps_config *cfg, uint32_t seed);
uint32_t ps_pattern_next(struct ps_pattern *p);
bool ps_pattern_writes(struct ps_pattern *p);
void ps_pattern_free(struct ps_pattern *p);
const char *ps_pattern_name(enum ps_pattern_kind k);
int ps_pattern_parse(const char *s, enum ps_pattern_kind *k);

/* ps_run.c: one run against the core (started for it, with cfg->pool). */
int ps_run(const struct ps_config *cfg, unsigned int pool,
	   struct ps_result *res);
void ps_report(FILE *f, const struct ps_config *cfg, unsigned int pool,
	       const struct ps_result *res);

/* ps_sweep.c: a run per pool size, the CSV and the SVG plot. */
int ps_sweep(const struct ps_config *cfg);

#endif
