/*
 * The sim backend's exchange with tee-core over a SOCK_SEQPACKET socket.
 * Any thread may call; replies are matched to callers by id, and whichever
 * waiting thread is free reads the socket for all of them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../../common/tc_msg.h"
#include "teec_priv.h"

static const char *core_path(const char *name)
{
	if (!name || !strcmp(name, "sim")) {
		name = getenv("TEECHECK_CORE");
		if (!name || !*name)
			return TEEC_DEFAULT_CORE;
	}
	if (!strncmp(name, "unix:", 5))
		return name + 5;
	return name;
}

TEEC_Result transport_connect(struct teec_ctx *c, const char *name)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *path = core_path(name);
	int sz = 1 << 20;

	if (path[0] != '/' || strlen(path) >= sizeof(sa.sun_path) ||
	    !strncmp(path, "/dev/", 5))
		return TEEC_ERROR_ITEM_NOT_FOUND;
	strcpy(sa.sun_path, path);
	c->sock = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (c->sock < 0)
		return TEEC_ERROR_OUT_OF_MEMORY;
	setsockopt(c->sock, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	if (connect(c->sock, (struct sockaddr *)&sa, sizeof(sa))) {
		close(c->sock);
		c->sock = -1;
		return TEEC_ERROR_ITEM_NOT_FOUND;
	}
	pthread_mutex_init(&c->send_lock, NULL);
	pthread_mutex_init(&c->rx_lock, NULL);
	pthread_cond_init(&c->rx_cond, NULL);
	return TEEC_SUCCESS;
}

static void pending_remove(struct teec_ctx *c, struct teec_pending *me)
{
	struct teec_pending **pp;

	for (pp = &c->pending; *pp; pp = &(*pp)->next) {
		if (*pp == me) {
			*pp = me->next;
			return;
		}
	}
}

/* rx_lock held: p is answered (or failed); an async one is finished. */
static void pending_done(struct teec_ctx *c, struct teec_pending *p)
{
	p->done = true;
	if (!p->async_done)
		return;
	pending_remove(c, p);
	c->nasync--;
	p->async_done(c, p);
}

/* Called as the reader, with rx_lock held: reads and routes one reply. */
static void transport_read_one(struct teec_ctx *c)
{
	struct tc_msg buf;
	struct teec_pending *p, *next;
	struct tc_why why;
	ssize_t n;

	pthread_mutex_unlock(&c->rx_lock);
	n = tc_recv(c->sock, &buf, sizeof(buf), NULL);
	pthread_mutex_lock(&c->rx_lock);
	if (n <= 0 || tc_msg_check(&buf, (size_t)n, &why) ||
	    !(buf.cmd & TC_REPLY)) {
		/* The core is gone or speaks nonsense: fail every caller. */
		c->broken = true;
		for (p = c->pending; p; p = next) {
			next = p->next;
			p->err = TEEC_ERROR_COMMUNICATION;
			pending_done(c, p);
		}
		return;
	}
	for (p = c->pending; p; p = p->next) {
		if (p->id == buf.id && !p->done) {
			*p->reply = buf;
			pending_done(c, p);
			return;
		}
	}
}

/* rx_lock held: reads replies (or waits for the reader) while busy. */
static void transport_read_while(struct teec_ctx *c,
				 bool (*busy)(struct teec_ctx *c,
					      const void *arg),
				 const void *arg)
{
	while (busy(c, arg) && !c->broken) {
		if (c->reader) {
			pthread_cond_wait(&c->rx_cond, &c->rx_lock);
			continue;
		}
		c->reader = true;
		transport_read_one(c);
		c->reader = false;
		pthread_cond_broadcast(&c->rx_cond);
	}
}

TEEC_Result transport_prepare(struct teec_ctx *c, struct tc_msg *req,
			     struct tc_msg *reply, struct teec_pending *me)
{
	memset(me, 0, sizeof(*me));
	me->reply = reply;
	/* The core's own requests (teecheck_*) mean nothing to a device. */
	if (c->dev)
		return TEEC_ERROR_NOT_SUPPORTED;
	pthread_mutex_lock(&c->rx_lock);
	if (c->broken) {
		pthread_mutex_unlock(&c->rx_lock);
		return TEEC_ERROR_COMMUNICATION;
	}
	do
		me->id = ++c->next_id;
	while (!me->id);
	req->id = me->id;
	me->next = c->pending;
	c->pending = me;
	pthread_mutex_unlock(&c->rx_lock);
	return TEEC_SUCCESS;
}

