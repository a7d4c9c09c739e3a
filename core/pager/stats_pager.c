/*
 * The pager statistics request (TC_CMD_STATS, func TC_STATS_PAGER): the
 * core's own pager, each live TA instance's (as its host last published
 * them, at the end of its last entry point), the sum over ended instances,
 * and the budget, written into the client's buffer.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/tc_log.h"
#include "../conn/conn.h"
#include "../core.h"
#include "core_pager.h"

/* Copies len bytes to memref p of msg, in the guest's RAM. */
static int stats_write(const struct conn *c, const struct tc_msg *msg,
		       const struct tc_param *p, const void *src, size_t len)
{
	const uint8_t *s = src;
	struct ram_ref ram;
	size_t off = p->offs;
	uint32_t i;

	conn_ram(c, &ram);
	for (i = 0; len && i < p->npages; i++) {
		size_t chunk = TC_PAGE_SIZE - off;
		off_t at = (off_t)(msg->pages[p->first + i] * TC_PAGE_SIZE +
				   off);

		if (chunk > len)
			chunk = len;
		if (pwrite(ram.fd, s, chunk, at) != (ssize_t)chunk)
			return -EIO;
		s += chunk;
		len -= chunk;
		off = 0;
	}
	return len ? -EIO : 0;
}

/* Every record, core first; *n of them, malloc'd. */
static struct tc_pager_stats_rec *stats_collect(size_t *n)
{
	struct tc_pager_stats_rec *recs;
	struct pager_budget_info info;
	struct list_node *l;
	size_t cap = 2, k = 0;

	pthread_mutex_lock(&core.lock);
	list_for_each(l, &core.instances)
		cap++;
	recs = calloc(cap, sizeof(*recs));
	if (!recs) {
		pthread_mutex_unlock(&core.lock);
		return NULL;
	}
	if (self_page_stats(&recs[k]))
		k++;
	pager_budget_lock();
	list_for_each(l, &core.instances) {
		struct instance *inst = list_entry(l, struct instance, node);

		if (inst->state == INST_READY && inst_pager_read(inst, &recs[k]))
			k++;
	}
	pager_budget_unlock();
	pthread_mutex_unlock(&core.lock);
	pager_budget_info(&info, &recs[k++]);
	*n = k;
	return recs;
}

TEE_Result stats_pager_request(struct conn *c, struct tc_msg *msg,
			       uint32_t *origin)
{
	struct tc_param *out = &msg->params[0];
	struct tc_pager_stats_rec *recs;
	struct pager_budget_info info;
	TEE_Result res = TEE_SUCCESS;
	size_t n, bytes;

	*origin = TEE_ORIGIN_TEE;
	if (msg->num_params != 3 || out->type != TC_PARAM_MEM_OUT ||
	    (out->flags & TC_PFLAG_NULL) ||
	    msg->params[1].type != TC_PARAM_VALUE_OUT ||
	    msg->params[2].type != TC_PARAM_VALUE_OUT) {
		tc_err("pid %d: pager stats: params: expected MEM_OUT, "
		       "VALUE_OUT, VALUE_OUT", (int)c->pid);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	recs = stats_collect(&n);
	if (!recs)
		return TEE_ERROR_OUT_OF_MEMORY;
	bytes = n * sizeof(*recs);
	if (out->size < bytes)
		res = TEE_ERROR_SHORT_BUFFER;
	else if (stats_write(c, msg, out, recs, bytes))
		res = TEE_ERROR_GENERIC;
	free(recs);
	out->size = bytes;
	pager_budget_info(&info, NULL);
	msg->params[1].a = (uint32_t)info.total;
	msg->params[1].b = (uint32_t)info.free;
	msg->params[2].a = (uint32_t)info.core;
	msg->params[2].b = (uint32_t)info.ta_share;
	return res;
}
