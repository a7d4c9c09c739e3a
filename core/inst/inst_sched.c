/*
 * Who may run a TA instance's entry points when: one secure thread at a time
 * owns an instance (a TA-to-TA call nests one frame deeper on the same
 * thread); others wait for it, unless waiting would never end.
 */
#include <tee_api_defines.h>

#include "../../common/tc_log.h"
#include "../conn/conn.h"
#include "../core.h"
#include "inst.h"
#include "inst_priv.h"

/* core.lock held: would waiting for inst's owner wait for ourselves? */
static bool inst_would_deadlock(const struct exec *me,
				const struct instance *inst)
{
	const struct exec *o = inst->owner;
	unsigned int hops;

	for (hops = 0; o && hops < 4096; hops++) {
		if (o == me)
			return true;
		if (!o->waiting_for)
			return false;
		o = o->waiting_for->owner;
	}
	return false;
}

/* core.lock held: me becomes inst's owner, one frame deeper. */
void inst_take_locked(struct exec *me, struct instance *inst,
		      uint32_t timeout_ms)
{
	struct exec_frame *f = &me->frames[me->depth];

	f->inst = inst;
	f->deadline_ms = timeout_ms == TEE_TIMEOUT_INFINITE ? 0 :
			 core_now_ms() + timeout_ms;
	f->deadline_fired = false;
	me->depth++;
	inst->owner = me;
}

/*
 * core.lock held: waits until inst has no owner. cancellable: a cancelled
 * request stops waiting.
 */
TEE_Result inst_wait_free_locked(struct exec *me, struct instance *inst,
				 bool cancellable)
{
	while (inst->owner) {
		if (inst_would_deadlock(me, inst))
			return TEE_ERROR_BUSY;
		if (cancellable && exec_cancelled(me))
			return TEE_ERROR_CANCEL;
		me->waiting_for = inst;
		pthread_cond_wait(&core.cond, &core.lock);
		me->waiting_for = NULL;
	}
	return TEE_SUCCESS;
}

static TEE_Result inst_enter_locked(struct instance *inst, uint32_t timeout,
				    bool cancellable, uint32_t *origin)
{
	struct exec *me = exec_current();
	TEE_Result res;

	*origin = TEE_ORIGIN_TEE;
	if (me->depth == EXEC_MAX_DEPTH) {
		tc_err("TA-to-TA calls nest deeper than %d", EXEC_MAX_DEPTH);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	res = inst_wait_free_locked(me, inst, cancellable);
	if (res)
		return res;
	inst_take_locked(me, inst, timeout);
	return TEE_SUCCESS;
}

TEE_Result inst_enter(struct instance *inst, uint32_t timeout_ms,
		      uint32_t *origin)
{
	TEE_Result res;

	pthread_mutex_lock(&core.lock);
	res = inst_enter_locked(inst, timeout_ms, true, origin);
	pthread_mutex_unlock(&core.lock);
	return res;
}

TEE_Result inst_enter_uncancellable(struct instance *inst, uint32_t *origin)
{
	TEE_Result res;

	pthread_mutex_lock(&core.lock);
	res = inst_enter_locked(inst, TEE_TIMEOUT_INFINITE, false, origin);
	pthread_mutex_unlock(&core.lock);
	return res;
}

void inst_leave(struct instance *inst)
{
	struct exec *me = exec_current();

	pthread_mutex_lock(&core.lock);
	if (me->depth && me->frames[me->depth - 1].inst == inst) {
		me->depth--;
		me->frames[me->depth].inst = NULL;
		inst->owner = NULL;
	} else {
		tc_err("instance left by a thread that does not own it");
	}
	pthread_cond_broadcast(&core.cond);
	pthread_mutex_unlock(&core.lock);
}
