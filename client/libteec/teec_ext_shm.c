/* teecheck's Client API additions for shared memory (teecheck/teec_ext.h). */
#include <string.h>

#include <teecheck/teec_ext.h>

#include "../../common/tc_msg.h"
#include "teec_priv.h"

static struct teec_ctx *ctx_of(TEEC_Context *context)
{
	return context ? context->imp.priv : NULL;
}

/* Sends m and returns the transport's or the core's result. */
static TEEC_Result call(struct teec_ctx *c, struct tc_msg *m,
			struct tc_msg *r)
{
	TEEC_Result res = transport_call_settled(c, m, r);

	return res ? res : r->ret;
}

TEEC_Result teecheck_shm_stats(TEEC_Context *context, uint32_t guest,
			       struct teecheck_shm_stats *stats)
{
	struct teec_ctx *c = ctx_of(context);
	struct tc_msg m, r;
	TEEC_Result res;
	unsigned int i;

	if (!c || !stats)
		return TEEC_ERROR_BAD_PARAMETERS;
	tc_msg_init(&m, TC_CMD_STATS, 0);
	m.func = TC_STATS_SHM;
	m.arg = guest == TEECHECK_SHM_SELF ? TC_SHM_STATS_SELF : guest;
	res = call(c, &m, &r);
	if (res)
		return res;
	if (r.num_params != 4)
		return TEEC_ERROR_COMMUNICATION;
	for (i = 0; i < 4; i++)
		if (r.params[i].type != TC_PARAM_VALUE_OUT)
			return TEEC_ERROR_COMMUNICATION;
	stats->guest = (uint32_t)r.arg2;
	stats->objects = r.params[0].a;
	stats->pages = r.params[0].b;
	stats->va_used = r.params[1].a;
	stats->va_free = r.params[1].b;
	stats->host_maps = r.params[2].a;
	stats->va_largest_free = r.params[2].b;
	stats->next_guest = r.params[3].a;
	stats->rams = r.params[3].b;
	return TEEC_SUCCESS;
}

uint32_t teecheck_guest_id(TEEC_Context *context)
{
	struct teec_ctx *c = ctx_of(context);

	return c ? (uint32_t)c->guest_id : 0;
}

TEEC_Result teecheck_guest_destroy(TEEC_Context *context)
{
	struct teec_ctx *c = ctx_of(context);
	struct tc_msg m, r;

	if (!c)
		return TEEC_ERROR_BAD_PARAMETERS;
	tc_msg_init(&m, TC_CMD_GUEST_DESTROY, 0);
	return call(c, &m, &r);
}

TEEC_Result teecheck_shm_digest(TEEC_SharedMemory *shm, uint64_t *digest)
{
	struct tc_msg m, r;
	TEEC_Result res;

	if (!shm || !shm->imp.ctx || !shm->imp.cookie || !digest)
		return TEEC_ERROR_BAD_PARAMETERS;
	tc_msg_init(&m, TC_CMD_SHM_PROBE, 0);
	m.func = TC_SHM_PROBE_DIGEST;
	m.arg = shm->imp.cookie;
	res = call(shm->imp.ctx, &m, &r);
	if (!res)
		*digest = r.arg;
	return res;
}

TEEC_Result teecheck_shm_rpc_probe(TEEC_Context *context, uint32_t npages,
				   uint32_t *checked)
{
	struct teec_ctx *c = ctx_of(context);
	struct tc_msg m, r;
	TEEC_Result res;

	if (!c || !checked)
		return TEEC_ERROR_BAD_PARAMETERS;
	tc_msg_init(&m, TC_CMD_SHM_PROBE, 0);
	m.func = TC_SHM_PROBE_RPC;
	m.arg = npages;
	res = transport_call_settled(c, &m, &r);
	if (res)
		return res;
	*checked = (uint32_t)r.arg;
	return r.ret;
}
