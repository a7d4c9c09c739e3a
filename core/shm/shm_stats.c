/*
 * SHM statistics (STATS, func TC_STATS_SHM): what the window holds, in
 * total or for one guest, counted from the mappings themselves so that a
 * leak shows.
 */
#include <string.h>

#include "../../common/tc_log.h"
#include "shm_priv.h"

struct shm_counts {
	uint64_t objects, pages, host_maps;
	uint64_t va_used, va_free, va_largest;	/* bytes */
	uint64_t rams;				/* guest RAMs in the frame map */
};

/* shm.lock held. */
static void count(bool all, uint32_t guest, struct shm_counts *k)
{
	const struct shm_tree_node *t;
	struct shm_va_usage u;
	struct list_node *n;

	memset(k, 0, sizeof(*k));
	list_for_each(n, &shm.objs) {
		struct shm_mobj *o = list_entry(n, struct shm_mobj, node);

		if (!all && o->reg.guest != guest)
			continue;
		k->objects++;
		k->pages += o->npages;
		k->host_maps += o->nhosts;
	}
	shm_va_usage(&shm.va, &u);
	k->va_used = all ? u.used : shm_va_owner_used(&shm.va, guest, NULL);
	k->va_free = u.free;
	k->va_largest = u.largest_free;
	for (t = shm_tree_first(&shm.phys.regions); t; t = shm_tree_next(t)) {
		const struct shm_phys_region *r =
			shm_tree_entry(t, struct shm_phys_region, node);

		if (r->kind == SHM_PHYS_NONSECURE && (all || r->owner == guest))
			k->rams++;
	}
	/* The page index must agree with the objects. */
	if (all && shm_pindex_size(&shm.pidx) != k->pages)
		tc_err("SHM: the page index holds %zu pages, the objects %llu",
		       shm_pindex_size(&shm.pidx),
		       (unsigned long long)k->pages);
}

static void value_out(struct tc_param *p, uint64_t a, uint64_t b)
{
	p->type = TC_PARAM_VALUE_OUT;
	p->a = a > UINT32_MAX ? UINT32_MAX : (uint32_t)a;
	p->b = b > UINT32_MAX ? UINT32_MAX : (uint32_t)b;
}

TEE_Result shm_stats_request(struct conn *c, struct tc_msg *msg,
			     uint32_t *origin)
{
	struct shm_counts k;
	uint32_t guest = 0, next = 0;
	bool all = msg->arg == TC_SHM_STATS_TOTAL;

	*origin = TEE_ORIGIN_TEE;
	if (msg->arg == TC_SHM_STATS_SELF) {
		guest = c->guest_id;
	} else if (!all) {
		if (msg->arg > UINT32_MAX) {
			tc_err("pid %d: STATS/SHM: arg: %#llx is no guest",
			       (int)c->pid, (unsigned long long)msg->arg);
			return TEE_ERROR_BAD_PARAMETERS;
		}
		guest = (uint32_t)msg->arg;
	}
	if (shm_ready())
		return TEE_ERROR_OUT_OF_MEMORY;
	pthread_mutex_lock(&shm.lock);
	count(all, guest, &k);
	pthread_mutex_unlock(&shm.lock);
	if (shm_reg_next_guest(&shm.reg, guest, &next))
		next = 0;

	memset(msg->params, 0, sizeof(msg->params));
	msg->num_params = 4;
	value_out(&msg->params[0], k.objects, k.pages);
	value_out(&msg->params[1], k.va_used / TC_PAGE_SIZE,
		  k.va_free / TC_PAGE_SIZE);
	value_out(&msg->params[2], k.host_maps, k.va_largest / TC_PAGE_SIZE);
	value_out(&msg->params[3], next, k.rams);
	msg->arg2 = guest;
	return TEE_SUCCESS;
}
