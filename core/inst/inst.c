/*
 * TA instances: finding the instance a session opens on or creating one,
 * and ending it when its last reference goes.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <tee_api_defines.h>
#include <teecheck/ta_abi.h>

#include "../conn/conn.h"
#include "../core.h"
#include "../pager/core_pager.h"
#include "../session/session.h"
#include "../shm/shm_mgr.h"
#include "../storage/storage.h"
#include "inst.h"
#include "inst_priv.h"

/*
 * The instance is dead from now on: no new session finds it, and the
 * keep-alive reference goes (whoever noticed still holds one).
 */
void inst_mark_dead(struct instance *inst)
{
	pthread_mutex_lock(&core.lock);
	inst->state = INST_DEAD;
	if (inst->keep_ref && inst->refs > 1) {
		inst->keep_ref = false;
		inst->refs--;
	}
	pthread_cond_broadcast(&core.cond);
	pthread_mutex_unlock(&core.lock);
}

bool inst_is_dead(struct instance *inst)
{
	bool dead;

	pthread_mutex_lock(&core.lock);
	dead = inst->state == INST_DEAD;
	pthread_mutex_unlock(&core.lock);
	return dead;
}

static void inst_free(struct instance *inst)
{
	shm_inst_gone(inst);
	sto_inst_gone(inst);
	inst_pager_release(inst);
	if (inst->sock >= 0)
		close(inst->sock);
	if (inst->ctl)
		munmap(inst->ctl, sizeof(struct tc_host_ctl));
	if (inst->xram.fd >= 0)
		close(inst->xram.fd);
	free(inst);
}

/* core.lock held: a new instance of uuid, loading, owned by the caller. */
static struct instance *inst_new(const uint8_t uuid[16])
{
	struct exec *me = exec_current();
	struct instance *inst;

	if (me->depth == EXEC_MAX_DEPTH)
		return NULL;
	inst = calloc(1, sizeof(*inst));
	if (!inst)
		return NULL;
	memcpy(inst->uuid, uuid, 16);
	inst->state = INST_LOADING;
	inst->refs = 1;
	inst->sock = -1;
	inst->xram.fd = -1;
	/* Until the header is read, others wait as for a single instance. */
	inst->flags = TA_FLAG_SINGLE_INSTANCE;
	list_add_tail(&core.instances, &inst->node);
	inst_take_locked(me, inst, TEE_TIMEOUT_INFINITE);
	return inst;
}

TEE_Result inst_get(const uint8_t uuid[16], struct instance **out,
		    uint32_t *origin)
{
	struct exec *me = exec_current();
	struct instance *inst;
	struct list_node *n;
	TEE_Result res;

	*origin = TEE_ORIGIN_TEE;
	pthread_mutex_lock(&core.lock);
again:
	list_for_each(n, &core.instances) {
		inst = list_entry(n, struct instance, node);
		if (memcmp(inst->uuid, uuid, 16) || inst->state == INST_DEAD ||
		    !(inst->flags & TA_FLAG_SINGLE_INSTANCE))
			continue;
		inst->refs++;
		if (inst->state == INST_LOADING) {
			/* Its loader owns it until the load ends. */
			res = inst_wait_free_locked(me, inst, true);
			if (res || inst->state != INST_READY ||
			    !(inst->flags & TA_FLAG_SINGLE_INSTANCE)) {
				pthread_mutex_unlock(&core.lock);
				inst_put(inst);
				if (res)
					return res;
				pthread_mutex_lock(&core.lock);
				goto again;
			}
		}
		pthread_mutex_unlock(&core.lock);
		*out = inst;
		return TEE_SUCCESS;
	}
	inst = inst_new(uuid);
	pthread_mutex_unlock(&core.lock);
	if (!inst)
		return TEE_ERROR_OUT_OF_MEMORY;

	res = inst_start(inst, origin);
	pthread_mutex_lock(&core.lock);
	if (res) {
		inst->state = INST_DEAD;
		list_del(&inst->node);
	} else {
		inst->state = INST_READY;
		if ((inst->flags & TA_FLAG_SINGLE_INSTANCE) &&
		    (inst->flags & TA_FLAG_INSTANCE_KEEP_ALIVE)) {
			/* The core's own: the instance outlives sessions. */
			inst->refs++;
			inst->keep_ref = true;
		}
	}
	pthread_mutex_unlock(&core.lock);
	inst_leave(inst);
	if (res) {
		/* Those that waited for the load hold references too. */
		inst_put(inst);
		return res;
	}
	*out = inst;
	return TEE_SUCCESS;
}

void inst_put(struct instance *inst)
{
	uint32_t origin;
	bool last;

	pthread_mutex_lock(&core.lock);
	last = --inst->refs == 0;
	if (last) {
		inst->state = INST_DEAD;
		list_del(&inst->node);
	}
	pthread_mutex_unlock(&core.lock);
	if (!last)
		return;
	if (!inst->host_gone && !inst_enter_uncancellable(inst, &origin)) {
		inst_call(inst, NULL, UTEE_ENTRY_DESTROY, 0, NULL, &origin);
		inst_host_reap(inst);
		inst_leave(inst);
	}
	session_close_children(inst);
	inst_free(inst);
}

void inst_shutdown_all(void)
{
	struct list_node *n;
	struct instance *inst;

	pthread_mutex_lock(&core.lock);
	list_for_each(n, &core.instances) {
		inst = list_entry(n, struct instance, node);
		if (!inst->host_gone && inst->pid > 0)
			kill(inst->pid, SIGKILL);
	}
	pthread_mutex_unlock(&core.lock);
}
