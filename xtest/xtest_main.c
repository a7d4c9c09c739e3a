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

#include <tee_client_api.h>
#include <teecheck/teec_ext.h>

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
#include "stress.h"
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

/*
 * After a case timed out or crashed, what it left in the secure world (a TA
 * instance stuck in a call, sessions nobody will close) must not stall the
 * cases after it: the private core and supplicant start afresh, TA
 * instances included, on the same socket and with the same state.
 */
static int main_recover_private(void *arg, const char *id, char *what,
				size_t len)
{
	struct private_core *pc = arg;
	long long start = proc_now_ms();
	int rc;

	(void)id;
	rc = private_core_restart(pc);
	/* The TA hosts of the old core come back to xtest as orphans. */
	proc_reap_strays();
	if (rc) {
		snprintf(what, len, "restarting tee-core and tee-supplicant "
			 "failed: %s", strerror(-rc));
		return rc;
	}
	snprintf(what, len, "restarted tee-core and tee-supplicant, ending "
		 "every TA instance (%.2f s)",
		 (double)(proc_now_ms() - start) / 1000.0);
	return 0;
}

static int main_setenv(const char *name, const char *value)
{
	if (setenv(name, value, 1)) {
		fprintf(stderr, "xtest: setenv %s: %s\n", name, strerror(errno));
		return -errno;
	}
	return 0;
}

/*
 * The sessions a core xtest did not start holds, or -EIO if it cannot say.
 */
static long main_core_sessions(void)
{
	struct teecheck_core_stats st;
	TEEC_Context ctx;
	long n = -EIO;

	if (TEEC_InitializeContext(NULL, &ctx))
		return -EIO;
	if (!teecheck_core_stats(&ctx, &st))
		n = st.sessions;
	TEEC_FinalizeContext(&ctx);
	return n;
}

static long main_external_sessions;	/* at the start of the run */

/*
 * A core xtest did not start cannot be restarted: xtest waits a little for
 * it to release what the case held and says what it found.
 */
static int main_recover_external(void *arg, const char *id, char *what,
				 size_t len)
{
	long long end = proc_now_ms() + 3000;
	long now;

	(void)arg;
	(void)id;
	do {
		now = main_core_sessions();
		if (now < 0 || main_external_sessions < 0) {
			snprintf(what, len, "the core does not report its "
				 "sessions; xtest cannot restart a core it did "
				 "not start");
			return 1;
		}
		if (now <= main_external_sessions) {
			snprintf(what, len, "the core holds %ld sessions, as "
				 "at the start", now);
			return 0;
		}
		usleep(100000);
	} while (proc_now_ms() < end);
	snprintf(what, len, "the core still holds %ld sessions (%ld at the "
		 "start); xtest cannot restart a core it did not start, and "
		 "later cases may wait on what is stuck", now,
		 main_external_sessions);
	return 1;
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
		rc = main_setenv("TEECHECK_CORE", opts->tee_arg);
		main_external_sessions = main_core_sessions();
		cfg->recover = main_recover_external;
		return rc;
	}
	if (opts->tee == OPTIONS_TEE_DEV) {
		struct stat st;

		if (stat(opts->tee_arg, &st) || !S_ISCHR(st.st_mode)) {
			fprintf(stderr, "xtest: --tee %s: no TEE device there\n",
				opts->tee_arg);
			return -ENOENT;
		}
		/* libteec takes a /dev/ name in TEECHECK_CORE as a device. */
		xtest_tee_lacks = XTEST_NEEDS_BEYOND_GP;
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
	if (opts->keep_tmp) {
		static char log_dir[PATH_MAX + sizeof("/cases")];

		snprintf(log_dir, sizeof(log_dir), "%s/cases", pc->dir);
		if (!mkdir(log_dir, 0700))
			cfg->log_dir = log_dir;
	}
	cfg->check = main_check_core;
	cfg->check_arg = pc;
	cfg->recover = main_recover_private;
	cfg->recover_arg = pc;
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

/* Before the cases that need an idle core, the load stops. */
static int main_quiet(void *arg, char *why, size_t len)
{
	struct stress *st = arg;

	(void)why;
	(void)len;
	printf("xtest: --stress: stopping the load (after its round) for the "
	       "cases that need an idle core\n");
	fflush(stdout);
	stress_stop(st);
	return 0;
}

/* Where a failed run's logs are, or how to keep them. */
static void main_where_logs(const struct options *opts, const char *log_dir,
			    int code)
{
	if (!code || opts->tee != OPTIONS_TEE_PRIVATE)
		return;
	fflush(stdout);
	if (log_dir)
		fprintf(stderr, "xtest: logs kept: the output of each failed "
			"case in %s/ID.log, tee-core.log and tee-supplicant.log "
			"in the directory above\n", log_dir);
	else
		fprintf(stderr, "xtest: the private core's logs were removed "
			"with its directory; --keep-tmp keeps them\n");
}

/* -j's default: one case per online CPU, within -j's bounds. */
static unsigned int main_online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > OPTIONS_JOBS_MAX ? OPTIONS_JOBS_MAX : (unsigned int)n;
}

