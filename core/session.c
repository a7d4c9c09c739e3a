/*
 * Sessions: open, invoke and close on behalf of a guest. A session belongs
 * to the guest that opened it; no other guest can name it.
 */
#include <stdlib.h>
#include <string.h>

#include <teecheck/ta_abi.h>

#include "../common/tc_log.h"
#include "core.h"

/* Finds a live session of guest c and takes a reference. */
static struct session *session_get(struct conn *c, uint32_t id)
{
	struct list_node *n;
	struct session *s;

	pthread_mutex_lock(&core.lock);
	list_for_each(n, &core.sessions) {
		s = list_entry(n, struct session, node);
		if (s->id == id && s->owner == c && !s->closed) {
			s->refs++;
			pthread_mutex_unlock(&core.lock);
			return s;
		}
	}
	pthread_mutex_unlock(&core.lock);
	return NULL;
}

static void session_put(struct session *s)
{
	bool last;

	pthread_mutex_lock(&core.lock);
	last = --s->refs == 0;
	pthread_mutex_unlock(&core.lock);
	if (!last)
		return;
	inst_put(s->inst);
	conn_put(s->owner);
	free(s);
}

TEEC_Result session_open(struct conn *c, struct tc_msg *msg,
			 uint32_t *origin)
{
	struct instance *inst;
	struct session *s;
	uint64_t ta_ctx = 0;
	TEEC_Result res;

	if (msg->login != TEEC_LOGIN_PUBLIC) {
		/* Identities derived from credentials come with issue 3. */
		tc_err("pid %d: login method 0x%x not supported", (int)c->pid,
		       msg->login);
		*origin = TEEC_ORIGIN_TEE;
		return TEEC_ERROR_NOT_SUPPORTED;
	}
	res = inst_get(msg->uuid, &inst, origin);
	if (res)
		return res;

	pthread_mutex_lock(&inst->call_lock);
	pthread_mutex_lock(&core.lock);
	if (!(inst->flags & TA_FLAG_MULTI_SESSION) && inst->nsessions) {
		pthread_mutex_unlock(&core.lock);
		pthread_mutex_unlock(&inst->call_lock);
		inst_put(inst);
		*origin = TEEC_ORIGIN_TEE;
		return TEEC_ERROR_BUSY;
	}
	/* Counted now so the instance is not ended under the call. */
	inst->nsessions++;
	pthread_mutex_unlock(&core.lock);
	res = inst_call(inst, c, UTEE_ENTRY_OPEN_SESSION, 0, &ta_ctx, msg,
			origin);
	pthread_mutex_unlock(&inst->call_lock);
	if (res) {
		pthread_mutex_lock(&core.lock);
		inst->nsessions--;
		pthread_mutex_unlock(&core.lock);
		inst_put(inst);
		return res;
	}

	s = calloc(1, sizeof(*s));
	if (!s) {
		/* The TA has the session; close it there again. */
		pthread_mutex_lock(&inst->call_lock);
		inst_call(inst, c, UTEE_ENTRY_CLOSE_SESSION, 0, &ta_ctx, NULL,
			  origin);
		pthread_mutex_unlock(&inst->call_lock);
		pthread_mutex_lock(&core.lock);
		inst->nsessions--;
		pthread_mutex_unlock(&core.lock);
		inst_put(inst);
		*origin = TEEC_ORIGIN_TEE;
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	conn_get(c);
	s->owner = c;
	s->inst = inst;		/* the reference from inst_get */
	s->ta_ctx = ta_ctx;
	s->refs = 1;
	pthread_mutex_lock(&core.lock);
	do
		s->id = ++core.next_session;
	while (!s->id);
	list_add_tail(&core.sessions, &s->node);
	pthread_mutex_unlock(&core.lock);
	msg->session = s->id;
	return TEEC_SUCCESS;
}

TEEC_Result session_invoke(struct conn *c, struct tc_msg *msg,
			   uint32_t *origin)
{
	struct session *s = session_get(c, msg->session);
	TEEC_Result res;

	if (!s) {
		tc_err("pid %d: invoke on unknown session 0x%x", (int)c->pid,
		       msg->session);
		*origin = TEEC_ORIGIN_TEE;
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	pthread_mutex_lock(&s->inst->call_lock);
	res = inst_call(s->inst, c, UTEE_ENTRY_INVOKE, msg->func, &s->ta_ctx,
			msg, origin);
	pthread_mutex_unlock(&s->inst->call_lock);
	session_put(s);
	return res;
}

/* Ends session s (already marked closed): the TA's close entry point, then
 * the instance's end if it was the last session. */
static void session_end(struct session *s)
{
	struct instance *inst = s->inst;
	uint32_t origin;

	pthread_mutex_lock(&inst->call_lock);
	inst_call(inst, s->owner, UTEE_ENTRY_CLOSE_SESSION, 0, &s->ta_ctx,
		  NULL, &origin);
	pthread_mutex_unlock(&inst->call_lock);
	pthread_mutex_lock(&core.lock);
	inst->nsessions--;
	list_del(&s->node);
	pthread_mutex_unlock(&core.lock);
	session_put(s);
}

TEEC_Result session_close(struct conn *c, uint32_t id, uint32_t *origin)
{
	struct session *s = session_get(c, id);

	*origin = TEEC_ORIGIN_TEE;
	if (!s) {
		tc_err("pid %d: close of unknown session 0x%x", (int)c->pid,
		       id);
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	pthread_mutex_lock(&core.lock);
	if (s->closed) {
		/* Another thread of the guest closed it meanwhile. */
		pthread_mutex_unlock(&core.lock);
		session_put(s);
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	s->closed = true;
	pthread_mutex_unlock(&core.lock);
	session_put(s);		/* the lookup's reference */
	session_end(s);
	return TEEC_SUCCESS;
}

void session_close_guest(struct conn *c)
{
	struct list_node *n;
	struct session *s;

	for (;;) {
		s = NULL;
		pthread_mutex_lock(&core.lock);
		list_for_each(n, &core.sessions) {
			s = list_entry(n, struct session, node);
			if (s->owner == c && !s->closed) {
				s->closed = true;
				break;
			}
			s = NULL;
		}
		pthread_mutex_unlock(&core.lock);
		if (!s)
			break;
		tc_info("guest %u gone: closing session 0x%x", c->guest_id,
			s->id);
		session_end(s);
	}
}
