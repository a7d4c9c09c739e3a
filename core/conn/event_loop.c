/*
 * The event loop: the listening socket, and one thread that reads every
 * normal-world message, answers HELLO and CANCEL itself and hands requests
 * to the secure threads.
 */
#include <errno.h>
#include <fcntl.h>
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

/*
 * The supplicant the core trusts: the connection it was handed at start, or
 * one whose peer credentials are the configured user's. Any other process
 * that says it is the supplicant is refused: it would serve TA images.
 */
static bool hello_trusted_supplicant(const struct conn *c)
{
	return c->trusted_supplicant ||
	       (core.cfg.supplicant_uid_set && c->uid == core.cfg.supplicant_uid);
}

static void hello_supplicant(struct conn *c, struct tc_msg *m)
{
	if (!hello_trusted_supplicant(c)) {
		tc_err("pid %d (uid %u): not trusted as the supplicant: "
		       "refused", (int)c->pid, (unsigned int)c->uid);
		conn_reply(c, m, TEE_ERROR_ACCESS_DENIED, TEE_ORIGIN_TEE);
		return;
	}
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
	m->arg = (uint64_t)getpid();	/* who the supplicant serves */
	conn_reply(c, m, TEE_SUCCESS, TEE_ORIGIN_TEE);
}

/*
 * A client's non-secure RAM: a regular file that cannot shrink (sealed), at
 * least as large as it says, so that no page the core or a TA host maps
 * from it can vanish under them.
 */
static bool hello_ram_ok(struct conn *c, const struct tc_msg *m, int fd)
{
	struct stat st;
	int seals;

	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		tc_err("pid %d: HELLO: no non-secure RAM descriptor",
		       (int)c->pid);
		return false;
	}
	seals = fcntl(fd, F_GET_SEALS);
	if (seals < 0 || !(seals & F_SEAL_SHRINK)) {
		tc_err("pid %d: HELLO: the non-secure RAM can shrink: it must "
		       "be a memfd sealed with F_SEAL_SHRINK", (int)c->pid);
		return false;
	}
	if (!m->arg || m->arg % TC_PAGE_SIZE || m->arg > CORE_MAX_NSRAM ||
	    (uint64_t)st.st_size < m->arg) {
		tc_err("pid %d: HELLO: arg: NS RAM size %llu invalid (file "
		       "has %lld bytes)", (int)c->pid,
		       (unsigned long long)m->arg, (long long)st.st_size);
		return false;
	}
	return true;
}

/*
 * HELLO is handled on the event loop: it only records who is talking. It
 * owns fd: kept as the client's RAM, or closed.
 */
