/*
 * Selection of the cases and sub-cases to run, kept apart from the runner so
 * the rules (IDs, exclusions, levels, shards) can be tested on their own.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "select.h"

/* A resolved ID: the case's index in the table and the sub-case's, or -1. */
struct select_ref {
	size_t ci;
	long si;
};

/* Whether a case has the ID id[0..idlen); its index in *ci if so. */
static bool select_find_case(const struct xtest_case *const *cases,
			     size_t ncases, const char *id, size_t idlen,
			     size_t *ci)
{
	size_t i;

	for (i = 0; i < ncases; i++) {
		if (strlen(cases[i]->id) == idlen &&
		    !strncmp(cases[i]->id, id, idlen)) {
			*ci = i;
			return true;
		}
	}
	return false;
}

/* Whether tc has sub-case num; its index in *si if so. */
static bool select_find_sub(const struct xtest_case *tc, unsigned long num,
			    long *si)
{
	size_t i;

	for (i = 0; i < tc->nsubs; i++) {
		if (tc->subs[i].num == num) {
			*si = (long)i;
			return true;
		}
	}
	return false;
}

/*
 * "ID" names a case; "ID.k" a sub-case. Case IDs may contain dots themselves
 * ("gp.01-02-03"), so a whole-string match wins and only a trailing ".digits"
 * after a known case ID is read as a sub-case number.
 */
static int select_resolve(const struct xtest_case *const *cases, size_t ncases,
			  const char *id, struct select_ref *ref, char *err,
			  size_t errlen)
{
	const char *dot = strrchr(id, '.');
	char *end;
	unsigned long num;
	bool found;

	if (select_find_case(cases, ncases, id, strlen(id), &ref->ci)) {
		ref->si = -1;
		return 0;
	}
	if (dot && dot[1] >= '0' && dot[1] <= '9') {
		errno = 0;
		num = strtoul(dot + 1, &end, 10);
		found = select_find_case(cases, ncases, id, (size_t)(dot - id),
					 &ref->ci);
		if (!*end && !errno && found) {
			if (select_find_sub(cases[ref->ci], num, &ref->si))
				return 0;
			snprintf(err, errlen, "test case %s has no sub-case %lu",
				 cases[ref->ci]->id, num);
			return -EINVAL;
		}
	}
	snprintf(err, errlen, "no test case \"%s\"", id);
	return -EINVAL;
}

static bool select_in_suite(const struct select_filter *f,
			    const struct xtest_case *tc)
{
	return !f->suite || !strcmp(f->suite, tc->suite);
}

static void select_set(bool *on, const struct xtest_case *tc, long si,
		       bool value)
{
	size_t i;

	if (si >= 0) {
		on[si] = value;
		return;
	}
	for (i = 0; i < tc->nsubs; i++)
		on[i] = value;
}

/* on[ci] points into one block of flags: subs of case ci start at base[ci]. */
static int select_mark(const struct xtest_case *const *cases, size_t ncases,
		       const struct select_filter *f, bool **on, char *err,
		       size_t errlen)
{
	struct select_ref ref;
	size_t i;
	int rc;

	if (!f->nids) {
		for (i = 0; i < ncases; i++) {
			if (select_in_suite(f, cases[i]) &&
			    (f->level >= 1 || !(cases[i]->flags & XTEST_SLOW)))
				select_set(on[i], cases[i], -1, true);
		}
	}
	for (i = 0; i < f->nids; i++) {
		rc = select_resolve(cases, ncases, f->ids[i], &ref, err, errlen);
		if (rc)
			return rc;
		if (!select_in_suite(f, cases[ref.ci])) {
			snprintf(err, errlen,
				 "test case %s is in suite %s, not %s",
				 cases[ref.ci]->id, cases[ref.ci]->suite,
				 f->suite);
			return -EINVAL;
		}
		select_set(on[ref.ci], cases[ref.ci], ref.si, true);
	}
	/* An exclusion may name a case of another suite: lists are shared. */
	for (i = 0; i < f->nexcludes; i++) {
		rc = select_resolve(cases, ncases, f->excludes[i], &ref, err,
				    errlen);
		if (rc)
			return rc;
		select_set(on[ref.ci], cases[ref.ci], ref.si, false);
	}
	return 0;
}

static size_t select_count_on(const bool *on, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += on[i];
	return c;
}

int select_plan_build(const struct xtest_case *const *cases, size_t ncases,
		      const struct select_filter *f, struct select_plan *plan,
		      char *err, size_t errlen)
{
	bool **on = NULL;
	size_t i, nsel = 0, kept = 0;
	int rc = -ENOMEM;

	plan->items = NULL;
	plan->nitems = 0;
	if (f->shard_n && (f->shard_k < 1 || f->shard_k > f->shard_n)) {
		snprintf(err, errlen, "shard %u/%u: K must be 1..%u",
			 f->shard_k, f->shard_n, f->shard_n);
		return -EINVAL;
	}
	on = calloc(ncases ? ncases : 1, sizeof(*on));
	if (!on)
		goto out_nomem;
	for (i = 0; i < ncases; i++) {
		on[i] = calloc(cases[i]->nsubs ? cases[i]->nsubs : 1,
			       sizeof(**on));
		if (!on[i])
			goto out_nomem;
	}
	rc = select_mark(cases, ncases, f, on, err, errlen);
	if (rc)
		goto out;

	plan->items = calloc(ncases ? ncases : 1, sizeof(*plan->items));
	if (!plan->items) {
		rc = -ENOMEM;
		goto out_nomem;
	}
	for (i = 0; i < ncases; i++) {
		size_t n_on = select_count_on(on[i], cases[i]->nsubs);

		if (!n_on)
			continue;
		/* Round-robin over the cases the filter kept, in table order. */
		if (f->shard_n && nsel++ % f->shard_n != f->shard_k - 1)
			continue;
		plan->items[kept].tc = cases[i];
		plan->items[kept].sub_on = on[i];
		plan->items[kept].nsubs_on = n_on;
		on[i] = NULL;	/* now owned by the plan */
		kept++;
	}
	plan->nitems = kept;
	rc = 0;
	goto out;

out_nomem:
	snprintf(err, errlen, "out of memory");
	rc = -ENOMEM;
out:
	for (i = 0; on && i < ncases; i++)
		free(on[i]);
	free(on);
	if (rc)
		select_plan_free(plan);
	return rc;
}

void select_plan_free(struct select_plan *plan)
{
	size_t i;

	for (i = 0; i < plan->nitems; i++)
		free(plan->items[i].sub_on);
	free(plan->items);
	plan->items = NULL;
	plan->nitems = 0;
}

static void select_append(char *buf, size_t len, size_t *pos,
			  const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void select_append(char *buf, size_t len, size_t *pos,
			  const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= len)
		return;
	if (*pos) {
		if (*pos + 1 >= len)
			return;
		buf[(*pos)++] = ' ';
		buf[*pos] = '\0';
	}
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, len - *pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		*pos += (size_t)n;
}

void select_filter_describe(const struct select_filter *f, char *buf,
			    size_t len)
{
	size_t pos = 0, i;

	if (!len)
		return;
	buf[0] = '\0';
	for (i = 0; i < f->nids; i++)
		select_append(buf, len, &pos, "%s", f->ids[i]);
	for (i = 0; i < f->nexcludes; i++)
		select_append(buf, len, &pos, "-x %s", f->excludes[i]);
	if (f->level)
		select_append(buf, len, &pos, "-l %u", f->level);
	if (f->shard_n)
		select_append(buf, len, &pos, "--shard %u/%u", f->shard_k,
			      f->shard_n);
}