void transport_send(struct teec_ctx *c, struct tc_msg *req,
		    struct teec_pending *me)
{
	int rc;

	pthread_mutex_lock(&c->send_lock);
	rc = tc_send(c->sock, req, -1);
	pthread_mutex_unlock(&c->send_lock);
	if (rc) {
		pthread_mutex_lock(&c->rx_lock);
		me->done = true;
		me->err = TEEC_ERROR_COMMUNICATION;
		pthread_mutex_unlock(&c->rx_lock);
	}
}

static bool not_done(struct teec_ctx *c, const void *me)
{
	(void)c;
	return !((const struct teec_pending *)me)->done;
}

static bool too_many_async(struct teec_ctx *c, const void *max)
{
	return c->nasync > *(const unsigned int *)max;
}

TEEC_Result transport_wait(struct teec_ctx *c, struct teec_pending *me)
{
	pthread_mutex_lock(&c->rx_lock);
	/* A broken connection has completed every pending request. */
	transport_read_while(c, not_done, me);
	pending_remove(c, me);
	pthread_mutex_unlock(&c->rx_lock);
	if (!me->err && me->reply->id != me->id)
		return TEEC_ERROR_COMMUNICATION;
	return me->err;
}

TEEC_Result transport_call(struct teec_ctx *c, struct tc_msg *req,
			   struct tc_msg *reply)
{
	struct teec_pending me;
	TEEC_Result res;

	res = transport_prepare(c, req, reply, &me);
	if (res)
		return res;
	transport_send(c, req, &me);
	return transport_wait(c, &me);
}

int transport_send_oneway(struct teec_ctx *c, const struct tc_msg *msg)
{
	int rc;

	pthread_mutex_lock(&c->send_lock);
	rc = tc_send(c->sock, msg, -1);
	pthread_mutex_unlock(&c->send_lock);
	return rc;
}

void transport_drain(struct teec_ctx *c, unsigned int max)
{
	pthread_mutex_lock(&c->rx_lock);
	transport_read_while(c, too_many_async, &max);
	pthread_mutex_unlock(&c->rx_lock);
}

void transport_send_async(struct teec_ctx *c, struct tc_msg *req,
			  struct teec_pending *me)
{
	struct teec_pending *p;
	struct tc_msg copy;
	uint32_t id;
	bool sent;

	me->done = false;
	me->err = TEEC_SUCCESS;
	me->next = NULL;
	transport_drain(c, TEEC_ASYNC_MAX - 1);
	pthread_mutex_lock(&c->rx_lock);
	if (c->broken) {
		me->err = TEEC_ERROR_COMMUNICATION;
		me->done = true;
		me->async_done(c, me);
		pthread_mutex_unlock(&c->rx_lock);
		return;
	}
	do
		me->id = ++c->next_id;
	while (!me->id);
	req->id = id = me->id;
	/*
	 * Once me is on the list, the reader may answer and free it (req
	 * lives with it): what is sent is this thread's own copy. A request
	 * sent unawaited is a fixed-size message.
	 */
	copy = *req;
	copy.length = sizeof(copy);
	me->next = c->pending;
	c->pending = me;
	c->nasync++;
	pthread_mutex_unlock(&c->rx_lock);

	pthread_mutex_lock(&c->send_lock);
	sent = !tc_send(c->sock, &copy, -1);
	pthread_mutex_unlock(&c->send_lock);
	if (sent)
		return;
	pthread_mutex_lock(&c->rx_lock);
	/* Unless a reader already failed (and freed) it with the connection. */
	for (p = c->pending; p; p = p->next) {
		if (p == me && p->id == id && !p->done) {
			me->err = TEEC_ERROR_COMMUNICATION;
			pending_done(c, me);
			break;
		}
	}
	pthread_mutex_unlock(&c->rx_lock);
}

TEEC_Result transport_call_settled(struct teec_ctx *c, struct tc_msg *req,
				   struct tc_msg *reply)
{
	transport_drain(c, 0);
	return transport_call(c, req, reply);
}
