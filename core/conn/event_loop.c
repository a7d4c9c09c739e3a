/*
 * The event loop: the listening socket and every normal-world connection,
 * read by one thread at a time (workq.c says which), which answers HELLO
 * and CANCEL, delivers the supplicant's replies and records each request
 * before it watches the connection again.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
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

static int loop_listen_socket(const char *path)
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
	/* Checked and attached at once: two may say HELLO together. */
	if (!rpc_supplicant_attach(c)) {
		tc_err("pid %d: a supplicant is already attached",
		       (int)c->pid);
		conn_reply(c, m, TEE_ERROR_BUSY, TEE_ORIGIN_TEE);
		return;
	}
	c->role = TC_ROLE_SUPPLICANT;
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
 * A request, before its connection is read again: what a CANCEL or a later
 * request must find is recorded here.
 */
static enum loop_result request_begin(struct conn *c, struct tc_msg *m,
				      size_t n, struct request *r)
{
	if (m->cmd == TC_CMD_UNREGISTER_SHM)
		shm_unregister_early(c, m);
	conn_get(c);
	__atomic_add_fetch(&c->requests, 1, __ATOMIC_ACQ_REL);
	r->conn = c;
	r->msg = m;
	r->len = n;
	r->call = NULL;
	if (m->cmd == TC_CMD_OPEN_SESSION || m->cmd == TC_CMD_INVOKE)
		r->call = call_begin(c, m->id);
	return LOOP_REQUEST;
}

void request_abandon(const struct request *r)
{
	if (!r->msg) {
		tc_err("pid %d: its sessions cannot be closed now",
		       (int)r->conn->pid);
		conn_put(r->conn);
		return;
	}
	call_end(r->call);
	__atomic_sub_fetch(&r->conn->requests, 1, __ATOMIC_ACQ_REL);
	conn_put(r->conn);
}

void request_run(struct request *r)
{
	if (!r->msg) {
		dispatch_guest_gone(r->conn);
		conn_put(r->conn);
		return;
	}
	/* Cancelled before it started: it never reaches a TA. */
	if (call_start(r->call, exec_current()))
		dispatch_request(r->conn, r->msg);
	else
		conn_reply(r->conn, r->msg, TEE_ERROR_CANCEL, TEE_ORIGIN_TEE);
	request_abandon(r);
}

/*
 * One message from a peer. Every descriptor that came with it has one
 * owner from here on: the HELLO that keeps it, the RPC call it answers, or
 * this function, which closes it.
 */
static enum loop_result handle_message(struct conn *c, void *buf, ssize_t n,
				       int fd, unsigned int nfds,
				       struct request *r)
{
	struct tc_msg *m = buf;
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
			return LOOP_NONE;
		}
		memset(m->params, 0, sizeof(m->params));
		m->num_params = 0;
		m->magic = TC_MSG_MAGIC;
		m->version = TC_MSG_VERSION;
		conn_reply(c, m, TEE_ERROR_BAD_FORMAT, TEE_ORIGIN_TEE);
		return LOOP_NONE;
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
		return LOOP_NONE;
	}
	if (m->cmd == TC_CMD_HELLO) {
		handle_hello(c, m, fd);
		return LOOP_NONE;
	}
	if (c->role == TC_ROLE_SUPPLICANT && m->cmd == (TC_CMD_RPC | TC_REPLY)) {
		rpc_deliver_reply(m, fd);
		return LOOP_NONE;
	}
	if (c->role != TC_ROLE_CLIENT || (m->cmd & TC_REPLY) ||
	    m->cmd >= TC_CMD_RPC) {
		tc_err("pid %d: command 0x%x not allowed here (role %d)",
		       (int)c->pid, m->cmd, c->role);
		conn_reply(c, m, TEE_ERROR_BAD_STATE, TEE_ORIGIN_TEE);
		return LOOP_NONE;
	}
	if (m->cmd == TC_CMD_CANCEL) {
		/* Here, by whichever thread reads: never behind a busy
		 * secure thread. */
		call_cancel(c, m->func);
		return LOOP_NONE;
	}
	if (tc_msg_check_pages(m, c->nsram_pages, &why)) {
		tc_err("pid %d: %s", (int)c->pid, why.text);
		conn_reply(c, m, TEE_ERROR_BAD_PARAMETERS, TEE_ORIGIN_TEE);
		return LOOP_NONE;
	}
	if (__atomic_load_n(&c->requests, __ATOMIC_ACQUIRE) >=
	    CONN_MAX_REQUESTS) {
		conn_drop(c, "sends faster than it reads: too many requests "
			  "waiting");
		return LOOP_NONE;
	}
	return request_begin(c, m, (size_t)n, r);
}

/*
 * The set of connections, the listening socket and the wake-up descriptor
 * (an eventfd) that the reading threads wait on.
 */
static int loop_ep = -1;
static int loop_lfd = -1;
static int loop_wake_fd = -1;
static char loop_wake_mark;
/* Each reading thread's receive buffer. */
static __thread void *loop_buf;

