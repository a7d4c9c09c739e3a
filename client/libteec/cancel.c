/*
 * TEEC_RequestCancellation: finds the operation among those in flight in
 * any context and sends the core a CANCEL naming its request. An operation
 * cancelled before it started (its started field still 0) is remembered and
 * refused when it is then used, without reaching the TEE.
 */
#include <errno.h>
#include <string.h>

#include "../../common/tc_msg.h"
#include "dev_priv.h"
#include "teec_priv.h"

/* Operations cancelled before they started; the oldest are forgotten. */
#define CANCEL_EARLY_MAX	64

/* Guards everything below. */
static pthread_mutex_t cancel_lock = PTHREAD_MUTEX_INITIALIZER;
static struct teec_inflight *cancel_inflight;
static TEEC_Operation *cancel_early[CANCEL_EARLY_MAX];
static unsigned int cancel_early_next;

static void cancel_send(struct teec_inflight *e)
{
	struct tc_msg m;

	if (e->ctx->dev) {
		/* The driver finds the call by session and cancel ID. */
		dev_cancel(e->ctx, e->session, e->id);
		return;
	}
	tc_msg_init(&m, TC_CMD_CANCEL, 0);
	m.func = e->id;
	/* A lost connection fails the request itself. */
	transport_send_oneway(e->ctx, &m);
}

/* cancel_lock held: op's slot on the early list, or -ENOENT. */
static int cancel_early_find(const TEEC_Operation *op)
{
	int i;

	for (i = 0; i < CANCEL_EARLY_MAX; i++)
		if (cancel_early[i] == op)
			return i;
	return -ENOENT;
}

static bool cancel_early_has(const TEEC_Operation *op)
{
	return cancel_early_find(op) >= 0;
}

/* cancel_lock held: takes op off the early list; true if it was there. */
static bool cancel_early_take(const TEEC_Operation *op)
{
	int i = cancel_early_find(op);

	if (i < 0)
		return false;
	cancel_early[i] = NULL;
	return true;
}

bool cancel_op_begin(TEEC_Operation *op, struct teec_ctx *c,
		     struct teec_inflight *e)
{
	bool go;

	memset(e, 0, sizeof(*e));
	pthread_mutex_lock(&cancel_lock);
	go = !cancel_early_take(op);
	if (go) {
		e->op = op;
		e->ctx = c;
		e->next = cancel_inflight;
		cancel_inflight = e;
		op->started = 1;
	}
	pthread_mutex_unlock(&cancel_lock);
	return go;
}

void cancel_op_sent(struct teec_inflight *e, uint32_t id)
{
	pthread_mutex_lock(&cancel_lock);
	e->id = id;
	e->sent = true;
	if (e->cancel_requested)
		cancel_send(e);
	pthread_mutex_unlock(&cancel_lock);
}

void cancel_op_end(struct teec_inflight *e)
{
	struct teec_inflight **pp;

	pthread_mutex_lock(&cancel_lock);
	for (pp = &cancel_inflight; *pp; pp = &(*pp)->next) {
		if (*pp == e) {
			*pp = e->next;
			break;
		}
	}
	pthread_mutex_unlock(&cancel_lock);
}

void TEEC_RequestCancellation(TEEC_Operation *operation)
{
	struct teec_inflight *e;

	if (!operation)
		return;
	pthread_mutex_lock(&cancel_lock);
	for (e = cancel_inflight; e; e = e->next)
		if (e->op == operation)
			break;
	if (e) {
		if (e->sent)
			cancel_send(e);
		else
			e->cancel_requested = true;
	} else if (!operation->started && !cancel_early_has(operation)) {
		cancel_early[cancel_early_next] = operation;
		cancel_early_next = (cancel_early_next + 1) % CANCEL_EARLY_MAX;
	}
	pthread_mutex_unlock(&cancel_lock);
}
