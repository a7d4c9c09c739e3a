/*
 * The end-of-run summary in the xtest layout that LAVA's parsers read, and
 * the one closing line CI reads.
 */
#ifndef XTEST_REPORT_H
#define XTEST_REPORT_H

#include <stdio.h>

#include "results.h"

/*
 * One block per suite in r, each headed "Result of testsuite SUITE", with
 * ' filtered by "FILTER"' when filter is not empty, then the closing line
 * "xtest: N passed, M failed, S skipped".
 */
void report_summary(FILE *f, const struct results *r, const char *filter);

#endif
