/*
 * The orders of a run: the order cases print in (the plan's, repeat times
 * over), and the order they start in when several run at once.
 */
#include <stdlib.h>

#include "runner_order.h"

bool runner_is_idle_case(const struct runner_config *cfg,
			 const struct xtest_case *tc)
{
	return cfg->quiet && (tc->flags & XTEST_NEEDS_IDLE);
}

bool runner_is_alone(const struct xtest_case *tc)
{
	return tc->flags & (XTEST_NEEDS_ALONE | XTEST_NEEDS_IDLE);
}

bool runner_is_own_core(const struct xtest_case *tc)
{
	return (tc->flags & XTEST_OWN_CORE) && !runner_is_alone(tc);
}

/*
 * The print order: plan index of each case run, repeat times over. With a
 * quiet hook the cases that need an idle core come last.
 */
size_t *runner_print_order(const struct select_plan *plan,
			   const struct runner_config *cfg, size_t *len)
{
	size_t n = plan->nitems * cfg->repeat, k = 0, i, pass;
	unsigned int rep;
	size_t *sched = calloc(n ? n : 1, sizeof(*sched));

	if (!sched)
		return NULL;
	for (pass = 0; pass < 2; pass++) {
		for (rep = 0; rep < cfg->repeat; rep++) {
			for (i = 0; i < plan->nitems; i++) {
				bool idle = runner_is_idle_case(cfg,
							plan->items[i].tc);

				if (idle == (pass == 1))
					sched[k++] = i;
			}
		}
	}
	*len = k;
	return sched;
}

/* What the start order is made from. */
struct runner_order {
	const struct select_plan *plan;
	const struct runner_config *cfg;
	const size_t *sched;
};

static const struct xtest_case *runner_order_case(const struct runner_order *o,
						  size_t pos)
{
	return o->plan->items[o->sched[pos]].tc;
}

/* How soon a case should start: the lower, the sooner. */
static unsigned int runner_rank(const struct runner_order *o, size_t pos)
{
	const struct xtest_case *tc = runner_order_case(o, pos);

	if (runner_is_idle_case(o->cfg, tc))
		return 3;		/* after the load, as printed */
	if (runner_is_alone(tc))
		return 0;		/* one by one, from the start */
	if (runner_is_own_core(tc))
		return 1;		/* beside them: not on the run's core */
	return 2;
}

/* The timeout a case declared, 0 when it takes the run's. */
static unsigned int runner_declared_s(const struct runner_order *o,
				      size_t pos)
{
	return runner_order_case(o, pos)->timeout_s;
}

/* Sooner first; the print order between cases alike. */
static int runner_sooner(const void *a, const void *b, void *arg)
{
	const struct runner_order *o = arg;
	size_t pa = *(const size_t *)a, pb = *(const size_t *)b;
	unsigned int ra = runner_rank(o, pa), rb = runner_rank(o, pb);
	unsigned int sa = runner_declared_s(o, pa);
	unsigned int sb = runner_declared_s(o, pb);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (sa != sb)
		return sa > sb ? -1 : 1;
	return pa < pb ? -1 : pa > pb;
}

/*
 * The order cases start in. One at a time, the print order. Several at
 * once: those that need the run's core alone first, one after the other,
 * while those that work on cores of their own run beside them; then the
 * rest. Within each group a case that declares a longer timeout (a long
 * one) starts first, the others in print order.
 */
size_t *runner_start_order(const struct select_plan *plan,
			   const struct runner_config *cfg, const size_t *sched,
			   size_t len, unsigned int jobs)
{
	struct runner_order o = { .plan = plan, .cfg = cfg, .sched = sched };
	size_t *order = calloc(len ? len : 1, sizeof(*order));
	size_t k;

	if (!order)
		return NULL;
	for (k = 0; k < len; k++)
		order[k] = k;
	if (jobs > 1)
		qsort_r(order, len, sizeof(*order), runner_sooner, &o);
	return order;
}
