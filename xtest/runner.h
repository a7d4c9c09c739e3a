/*
 * The runner: each selected case in its own process, with a timeout, up to
 * cfg->jobs at once; output, results and reports are those of a run one
 * case after the other.
 */
#ifndef XTEST_RUNNER_H
#define XTEST_RUNNER_H

#include <stdbool.h>
#include <stddef.h>

#include "results.h"
#include "select.h"

struct runner_config {
	unsigned int jobs;		/* cases at once; 0 is 1 */
	unsigned int timeout_s;		/* for cases that declare none */
	unsigned int repeat;		/* runs of the whole selection */
	bool tap;			/* TAP on stdout instead of text */
	/*
	 * Called after each case run; nonzero ends the run, with why (the
	 * private core died, say).
	 */
	int (*check)(void *arg, char *why, size_t len);
	void *check_arg;
	/*
	 * Called after a case timed out or crashed: brings the secure world
	 * back to a clean state for the next case (ends what the case left
	 * stuck in it) and says what it did in what. Returns 0 when it did,
	 * > 0 when it could not but the run may go on, < 0 when the run must
	 * end (what is the reason). NULL: nothing is done.
	 */
	int (*recover)(void *arg, const char *id, char *what, size_t len);
	void *recover_arg;
	/* proc_now_ms() by which the run ends, 0: none; deadline_s as given. */
	long long deadline_ms;
	unsigned int deadline_s;
	/* When set, the output of each failed run goes to log_dir/ID.log. */
	const char *log_dir;
	/*
	 * When set, cases declaring XTEST_NEEDS_IDLE run after all others,
	 * and quiet() is called once before the first of them (it stops
	 * whatever loads the core); nonzero ends the run with why.
	 */
	int (*quiet)(void *arg, char *why, size_t len);
	void *quiet_arg;
};

/*
 * Runs the plan into res, which the runner initialises; free it with
 * results_free(). A stop signal ends the run early (res->stop_signal).
 * Returns 0 or -errno when the run could not be carried out at all.
 */
int runner_run(const struct select_plan *plan, const struct runner_config *cfg,
	       struct results *res);

#endif
