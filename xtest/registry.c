/*
 * The table of test cases, gathered from the "xtest_cases" linker section that
 * XTEST_CASE places a pointer in, so no central list needs editing.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"

/* Weak: a program with no cases at all still links. */
extern const struct xtest_case *const __start_xtest_cases[] __attribute__((weak));
extern const struct xtest_case *const __stop_xtest_cases[] __attribute__((weak));

static int registry_cmp(const void *a, const void *b)
{
	const struct xtest_case *ca = *(const struct xtest_case *const *)a;
	const struct xtest_case *cb = *(const struct xtest_case *const *)b;
	int r = strcmp(ca->suite, cb->suite);

	return r ? r : strverscmp(ca->id, cb->id);
}

static bool registry_id_valid(const char *id)
{
	const char *p;

	if (!id || !*id)
		return false;
	for (p = id; *p; p++) {
		if (!isgraph((unsigned char)*p))
			return false;
	}
	return true;
}

static int registry_check_one(const struct xtest_case *tc, char *err,
			      size_t errlen)
{
	size_t i, j;

	if (!registry_id_valid(tc->id)) {
		snprintf(err, errlen, "a test case has an empty ID or one with spaces");
		return -EINVAL;
	}
	if (!tc->suite || !*tc->suite || !tc->title) {
		snprintf(err, errlen, "test case %s: suite and title are required",
			 tc->id);
		return -EINVAL;
	}
	if (!tc->subs || !tc->nsubs) {
		snprintf(err, errlen, "test case %s has no sub-cases", tc->id);
		return -EINVAL;
	}
	for (i = 0; i < tc->nsubs; i++) {
		const struct xtest_sub *s = tc->subs + i;

		if (!s->num || !s->fn || !s->title) {
			snprintf(err, errlen,
				 "test case %s: sub-case #%zu needs num >= 1, title and fn",
				 tc->id, i + 1);
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			if (tc->subs[j].num == s->num) {
				snprintf(err, errlen,
					 "test case %s: sub-case %u is declared twice",
					 tc->id, s->num);
				return -EINVAL;
			}
		}
	}
	return 0;
}

static int registry_cmp_id(const void *a, const void *b)
{
	const struct xtest_case *ca = *(const struct xtest_case *const *)a;
	const struct xtest_case *cb = *(const struct xtest_case *const *)b;

	return strcmp(ca->id, cb->id);
}

/* IDs are unique across suites: a command line names a case by its ID only. */
static int registry_check_unique(const struct xtest_case **cases, size_t n,
				 char *err, size_t errlen)
{
	const struct xtest_case **by_id;
	size_t i;
	int rc = 0;

	if (n < 2)
		return 0;
	by_id = malloc(n * sizeof(*by_id));
	if (!by_id) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	memcpy(by_id, cases, n * sizeof(*by_id));
	qsort(by_id, n, sizeof(*by_id), registry_cmp_id);
	for (i = 1; i < n; i++) {
		if (!strcmp(by_id[i - 1]->id, by_id[i]->id)) {
			snprintf(err, errlen, "test case %s is declared twice",
				 by_id[i]->id);
			rc = -EINVAL;
			break;
		}
	}
	free(by_id);
	return rc;
}

int registry_check_sort(const struct xtest_case **cases, size_t n,
			char *err, size_t errlen)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		rc = registry_check_one(cases[i], err, errlen);
		if (rc)
			return rc;
	}
	rc = registry_check_unique(cases, n, err, errlen);
	if (rc)
		return rc;
	qsort(cases, n, sizeof(*cases), registry_cmp);
	return 0;
}

int registry_load(const struct xtest_case ***cases, size_t *n,
		  char *err, size_t errlen)
{
	const struct xtest_case **tab;
	size_t count = 0, i;
	int rc;

	if (__start_xtest_cases && __stop_xtest_cases)
		count = (size_t)(__stop_xtest_cases - __start_xtest_cases);
	tab = calloc(count ? count : 1, sizeof(*tab));
	if (!tab) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < count; i++)
		tab[i] = __start_xtest_cases[i];
	rc = registry_check_sort(tab, count, err, errlen);
	if (rc) {
		free(tab);
		return rc;
	}
	*cases = tab;
	*n = count;
	return 0;
}
