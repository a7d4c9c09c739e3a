/*
 * Helpers of the 8000 (pager) series: a private core of the case's own,
 * started with the pool it needs; the pager_test TA's commands; and the
 * pager statistics of the core's processes.
 */
#ifndef XTEST_PAGER_HELPERS_H
#define XTEST_PAGER_HELPERS_H

#include <stdbool.h>
#include <stdint.h>

#include <pager_test_ta.h>
#include <teecheck/msg_abi.h>
#include <teecheck/teec_ext.h>

#include "private_core.h"
#include "xtest_helpers.h"

/*
 * Starts core_name (NULL: tee-core) with args (NULL-terminated), and a
 * supplicant, and points libteec at it: TEECHECK_CORE is its socket until
 * pager_core_stop(), which every case calls before it returns (and which
 * runs at exit too, if a sub-case fails before).
 */
void pager_core_start_at(const char *file, int line, struct private_core *pc,
			 const char *core_name, const char *const *args);
#define pager_core_start(pc, name, ...) \
	pager_core_start_at(__FILE__, __LINE__, (pc), (name), \
			    (const char *const[]){ __VA_ARGS__, NULL })
void pager_core_stop(struct private_core *pc);

/* The sub-case's own core, and what was opened on it. */
struct pager_case {
	struct private_core pc;
	TEEC_Context *ctx;
	TEEC_Session *sess;
};

struct xtest_fixture;

/*
 * Starts core_name (NULL: tee-core) with args for the running sub-case and,
 * if context, opens a context on it (and, if session, a session on
 * pager_test); the fixture closes those, then stops the core, when the
 * sub-case ends. fx->data points at the result.
 */
struct pager_case *pager_case_start_at(const char *file, int line,
				       struct xtest_fixture *fx,
				       const char *core_name,
				       const char *const *args, bool context,
				       bool session);
/* ... is args, context, session (args may be a compound literal) */
#define pager_case_start(fx, name, ...) \
	pager_case_start_at(__FILE__, __LINE__, (fx), (name), __VA_ARGS__)

/* Whether the core's log holds text. */
bool pager_core_log_has(const struct private_core *pc, const char *text);

/* Pages a TA instance costs: its paging share and its stack (ta_paged.h). */
uint32_t pager_instance_pages(uint32_t ta_share, uint32_t ta_stack_size);

extern const TEEC_UUID pager_test_uuid;

/* One pager_test command; fails the sub-case unless it succeeds. */
void pt_cmd_at(const char *file, int line, TEEC_Session *sess, uint32_t cmd,
	       uint32_t a, uint32_t b, uint32_t *out_a, uint32_t *out_b);
#define pt_cmd(sess, cmd, a, b, oa, ob) \
	pt_cmd_at(__FILE__, __LINE__, (sess), (cmd), (a), (b), (oa), (ob))
/* The same, returning the result and origin. */
TEEC_Result pt_cmd_result(TEEC_Session *sess, uint32_t cmd, uint32_t a,
			  uint32_t b, uint32_t *origin);
/* The address of page index of area (PT_AREA_*) in the TA. */
uint64_t pt_addr_at(const char *file, int line, TEEC_Session *sess,
		    uint32_t area, uint32_t index);
#define pt_addr(sess, area, index) \
	pt_addr_at(__FILE__, __LINE__, (sess), (area), (index))

/*
 * The pager statistics: the core's own record, the sum over the live
 * instances of uuid, the ended sum, and the budget. Fails the sub-case if
 * the core does not answer.
 */
struct pager_view {
	struct teecheck_pager_budget budget;
	struct tc_pager_stats_rec core;
	struct tc_pager_stats_rec ta;	/* live instances of the UUID */
	unsigned int ta_count;
	struct tc_pager_stats_rec ended;
	struct tc_pager_stats_rec total;
};

void pager_view_at(const char *file, int line, TEEC_Context *ctx,
		   const TEEC_UUID *uuid, struct pager_view *v);
#define pager_view(ctx, uuid, v) \
	pager_view_at(__FILE__, __LINE__, (ctx), (uuid), (v))

#endif
