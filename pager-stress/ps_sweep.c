/*
 * --sweep: the same workload under a series of pool sizes, one fresh core
 * each, written as CSV and drawn as an SVG plot of faults per access
 * against pool size: the working-set curve, and where its knee is.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "../common/tc_file.h"
#include "../xtest/xtestsupport.h"
#include "ps.h"

struct ps_point {
	unsigned int pool;
	double fpa;		/* faults per access */
	double hpa;		/* hidden hits per access */
	double p50_us, p99_us;
	double rate;		/* accesses per second */
	uint64_t accesses, faults;
};

/* An output file is built in memory and written whole (common/tc_file.h):
 * never half a file, never a device or link replaced by one. */
struct ps_out {
	char *buf;
	size_t len;
};

static FILE *ps_out_open(struct ps_out *o, const char *path)
{
	FILE *f = open_memstream(&o->buf, &o->len);

	if (!f)
		perror(path);
	return f;
}

static int ps_out_close(struct ps_out *o, FILE *f, const char *path)
{
	char why[TC_FILE_WHY_LEN];
	int res = 0;

	if (fclose(f)) {
		perror(path);
		res = -1;
	} else if (tc_file_write(path, o->buf, o->len, why, sizeof(why))) {
		fprintf(stderr, "pager-stress: %s: %s\n", path, why);
		res = -1;
	}
	free(o->buf);
	return res;
}

static int ps_csv(const char *path, const struct ps_config *cfg,
		  const struct ps_point *pt, unsigned int n)
{
	struct ps_out o;
	FILE *f = ps_out_open(&o, path);
	unsigned int i;

	if (!f)
		return -1;
	fprintf(f, "pool_pages,ws_pages,pattern,write_pct,accesses,faults,"
		"faults_per_access,hidden_hits_per_access,fault_p50_us,"
		"fault_p99_us,accesses_per_s\n");
	for (i = 0; i < n; i++)
		fprintf(f, "%u,%u,%s,%u,%llu,%llu,%.5f,%.5f,%.2f,%.2f,%.0f\n",
			pt[i].pool, cfg->ws, ps_pattern_name(cfg->pattern),
			cfg->write_pct, (unsigned long long)pt[i].accesses,
			(unsigned long long)pt[i].faults, pt[i].fpa,
			pt[i].hpa, pt[i].p50_us, pt[i].p99_us, pt[i].rate);
	return ps_out_close(&o, f, path);
}

/* Plot geometry. */
#define SVG_W		720
#define SVG_H		440
#define SVG_L		70
#define SVG_R		30
#define SVG_T		50
#define SVG_B		60

struct ps_axis {
	double lo, hi;
	bool log2;
};

static double ps_x(const struct ps_axis *a, double v)
{
	double f = a->log2 ? (log2(v) - log2(a->lo)) / (log2(a->hi) -
							 log2(a->lo)) :
			     (v - a->lo) / (a->hi - a->lo);

	return SVG_L + f * (SVG_W - SVG_L - SVG_R);
}

static double ps_y(double ymax, double v)
{
	return SVG_H - SVG_B - v / ymax * (SVG_H - SVG_T - SVG_B);
}

static int ps_svg(const char *path, const struct ps_config *cfg,
		  const struct ps_point *pt, unsigned int n)
{
	struct ps_axis ax = { pt[0].pool, pt[n - 1].pool, false };
	double ymax = 0.1, x;
	struct ps_out o;
	FILE *f = ps_out_open(&o, path);
	unsigned int i, k;

	if (!f)
		return -1;
	if (ax.hi <= ax.lo)
		ax.hi = ax.lo + 1;
	ax.log2 = ax.hi / ax.lo >= 8;
	for (i = 0; i < n; i++)
		if (pt[i].fpa > ymax)
			ymax = pt[i].fpa;
	ymax = ceil(ymax * 10) / 10;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
		SVG_W, SVG_H);
	fprintf(f, "<text x=\"%d\" y=\"24\" font-size=\"15\">pager-stress: "
		"faults per access against pool size</text>\n"
		"<text x=\"%d\" y=\"40\" fill=\"#555\">working set %u pages a "
		"session, %s pattern, %u%% writes, %u instance(s), %u "
		"session(s)</text>\n", SVG_L, SVG_L, cfg->ws,
		ps_pattern_name(cfg->pattern), cfg->write_pct, cfg->instances,
		cfg->sessions);
	/* Axes, grid and labels. */
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		"stroke=\"black\"/>\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
		"y2=\"%d\" stroke=\"black\"/>\n", SVG_L, SVG_H - SVG_B,
		SVG_W - SVG_R, SVG_H - SVG_B, SVG_L, SVG_T, SVG_L,
		SVG_H - SVG_B);
	for (k = 0; k <= 5; k++) {
		double v = ymax * k / 5;

		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
			"stroke=\"#ddd\"/>\n<text x=\"%d\" y=\"%.1f\" "
			"text-anchor=\"end\">%.2f</text>\n", SVG_L,
			ps_y(ymax, v), SVG_W - SVG_R, ps_y(ymax, v), SVG_L - 6,
			ps_y(ymax, v) + 4, v);
	}
	for (i = 0; i < n; i++)
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
			"%u</text>\n", ps_x(&ax, pt[i].pool),
			SVG_H - SVG_B + 18, pt[i].pool);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">pool "
		"pages per TA instance%s</text>\n<text x=\"16\" y=\"%d\" "
		"transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">faults "
		"per access</text>\n", (SVG_L + SVG_W - SVG_R) / 2, SVG_H - 16,
		ax.log2 ? " (log scale)" : "", (SVG_T + SVG_H - SVG_B) / 2,
		(SVG_T + SVG_H - SVG_B) / 2);
	/* Where the working set is. */
	if (cfg->ws >= ax.lo && cfg->ws <= ax.hi) {
		x = ps_x(&ax, cfg->ws);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
			"stroke=\"#c33\" stroke-dasharray=\"5,4\"/>\n<text "
			"x=\"%.1f\" y=\"%d\" fill=\"#c33\">working set</text>\n",
			x, SVG_T, x, SVG_H - SVG_B, x + 4, SVG_T + 12);
	}
	fprintf(f, "<polyline fill=\"none\" stroke=\"#1f5fa8\" "
		"stroke-width=\"2\" points=\"");
	for (i = 0; i < n; i++)
		fprintf(f, "%.1f,%.1f ", ps_x(&ax, pt[i].pool),
			ps_y(ymax, pt[i].fpa));
	fprintf(f, "\"/>\n");
	for (i = 0; i < n; i++)
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
			"fill=\"#1f5fa8\"><title>pool %u: %.3f faults per "
			"access</title></circle>\n", ps_x(&ax, pt[i].pool),
			ps_y(ymax, pt[i].fpa), pt[i].pool, pt[i].fpa);
	fprintf(f, "</svg>\n");
	return ps_out_close(&o, f, path);
}