static void handle_hello(struct conn *c, struct tc_msg *m, int fd)
{
	if (c->role) {
		tc_err("conn pid %d: HELLO repeated", (int)c->pid);
		goto bad;
	}
	if (m->func == TC_ROLE_SUPPLICANT) {
		if (fd >= 0) {
			tc_err("pid %d: supplicant HELLO with a descriptor: "
			       "refused", (int)c->pid);
			goto bad;
		}
		hello_supplicant(c, m);
		return;
	}
	if (m->func != TC_ROLE_CLIENT) {
		tc_err("pid %d: HELLO: unknown role %u", (int)c->pid, m->func);
		goto bad;
	}
	if (!hello_ram_ok(c, m, fd))
		goto bad;
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

/* Whether a message of this kind may carry a descriptor. */
static bool fd_belongs(const struct conn *c, const struct tc_msg *m)
{
	return m->cmd == TC_CMD_HELLO ||
	       (c->role == TC_ROLE_SUPPLICANT &&
		m->cmd == (TC_CMD_RPC | TC_REPLY));
}

/*
 * One message from a peer. Every descriptor that came with it has one
 * owner from here on: the HELLO that keeps it, the RPC call it answers, or
 * this function, which closes it.
 */
static void handle_message(struct conn *c, void *buf, ssize_t n, int fd,
			   unsigned int nfds)
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
	if (nfds > 1 || (fd >= 0 && !fd_belongs(c, m))) {
		tc_err("pid %d: command 0x%x with %u descriptor(s) where %s: "
		       "refused", (int)c->pid, m->cmd, nfds,
		       fd_belongs(c, m) ? "one at most belongs" :
		       "none belongs");
		if (fd >= 0)
			close(fd);
		/* A CANCEL has no reply: refusing it is not doing it. */
		if (m->cmd != TC_CMD_CANCEL)
			conn_reply(c, m, TEE_ERROR_BAD_PARAMETERS,
				   TEE_ORIGIN_TEE);
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
	if (__atomic_load_n(&c->requests, __ATOMIC_ACQUIRE) >=
	    CONN_MAX_REQUESTS) {
		conn_drop(c, "sends faster than it reads: too many requests "
			  "waiting");
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
	/* The supplicant handed at start goes, maybe before its HELLO. */
	if (c->role == TC_ROLE_SUPPLICANT || c->trusted_supplicant) {
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

static void conn_watch(int ep, struct conn *c)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };

	epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
}

/*
 * A new connection, unless the core serves as many as it may already: then
 * it is closed at once, so that no flood of connections can take the
 * descriptors the core needs for its own work.
 */
static void conn_accept(int ep, int lfd)
{
	static unsigned long refused;
	int cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	struct conn *c;
	bool full;

	if (cfd < 0) {
		if (errno == EMFILE || errno == ENFILE)
			tc_err("accept: %s", strerror(errno));
		return;
	}
	pthread_mutex_lock(&core.lock);
	full = core.nconns >= core.cfg.max_conns;
	pthread_mutex_unlock(&core.lock);
	if (full) {
		if (refused++ % 1000 == 0)
			tc_err("%u connections already: a new one refused "
			       "(%lu so far)", core.cfg.max_conns, refused);
		close(cfd);
		return;
	}
	c = conn_new(cfd);
	if (!c) {
		close(cfd);
		return;
	}
	conn_watch(ep, c);
}

/* The supplicant connection the core was handed: trusted, before HELLO. */
static int conn_handed_supplicant(int ep)
{
	struct conn *c;

	if (core.cfg.supplicant_fd < 0)
		return 0;
	/* No TA host inherits it. */
	fcntl(core.cfg.supplicant_fd, F_SETFD, FD_CLOEXEC);
	c = conn_new(core.cfg.supplicant_fd);
	if (!c)
		return -ENOMEM;
	c->trusted_supplicant = true;
	pthread_mutex_lock(&core.lock);
	core.supplicant_expected = true;
	pthread_mutex_unlock(&core.lock);
	conn_watch(ep, c);
	return 0;
}

int event_loop_run(int lfd, volatile sig_atomic_t *stop)
{
	struct epoll_event ev = { .events = EPOLLIN }, evs[32];
	void *buf = malloc(TC_MSG_MAX_SIZE);
	int ep = epoll_create1(EPOLL_CLOEXEC);
	unsigned int nfds;
	int i, n, fd;
	struct conn *c;
	ssize_t len;

	if (ep < 0 || !buf || conn_handed_supplicant(ep)) {
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
				conn_accept(ep, lfd);
				continue;
			}
			if (conn_dropped(c)) {
				conn_lost(ep, c);
				continue;
			}
			len = tc_recv_count(c->fd, buf, TC_MSG_MAX_SIZE, &fd,
					    &nfds);
			if (len == -EMSGSIZE) {
				tc_err("pid %d: message longer than %zu bytes, "
				       "or with more than 4 descriptors",
				       (int)c->pid, (size_t)TC_MSG_MAX_SIZE);
				continue;
			}
			if (len <= 0) {
				/* An empty packet reads as the end, but may
				 * carry descriptors: they are ours to close. */
				if (fd >= 0)
					close(fd);
				conn_lost(ep, c);
				continue;
			}
			handle_message(c, buf, len, fd, nfds);
		}
	}
	free(buf);
	close(ep);
	return 0;
}
