/*
 * Sessions: open, invoke and close on behalf of a guest, or of a TA instance
 * (TA-to-TA). A session belongs to whoever opened it; no one else can name
 * it.
 */
#include <stdlib.h>
#include <string.h>

#include <tee_api_defines.h>
#include <teecheck/ta_abi.h>

#include "../../common/tc_log.h"
#include "../conn/conn.h"
#include "../core.h"
#include "../inst/inst.h"
#include "session.h"

/* Finds a live session of guest c, or of TA instance caller, with a ref. */
static struct session *session_get(struct conn *c, struct instance *caller,
				   uint32_t id)
{
	struct list_node *n;
	struct session *s;

	pthread_mutex_lock(&core.lock);
	list_for_each(n, &core.sessions) {
		s = list_entry(n, struct session, node);
		if (s->id == id && s->owner == c && s->caller == caller &&
		    !s->closed) {
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
	if (s->inst)
		inst_put(s->inst);
	if (s->owner)
		conn_put(s->owner);
	free(s);
}

/* A session not yet open, with its ID (the TA host sees it at open). */
static struct session *session_new(struct conn *c, struct instance *caller)
{
	struct session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	if (c)
		conn_get(c);
	s->owner = c;
	s->caller = caller;
	s->refs = 1;
	pthread_mutex_lock(&core.lock);
	do
		s->id = ++core.next_session;
	while (!s->id);
	pthread_mutex_unlock(&core.lock);
	return s;
}

/*
 * An instance that died under a call closes what it opened, so its callees
 * do not wait for a caller that will never come back.
 */
static void session_after_call(struct instance *inst, TEE_Result res)
{
	if (res == TEE_ERROR_TARGET_DEAD && inst_is_dead(inst))
		session_close_children(inst);
}

/* Opens s on the TA uuid; on success s is listed, else it is freed. */
static TEE_Result session_open_on(struct session *s, const uint8_t uuid[16],
				  struct tc_msg *msg, uint32_t timeout,
				  uint32_t *origin)
{
	struct instance *inst;
	TEE_Result res;

	res = inst_get(uuid, &inst, origin);
	if (res)
		goto err;
	res = inst_enter(inst, timeout, origin);
	if (res) {
		inst_put(inst);
		goto err;
	}
	pthread_mutex_lock(&core.lock);
	if (!(inst->flags & TA_FLAG_MULTI_SESSION) && inst->nsessions) {
		pthread_mutex_unlock(&core.lock);
		inst_leave(inst);
		inst_put(inst);
		*origin = TEE_ORIGIN_TEE;
		res = TEE_ERROR_BUSY;
		goto err;
	}
	/* Counted now so the instance is not ended under the call. */
	inst->nsessions++;
	pthread_mutex_unlock(&core.lock);
	s->inst = inst;		/* the reference from inst_get */
	res = inst_call(inst, s, UTEE_ENTRY_OPEN_SESSION, 0, msg, origin);
	inst_leave(inst);
	if (res) {
		pthread_mutex_lock(&core.lock);
		inst->nsessions--;
		pthread_mutex_unlock(&core.lock);
		session_after_call(inst, res);
		goto err;
	}
	pthread_mutex_lock(&core.lock);
	list_add_tail(&core.sessions, &s->node);
	pthread_mutex_unlock(&core.lock);
	msg->session = s->id;
	return TEE_SUCCESS;
err:
	session_put(s);
	return res;
}

TEE_Result session_open(struct conn *c, struct tc_msg *msg,
			uint32_t *origin)
{
	struct session *s;
	TEE_Result res;
	bool dead;

	*origin = TEE_ORIGIN_TEE;
	s = session_new(c, NULL);
	if (!s)
		return TEE_ERROR_OUT_OF_MEMORY;
	s->login = msg->login;
	res = login_identity(c, msg->login, msg->conn_data, s->client_uuid);
	if (res) {
		session_put(s);
		return res;
	}
	res = session_open_on(s, msg->uuid, msg, TEE_TIMEOUT_INFINITE,
			      origin);
	/*
	 * A guest that went meanwhile had its sessions closed already, or
	 * has them closed now: this one must not outlive it.
	 */
	pthread_mutex_lock(&core.lock);
	dead = c->dead;
	pthread_mutex_unlock(&core.lock);
	if (!res && dead) {
		session_close(c, msg->session, origin);
		return TEE_ERROR_TARGET_DEAD;
	}
	return res;
}

TEE_Result session_open_ta(struct instance *caller, struct tc_msg *msg,
			   uint32_t *origin)
{
	struct session *s;
	uint32_t timeout;

	*origin = TEE_ORIGIN_TEE;
	s = session_new(NULL, caller);
	if (!s)
		return TEE_ERROR_OUT_OF_MEMORY;
	s->login = TEE_LOGIN_TRUSTED_APP;
	memcpy(s->client_uuid, caller->uuid, sizeof(s->client_uuid));
	timeout = msg->arg > UINT32_MAX ? TEE_TIMEOUT_INFINITE :
					  (uint32_t)msg->arg;
	return session_open_on(s, msg->uuid, msg, timeout, origin);
}

static TEE_Result session_invoke_on(struct session *s, struct tc_msg *msg,
				    uint32_t cmd, uint32_t timeout,
				    uint32_t *origin)
{
	TEE_Result res;

	res = inst_enter(s->inst, timeout, origin);
	if (!res) {
		res = inst_call(s->inst, s, UTEE_ENTRY_INVOKE, cmd, msg,
				origin);
		inst_leave(s->inst);
		session_after_call(s->inst, res);
	}
	session_put(s);
	return res;
}

TEE_Result session_invoke(struct conn *c, struct tc_msg *msg,
			  uint32_t *origin)
{
	struct session *s = session_get(c, NULL, msg->session);

	*origin = TEE_ORIGIN_TEE;
	if (!s) {
		tc_err("pid %d: invoke on unknown session 0x%x", (int)c->pid,
		       msg->session);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	return session_invoke_on(s, msg, msg->func, TEE_TIMEOUT_INFINITE,
				 origin);
}

TEE_Result session_invoke_ta(struct instance *caller, struct tc_msg *msg,
			     uint32_t *origin)
{
	struct session *s = session_get(NULL, caller, msg->session);
	uint32_t timeout;

	*origin = TEE_ORIGIN_TEE;
	if (!s)
		return TEE_ERROR_BAD_PARAMETERS;
	timeout = msg->arg > UINT32_MAX ? TEE_TIMEOUT_INFINITE :
					  (uint32_t)msg->arg;
	return session_invoke_on(s, msg, msg->cmd_id, timeout, origin);
}

/*
 * Ends session s (already marked closed): the TA's close entry point, then
 * the instance's end if it was the last reference. A close that would wait
 * for itself (the instance is busy further up this thread's calls) skips
 * the entry point rather than deadlock.
 */
static void session_end(struct session *s)
{
	struct instance *inst = s->inst;
	uint32_t origin;
	TEE_Result res;

	/* Closing is not cancellable: it waits as long as it takes. */
	res = inst_enter_uncancellable(inst, &origin);
	if (!res) {
		res = inst_call(inst, s, UTEE_ENTRY_CLOSE_SESSION, 0, NULL,
				&origin);
		inst_leave(inst);
		session_after_call(inst, res);
	} else {
		tc_warn("session 0x%x closed without its TA's close entry "
			"point (0x%08x)", s->id, res);
	}
	pthread_mutex_lock(&core.lock);
	inst->nsessions--;
	list_del(&s->node);
	pthread_mutex_unlock(&core.lock);
	session_put(s);
}

/* Marks a session of (c, caller) closed; NULL if there is none. */
static struct session *session_mark_closed(struct conn *c,
					   struct instance *caller,
					   uint32_t id)
{
	struct session *s = session_get(c, caller, id);

	if (!s)
		return NULL;
	pthread_mutex_lock(&core.lock);
	if (s->closed) {
		/* Another thread closed it meanwhile. */
		pthread_mutex_unlock(&core.lock);
		session_put(s);
		return NULL;
	}
	s->closed = true;
	pthread_mutex_unlock(&core.lock);
	session_put(s);		/* the lookup's reference */
	return s;
}

TEE_Result session_close(struct conn *c, uint32_t id, uint32_t *origin)
{
	struct session *s = session_mark_closed(c, NULL, id);

	*origin = TEE_ORIGIN_TEE;
	if (!s) {
		tc_err("pid %d: close of unknown session 0x%x", (int)c->pid,
		       id);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	session_end(s);
	return TEE_SUCCESS;
}

TEE_Result session_close_ta(struct instance *caller, uint32_t id)
{
	struct session *s = session_mark_closed(NULL, caller, id);

	if (!s)
		return TEE_ERROR_BAD_PARAMETERS;
	session_end(s);
	return TEE_SUCCESS;
}

/* Closes, one at a time, every session that match() picks. */
static void session_close_matching(const void *who,
				   bool (*match)(const struct session *,
						 const void *))
{
	struct list_node *n;
	struct session *s;

	for (;;) {
		s = NULL;
		pthread_mutex_lock(&core.lock);
		list_for_each(n, &core.sessions) {
			s = list_entry(n, struct session, node);
			if (!s->closed && match(s, who)) {
				s->closed = true;
				break;
			}
			s = NULL;
		}
		pthread_mutex_unlock(&core.lock);
		if (!s)
			break;
		session_end(s);
	}
}

static bool session_of_guest(const struct session *s, const void *c)
{
	return s->owner == c;
}

static bool session_of_instance(const struct session *s, const void *inst)
{
	return s->caller == inst;
}

void session_close_guest(struct conn *c)
{
	session_close_matching(c, session_of_guest);
}

void session_close_children(struct instance *inst)
{
	session_close_matching(inst, session_of_instance);
}
