/*
 * Which cases and sub-cases a run executes: the suite, the level, the IDs
 * named on the command line, the exclusions and the shard.
 */
#ifndef XTEST_SELECT_H
#define XTEST_SELECT_H

#include <stdbool.h>
#include <stddef.h>

#include "xtest_case.h"

struct select_filter {
	const char *suite;		/* NULL: every suite */
	unsigned int level;		/* XTEST_SLOW cases need level >= 1 */
	const char *const *ids;		/* "1002" (a case) or "1002.3" (a sub-case) */
	size_t nids;
	const char *const *excludes;	/* -x: the same forms */
	size_t nexcludes;
	unsigned int shard_k;		/* this shard, 1..shard_n */
	unsigned int shard_n;		/* 0: no sharding */
};

/* One selected case and which of its sub-cases run. */
struct select_item {
	const struct xtest_case *tc;
	bool *sub_on;			/* one flag per tc->subs[] entry */
	size_t nsubs_on;
};

struct select_plan {
	struct select_item *items;	/* in the order of the case table */
	size_t nitems;
};

/*
 * Builds the plan from cases[0..ncases) (checked and sorted, see registry.h).
 * With no IDs every case of the suite runs, slow ones only at level >= 1; a
 * case named by ID runs whatever its flags. Cases are dealt round-robin over
 * the shards in table order, so sub-cases of one case stay together.
 * Returns 0, or -EINVAL with a message in err (an unknown ID, a sub-case the
 * case does not have, a case of another suite than -t names).
 */
int select_plan_build(const struct xtest_case *const *cases, size_t ncases,
		      const struct select_filter *filter, struct select_plan *plan,
		      char *err, size_t errlen);

void select_plan_free(struct select_plan *plan);

/*
 * The filter as the summary shows it ("1002 -x 1002.3 --shard 1/2"), or ""
 * when the run is not filtered beyond its suite.
 */
void select_filter_describe(const struct select_filter *filter, char *buf,
			    size_t len);

#endif
