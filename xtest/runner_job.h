/*
 * One run of one case, as the runner holds it while it runs: its process
 * (leader of its own process group), its output (printed as it comes while
 * the case is the next to print, held until then otherwise), its timeout
 * and, once it ended, its verdict.
 */
#ifndef XTEST_RUNNER_JOB_H
#define XTEST_RUNNER_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "results.h"
#include "runner.h"

struct runner_job {
	size_t pos;			/* in the print order */
	size_t item;			/* in the plan */
	const struct xtest_case *tc;
	pid_t pid;			/* 0: not running */
	int out_fd;			/* -1: at end of file */
	long long start_ms;
	long long end_ms;		/* its timeout, or the run's deadline */
	bool by_deadline;		/* end_ms is the deadline's */
	unsigned int timeout_s;
	int *slots;			/* shared with the case process */
	size_t nslots;
	struct results_run run;
	/* 0, or why the run has no verdict: -ETIME (deadline), -EINTR. */
	int rc;
	bool done;
	bool live;			/* its output goes out as it comes */
	bool tap;
	bool tap_line_start;
	FILE *held;			/* what is not printed yet */
	char *held_buf;
	size_t held_len;
	char *keep;			/* the tail of its output, for reports */
	size_t keep_len;
};

/*
 * Starts the case's process, or decides it at once (skipped: needs root or
 * what the TEE lacks; failed: no pipe or fork). j->pos, item and tc are
 * set; the rest is filled in. Returns 0 or -ENOMEM.
 */
int runner_job_start(struct runner_job *j, const struct runner_config *cfg,
		     const struct xtest_sub *const *subs, size_t nsubs);

/* Where the runner writes what belongs to the job's block. */
FILE *runner_job_sink(struct runner_job *j);

/* The job becomes the next to print: what it held goes out. */
void runner_job_go_live(struct runner_job *j);

/* Reads what the case process wrote so far. */
void runner_job_read(struct runner_job *j);

/*
 * Ends the job if its process ended or its time is up (or rc is not 0:
 * the run stops it, and the run does not count). The process group and
 * its leftovers are ended (spare() names the groups of other running
 * cases, whose orphans are not this case's), and the verdict is given.
 * Returns true once the job is done.
 */
bool runner_job_poll(struct runner_job *j, long long now, int rc,
		     bool (*spare)(pid_t pgid, void *arg), void *arg);

void runner_job_free(struct runner_job *j);

#endif
