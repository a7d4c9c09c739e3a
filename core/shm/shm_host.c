/*
 * Registered memory in calls: a call's registered memory parameters are
 * resolved to the calling guest's objects, which stay in use until the call
 * ends. A TA host maps an object on its first use (HOST_SHM_MAP) and keeps
 * the mapping across calls, inaccessible between them; when the object is
 * released the core tells every host that maps it (HOST_SHM_DROP).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/tc_log.h"
#include "../inst/inst.h"
#include "shm_priv.h"

#define mobj_of(ro)	shm_tree_entry(ro, struct shm_mobj, reg)

/* shm.lock held. */
static bool host_maps_it(const struct shm_mobj *o,
			 const struct instance *inst)
{
	unsigned int i;

	for (i = 0; i < o->nhosts; i++)
		if (o->hosts[i] == inst)
			return true;
	return false;
}

/* shm.lock held. */
static int host_record(struct shm_mobj *o, struct instance *inst)
{
	struct instance **h;
	unsigned int cap;

	if (o->nhosts == o->cap_hosts) {
		cap = o->cap_hosts ? 2 * o->cap_hosts : 4;
		h = realloc(o->hosts, cap * sizeof(*h));
		if (!h)
			return -ENOMEM;
		o->hosts = h;
		o->cap_hosts = cap;
	}
	o->hosts[o->nhosts++] = inst;
	shm.host_maps++;
	return 0;
}

static uint32_t rmem_type_of(uint32_t flags)
{
	if (flags == SHM_MOBJ_IN)
		return TC_PARAM_RMEM_IN;
	if (flags == SHM_MOBJ_OUT)
		return TC_PARAM_RMEM_OUT;
	return TC_PARAM_RMEM_INOUT;
}

/* Gives inst's host o to map, with guest's RAM. The owner's only. */
static TEE_Result host_map(struct instance *inst, struct conn *guest,
			   struct shm_mobj *o)
{
	struct tc_msg *m = calloc(1, TC_MSG_SIZE(o->npages)), r;
	struct tc_param *p;
	int rc;

	if (!m)
		return TEE_ERROR_OUT_OF_MEMORY;
	tc_msg_init(m, TC_CMD_HOST_SHM_MAP, 0);
	m->arg = guest->nsram_pages * TC_PAGE_SIZE;
	m->arg2 = guest->guest_id;
	m->num_params = 1;
	p = &m->params[0];
	p->type = rmem_type_of(o->flags);
	p->a = (uint32_t)o->reg.cookie;
	p->b = (uint32_t)(o->reg.cookie >> 32);
	p->size = (uint64_t)o->npages * TC_PAGE_SIZE;
	p->npages = o->npages;
	memcpy(m->pages, o->pfns, (size_t)o->npages * sizeof(uint64_t));
	m->npages = o->npages;
	m->length = (uint32_t)TC_MSG_SIZE(o->npages);
	rc = inst_host_exchange(inst, m, guest->nsram_fd, &r);
	free(m);
	if (rc)
		return TEE_ERROR_TARGET_DEAD;
	if (r.ret) {
		tc_err("SHM: a TA host could not map cookie %#llx (0x%08x)",
		       (unsigned long long)o->reg.cookie, r.ret);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	pthread_mutex_lock(&shm.lock);
	rc = host_record(o, inst);
	pthread_mutex_unlock(&shm.lock);
	return rc ? TEE_ERROR_OUT_OF_MEMORY : TEE_SUCCESS;
}

static uint32_t rmem_need(uint32_t type)
{
	if (type == TC_PARAM_RMEM_IN)
		return SHM_MOBJ_IN;
	if (type == TC_PARAM_RMEM_OUT)
		return SHM_MOBJ_OUT;
	return SHM_MOBJ_IN | SHM_MOBJ_OUT;
}

/* Resolves params[i] of m; the object joins sc on success. */
static TEE_Result prepare_param(struct instance *inst, struct conn *guest,
				struct tc_msg *m, unsigned int i,
				struct shm_call *sc)
{
	struct tc_param *p = &m->params[i];
	uint64_t cookie = tc_param_cookie(p);
	struct shm_mobj *o;
	struct shm_obj *ro;
	bool mapped;
	int rc;

