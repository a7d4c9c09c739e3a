/*
 * The physical pool as a budget: --pool-pages in all, the core's own share
 * taken at start, and a share granted to each TA instance while its host
 * lives. When it runs out, a new instance is refused with
 * TEE_ERROR_OUT_OF_MEMORY; nothing that runs is ever squeezed.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/tc_log.h"
#include "core_pager.h"
#include "pager.h"
#include "../ta_host/ta_paged.h"

static struct {
	/* Guards the fields below and every instance's statistics page. */
	pthread_mutex_t lock;
	size_t total;
	size_t core;
	bool core_given;	/* --core-pool-pages given */
	size_t ta_share;
	size_t granted;		/* to the core and to live instances */
	struct tc_pager_stats_rec ended;
} budget = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.total = CORE_POOL_PAGES_DEFAULT,
	.ta_share = CORE_TA_POOL_PAGES_DEFAULT,
	.ended = { .kind = TC_PAGER_PROC_ENDED },
};

static int budget_number(const char *name, const char *arg, size_t min,
			 size_t max, size_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 0);
	if (errno || end == arg || *end || arg[0] == '-' || v < min ||
	    v > max) {
		fprintf(stderr, "tee-core: --%s: %s is not a number from %zu "
			"to %zu\n", name, arg, min, max);
		return -EINVAL;
	}
	*out = (size_t)v;
	return 0;
}

int pager_budget_option(int opt, const char *arg)
{
	switch (opt) {
	case CORE_OPT_POOL_PAGES:
		return budget_number("pool-pages", arg, PAGER_MIN_UNLOCKED,
				     PAGER_MAX_POOL_PAGES, &budget.total);
	case CORE_OPT_CORE_POOL:
		budget.core_given = true;
		return budget_number("core-pool-pages", arg,
				     PAGER_MIN_UNLOCKED, PAGER_MAX_POOL_PAGES,
				     &budget.core);
	case CORE_OPT_TA_POOL:
		return budget_number("ta-pool-pages", arg, PAGER_MIN_UNLOCKED,
				     PAGER_MAX_POOL_PAGES, &budget.ta_share);
	default:
		return -EINVAL;
	}
}

int pager_budget_check(void)
{
	size_t image = self_page_image_pages();
	size_t ta_min = pager_budget_ta_pages(0);

	if (!budget.core_given) {
		budget.core = image * CORE_SHARE_DEFAULT_NUM /
			      CORE_SHARE_DEFAULT_DEN;
		if (budget.core < PAGER_MIN_UNLOCKED)
			budget.core = PAGER_MIN_UNLOCKED;
		if (!image)
			budget.core = 0;
	}
	/* Given, it is checked even when the image is not paged. */
	if (budget.core > budget.total) {
		fprintf(stderr, "tee-core: --pool-pages %zu cannot hold the "
			"core's own share of %zu pages\n", budget.total,
			budget.core);
		return -EINVAL;
	}
	if (ta_min > budget.total - budget.core) {
		fprintf(stderr, "tee-core: --pool-pages %zu less the core's "
			"share of %zu cannot hold one TA instance's %zu "
			"(--ta-pool-pages %zu and its smallest stack)\n",
			budget.total, budget.core, ta_min, budget.ta_share);
		return -EINVAL;
	}
	return 0;
}

int pager_budget_start(void)
{
	size_t image = self_page_image_pages();

	if (!image) {
		budget.core = 0;
		tc_info("this tee-core is not partitioned: its image is not "
			"paged");
	}
	budget.granted = budget.core;
	tc_info("pool: %zu pages in all; the core's share %zu (of an image of "
		"%zu paged pages); %zu per TA instance plus its stack",
		budget.total, budget.core, image, budget.ta_share);
	return image ? self_page_start(budget.core) : 0;
}

size_t pager_budget_ta_pages(uint32_t ta_stack_size)
{
	return budget.ta_share + ta_paged_stack_pages(ta_stack_size);
}

TEE_Result pager_budget_grant(size_t pages)
{
	TEE_Result res = TEE_SUCCESS;

	pthread_mutex_lock(&budget.lock);
	if (pages > budget.total - budget.granted)
		res = TEE_ERROR_OUT_OF_MEMORY;
	else
		budget.granted += pages;
	pthread_mutex_unlock(&budget.lock);
	return res;
}

/* Adds an ended instance's counters to the sum of those that ended. */
static void budget_retire(const struct tc_pager_stats_rec *r)
{
	struct tc_pager_stats_rec *e = &budget.ended;
	size_t i;

	e->pid++;
	e->page_size = r->page_size;
	e->pool_pages += r->pool_pages;
	e->regions += r->regions;
#define BUDGET_RETIRE_ADD(name, what)	e->name += r->name;
	TC_PAGER_EVENT_COUNTERS(BUDGET_RETIRE_ADD)
#undef BUDGET_RETIRE_ADD
	for (i = 0; i < TC_PAGER_HIST_BUCKETS; i++)
		e->fault_ns_hist[i] += r->fault_ns_hist[i];
}

void pager_budget_release(size_t pages, const struct tc_pager_stats_rec *last)
{
	pthread_mutex_lock(&budget.lock);
	budget.granted -= pages < budget.granted ? pages : budget.granted;
	if (last)
		budget_retire(last);
	pthread_mutex_unlock(&budget.lock);
}

void pager_budget_info(struct pager_budget_info *info,
		       struct tc_pager_stats_rec *ended)
{
	pthread_mutex_lock(&budget.lock);
	info->total = budget.total;
	info->free = budget.total - budget.granted;
	info->core = budget.core;
	info->ta_share = budget.ta_share;
	if (ended)
		*ended = budget.ended;
	pthread_mutex_unlock(&budget.lock);
}

void pager_budget_lock(void)
{
	pthread_mutex_lock(&budget.lock);
}

void pager_budget_unlock(void)
{
	pthread_mutex_unlock(&budget.lock);
}
