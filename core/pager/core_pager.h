/*
 * The core's pager parts: the physical pool as a budget (pager_budget.c),
 * each TA instance's share of it (inst_pager.c), the core's own paged image
 * (self_page.c), the statistics request (stats_pager.c) and the test build's
 * tampering command (pager_test_cmd.c).
 */
#ifndef CORE_PAGER_H
#define CORE_PAGER_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <teecheck/msg_abi.h>
#include <teecheck/pager_stats.h>
#include <teecheck/ta_abi.h>

struct conn;
struct instance;

/* tee-core's options for the pool, as getopt_long() values. */
#define CORE_OPT_POOL_PAGES	0x200	/* --pool-pages N */
#define CORE_OPT_CORE_POOL	0x201	/* --core-pool-pages N */
#define CORE_OPT_TA_POOL	0x202	/* --ta-pool-pages N */

/*
 * The defaults: a pool of 32 MiB in all; each TA instance gets 32 pages to
 * page in, plus its stack; the core gets three quarters of its own paged
 * image, so that its cold code pages out and its hot paths stay in.
 */
#define CORE_POOL_PAGES_DEFAULT		8192
#define CORE_TA_POOL_PAGES_DEFAULT	32
#define CORE_SHARE_DEFAULT_NUM		3
#define CORE_SHARE_DEFAULT_DEN		4

/* pager_budget.c */
/* One of the options above; -1 with a message on stderr if arg is bad. */
int pager_budget_option(int opt, const char *arg);
/* After the options: sizes the core's share and starts its own paging. */
/*
 * Checks the pool options against each other (and the core's paged image)
 * before anything is created: the core's share and one TA instance's share
 * must fit in the pool. 0, or -EINVAL with the reason on stderr.
 */
int pager_budget_check(void);
int pager_budget_start(void);
/* Pages for a TA instance whose stack is ta_stack_size bytes. */
size_t pager_budget_ta_pages(uint32_t ta_stack_size);
/* TEE_ERROR_OUT_OF_MEMORY if fewer than pages are left. */
TEE_Result pager_budget_grant(size_t pages);
/* Gives pages back; last, if not NULL, is the instance's final stats. */
void pager_budget_release(size_t pages, const struct tc_pager_stats_rec *last);

struct pager_budget_info {
	uint64_t total;		/* --pool-pages */
	uint64_t free;		/* not granted to the core or an instance */
	uint64_t core;		/* the core's share */
	uint64_t ta_share;	/* each instance's paging share */
};

void pager_budget_info(struct pager_budget_info *info,
		       struct tc_pager_stats_rec *ended);
/* Guards every instance's statistics page (inst_pager.c). */
void pager_budget_lock(void);
void pager_budget_unlock(void);

/* inst_pager.c: a TA instance's share of the pool and its statistics. */
TEE_Result inst_pager_grant(struct instance *inst,
			    const struct utee_ta_head *head);
/* Before HOST_INIT, by the instance's owner: hands the host its share. */
int inst_pager_setup(struct instance *inst);
/* When its host has ended (idempotent): the pages go back to the budget. */
void inst_pager_release(struct instance *inst);
/* With pager_budget_lock() held: the last statistics the host published. */
bool inst_pager_read(const struct instance *inst,
		     struct tc_pager_stats_rec *rec);

/* self_page.c: the core's own text and read-only data, paged. */
/* Pages of the image that are paged, 0 if this build is not partitioned. */
size_t self_page_image_pages(void);
int self_page_start(size_t pool_pages);
bool self_page_stats(struct tc_pager_stats_rec *rec);

/*
 * What the pager's fault path calls through pointers: the handler it
 * chains faults that are not its own to, its fatal hook, its symbolizer.
 * The partition build keeps them, and all they reach, unpaged
 * (CORE_PAGER_ROOTS in core/module.mk).
 */
struct pager_fatal_info;
void self_page_foreign(int sig, siginfo_t *info, void *uctx);
void self_page_integrity(const struct pager_fatal_info *info, void *arg);

/* self_page_sym.c: names for addresses in fatal reports. */
void self_page_sym_init(void);
bool self_page_symbolize(uintptr_t addr, char *buf, size_t len);

/* stats_pager.c: TC_CMD_STATS with func TC_STATS_PAGER. */
TEE_Result stats_pager_request(struct conn *c, struct tc_msg *msg,
			       uint32_t *origin);

/* pager_test_cmd.c, test builds only: TC_CMD_PAGER_TEST. */
TEE_Result pager_test_command(struct conn *c, struct tc_msg *msg,
			      uint32_t *origin);

#endif