	if (!guest) {
		tc_err("params[%u]: registered memory in a TA's call", i);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (p->npages || p->first) {
		tc_err("pid %d: params[%u]: pages given with registered "
		       "memory", (int)guest->pid, i);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (shm_ready())
		return TEE_ERROR_BAD_PARAMETERS;
	rc = shm_reg_get(&shm.reg, guest->guest_id, cookie, &ro);
	if (rc) {
		tc_err("pid %d: params[%u]: cookie %#llx %s", (int)guest->pid,
		       i, (unsigned long long)cookie,
		       rc == -ENOENT ? "is not one of this guest's" :
				       "is being released");
		return TEE_ERROR_BAD_PARAMETERS;
	}
	o = mobj_of(ro);
	sc->objs[sc->n++] = o;
	if ((o->flags & rmem_need(p->type)) != rmem_need(p->type)) {
		tc_err("pid %d: params[%u]: type %#x needs a direction cookie "
		       "%#llx was not registered for", (int)guest->pid, i,
		       p->type, (unsigned long long)cookie);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (p->offs > o->size || p->size > o->size - p->offs) {
		tc_err("pid %d: params[%u]: offset %u + size %llu outside the "
		       "%llu bytes of cookie %#llx", (int)guest->pid, i, p->offs,
		       (unsigned long long)p->size,
		       (unsigned long long)o->size,
		       (unsigned long long)cookie);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	/* The host counts from the object's first page. */
	p->offs += o->offs;
	pthread_mutex_lock(&shm.lock);
	mapped = host_maps_it(o, inst);
	pthread_mutex_unlock(&shm.lock);
	return mapped ? TEE_SUCCESS : host_map(inst, guest, o);
}

TEE_Result shm_call_prepare(struct instance *inst, struct conn *guest,
			    struct tc_msg *m, struct shm_call *sc)
{
	TEE_Result res;
	unsigned int i;

	sc->n = 0;
	for (i = 0; m && i < m->num_params; i++) {
		if (!tc_param_is_rmem(m->params[i].type))
			continue;
		res = prepare_param(inst, guest, m, i, sc);
		if (res) {
			shm_call_finish(sc);
			return res;
		}
	}
	return TEE_SUCCESS;
}

void shm_call_finish(struct shm_call *sc)
{
	unsigned int i;

	for (i = 0; i < sc->n; i++)
		shm_reg_put(&shm.reg, &sc->objs[i]->reg);
	sc->n = 0;
}

/* Enters inst (a reference held) and has its host unmap o. */
static void host_drop(struct instance *inst, const struct shm_mobj *o)
{
	struct tc_msg m, r;
	uint32_t origin;

	if (inst_enter_uncancellable(inst, &origin))
		return;
	tc_msg_init(&m, TC_CMD_HOST_SHM_DROP, 0);
	m.arg = o->reg.cookie;
	m.arg2 = o->reg.guest;
	/* A host that is gone has nothing mapped any more. */
	inst_host_exchange(inst, &m, -1, &r);
	inst_leave(inst);
}

void shm_hosts_drop(struct shm_mobj *o)
{
	struct instance **hosts;
	unsigned int i, n;

	pthread_mutex_lock(&shm.lock);
	hosts = o->hosts;
	n = o->nhosts;
	o->hosts = NULL;
	o->nhosts = o->cap_hosts = 0;
	shm.host_maps -= n;
	/*
	 * Under shm.lock no host in the list can be freed (shm_inst_gone
	 * waits for it); a reference keeps it until its host has dropped o.
	 * One already ending takes its mappings with it.
	 */
	pthread_mutex_lock(&core.lock);
	for (i = 0; i < n; i++) {
		if (hosts[i]->state != INST_DEAD && hosts[i]->refs > 0)
			hosts[i]->refs++;
		else
			hosts[i] = NULL;
	}
	pthread_mutex_unlock(&core.lock);
	pthread_mutex_unlock(&shm.lock);
	for (i = 0; i < n; i++) {
		if (!hosts[i])
			continue;
		host_drop(hosts[i], o);
		inst_put(hosts[i]);
	}
	free(hosts);
}

void shm_inst_gone(struct instance *inst)
{
	struct list_node *n;
	unsigned int i;

	if (shm_ready())
		return;
	pthread_mutex_lock(&shm.lock);
	list_for_each(n, &shm.objs) {
		struct shm_mobj *o = list_entry(n, struct shm_mobj, node);

		for (i = 0; i < o->nhosts; i++) {
			if (o->hosts[i] != inst)
				continue;
			o->hosts[i] = o->hosts[--o->nhosts];
			shm.host_maps--;
			break;
		}
	}
	pthread_mutex_unlock(&shm.lock);
}
