/* JUnit XML output: one <testcase> per sub-case, grouped by suite. */
#ifndef XTEST_JUNIT_H
#define XTEST_JUNIT_H

#include "results.h"

/* Writes r to path. Returns 0, or -EIO with a message on stderr. */
int junit_write(const char *path, const struct results *r);

#endif
