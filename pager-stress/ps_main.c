/* pager-stress: the command line; see ps.h and docs/PAGER.md. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pager_stress_ta.h>

#include "ps.h"

enum {
	OPT_POOL = 0x100, OPT_WS, OPT_PATTERN, OPT_STRIDE, OPT_ZIPF,
	OPT_WRITES, OPT_THREADS, OPT_SESSIONS, OPT_INSTANCES, OPT_DURATION,
	OPT_ACCESSES, OPT_BATCH, OPT_SEED, OPT_SWEEP, OPT_CSV, OPT_SVG,
	OPT_TEE, OPT_KEEP,
};

static const struct option ps_options[] = {
	{ "pool", required_argument, NULL, OPT_POOL },
	{ "ws", required_argument, NULL, OPT_WS },
	{ "pattern", required_argument, NULL, OPT_PATTERN },
	{ "stride", required_argument, NULL, OPT_STRIDE },
	{ "zipf-s", required_argument, NULL, OPT_ZIPF },
	{ "write-share", required_argument, NULL, OPT_WRITES },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "sessions", required_argument, NULL, OPT_SESSIONS },
	{ "instances", required_argument, NULL, OPT_INSTANCES },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "accesses", required_argument, NULL, OPT_ACCESSES },
	{ "batch", required_argument, NULL, OPT_BATCH },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "sweep", required_argument, NULL, OPT_SWEEP },
	{ "csv", required_argument, NULL, OPT_CSV },
	{ "svg", required_argument, NULL, OPT_SVG },
	{ "tee", required_argument, NULL, OPT_TEE },
	{ "keep-tmp", no_argument, NULL, OPT_KEEP },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void ps_usage(FILE *f)
{
	fprintf(f,
"Usage: pager-stress [OPTION]...\n"
"Runs the pager-stress TA under a small pool: every session reads and writes\n"
"pages of its working set, and every page read is checked against what was\n"
"last written to it, however often it was evicted meanwhile. Prints the\n"
"access and fault rates, fault latencies and the pager's statistics; exits\n"
"with 1 if any page was wrong.\n"
"\n"
"  --pool N           pages each TA instance pages in (its stack aside;\n"
"                     default 16); the core is started for the run\n"
"  --ws N             working set of each session in pages (default 64)\n"
"  --pattern P        seq, random (default), zipf or strided\n"
"  --stride K         strided: pages between two accesses (default 7)\n"
"  --zipf-s S         zipf: the exponent (default 1.0)\n"
"  --write-share PCT  accesses that write, in percent (default 25)\n"
"  --threads T        client threads (default 1)\n"
"  --sessions S       sessions, at least T (default T); thread t drives\n"
"                     sessions t, t+T, ...\n"
"  --instances I      TA instances: 1 (all sessions share one, each on its\n"
"                     own slice of it; default) or S (one each)\n"
"  --duration SEC     how long to run (default 5)\n"
"  --accesses N       run N accesses a thread instead of a duration\n"
"  --batch N          accesses per call (default 256, at most %u)\n"
"  --seed N           seed of the access sequences (default 1)\n"
"  --sweep LIST       one run per pool size: A,B,C or A:B (doubling from A\n"
"                     to B); writes the CSV and the SVG plot of faults per\n"
"                     access against pool size\n"
"  --csv FILE         sweep output (default pager-stress-sweep.csv)\n"
"  --svg FILE         sweep plot (default pager-stress-sweep.svg)\n"
"  --tee unix:PATH    a running core instead of one started for the run\n"
"  --tee /dev/teeN    a TEE behind the Linux TEE subsystem: its own pager,\n"
"                     no statistics (pages are still all checked)\n"
"                     (its pool is what it grants; no --sweep)\n"
"  --keep-tmp         keep the started core's directory (socket, logs)\n"
"  -h, --help         this text\n"
"\n"
"tee-core and the TAs are looked for as xtest does: beside pager-stress\n"
"and in ../ta from there, or in $TEECHECK_OUT/bin and $TEECHECK_OUT/ta.\n", PS_MAX_BATCH);
}

/* The long name of option value o, for messages. */
static const char *ps_opt_name(int o)
{
	const struct option *p;

	for (p = ps_options; p->name; p++)
		if (p->val == o)
			return p->name;
	return "?";
}

