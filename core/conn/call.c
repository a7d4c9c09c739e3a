/*
 * Client requests in flight and cancellation. The thread that reads an
 * OPEN_SESSION or INVOKE records it before the connection is read again, so
 * a CANCEL (never queued behind busy secure threads) finds the request
 * wherever it is:
 * queued, waiting for its TA instance, or running in one or more TA
 * instances (TA-to-TA calls nest on the same secure thread).
 */
#include <limits.h>
#include <linux/futex.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "../core.h"
#include "conn.h"

/* Each secure thread's own: no locking to find it. */
static __thread struct exec exec_self;

struct exec *exec_current(void)
{
	return &exec_self;
}

int64_t core_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct call *call_begin(struct conn *c, uint32_t id)
{
	struct call *call = calloc(1, sizeof(*call));

	if (!call)
		return NULL;
	call->id = id;
	pthread_mutex_lock(&core.lock);
	list_add_tail(&c->calls, &call->node);
	pthread_mutex_unlock(&core.lock);
	return call;
}

bool call_start(struct call *call, struct exec *e)
{
	bool go;

	e->call = call;
	if (!call)
		return true;
	pthread_mutex_lock(&core.lock);
	call->exec = e;
	go = !call->cancelled;
	pthread_mutex_unlock(&core.lock);
	return go;
}

void call_end(struct call *call)
{
	exec_current()->call = NULL;
	if (!call)
		return;
	pthread_mutex_lock(&core.lock);
	list_del(&call->node);
	pthread_mutex_unlock(&core.lock);
	free(call);
}

/* Raises an instance's cancel flag and wakes a TEE_Wait sleeping on it. */
static void ctl_raise(struct instance *inst)
{
	if (!inst->ctl)
		return;
	__atomic_store_n(&inst->ctl->cancel, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &inst->ctl->cancel, FUTEX_WAKE, INT_MAX, NULL,
		NULL, 0);
}

void exec_cancel_frames(struct exec *e, unsigned int from)
{
	unsigned int i;

	for (i = from; i < e->depth; i++)
		ctl_raise(e->frames[i].inst);
}

void call_cancel(struct conn *c, uint32_t id)
{
	struct list_node *n;
	struct call *call;

	pthread_mutex_lock(&core.lock);
	list_for_each(n, &c->calls) {
		call = list_entry(n, struct call, node);
		if (call->id != id || call->cancelled)
			continue;
		call->cancelled = true;
		/* Whatever the request runs in learns it; a waiter gives up. */
		if (call->exec)
			exec_cancel_frames(call->exec, 0);
		pthread_cond_broadcast(&core.cond);
		break;
	}
	pthread_mutex_unlock(&core.lock);
}

bool exec_cancelled(const struct exec *e)
{
	unsigned int i;

	if (e->call && e->call->cancelled)
		return true;
	/* An outer TA-to-TA call that timed out cancels what it started. */
	for (i = 0; i < e->depth; i++)
		if (e->frames[i].deadline_fired)
			return true;
	return false;
}

int exec_poll_timeout(struct exec *e)
{
	int64_t now = 0, left, best = -1;
	unsigned int i;

	for (i = 0; i < e->depth; i++) {
		struct exec_frame *f = &e->frames[i];

		if (!f->deadline_ms || f->deadline_fired)
			continue;
		if (!now)
			now = core_now_ms();
		left = f->deadline_ms - now;
		if (left <= 0) {
			f->deadline_fired = true;
			pthread_mutex_lock(&core.lock);
			exec_cancel_frames(e, i);
			pthread_mutex_unlock(&core.lock);
			continue;
		}
		if (best < 0 || left < best)
			best = left;
	}
	return best > INT_MAX ? INT_MAX : (int)best;
}