/*
 * The knee in words: the point where the curve lies farthest below the
 * straight line from its first point to its last (both axes scaled to
 * [0, 1], pool sizes as plotted), and where faults fall below 1%.
 */
static void ps_knee(FILE *f, const struct ps_config *cfg,
		    const struct ps_point *pt, unsigned int n)
{
	bool log_x;
	double x0, x1, y0, y1, best = 0;
	unsigned int i, knee = 0, fits = 0;

	if (!n)
		return;
	log_x = pt[n - 1].pool / pt[0].pool >= 8;
	y0 = pt[0].fpa;
	y1 = pt[n - 1].fpa;
	x0 = log_x ? log2(pt[0].pool) : pt[0].pool;
	x1 = log_x ? log2(pt[n - 1].pool) : pt[n - 1].pool;
	for (i = 1; n > 2 && i + 1 < n && x1 > x0 && y0 > y1; i++) {
		double x = ((log_x ? log2(pt[i].pool) : pt[i].pool) - x0) /
			   (x1 - x0);
		double y = (pt[i].fpa - y1) / (y0 - y1);
		double below = (1 - x) - y;

		if (below > best) {
			best = below;
			knee = i;
		}
	}
	for (i = 0; i < n && !fits; i++)
		if (pt[i].fpa < 0.01)
			fits = pt[i].pool;
	if (knee)
		fprintf(f, "knee: at %u pages (%.3f faults per access, from "
			"%.3f at %u pages), ", pt[knee].pool, pt[knee].fpa,
			pt[0].fpa, pt[0].pool);
	else
		fprintf(f, "knee: none in this range (the curve does not "
			"bend below its chord), ");
	if (fits)
		fprintf(f, "below 1%% from %u pages on; working set %u pages "
			"a session\n", fits, cfg->ws);
	else
		fprintf(f, "never below 1%% here; working set %u pages a "
			"session\n", cfg->ws);
}

int ps_sweep(const struct ps_config *cfg)
{
	struct ps_point pt[PS_MAX_SWEEP];
	struct ps_result res;
	unsigned int i;

	for (i = 0; i < cfg->nsweep; i++) {
		const uint64_t *h;

		if (ps_run(cfg, cfg->sweep[i], &res) || res.mismatches) {
			fprintf(stderr, "pager-stress: the run with a pool of "
				"%u pages failed\n", cfg->sweep[i]);
			free(res.recs);
			return -1;
		}
		h = res.ta.fault_ns_hist;
		pt[i].pool = cfg->sweep[i];
		pt[i].accesses = res.accesses;
		pt[i].faults = res.ta.ro_faults + res.ta.rw_faults;
		pt[i].fpa = res.accesses ? (double)pt[i].faults /
					   (double)res.accesses : 0;
		pt[i].hpa = res.accesses ? (double)res.ta.hidden_hits /
					   (double)res.accesses : 0;
		pt[i].p50_us = stats_hist_percentile(h, TC_PAGER_HIST_BUCKETS,
						     0.5) / 1e3;
		pt[i].p99_us = stats_hist_percentile(h, TC_PAGER_HIST_BUCKETS,
						     0.99) / 1e3;
		pt[i].rate = res.seconds > 0 ? (double)res.accesses /
					       res.seconds : 0;
		printf("pool %5u pages: %9llu accesses, %.4f faults per access, "
		       "%.4f hidden hits per access, fault p50 %.1f us, "
		       "%.0f accesses/s\n", pt[i].pool,
		       (unsigned long long)pt[i].accesses, pt[i].fpa,
		       pt[i].hpa, pt[i].p50_us, pt[i].rate);
		fflush(stdout);
		free(res.recs);
	}
	ps_knee(stdout, cfg, pt, cfg->nsweep);
	if (ps_csv(cfg->csv, cfg, pt, cfg->nsweep) ||
	    ps_svg(cfg->svg, cfg, pt, cfg->nsweep))
		return -1;
	printf("wrote %s and %s\n", cfg->csv, cfg->svg);
	return 0;
}
