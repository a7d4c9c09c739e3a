/* Normal-world connections: creation, reference counting, and sends that
 * never wait for the peer. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../core.h"
#include "../session/session.h"
#include "conn.h"

struct conn *conn_new(int fd)
{
	struct conn *c = calloc(1, sizeof(*c));
	struct ucred cr;
	socklen_t len = sizeof(cr);

	if (!c)
		return NULL;
	c->fd = fd;
	c->nsram_fd = -1;
	c->refs = 1;
	list_init(&c->calls);
	pthread_mutex_init(&c->send_lock, NULL);
	if (!getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len)) {
		c->pid = cr.pid;
		c->uid = cr.uid;
		c->gid = cr.gid;
	}
	pthread_mutex_lock(&core.lock);
	list_add_tail(&core.conns, &c->node);
	core.nconns++;
	pthread_mutex_unlock(&core.lock);
	return c;
}

void conn_get(struct conn *c)
{
	pthread_mutex_lock(&core.lock);
	c->refs++;
	pthread_mutex_unlock(&core.lock);
}

void conn_put(struct conn *c)
{
	bool last;

	pthread_mutex_lock(&core.lock);
	last = --c->refs == 0;
	if (last) {
		list_del(&c->node);
		core.nconns--;
	}
	pthread_mutex_unlock(&core.lock);
	if (!last)
		return;
	close(c->fd);
	if (c->nsram_fd >= 0)
		close(c->nsram_fd);
	login_free_creds(c);
	pthread_mutex_destroy(&c->send_lock);
	free(c);
}

void conn_ram(const struct conn *c, struct ram_ref *ram)
{
	ram->id = c->guest_id;
	ram->fd = c->nsram_fd;
	ram->pages = c->nsram_pages;
}

uint32_t conn_new_guest_id(void)
{
	uint32_t id;

	pthread_mutex_lock(&core.lock);
	id = ++core.next_guest;
	pthread_mutex_unlock(&core.lock);
	return id;
}

int conn_send(struct conn *c, const struct tc_msg *msg, int fd)
{
	int rc;

	if (conn_dropped(c))
		return -ECONNRESET;
	pthread_mutex_lock(&c->send_lock);
	rc = tc_send_flags(c->fd, msg, fd, MSG_DONTWAIT);
	pthread_mutex_unlock(&c->send_lock);
	/* Its socket buffer is the bound of what waits for it. */
	if (rc == -EAGAIN)
		conn_drop(c, "does not read its replies");
	return rc;
}

void conn_drop(struct conn *c, const char *why)
{
	if (__atomic_exchange_n(&c->dropped, true, __ATOMIC_ACQ_REL))
		return;
	tc_warn("pid %d: %s: disconnected", (int)c->pid, why);
	/* The event loop sees the end of the connection and cleans up. */
	shutdown(c->fd, SHUT_RDWR);
}

bool conn_dropped(const struct conn *c)
{
	return __atomic_load_n(&c->dropped, __ATOMIC_ACQUIRE);
}
