/*
 * xtest --stress: pager-stress and shm-churn load the core under test while
 * the selected cases run, and the run checks afterwards that the load found
 * no error and that the core is back where it started.
 */
#ifndef XTEST_STRESS_H
#define XTEST_STRESS_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <teecheck/teec_ext.h>

/* What the core holds that a load must give back. */
struct stress_snapshot {
	struct teecheck_core_stats core;
	struct teecheck_shm_stats shm;
	struct teecheck_pager_budget budget;
	uint32_t load_instances;	/* live instances of the load's TAs */
	uint32_t held_pages;		/* the pool shares of live instances */
};

/* One driver's figures, summed over its rounds (shared memory). */
struct stress_figures {
	uint64_t rounds;
	uint64_t failed_rounds;
	uint64_t idle_rounds;		/* shm-churn: no client got work done
					   (a slow machine), nothing wrong */
	uint64_t accesses;		/* pager-stress: page accesses checked */
	uint64_t writes;
	uint64_t faults;
	uint64_t mismatches;
	uint64_t clients;		/* shm-churn: client processes */
	uint64_t kills;			/* clients killed on purpose */
	uint64_t round_trips;		/* memref round trips checked */
	uint64_t verified_kib;		/* bytes checked, in KiB */
	uint64_t failures;
	char error[1024];		/* the first failed round's last lines */
};

#define STRESS_DRIVERS	2

struct stress {
	struct stress_figures *fig;	/* [STRESS_DRIVERS], shared */
	pid_t sup[STRESS_DRIVERS];	/* a process running each driver */
	struct stress_snapshot base;
	char log_dir[PATH_MAX];		/* "" when the output is not kept */
	unsigned int round_s;
	bool running;
};

/*
 * Takes the baseline of the core TEECHECK_CORE names and starts both drivers
 * against it, in rounds of round_s seconds until stress_stop(); their output
 * goes to log_dir/pager-stress.log and log_dir/shm-churn.log (log_dir NULL:
 * nowhere). Returns 0 or
 * -errno with the reason on stderr.
 */
int stress_start(struct stress *s, const char *log_dir, unsigned int round_s);

/* Lets the drivers finish their round and ends them. */
void stress_stop(struct stress *s);

/*
 * Prints the drivers' figures and compares the core with the baseline
 * (waiting a little for it to settle). Returns 0, or -1 when a driver found
 * an error or the core is not back at its baseline.
 */
int stress_report(struct stress *s, FILE *f);

#endif
