/*
 * The orders of a run: the order cases print in, and the order they start
 * in when several run at once; and what a case needs from the cases
 * beside it.
 */
#ifndef XTEST_RUNNER_ORDER_H
#define XTEST_RUNNER_ORDER_H

#include <stdbool.h>
#include <stddef.h>

#include "runner.h"
#include "select.h"

/* It needs an idle core, and the run has a load to stop (--stress). */
bool runner_is_idle_case(const struct runner_config *cfg,
			 const struct xtest_case *tc);

/* It needs the run's core to itself (XTEST_NEEDS_ALONE or _IDLE). */
bool runner_is_alone(const struct xtest_case *tc);

/* It works on cores of its own only (XTEST_OWN_CORE), and not alone. */
bool runner_is_own_core(const struct xtest_case *tc);

/*
 * The plan index of each case run, in print order, repeat times over;
 * with a quiet hook the cases that need an idle core come last. *len is
 * set; NULL when out of memory.
 */
size_t *runner_print_order(const struct select_plan *plan,
			   const struct runner_config *cfg, size_t *len);

/*
 * The positions of sched[0..len) in the order they start in with jobs
 * cases at once: the print order for one; otherwise the cases that need
 * the core alone first (those on cores of their own run beside them),
 * then those, then the rest, a longer declared timeout first within
 * each. NULL when out of memory.
 */
size_t *runner_start_order(const struct select_plan *plan,
			   const struct runner_config *cfg, const size_t *sched,
			   size_t len, unsigned int jobs);

#endif
