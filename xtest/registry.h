/*
 * The table of test cases: every XTEST_CASE linked into xtest, checked and
 * sorted by suite, then by ID in natural order (1002 before 1010).
 */
#ifndef XTEST_REGISTRY_H
#define XTEST_REGISTRY_H

#include <stddef.h>

#include "xtest_case.h"

/*
 * Checks the declarations in cases[0..n) and sorts them in place. Returns 0,
 * or -EINVAL with a message in err naming the bad declaration.
 */
int registry_check_sort(const struct xtest_case **cases, size_t n,
			char *err, size_t errlen);

/*
 * The cases linked into this program, checked and sorted. *cases is
 * allocated; free it with free().
 */
int registry_load(const struct xtest_case ***cases, size_t *n,
		  char *err, size_t errlen);

#endif