static int ps_uint(const char *opt, const char *s, unsigned long min,
		   unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 0);
	if (errno || end == s || *end || s[0] == '-' || *out < min ||
	    *out > max) {
		fprintf(stderr, "pager-stress: --%s %s: not a number from %lu "
			"to %lu\n", opt, s, min, max);
		return -1;
	}
	return 0;
}

static int ps_sweep_parse(const char *s, struct ps_config *cfg)
{
	unsigned long a, b;
	char *end, *colon = strchr(s, ':');

	cfg->nsweep = 0;
	if (colon) {
		a = strtoul(s, &end, 0);
		if (end != colon || !a)
			return -1;
		b = strtoul(colon + 1, &end, 0);
		if (*end || b < a)
			return -1;
		for (; a <= b && cfg->nsweep < PS_MAX_SWEEP; a *= 2)
			cfg->sweep[cfg->nsweep++] = (unsigned int)a;
		return 0;
	}
	while (*s && cfg->nsweep < PS_MAX_SWEEP) {
		a = strtoul(s, &end, 0);
		if (end == s || !a || (*end && *end != ','))
			return -1;
		if (cfg->nsweep && a <= cfg->sweep[cfg->nsweep - 1])
			return -1;
		cfg->sweep[cfg->nsweep++] = (unsigned int)a;
		s = *end ? end + 1 : end;
	}
	return *s ? -1 : 0;
}

