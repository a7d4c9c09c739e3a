/*
 * The event loop: the listening socket, and one thread that reads every
 * normal-world message, answers HELLO and CANCEL itself and hands requests
 * to the secure threads.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../core.h"
#include "../session/session.h"
#include "../shm/shm_mgr.h"
#include "conn.h"

/* Non-secure RAM a guest may hand us, at most. */
#define CORE_MAX_NSRAM		(4ull << 30)

int event_loop_listen(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, err;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		tc_err("socket path too long: %s", path);
		return -ENAMETOOLONG;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(fd, 64)) {
		err = errno;
		tc_err("cannot listen on %s: %s", path, strerror(err));
		close(fd);
		return -err;
	}
	return fd;
}

static struct conn *conn_new(int fd)
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
	pthread_mutex_unlock(&core.lock);
	return c;
}

/* HELLO is handled on the event loop: it only records who is talking. */
static void handle_hello(struct conn *c, struct tc_msg *m, int fd)
{
	struct stat st;

	if (c->role) {
		tc_err("conn pid %d: HELLO repeated", (int)c->pid);
		goto bad;
	}
	if (m->func == TC_ROLE_SUPPLICANT) {
		pthread_mutex_lock(&core.lock);
		if (core.supplicant) {
			pthread_mutex_unlock(&core.lock);
			tc_err("pid %d: a supplicant is already attached",
			       (int)c->pid);
			conn_reply(c, m, TEE_ERROR_BUSY, TEE_ORIGIN_TEE);
			return;
		}
		pthread_mutex_unlock(&core.lock);
		c->role = TC_ROLE_SUPPLICANT;
		rpc_supplicant_attach(c);
		conn_reply(c, m, TEE_SUCCESS, TEE_ORIGIN_TEE);
		return;
	}
	if (m->func != TC_ROLE_CLIENT) {
		tc_err("pid %d: HELLO: unknown role %u", (int)c->pid, m->func);
		goto bad;
	}
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		tc_err("pid %d: HELLO: no non-secure RAM descriptor",
		       (int)c->pid);
		goto bad;
	}
	if (!m->arg || m->arg % TC_PAGE_SIZE || m->arg > CORE_MAX_NSRAM ||
	    (uint64_t)st.st_size < m->arg) {
		tc_err("pid %d: HELLO: arg: NS RAM size %llu invalid (file "
		       "has %lld bytes)", (int)c->pid,
		       (unsigned long long)m->arg, (long long)st.st_size);
		goto bad;
	}
	c->role = TC_ROLE_CLIENT;
	login_read_creds(c);
	c->nsram_fd = fd;
	c->nsram_pages = m->arg / TC_PAGE_SIZE;
	pthread_mutex_lock(&core.lock);
	c->guest_id = ++core.next_guest;
	pthread_mutex_unlock(&core.lock);
	m->arg2 = c->guest_id;
	conn_reply(c, m, TEE_SUCCESS, TEE_ORIGIN_TEE);
	return;
bad:
	if (fd >= 0)
		close(fd);
	conn_reply(c, m, TEE_ERROR_BAD_PARAMETERS, TEE_ORIGIN_TEE);
}

