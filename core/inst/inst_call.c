/*
 * One entry-point call on an entered instance: the request as the host
 * gets it (session, client identity, registered memory resolved), the
 * cancel flag reset, and what the TA may change copied back.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <teecheck/ta_abi.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../../common/uuid.h"
#include "../conn/conn.h"
#include "../core.h"
#include "../shm/shm_mgr.h"
#include "inst.h"
#include "inst_priv.h"

static bool params_need_ram(const struct tc_msg *msg)
{
	unsigned int i;

	for (i = 0; msg && i < msg->num_params; i++)
		if (tc_param_is_mem(msg->params[i].type) &&
		    !(msg->params[i].flags & TC_PFLAG_NULL))
			return true;
	return false;
}

/* Copies what the TA may change back into the request. */
static int host_copy_back(struct tc_msg *msg, const struct tc_msg *r)
{
	unsigned int i;

	if (r->num_params != msg->num_params)
		return -EBADMSG;
	for (i = 0; i < msg->num_params; i++) {
		struct tc_param *p = &msg->params[i];
		const struct tc_param *q = &r->params[i];

		if (q->type != p->type)
			return -EBADMSG;
		if (p->type == TC_PARAM_VALUE_OUT ||
		    p->type == TC_PARAM_VALUE_INOUT) {
			p->a = q->a;
			p->b = q->b;
		} else if (tc_param_is_mem(p->type) ||
			   tc_param_is_rmem(p->type)) {
			p->size = q->size;
		}
	}
	return 0;
}

/* The RAM a session's memrefs are in: its client's, or its caller TA's. */
static void session_ram(const struct session *s, struct ram_ref *ram)
{
	if (s->owner)
		conn_ram(s->owner, ram);
	else
		*ram = s->caller->xram;
}

TEE_Result inst_call(struct instance *inst, struct session *s,
		     uint32_t func, uint32_t cmd_id, struct tc_msg *msg,
		     uint32_t *origin)
{
	size_t len = msg ? msg->length : sizeof(struct tc_msg);
	struct ram_ref ram = { 0 };
	char u[TC_UUID_STR_LEN];
	struct tc_msg *m, r;
	struct shm_call sc;
	TEE_Result res;
	bool cancelled;

	*origin = TEE_ORIGIN_TEE;
	/* A dead instance's host is gone; DESTROY runs on one being ended. */
	if (inst->host_gone)
		return TEE_ERROR_TARGET_DEAD;
	if (s)
		session_ram(s, &ram);
	if (params_need_ram(msg) && inst_guest_ram_send(inst, &ram))
		return inst->host_gone ? TEE_ERROR_TARGET_DEAD :
					 TEE_ERROR_OUT_OF_MEMORY;
	m = malloc(len);
	if (!m)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (msg)
		memcpy(m, msg, len);
	else
		tc_msg_init(m, TC_CMD_HOST_CALL, 0);
	m->cmd = TC_CMD_HOST_CALL;
	m->func = func;
	m->cmd_id = cmd_id;
	m->session = s ? s->id : 0;
	m->client_login = s ? s->login : 0;
	memset(m->uuid, 0, sizeof(m->uuid));
	if (s)
		memcpy(m->uuid, s->client_uuid, sizeof(m->uuid));
	m->arg = s ? s->ta_ctx : 0;
	m->arg2 = ram.id;
	/* Registered memory: in use by this call until it ends. */
	res = shm_call_prepare(inst, s ? s->owner : NULL, m, &sc);
	if (res) {
		free(m);
		return res;
	}

	/* A new call starts uncancelled, unless its request already is. */
	pthread_mutex_lock(&core.lock);
	if (inst->ctl)
		__atomic_store_n(&inst->ctl->cancel, 0, __ATOMIC_RELEASE);
	cancelled = (func == UTEE_ENTRY_OPEN_SESSION ||
		     func == UTEE_ENTRY_INVOKE) &&
		    exec_cancelled(exec_current());
	pthread_mutex_unlock(&core.lock);
	if (cancelled) {
		free(m);
		shm_call_finish(&sc);
		return TEE_ERROR_CANCEL;
	}

	if (inst_host_exchange(inst, m, -1, &r)) {
		free(m);
		shm_call_finish(&sc);
		return TEE_ERROR_TARGET_DEAD;
	}
	free(m);
	shm_call_finish(&sc);
	if (msg && host_copy_back(msg, &r)) {
		tc_err("TA %s: host changed the parameter types",
		       inst_uuid_str(inst, u));
		inst_host_reap(inst);
		inst_mark_dead(inst);
		return TEE_ERROR_TARGET_DEAD;
	}
	if (func == UTEE_ENTRY_OPEN_SESSION && r.ret == TEE_SUCCESS)
		s->ta_ctx = r.arg;
	*origin = r.origin == TEE_ORIGIN_TEE ? TEE_ORIGIN_TEE :
						TEE_ORIGIN_TRUSTED_APP;
	return r.ret;
}
