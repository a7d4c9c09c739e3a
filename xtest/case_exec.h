/*
 * The inside of a case process: its selected sub-cases run in order as one
 * cmocka group, and each one's outcome is written to a slot the runner reads
 * after the process ends (shared memory, so a crash loses nothing).
 */
#ifndef XTEST_CASE_EXEC_H
#define XTEST_CASE_EXEC_H

#include <stddef.h>

#include "xtest_case.h"

/*
 * Runs subs[0..n) of tc. slots[i] (enum results_status) goes RUNNING, then
 * PASSED, SKIPPED or FAILED. Returns the process exit status:
 * CASE_EXEC_PASSED, CASE_EXEC_FAILED or CASE_EXEC_SKIPPED (all skipped).
 */
int case_exec(const struct xtest_case *tc, const struct xtest_sub *const *subs,
	      size_t n, volatile int *slots);

#define CASE_EXEC_PASSED	0
#define CASE_EXEC_FAILED	1
#define CASE_EXEC_SKIPPED	77

#endif