static int ps_parse(int argc, char **argv, struct ps_config *cfg)
{
	unsigned long v;
	int o;

	while ((o = getopt_long(argc, argv, "hv", ps_options, NULL)) != -1) {
		const char *name = ps_opt_name(o);

		switch (o) {
		case OPT_POOL:
			if (ps_uint(name, optarg, 4, 1u << 20, &v))
				return -1;
			cfg->pool = (unsigned int)v;
			break;
		case OPT_WS:
			if (ps_uint(name, optarg, 1, PS_MAX_PAGES, &v))
				return -1;
			cfg->ws = (unsigned int)v;
			break;
		case OPT_PATTERN:
			if (ps_pattern_parse(optarg, &cfg->pattern)) {
				fprintf(stderr, "pager-stress: --pattern %s: "
					"seq, random, zipf or strided\n",
					optarg);
				return -1;
			}
			break;
		case OPT_STRIDE:
			if (ps_uint(name, optarg, 1, PS_MAX_PAGES, &v))
				return -1;
			cfg->stride = (unsigned int)v;
			break;
		case OPT_ZIPF:
			cfg->zipf_s = strtod(optarg, NULL);
			if (cfg->zipf_s <= 0 || cfg->zipf_s > 10) {
				fprintf(stderr, "pager-stress: --zipf-s %s: "
					"not in (0, 10]\n", optarg);
				return -1;
			}
			break;
		case OPT_WRITES:
			if (ps_uint(name, optarg, 0, 100, &v))
				return -1;
			cfg->write_pct = (unsigned int)v;
			break;
		case OPT_THREADS:
			if (ps_uint(name, optarg, 1, 256, &v))
				return -1;
			cfg->threads = (unsigned int)v;
			break;
		case OPT_SESSIONS:
			if (ps_uint(name, optarg, 1, 1024, &v))
				return -1;
			cfg->sessions = (unsigned int)v;
			break;
		case OPT_INSTANCES:
			if (ps_uint(name, optarg, 1, 1024, &v))
				return -1;
			cfg->instances = (unsigned int)v;
			break;
		case OPT_DURATION:
			cfg->duration_s = strtod(optarg, NULL);
			if (cfg->duration_s <= 0 || cfg->duration_s > 86400) {
				fprintf(stderr, "pager-stress: --duration %s: "
					"not in (0, 86400]\n", optarg);
				return -1;
			}
			cfg->accesses = 0;
			break;
		case OPT_ACCESSES:
			if (ps_uint(name, optarg, 1, ~0ul, &v))
				return -1;
			cfg->accesses = v;
			cfg->duration_s = 0;
			break;
		case OPT_BATCH:
			if (ps_uint(name, optarg, 1, PS_MAX_BATCH, &v))
				return -1;
			cfg->batch = (unsigned int)v;
			break;
		case OPT_SEED:
			if (ps_uint(name, optarg, 0, 0xffffffffu, &v))
				return -1;
			cfg->seed = (uint32_t)v;
			break;
		case OPT_SWEEP:
			if (ps_sweep_parse(optarg, cfg)) {
				fprintf(stderr, "pager-stress: --sweep %s: "
					"expected A,B,C (rising) or A:B\n",
					optarg);
				return -1;
			}
			break;
		case OPT_CSV:
			cfg->csv = optarg;
			break;
		case OPT_SVG:
			cfg->svg = optarg;
			break;
		case OPT_TEE:
			if ((strncmp(optarg, "unix:", 5) &&
			     strncmp(optarg, "/dev/", 5)) || !optarg[5]) {
				fprintf(stderr, "pager-stress: --tee %s: "
					"expected unix:PATH or /dev/teeN\n",
					optarg);
				return -1;
			}
			cfg->tee = optarg;
			break;
		case OPT_KEEP:
			cfg->keep_tmp = true;
			break;
		case 'v':
			cfg->verbose = true;
			break;
		case 'h':
			ps_usage(stdout);
			exit(0);
		default:
			ps_usage(stderr);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "pager-stress: unexpected argument %s\n",
			argv[optind]);
		return -1;
	}
	if (!cfg->sessions)
		cfg->sessions = cfg->threads;
	if (cfg->sessions < cfg->threads) {
		fprintf(stderr, "pager-stress: --sessions %u: at least one a "
			"thread (%u)\n", cfg->sessions, cfg->threads);
		return -1;
	}
	if (cfg->instances != 1 && cfg->instances != cfg->sessions) {
		fprintf(stderr, "pager-stress: --instances %u: 1 or --sessions "
			"(%u); a GP TA has one instance, or one a session\n",
			cfg->instances, cfg->sessions);
		return -1;
	}
	if (cfg->instances == 1 &&
	    (unsigned long)cfg->ws * cfg->sessions > PS_MAX_PAGES) {
		fprintf(stderr, "pager-stress: %u sessions of %u pages do not "
			"fit the instance's %u pages\n", cfg->sessions,
			cfg->ws, PS_MAX_PAGES);
		return -1;
	}
	if (cfg->nsweep && cfg->tee) {
		fprintf(stderr, "pager-stress: --sweep starts a core a pool "
			"size: not with --tee\n");
		return -1;
	}
	if (cfg->nsweep && !cfg->accesses) {
		/* Every point does the same work. */
		cfg->accesses = 40ull * cfg->ws * cfg->sessions / cfg->threads;
		cfg->duration_s = 0;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct ps_config cfg = {
		.pool = 16, .ws = 64, .pattern = PS_RANDOM, .stride = 7,
		.zipf_s = 1.0, .write_pct = 25, .threads = 1, .instances = 1,
		.duration_s = 5, .batch = 256, .seed = 1,
		.csv = "pager-stress-sweep.csv",
		.svg = "pager-stress-sweep.svg",
	};
	struct ps_result res;
	int rc;

	if (ps_parse(argc, argv, &cfg))
		return 2;
	if (cfg.nsweep)
		return ps_sweep(&cfg) ? 1 : 0;
	rc = ps_run(&cfg, cfg.pool, &res);
	ps_report(stdout, &cfg, cfg.pool, &res);
	free(res.recs);
	if (rc || res.mismatches || !res.accesses) {
		fprintf(stderr, "pager-stress: FAILED%s\n", res.mismatches ?
			": pages were wrong" : "");
		return 1;
	}
	printf("pager-stress: OK\n");
	return 0;
}
