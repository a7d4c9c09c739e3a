/*
 * The results of a run: what each case and sub-case did, accumulated over
 * repeats, and the counts the summary, TAP and JUnit reports print.
 */
#ifndef XTEST_RESULTS_H
#define XTEST_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "xtest_case.h"

enum results_status {
	RESULTS_NOT_RUN = 0,
	RESULTS_RUNNING,		/* started, never finished: it failed */
	RESULTS_PASSED,
	RESULTS_FAILED,
	RESULTS_SKIPPED,
};

/* One run of one case: the case's verdict and each selected sub-case's. */
struct results_run {
	enum results_status status;
	char reason[128];		/* why it failed or was skipped, or "" */
	bool fault;			/* timed out or crashed: the secure world
					   may hold what it left behind */
	double seconds;
	const struct xtest_sub *const *subs;	/* the selected sub-cases */
	const int *sub_status;		/* enum results_status, per subs[] */
	size_t nsubs;
};

struct results_sub {
	const struct xtest_sub *sub;
	unsigned int passed;		/* runs by outcome */
	unsigned int failed;
	unsigned int skipped;
};

struct results_case {
	const struct xtest_case *tc;
	enum results_status status;	/* over all runs: a failed run fails it */
	char reason[128];		/* of the first failed run, or the skip */
	unsigned int runs;
	unsigned int runs_failed;
	double seconds;
	struct results_sub *subs;
	size_t nsubs;
	char *output;			/* the output of the last failed run */
	size_t output_len;
};

struct results {
	struct results_case *cases;	/* in plan order */
	size_t ncases;
	int stop_signal;		/* the signal that ended the run early */
	char abort_reason[256];		/* why the run ended early, or "" */
	/*
	 * Why cases were left out although the run went to its end (the
	 * deadline), or "": the reports list those cases as not run.
	 */
	char not_run_reason[128];
	unsigned int recoveries;	/* the secure world restored after faults */
};

struct results_counts {
	unsigned int subs_run;		/* sub-case runs that passed or failed */
	unsigned int subs_failed;
	unsigned int passed;		/* cases */
	unsigned int failed;
	unsigned int skipped;
	unsigned int not_run;
};

/* One results_case per case, with one results_sub per sub-case in subs[]. */
int results_init(struct results *r, size_t ncases);
int results_case_init(struct results_case *rc, const struct xtest_case *tc,
		      const struct xtest_sub *const *subs, size_t nsubs);
void results_free(struct results *r);

/* Adds one run; output (may be NULL) is kept when the run failed. */
int results_add_run(struct results_case *rc, const struct results_run *run,
		    const char *output, size_t output_len);

/* The counts over the cases of suite, or of every suite when suite is NULL. */
void results_count(const struct results *r, const char *suite,
		   struct results_counts *c);

const char *results_status_word(enum results_status st);

#endif
