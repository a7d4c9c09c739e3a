/*
 * The secure thread pool: a fixed number of threads take requests in arrival
 * order. When all are busy, requests wait in the queue, as callers of a real
 * TEE wait for a free secure thread.
 */
#include <stdlib.h>

#include "../../common/tc_log.h"
#include "../core.h"
#include "conn.h"

struct work {
	struct conn *conn;
	struct tc_msg *msg;	/* NULL: the guest is gone */
	struct call *call;	/* OPEN_SESSION, INVOKE: what CANCEL finds */
	struct work *next;
};

/* Guards the queue. */
static pthread_mutex_t wq_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wq_cond = PTHREAD_COND_INITIALIZER;
static struct work *wq_head, **wq_tail = &wq_head;

void workq_push(struct conn *c, struct tc_msg *msg)
{
	struct work *w = malloc(sizeof(*w));

	if (!w) {
		tc_err("out of memory queueing a request");
		free(msg);
		return;
	}
	/* A lost guest's cleanup keeps the event loop's reference. */
	if (msg) {
		conn_get(c);
		__atomic_add_fetch(&c->requests, 1, __ATOMIC_ACQ_REL);
	}
	w->conn = c;
	w->msg = msg;
	w->call = NULL;
	w->next = NULL;
	/* Recorded on the event loop, so no later CANCEL can miss it. */
	if (msg && (msg->cmd == TC_CMD_OPEN_SESSION ||
		    msg->cmd == TC_CMD_INVOKE))
		w->call = call_begin(c, msg->id);
	pthread_mutex_lock(&wq_lock);
	*wq_tail = w;
	wq_tail = &w->next;
	pthread_cond_signal(&wq_cond);
	pthread_mutex_unlock(&wq_lock);
}

static void *workq_thread(void *arg)
{
	struct work *w;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&wq_lock);
		while (!wq_head)
			pthread_cond_wait(&wq_cond, &wq_lock);
		w = wq_head;
		wq_head = w->next;
		if (!wq_head)
			wq_tail = &wq_head;
		pthread_mutex_unlock(&wq_lock);

		if (w->msg) {
			/* Cancelled while queued: it never reaches a TA. */
			if (call_start(w->call, exec_current()))
				dispatch_request(w->conn, w->msg);
			else
				conn_reply(w->conn, w->msg, TEE_ERROR_CANCEL,
					   TEE_ORIGIN_TEE);
			call_end(w->call);
			free(w->msg);
			__atomic_sub_fetch(&w->conn->requests, 1,
					   __ATOMIC_ACQ_REL);
		} else {
			dispatch_guest_gone(w->conn);
		}
		conn_put(w->conn);
		free(w);
	}
	return NULL;
}

int workq_start(unsigned int threads)
{
	pthread_t t;
	unsigned int i;
	int rc;

	for (i = 0; i < threads; i++) {
		rc = pthread_create(&t, NULL, workq_thread, NULL);
		if (rc) {
			tc_err("cannot start secure thread %u", i);
			return -rc;
		}
		pthread_detach(t);
	}
	return 0;
}