static void handle_message(struct conn *c, void *buf, ssize_t n, int fd)
{
	struct tc_msg *m = buf, *copy;
	struct tc_why why;

	if (tc_msg_check(buf, (size_t)n, &why)) {
		tc_err("pid %d: malformed message: %s", (int)c->pid, why.text);
		if (fd >= 0)
			close(fd);
		if ((size_t)n < sizeof(*m)) {
			/* Too short to echo: answer with id 0. */
			struct tc_msg r;

			tc_msg_init(&r, TC_CMD_HELLO, 0);
			conn_reply(c, &r, TEE_ERROR_BAD_FORMAT,
				   TEE_ORIGIN_TEE);
			return;
		}
		memset(m->params, 0, sizeof(m->params));
		m->num_params = 0;
		m->magic = TC_MSG_MAGIC;
		m->version = TC_MSG_VERSION;
		conn_reply(c, m, TEE_ERROR_BAD_FORMAT, TEE_ORIGIN_TEE);
		return;
	}
	if (m->cmd == TC_CMD_HELLO) {
		handle_hello(c, m, fd);
		return;
	}
	if (c->role == TC_ROLE_SUPPLICANT && m->cmd == (TC_CMD_RPC | TC_REPLY)) {
		rpc_deliver_reply(m, fd);
		return;
	}
	if (fd >= 0)
		close(fd);
	if (c->role != TC_ROLE_CLIENT || (m->cmd & TC_REPLY) ||
	    m->cmd >= TC_CMD_RPC) {
		tc_err("pid %d: command 0x%x not allowed here (role %d)",
		       (int)c->pid, m->cmd, c->role);
		conn_reply(c, m, TEE_ERROR_BAD_STATE, TEE_ORIGIN_TEE);
		return;
	}
	if (m->cmd == TC_CMD_CANCEL) {
		/* Here, not queued: every secure thread may be busy. */
		call_cancel(c, m->func);
		return;
	}
	if (tc_msg_check_pages(m, c->nsram_pages, &why)) {
		tc_err("pid %d: %s", (int)c->pid, why.text);
		conn_reply(c, m, TEE_ERROR_BAD_PARAMETERS, TEE_ORIGIN_TEE);
		return;
	}
	copy = malloc((size_t)n);
	if (!copy) {
		conn_reply(c, m, TEE_ERROR_OUT_OF_MEMORY, TEE_ORIGIN_TEE);
		return;
	}
	memcpy(copy, m, (size_t)n);
	if (m->cmd == TC_CMD_UNREGISTER_SHM)
		shm_unregister_early(c, m);
	workq_push(c, copy);
}

static void conn_lost(int ep, struct conn *c)
{
	epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
	pthread_mutex_lock(&core.lock);
	c->dead = true;
	pthread_mutex_unlock(&core.lock);
	if (c->role == TC_ROLE_SUPPLICANT) {
		rpc_supplicant_detach(c);
		conn_put(c);
		return;
	}
	if (c->role == TC_ROLE_CLIENT) {
		/* Its sessions are closed on a secure thread. */
		workq_push(c, NULL);
		return;
	}
	conn_put(c);
}

int event_loop_run(int lfd, volatile sig_atomic_t *stop)
{
	struct epoll_event ev = { .events = EPOLLIN }, evs[32];
	void *buf = malloc(TC_MSG_MAX_SIZE);
	int ep = epoll_create1(EPOLL_CLOEXEC);
	int i, n, fd, cfd;
	struct conn *c;
	ssize_t len;

	if (ep < 0 || !buf) {
		free(buf);
		if (ep >= 0)
			close(ep);
		return -ENOMEM;
	}
	ev.data.ptr = NULL;
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	while (!*stop) {
		n = epoll_wait(ep, evs, 32, 500);
		for (i = 0; i < n; i++) {
			c = evs[i].data.ptr;
			if (!c) {
				cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
				if (cfd < 0)
					continue;
				c = conn_new(cfd);
				if (!c) {
					close(cfd);
					continue;
				}
				ev.events = EPOLLIN;
				ev.data.ptr = c;
				epoll_ctl(ep, EPOLL_CTL_ADD, cfd, &ev);
				continue;
			}
			len = tc_recv(c->fd, buf, TC_MSG_MAX_SIZE, &fd);
			if (len == -EMSGSIZE) {
				tc_err("pid %d: message longer than %zu bytes",
				       (int)c->pid, (size_t)TC_MSG_MAX_SIZE);
				continue;
			}
			if (len <= 0) {
				conn_lost(ep, c);
				continue;
			}
			handle_message(c, buf, len, fd);
		}
	}
	free(buf);
	close(ep);
	return 0;
}
