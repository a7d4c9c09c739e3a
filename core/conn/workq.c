/*
 * The secure thread pool. Idle secure threads wait on the event loop's set
 * of connections themselves; the kernel wakes one of them per message, and
 * the thread that read a request runs it: a request goes from the socket to
 * its TA with no hand-off between threads.
 *
 * When every secure thread is busy (in a TA, waiting for an instance or the
 * supplicant), the core's main thread reads instead: it still sees CANCELs
 * and the supplicant's replies, and queues requests for the first secure
 * thread that comes free, in arrival order, as callers of a real TEE wait
 * for a free secure thread.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "../../common/tc_log.h"
#include "../core.h"
#include "conn.h"

struct work {
	struct request req;
	struct work *next;
};

/*
 * Secure threads that wait on the connections at once. The kernel wakes
 * the one that waited longest; with only two, a client that calls in turn
 * is served by the same two threads, warm, whichever pool size.
 */
#define WQ_READERS_MAX	2

/* Guards the queue and the counts of readers and parked threads. */
static pthread_mutex_t wq_lock = PTHREAD_MUTEX_INITIALIZER;
/*
 * Wakes main to read (an eventfd: main sleeps in poll(), which a stopping
 * signal interrupts at once).
 */
static int main_wake_fd = -1;
static pthread_cond_t park_cond = PTHREAD_COND_INITIALIZER;
static struct work *wq_head, **wq_tail = &wq_head;
/* Secure threads reading, or on their way to: while none, main reads. */
static unsigned int readers;
/* Idle secure threads beyond the readers. */
static unsigned int parked;
/* The core stops: no secure thread reads again. */
static bool stopping;

static void main_wake(void)
{
	uint64_t one = 1;

	if (write(main_wake_fd, &one, sizeof(one)) != sizeof(one))
		tc_err("waking the main thread: %s", strerror(errno));
}

/* wq_lock held. */
static struct work *pop_locked(void)
{
	struct work *w = wq_head;

	if (w) {
		wq_head = w->next;
		if (!wq_head)
			wq_tail = &wq_head;
	}
	return w;
}

/*
 * A request (or a lost guest) the main thread read, queued in a copy of its
 * own. A secure thread that started to read meanwhile would not see the
 * queue: it is woken.
 */
static void queue_from_main(const struct request *r)
{
	struct work *w = malloc(sizeof(*w));
	struct tc_msg *copy = r->msg ? malloc(r->len) : NULL;

	if (!w || (r->msg && !copy)) {
		free(w);
		free(copy);
		tc_err("out of memory queueing a request");
		if (r->msg)
			conn_reply(r->conn, r->msg, TEE_ERROR_OUT_OF_MEMORY,
				   TEE_ORIGIN_TEE);
		request_abandon(r);
		return;
	}
	w->req = *r;
	if (copy) {
		memcpy(copy, r->msg, r->len);
		w->req.msg = copy;
	}
	w->next = NULL;
	pthread_mutex_lock(&wq_lock);
	*wq_tail = w;
	wq_tail = &w->next;
	if (readers)
		event_loop_wake();
	else if (parked)
		pthread_cond_signal(&park_cond);
	pthread_mutex_unlock(&wq_lock);
}

/*
 * A secure thread stops reading; the last one hands the reading to a parked
 * thread, or to main when every secure thread is busy.
 */
static void reader_done(void)
{
	pthread_mutex_lock(&wq_lock);
	if (!--readers) {
		if (parked)
			pthread_cond_signal(&park_cond);
		else
			main_wake();
	}
	pthread_mutex_unlock(&wq_lock);
}

static void *workq_thread(void *arg)
{
	enum loop_result got;
	struct request r;
	struct work *w;
	sigset_t stops;

	(void)arg;
	/* A signal that stops the core is the main thread's. */
	sigemptyset(&stops);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stops, NULL);
	for (;;) {
		pthread_mutex_lock(&wq_lock);
		w = pop_locked();
		if (!w && (stopping || readers >= WQ_READERS_MAX)) {
			parked++;
			pthread_cond_wait(&park_cond, &wq_lock);
			parked--;
			pthread_mutex_unlock(&wq_lock);
			continue;
		}
		if (!w)
			readers++;
		pthread_mutex_unlock(&wq_lock);
		if (w) {
			request_run(&w->req);
			free(w->req.msg);
			free(w);
			continue;
		}
		got = event_loop_one(-1, &r);
		reader_done();
		if (got == LOOP_REQUEST)
			request_run(&r);
	}
	return NULL;
}

static void main_wait_locked(volatile sig_atomic_t *stop)
{
	struct pollfd p = { .fd = main_wake_fd, .events = POLLIN };
	uint64_t count;

	while (!*stop && readers) {
		pthread_mutex_unlock(&wq_lock);
		if (poll(&p, 1, 500) > 0 &&
		    read(main_wake_fd, &count, sizeof(count)) < 0)
			count = 0;
		pthread_mutex_lock(&wq_lock);
	}
}

void workq_main_loop(volatile sig_atomic_t *stop)
{
	struct request r;

	pthread_mutex_lock(&wq_lock);
	for (;;) {
		main_wait_locked(stop);
		if (*stop) {
			stopping = true;
			break;
		}
		pthread_mutex_unlock(&wq_lock);
		if (event_loop_one(500, &r) == LOOP_REQUEST)
			queue_from_main(&r);
		pthread_mutex_lock(&wq_lock);
	}
	pthread_mutex_unlock(&wq_lock);
	/* What is queued still runs; nothing new is read or accepted. */
	event_loop_close();
}

int workq_start(unsigned int threads)
{
	pthread_t t;
	unsigned int i;
	int rc;

	main_wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (main_wake_fd < 0) {
		tc_err("eventfd: %s", strerror(errno));
		return -ENOMEM;
	}
	/* Until the first secure thread reads, main does. */
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