static int main_exit_code(const struct results *res)
{
	struct results_counts c;

	if (res->stop_signal)
		return 128 + res->stop_signal;
	results_count(res, NULL, &c);
	return c.failed || res->abort_reason[0] || res->not_run_reason[0] ?
	       XTEST_EXIT_FAILED : 0;
}

int main(int argc, char **argv)
{
	struct runner_config cfg = { 0 };
	struct private_core pc = { 0 };
	struct stress stress = { 0 };
	const struct xtest_case **cases = NULL;
	struct select_plan plan = { 0 };
	struct results res = { 0 };
	struct options opts;
	int rc, stats_rc = 0, stress_rc = 0, code = XTEST_EXIT_USAGE;
	size_t ncases = 0;
	char err[256];
	long long start_ms = proc_now_ms();

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

	if (opts.deadline_s) {
		cfg.deadline_ms = start_ms + opts.deadline_s * 1000LL;
		cfg.deadline_s = opts.deadline_s;
	}
	if (!proc_adopts_orphans())
		fprintf(stderr, "xtest: note: this system does not let xtest "
			"adopt orphans (PR_SET_CHILD_SUBREAPER): a process a "
			"case moves out of its process group can outlive the "
			"case\n");
	cfg.jobs = opts.jobs ? opts.jobs : main_online_cpus();
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
	if (opts.stress && plan.nitems) {
		rc = stress_start(&stress, opts.tee == OPTIONS_TEE_PRIVATE ?
				  pc.dir : NULL, opts.stress_round_s);
		if (rc)
			goto out;
		cfg.quiet = main_quiet;
		cfg.quiet_arg = &stress;
	}
	rc = runner_run(&plan, &cfg, &res);
	/* Before the summary, which LAVA's parsers expect last. */
	if (stress.fig && stress_report(&stress, stdout))
		stress_rc = -1;
	if (!rc && opts.stats && !res.stop_signal)
		stats_rc = !strcmp(opts.stats, "shm") ? stats_shm_print(stdout) :
			   stats_print(stdout, opts.stats);
	private_core_stop(&pc);
	if (rc) {
		fprintf(stderr, "xtest: the run failed: %s\n", strerror(-rc));
		goto out;
	}
	code = main_exit_code(&res);
	if ((stats_rc || stress_rc) && !code)
		code = XTEST_EXIT_FAILED;
	main_where_logs(&opts, cfg.log_dir, code);
	main_summary(&opts, &res);
	if (opts.junit_path && junit_write(opts.junit_path, &res))
		code = XTEST_EXIT_FAILED;
out:
	if (stress.running)
		stress_stop(&stress);
	private_core_stop(&pc);
	results_free(&res);
	select_plan_free(&plan);
	free(cases);
	options_free(&opts);
	return code;
}
