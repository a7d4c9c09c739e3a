/* The xtest command line: parsing and help text. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

enum {
	OPT_LIST = 0x100,
	OPT_TIMEOUT,
	OPT_TEE,
	OPT_REPEAT,
	OPT_SHARD,
	OPT_JUNIT,
	OPT_TAP,
	OPT_KEEP_TMP,
	OPT_STATS,
	OPT_DEADLINE,
	OPT_STRESS,
	OPT_STRESS_ROUND,
};

static const struct option options_long[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "verbose", no_argument, NULL, 'v' },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "tee", required_argument, NULL, OPT_TEE },
	{ "repeat", required_argument, NULL, OPT_REPEAT },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "junit", required_argument, NULL, OPT_JUNIT },
	{ "tap", no_argument, NULL, OPT_TAP },
	{ "keep-tmp", no_argument, NULL, OPT_KEEP_TMP },
	{ "stats", required_argument, NULL, OPT_STATS },
	{ "deadline", required_argument, NULL, OPT_DEADLINE },
	{ "stress", no_argument, NULL, OPT_STRESS },
	{ "stress-round", required_argument, NULL, OPT_STRESS_ROUND },
	{ NULL, 0, NULL, 0 }
};

void options_usage(FILE *f, const char *prog)
{
	fprintf(f,
"Usage: %s [OPTION]... [ID]...\n"
"Runs teecheck's test cases, each in its own process, and prints the summary.\n"
"An ID names a case (1002) or one of its sub-cases (1002.3); with no ID every\n"
"case of the selected suites runs.\n"
"\n"
"  -t SUITE          only cases of SUITE (regression, gp, ...)\n"
"  -l LEVEL          test level (default 0); slow cases run from level 1,\n"
"                    or when named by ID\n"
"  -x ID             exclude a case or sub-case (repeatable)\n"
"  --list            list the selected cases; with -v their sub-cases too\n"
"  -v, --verbose     more detail\n"
"  -j, --jobs N      run up to N cases at once (default: the number of\n"
"                    online CPUs; 1 runs them one after the other); the\n"
"                    output, the results and the reports are those of a\n"
"                    run one after the other, and a case that needs the\n"
"                    core to itself runs with no other case beside it\n"
"  --timeout S       seconds per case for cases that declare no timeout\n"
"                    (default %u); a case that runs longer is killed and fails\n"
"  --tee sim         a private core and supplicant for this run (default)\n"
"  --tee unix:PATH   the core listening on the Unix socket PATH\n"
"  --tee /dev/teeN   a TEE behind the Linux TEE subsystem (OP-TEE, ...):\n"
"                    cases needing the bundled core are skipped\n"
"  --repeat N        run the selection N times\n"
"  --shard K/N       run only shard K (1..N) of N: cases are dealt in turn\n"
"  --junit FILE      also write the results as JUnit XML to FILE\n"
"  --tap             print TAP (version 14) instead of the text report\n"
"  --deadline S      end the run after S seconds: the case running then is\n"
"                    stopped, and it and the cases after it are reported\n"
"                    as not run (the exit status is then 1)\n"
"  --stress          run the selection while pager-stress and shm-churn\n"
"                    load the same core (data checked, clients killed at\n"
"                    random); cases that need an idle core run after the\n"
"                    load stops; fails if a driver found an error or the\n"
"                    core's statistics are not back at their start\n"
"  --stress-round S  seconds of one driver run under --stress (default %u)\n"
"  --keep-tmp        keep the private core's directory (socket, logs) and\n"
"                    the output of each failed case in it\n"
"  --hash-perf       alone: SHA-256 throughput through the TEE, 1 KiB..1 MiB,\n"
"                    beside OpenSSL in this process\n"
"  --aes-perf        alone: the same for AES-256-GCM\n"
"  --stats KIND      after the run, print the core's statistics: pager (the\n"
"                    pager of the core and of each TA instance: pool, faults,\n"
"                    evictions, fault times), core (sessions, instances)\n"
"                    or shm (shared memory objects, pages, SHM window and\n"
"                    TA host mappings, per guest and in total)\n"
"  -h, --help        this text\n"
"\n"
"Environment: TEECHECK_OUT is the build output directory (default: the\n"
"directory above the one xtest is in); it holds bin/tee-core,\n"
"bin/tee-supplicant and ta/.\n"
"\n"
"Exit status: 0 when every selected case passed or was skipped; 1 when one\n"
"failed, the deadline left cases out or the --stress load found an error;\n"
"2 on a usage error; 128+N when stopped by signal N.\n",
		prog, OPTIONS_DEFAULT_TIMEOUT_S, OPTIONS_DEFAULT_STRESS_ROUND_S);
}

static int options_uint(const char *s, unsigned int min, unsigned int max,
			unsigned int *out)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -EINVAL;
	*out = (unsigned int)v;
	return 0;
}

static int options_shard(const char *s, struct select_filter *f)
{
	char buf[32], *slash;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (!slash)
		return -EINVAL;
	*slash = '\0';
	if (options_uint(slash + 1, 1, UINT_MAX, &f->shard_n) ||
	    options_uint(buf, 1, f->shard_n, &f->shard_k))
		return -EINVAL;
	return 0;
}

static int options_tee(const char *s, struct options *o)
{
	o->tee_arg = s;
	if (!strcmp(s, "sim")) {
		o->tee = OPTIONS_TEE_PRIVATE;
		return 0;
	}
	if (!strncmp(s, "unix:", 5) && s[5]) {
		o->tee = OPTIONS_TEE_UNIX;
		return 0;
	}
	if (!strncmp(s, "/dev/", 5) && s[5]) {
		o->tee = OPTIONS_TEE_DEV;
		return 0;
	}
	return -EINVAL;
}

static int options_push(const char ***arr, size_t *n, const char *s)
{
	const char **a = realloc(*arr, (*n + 1) * sizeof(*a));

	if (!a)
		return -ENOMEM;
	a[(*n)++] = s;
	*arr = a;
	return 0;
}

#define OPTIONS_FAIL(...)					\
	do {							\
		snprintf(err, errlen, __VA_ARGS__);		\
		rc = -EINVAL;					\
		goto out;					\
	} while (0)

int options_parse(int argc, char **argv, struct options *o, char *err,
		  size_t errlen)
{
	struct select_filter *f = &o->filter;
	size_t nids = 0, nexcl = 0;
	int c, rc = 0;

	memset(o, 0, sizeof(*o));
	o->timeout_s = OPTIONS_DEFAULT_TIMEOUT_S;
	o->repeat = 1;
	o->stress_round_s = OPTIONS_DEFAULT_STRESS_ROUND_S;
	opterr = 0;
	optind = 0;	/* a fresh scan, also when called twice (tests) */

	while ((c = getopt_long(argc, argv, ":ht:l:x:vj:", options_long,
				NULL)) != -1) {
		switch (c) {
		case 'h':
			o->help = true;
			break;
		case 't':
			f->suite = optarg;
			break;
		case 'l':
			if (options_uint(optarg, 0, 1000, &f->level))
				OPTIONS_FAIL("-l %s: LEVEL must be a number 0..1000",
					     optarg);
			break;
		case 'x':
			if (options_push(&o->excludes, &nexcl, optarg))
				OPTIONS_FAIL("out of memory");
			break;
		case 'j':
			if (options_uint(optarg, 1, OPTIONS_JOBS_MAX, &o->jobs))
				OPTIONS_FAIL("-j %s: N must be a number 1..%u",
					     optarg, OPTIONS_JOBS_MAX);
			break;
		case 'v':
			o->verbose = true;
			break;
		case OPT_LIST:
			o->list = true;
			break;
		case OPT_TIMEOUT:
			if (options_uint(optarg, 1, 86400, &o->timeout_s))
				OPTIONS_FAIL("--timeout %s: S must be 1..86400 seconds",
					     optarg);
			break;
		case OPT_TEE:
			if (options_tee(optarg, o))
				OPTIONS_FAIL("--tee %s: expected sim, unix:PATH or /dev/teeN",
					     optarg);
			break;
		case OPT_REPEAT:
			if (options_uint(optarg, 1, 1000000, &o->repeat))
				OPTIONS_FAIL("--repeat %s: N must be 1..1000000",
					     optarg);
			break;
		case OPT_SHARD:
			if (options_shard(optarg, f))
				OPTIONS_FAIL("--shard %s: expected K/N with 1 <= K <= N",
					     optarg);
			break;
		case OPT_JUNIT:
			o->junit_path = optarg;
			break;
		case OPT_TAP:
			o->tap = true;
			break;
		case OPT_DEADLINE:
			if (options_uint(optarg, 1, 30 * 86400, &o->deadline_s))
				OPTIONS_FAIL("--deadline %s: S must be 1..2592000 seconds",
					     optarg);
			break;
		case OPT_STRESS:
			o->stress = true;
			break;
		case OPT_STRESS_ROUND:
			if (options_uint(optarg, 1, 3600, &o->stress_round_s))
				OPTIONS_FAIL("--stress-round %s: S must be 1..3600 seconds",
					     optarg);
			break;
		case OPT_KEEP_TMP:
			o->keep_tmp = true;
			break;
		case OPT_STATS:
			if (strcmp(optarg, "pager") && strcmp(optarg, "core") &&
			    strcmp(optarg, "shm"))
				OPTIONS_FAIL("--stats %s: expected pager, core or shm",
					     optarg);
			o->stats = optarg;
			break;
		case ':':
			OPTIONS_FAIL("%s needs an argument", argv[optind - 1]);
		default:
			if (optopt)
				OPTIONS_FAIL("unknown option -%c", optopt);
			OPTIONS_FAIL("unknown option %s", argv[optind - 1]);
		}
	}
	/* getopt_long() moved the IDs last: options may follow them. */
	for (; optind < argc; optind++) {
		if (options_push(&o->ids, &nids, argv[optind]))
			OPTIONS_FAIL("out of memory");
	}
out:
	f->ids = o->ids;
	f->nids = nids;
	f->excludes = o->excludes;
	f->nexcludes = nexcl;
	return rc;
}

void options_free(struct options *o)
{
	free(o->ids);
	free(o->excludes);
	o->ids = NULL;
	o->excludes = NULL;
}
