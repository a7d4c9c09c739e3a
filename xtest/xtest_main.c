/*
 * xtest: runs teecheck's test cases against the bundled core (a private one
 * per run, by default) or a core the user names, and prints the summary.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "junit.h"
#include "options.h"
#include "private_core.h"
#include "proc.h"
#include "registry.h"
#include "report.h"
#include "runner.h"
#include "select.h"
#include "settings.h"
#include "crypto_perf.h"
#include "stats.h"
#include "stats_shm.h"
#include "tap.h"

#define XTEST_EXIT_FAILED	1
#define XTEST_EXIT_USAGE	2

static void main_list(const struct select_plan *plan, bool verbose)
{
	size_t i, k;

	for (i = 0; i < plan->nitems; i++) {
		const struct xtest_case *tc = plan->items[i].tc;

		printf("%s %s\n", tc->id, tc->title);
		for (k = 0; verbose && k < tc->nsubs; k++) {
			if (plan->items[i].sub_on[k])
				printf("%s.%u %s\n", tc->id, tc->subs[k].num,
				       tc->subs[k].title);
		}
	}
}

static int main_check_core(void *arg, char *why, size_t len)
{
	return private_core_check(arg, why, len);
}

static int main_setenv(const char *name, const char *value)
{
	if (setenv(name, value, 1)) {
		fprintf(stderr, "xtest: setenv %s: %s\n", name, strerror(errno));
		return -errno;
	}
	return 0;
}

/* Points the cases (through libteec's environment) at the core under test. */
static int main_setup_tee(const struct options *opts, struct private_core *pc,
			  struct runner_config *cfg)
{
	char ta_dir[PATH_MAX];
	int rc;

	if (opts->tee == OPTIONS_TEE_UNIX) {
		const char *path = opts->tee_arg + strlen("unix:");
		struct stat st;

		if (stat(path, &st) || !S_ISSOCK(st.st_mode)) {
			fprintf(stderr, "xtest: --tee %s: no socket at %s; is "
				"tee-core running?\n", opts->tee_arg, path);
			return -ENOENT;
		}
		return main_setenv("TEECHECK_CORE", opts->tee_arg);
	}

	if ((size_t)snprintf(ta_dir, sizeof(ta_dir), "%s/ta",
			     xtest_out_dir()) >= sizeof(ta_dir))
		return -ENAMETOOLONG;
	rc = private_core_start(pc, settings_bin_dir(), ta_dir,
				opts->keep_tmp);
	if (rc)
		return rc;
	if (opts->verbose)
		fprintf(stderr, "xtest: private core on %s, logs in %s\n",
			pc->socket, pc->dir);
	cfg->check = main_check_core;
	cfg->check_arg = pc;
	rc = main_setenv("TEECHECK_CORE", pc->socket);
	if (!rc)
		rc = main_setenv("XTEST_TA_EXTRA_DIR", pc->ta_extra_dir);
	return rc;
}

static void main_summary(const struct options *opts, const struct results *res)
{
	char filter[512];
	char *text = NULL;
	size_t len = 0;
	bool line_start = true;
	FILE *f;

	select_filter_describe(&opts->filter, filter, sizeof(filter));
	if (!opts->tap) {
		report_summary(stdout, res, filter);
		return;
	}
	/* In TAP the summary is a comment, so TAP readers skip it. */
	f = open_memstream(&text, &len);
	if (!f)
		return;
	report_summary(f, res, filter);
	fclose(f);
	tap_comment(stdout, text, len, &line_start);
	free(text);
}

static int main_exit_code(const struct results *res)
{
	struct results_counts c;

	if (res->stop_signal)
		return 128 + res->stop_signal;
	results_count(res, NULL, &c);
	return c.failed || res->abort_reason[0] ? XTEST_EXIT_FAILED : 0;
}

int main(int argc, char **argv)
{
	struct runner_config cfg = { 0 };
	struct private_core pc = { 0 };
	const struct xtest_case **cases = NULL;
	struct select_plan plan = { 0 };
	struct results res = { 0 };
	struct options opts;
	int rc, stats_rc = 0, code = XTEST_EXIT_USAGE;
	size_t ncases = 0;
	char err[256];

	rc = proc_signals_init();
	if (rc) {
		fprintf(stderr, "xtest: cannot set up signals: %s\n",
			strerror(-rc));
		return XTEST_EXIT_FAILED;
	}
	/* The crypto benchmarks run alone, not as cases. */
	if (argc == 2 && (!strcmp(argv[1], "--hash-perf") ||
			  !strcmp(argv[1], "--aes-perf")))
		return crypto_perf_main(argv[1] + 2);
	rc = options_parse(argc, argv, &opts, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "xtest: %s\nTry 'xtest --help'.\n", err);
		goto out;
	}
	if (opts.help) {
		options_usage(stdout, "xtest");
		code = 0;
		goto out;
	}
	xtest_level = opts.filter.level;
	rc = registry_load(&cases, &ncases, err, sizeof(err));
	if (!rc)
		rc = select_plan_build(cases, ncases, &opts.filter, &plan, err,
				       sizeof(err));
	if (rc) {
		fprintf(stderr, "xtest: %s\n", err);
		goto out;
	}
	if (opts.list) {
		main_list(&plan, opts.verbose);
		code = 0;
		goto out;
	}

	cfg.timeout_s = opts.timeout_s;
	cfg.repeat = opts.repeat;
	cfg.tap = opts.tap;
	code = XTEST_EXIT_FAILED;
	if (plan.nitems || opts.stats) {
		rc = main_setup_tee(&opts, &pc, &cfg);
		if (rc) {
			if (proc_stop_requested()) {
				fprintf(stderr, "xtest: stopped by signal %d "
					"while starting\n",
					proc_stop_requested());
				code = 128 + proc_stop_requested();
			}
			goto out;
		}
	}
	rc = runner_run(&plan, &cfg, &res);
	/* Before the summary, which LAVA's parsers expect last. */
	if (!rc && opts.stats && !res.stop_signal)
		stats_rc = !strcmp(opts.stats, "shm") ? stats_shm_print(stdout) :
			   stats_print(stdout, opts.stats);
	private_core_stop(&pc);
	if (rc) {
		fprintf(stderr, "xtest: the run failed: %s\n", strerror(-rc));
		goto out;
	}
	main_summary(&opts, &res);
	if (opts.junit_path && junit_write(opts.junit_path, &res))
		goto out;
	code = main_exit_code(&res);
	if (stats_rc && !code)
		code = XTEST_EXIT_FAILED;
out:
	private_core_stop(&pc);
	results_free(&res);
	select_plan_free(&plan);
	free(cases);
	options_free(&opts);
	return code;
}
