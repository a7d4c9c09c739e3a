/* TAP (version 14) output: one test point per case run, sub-cases as subtests. */
#ifndef XTEST_TAP_H
#define XTEST_TAP_H

#include <stdbool.h>
#include <stdio.h>

#include "results.h"

void tap_begin(FILE *f, size_t npoints);

/*
 * Writes buf as "# " comment lines. *at_line_start carries over between
 * calls, so output can be passed on in arbitrary chunks; start it at true.
 */
void tap_comment(FILE *f, const char *buf, size_t len, bool *at_line_start);

/* Test point n for one run of tc, with its sub-cases as a subtest. */
void tap_point(FILE *f, unsigned int n, const struct xtest_case *tc,
	       const struct results_run *run);

#endif