static enum loop_result conn_lost(struct conn *c, struct request *r)
{
	epoll_ctl(loop_ep, EPOLL_CTL_DEL, c->fd, NULL);
	pthread_mutex_lock(&core.lock);
	c->dead = true;
	pthread_mutex_unlock(&core.lock);
	/* The supplicant handed at start goes, maybe before its HELLO. */
	if (c->role == TC_ROLE_SUPPLICANT || c->trusted_supplicant) {
		rpc_supplicant_detach(c);
		conn_put(c);
		return LOOP_NONE;
	}
	if (c->role == TC_ROLE_CLIENT) {
		/* Its sessions are closed on a secure thread. */
		memset(r, 0, sizeof(*r));
		r->conn = c;
		return LOOP_REQUEST;
	}
	conn_put(c);
	return LOOP_NONE;
}

/*
 * Watches fd for one event: whoever reads it re-arms it when what must
 * happen before the next message (a request recorded) has happened.
 */
static void loop_arm(int fd, void *ptr, int op)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT,
				  .data.ptr = ptr };

	if (epoll_ctl(loop_ep, op, fd, &ev))
		tc_err("epoll: watching descriptor %d: %s", fd,
		       strerror(errno));
}

/*
 * A new connection, unless the core serves as many as it may already: then
 * it is closed at once, so that no flood of connections can take the
 * descriptors the core needs for its own work.
 */
static void conn_accept(void)
{
	static unsigned long refused;
	int cfd = accept4(loop_lfd, NULL, NULL, SOCK_CLOEXEC);
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
	loop_arm(c->fd, c, EPOLL_CTL_ADD);
}

/* The supplicant connection the core was handed: trusted, before HELLO. */
static int conn_handed_supplicant(void)
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
	loop_arm(c->fd, c, EPOLL_CTL_ADD);
	return 0;
}

int event_loop_listen(const char *path)
{
	int fd = loop_listen_socket(path);

	if (fd < 0)
		return fd;
	loop_ep = epoll_create1(EPOLL_CLOEXEC);
	if (loop_ep < 0 || conn_handed_supplicant()) {
		tc_err("cannot watch connections: %s", strerror(errno));
		close(fd);
		return -ENOMEM;
	}
	loop_wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (loop_wake_fd < 0) {
		tc_err("eventfd: %s", strerror(errno));
		close(fd);
		return -ENOMEM;
	}
	loop_arm(loop_wake_fd, &loop_wake_mark, EPOLL_CTL_ADD);
	loop_lfd = fd;
	loop_arm(fd, NULL, EPOLL_CTL_ADD);
	return fd;
}

void event_loop_close(void)
{
	epoll_ctl(loop_ep, EPOLL_CTL_DEL, loop_lfd, NULL);
	close(loop_lfd);
}

void event_loop_wake(void)
{
	uint64_t one = 1;

	if (write(loop_wake_fd, &one, sizeof(one)) != sizeof(one))
		tc_err("waking a secure thread: %s", strerror(errno));
	loop_arm(loop_wake_fd, &loop_wake_mark, EPOLL_CTL_MOD);
}

/* One message from c, or its end. */
static enum loop_result loop_read(struct conn *c, struct request *r)
{
	enum loop_result res;
	unsigned int nfds;
	ssize_t len;
	int fd;

	if (conn_dropped(c))
		return conn_lost(c, r);
	len = tc_recv_count(c->fd, loop_buf, TC_MSG_MAX_SIZE, &fd, &nfds);
	if (len == -EMSGSIZE) {
		tc_err("pid %d: message longer than %zu bytes, or with more "
		       "than 4 descriptors", (int)c->pid,
		       (size_t)TC_MSG_MAX_SIZE);
		loop_arm(c->fd, c, EPOLL_CTL_MOD);
		return LOOP_NONE;
	}
	if (len <= 0) {
		/* An empty packet reads as the end, but may carry
		 * descriptors: they are ours to close. */
		if (fd >= 0)
			close(fd);
		return conn_lost(c, r);
	}
	res = handle_message(c, loop_buf, len, fd, nfds, r);
	/* From here another thread may read c: a request holds c. */
	loop_arm(c->fd, c, EPOLL_CTL_MOD);
	return res;
}

enum loop_result event_loop_one(int timeout_ms, struct request *r)
{
	struct epoll_event ev;
	int n;

	if (!loop_buf) {
		loop_buf = malloc(TC_MSG_MAX_SIZE);
		if (!loop_buf) {
			tc_err("out of memory for a receive buffer");
			return LOOP_NONE;
		}
	}
	n = epoll_wait(loop_ep, &ev, 1, timeout_ms);
	if (n <= 0)
		return LOOP_NONE;
	if (ev.data.ptr == &loop_wake_mark) {
		uint64_t count;

		/* Whoever it was for looks at the queue next. */
		if (read(loop_wake_fd, &count, sizeof(count)) < 0)
			count = 0;
		return LOOP_NONE;
	}
	if (!ev.data.ptr) {
		conn_accept();
		loop_arm(loop_lfd, NULL, EPOLL_CTL_MOD);
		return LOOP_NONE;
	}
	return loop_read(ev.data.ptr, r);
}
