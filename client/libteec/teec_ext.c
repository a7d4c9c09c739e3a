/* teecheck's Client API additions (include/teecheck/teec_ext.h). */
#include <stdlib.h>
#include <string.h>

#include <teecheck/teec_ext.h>

#include "../../common/tc_msg.h"
#include "teec_priv.h"

TEEC_Result teecheck_core_stats(TEEC_Context *context,
				struct teecheck_core_stats *stats)
{
	struct tc_msg m, r;
	TEEC_Result res;

	if (!context || !context->imp.priv || !stats)
		return TEEC_ERROR_BAD_PARAMETERS;
	tc_msg_init(&m, TC_CMD_STATS, 0);
	res = transport_call_settled(context->imp.priv, &m, &r);
	if (res)
		return res;
	if (r.ret)
		return r.ret;
	if (r.num_params < 2 || r.params[0].type != TC_PARAM_VALUE_OUT ||
	    r.params[1].type != TC_PARAM_VALUE_OUT)
		return TEEC_ERROR_COMMUNICATION;
	stats->sessions = r.params[0].a;
	stats->instances = r.params[0].b;
	stats->guests = r.params[1].a;
	stats->supplicant = r.params[1].b;
	return TEEC_SUCCESS;
}

/* Sends a STATS/PAGER request whose output buffer is npages at off. */
static TEEC_Result pager_stats_call(struct teec_ctx *c, uint64_t npages,
				    int64_t off, size_t bytes,
				    struct tc_msg *r)
{
	struct tc_msg *m = calloc(1, TC_MSG_SIZE(npages));
	TEEC_Result res;
	uint64_t i;

	if (!m)
		return TEEC_ERROR_OUT_OF_MEMORY;
	tc_msg_init(m, TC_CMD_STATS, 0);
	m->func = TC_STATS_PAGER;
	m->length = TC_MSG_SIZE(npages);
	m->npages = (uint32_t)npages;
	m->num_params = 3;
	m->params[0].type = TC_PARAM_MEM_OUT;
	m->params[0].size = bytes;
	m->params[0].npages = (uint32_t)npages;
	m->params[1].type = TC_PARAM_VALUE_OUT;
	m->params[2].type = TC_PARAM_VALUE_OUT;
	for (i = 0; i < npages; i++)
		m->pages[i] = (uint64_t)off / TC_PAGE_SIZE + i;
	res = transport_call_settled(c, m, r);
	free(m);
	return res;
}

TEEC_Result teecheck_pager_stats(TEEC_Context *context,
				 struct teecheck_pager_budget *budget,
				 struct tc_pager_stats_rec *recs,
				 size_t *count)
{
	struct teec_ctx *c = context ? context->imp.priv : NULL;
	size_t bytes, got;
	uint64_t npages;
	int64_t off = 0;
	struct tc_msg r;
	TEEC_Result res;

	if (!c || !count || (*count && !recs))
		return TEEC_ERROR_BAD_PARAMETERS;
	if (c->dev)
		return TEEC_ERROR_NOT_SUPPORTED;
	if (*count > (size_t)TC_MAX_PAGES * TC_PAGE_SIZE / sizeof(*recs))
		*count = (size_t)TC_MAX_PAGES * TC_PAGE_SIZE / sizeof(*recs);
	bytes = *count * sizeof(*recs);
	npages = (bytes + TC_PAGE_SIZE - 1) / TC_PAGE_SIZE;
	if (npages) {
		off = nsram_alloc(c, npages);
		if (off < 0)
			return TEEC_ERROR_OUT_OF_MEMORY;
	}
	res = pager_stats_call(c, npages, off, bytes, &r);
	if (!res)
		res = r.ret;
	if (res && res != TEEC_ERROR_SHORT_BUFFER)
		goto out;
	got = r.params[0].size;
	if (r.num_params != 3 || got % sizeof(*recs) ||
	    (!res && got > bytes)) {
		res = TEEC_ERROR_COMMUNICATION;
		goto out;
	}
	if (!res)
		memcpy(recs, c->nsram + off, got);
	*count = got / sizeof(*recs);
	if (budget) {
		budget->total = r.params[1].a;
		budget->free = r.params[1].b;
		budget->core = r.params[2].a;
		budget->ta_share = r.params[2].b;
	}
out:
	if (npages)
		nsram_free(c, (uint64_t)off, npages);
	return res;
}

TEEC_Result teecheck_pager_test(TEEC_Context *context, TEEC_Session *session,
				uint32_t what, uint64_t addr)
{
	struct teec_ctx *c = context ? context->imp.priv : NULL;
	struct tc_msg m, r;
	TEEC_Result res;

	if (!c || (session && session->imp.ctx != c))
		return TEEC_ERROR_BAD_PARAMETERS;
	tc_msg_init(&m, TC_CMD_PAGER_TEST, 0);
	m.func = what;
	m.session = session ? session->imp.id : 0;
	m.arg = addr;
	res = transport_call_settled(c, &m, &r);
	return res ? res : r.ret;
}
