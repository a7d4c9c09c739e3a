/* tee-core: options, the listening socket and the event loop that reads every
 * normal-world message and hands requests to the secure threads. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "../common/tc_log.h"
#include "../common/tc_msg.h"
#include "core.h"
#include "core_pager.h"
#include "ta_key.h"

/* Non-secure RAM a guest may hand us, at most. */
#define CORE_MAX_NSRAM		(4ull << 30)

struct core core = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
	.conns = LIST_HEAD_INIT(core.conns),
	.instances = LIST_HEAD_INIT(core.instances),
	.sessions = LIST_HEAD_INIT(core.sessions),
};

static volatile sig_atomic_t core_stop;

static void on_signal(int sig)
{
	(void)sig;
	core_stop = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: tee-core --socket PATH [options]\n"
		"  --socket PATH      Unix socket to listen on\n"
		"  --threads N        secure threads (default 8)\n"
		"  --ta-host PATH     TA host program (default: beside tee-core)\n"
		"  --ta-pubkey FILE   PEM public key TAs are verified with\n"
		"                     (default: the key built in)\n"
		"  --state-dir DIR    persistent state such as TA time\n"
		"                     (default: state/ beside the socket)\n"
		"  --ready-fd FD      write one byte to FD when serving\n"
		"  --log FILE         append the log to FILE\n"
		"  --pool-pages N     physical pool shared by the core and the TA\n"
		"                     instances (default %d pages)\n"
		"  --core-pool-pages N  the core's own share (default: 3/4 of its\n"
		"                     paged image)\n"
		"  --ta-pool-pages N  each TA instance's share, its stack aside\n"
		"                     (default %d)\n", CORE_POOL_PAGES_DEFAULT,
		CORE_TA_POOL_PAGES_DEFAULT);
}

static char *default_ta_host(const char *argv0)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash, *path;

	(void)argv0;
	if (n <= 0)
		return strdup("ta-host");
	self[n] = 0;
	slash = strrchr(self, '/');
	if (slash)
		*slash = 0;
	if (asprintf(&path, "%s/ta-host", self) < 0)
		return NULL;
	return path;
}

/* "state" in the socket's directory. */
static char *default_state_dir(const char *socket_path)
{
	const char *slash = strrchr(socket_path, '/');
	char *dir;

	if (!slash)
		return strdup("state");
	if (asprintf(&dir, "%.*s/state", (int)(slash - socket_path),
		     socket_path) < 0)
		return NULL;
	return dir;
}

static int listen_on(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		tc_err("socket path too long: %s", path);
		return -1;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(fd, 64)) {
		tc_err("cannot listen on %s: %s", path, strerror(errno));
		close(fd);
		return -1;
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
			conn_reply(c, m, TEEC_ERROR_BUSY, TEEC_ORIGIN_TEE);
			return;
		}
		pthread_mutex_unlock(&core.lock);
		c->role = TC_ROLE_SUPPLICANT;
		rpc_supplicant_attach(c);
		conn_reply(c, m, TEEC_SUCCESS, TEEC_ORIGIN_TEE);
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
	conn_reply(c, m, TEEC_SUCCESS, TEEC_ORIGIN_TEE);
	return;
bad:
	if (fd >= 0)
		close(fd);
	conn_reply(c, m, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_TEE);
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
			conn_reply(c, &r, TEEC_ERROR_BAD_FORMAT,
				   TEEC_ORIGIN_TEE);
			return;
		}
		memset(m->params, 0, sizeof(m->params));
		m->num_params = 0;
		m->magic = TC_MSG_MAGIC;
		m->version = TC_MSG_VERSION;
		conn_reply(c, m, TEEC_ERROR_BAD_FORMAT, TEEC_ORIGIN_TEE);
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
		conn_reply(c, m, TEEC_ERROR_BAD_STATE, TEEC_ORIGIN_TEE);
		return;
	}
	if (m->cmd == TC_CMD_CANCEL) {
		/* Here, not queued: every secure thread may be busy. */
		call_cancel(c, m->func);
		return;
	}
	if (tc_msg_check_pages(m, c->nsram_pages, &why)) {
		tc_err("pid %d: %s", (int)c->pid, why.text);
		conn_reply(c, m, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_TEE);
		return;
	}
	copy = malloc((size_t)n);
	if (!copy) {
		conn_reply(c, m, TEEC_ERROR_OUT_OF_MEMORY, TEEC_ORIGIN_TEE);
		return;
	}
	memcpy(copy, m, (size_t)n);
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

static int event_loop(int lfd)
{
	struct epoll_event ev = { .events = EPOLLIN }, evs[32];
	void *buf = malloc(TC_MSG_MAX_SIZE);
	int ep = epoll_create1(EPOLL_CLOEXEC);
	int i, n, fd, cfd;
	struct conn *c;
	ssize_t len;

	if (ep < 0 || !buf)
		return -1;
	ev.data.ptr = NULL;
	epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
	while (!core_stop) {
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

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "threads", required_argument, NULL, 't' },
		{ "ta-host", required_argument, NULL, 'H' },
		{ "ta-pubkey", required_argument, NULL, 'k' },
		{ "state-dir", required_argument, NULL, 'S' },
		{ "ready-fd", required_argument, NULL, 'r' },
		{ "log", required_argument, NULL, 'l' },
		{ "pool-pages", required_argument, NULL, CORE_OPT_POOL_PAGES },
		{ "core-pool-pages", required_argument, NULL, CORE_OPT_CORE_POOL },
		{ "ta-pool-pages", required_argument, NULL, CORE_OPT_TA_POOL },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int ready_fd = -1, lfd, o, lf;
	struct sigaction sa = { .sa_handler = on_signal };
	char *end;
	long v;

	tc_log_init("tee-core");
	core.cfg.threads = 8;
	while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (o) {
		case 's':
			core.cfg.socket_path = optarg;
			break;
		case 't':
			v = strtol(optarg, &end, 0);
			if (*end || v < 1 || v > 256) {
				fprintf(stderr, "tee-core: --threads: %s is "
					"not a number from 1 to 256\n", optarg);
				return 2;
			}
			core.cfg.threads = (unsigned int)v;
			break;
		case 'H':
			core.cfg.ta_host_path = optarg;
			break;
		case 'k':
			core.cfg.pubkey_path = optarg;
			break;
		case 'S':
			core.cfg.state_dir = optarg;
			break;
		case 'r':
			ready_fd = atoi(optarg);
			break;
		case 'l':
			lf = open(optarg, O_WRONLY | O_CREAT | O_APPEND |
				  O_CLOEXEC, 0600);
			if (lf < 0) {
				perror(optarg);
				return 2;
			}
			dup2(lf, STDERR_FILENO);
			close(lf);
			break;
		case CORE_OPT_POOL_PAGES:
		case CORE_OPT_CORE_POOL:
		case CORE_OPT_TA_POOL:
			if (pager_budget_option(o, optarg))
				return 2;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!core.cfg.socket_path) {
		usage(stderr);
		return 2;
	}
	/* From here on the core's own paged code runs through its pager. */
	if (pager_budget_start())
		return 1;
	if (!core.cfg.ta_host_path)
		core.cfg.ta_host_path = default_ta_host(argv[0]);
	core.ta_pubkey = ta_key_load(core.cfg.pubkey_path);
	if (!core.ta_pubkey)
		return 1;
	if (!core.cfg.state_dir)
		core.cfg.state_dir = default_state_dir(core.cfg.socket_path);
	if (!core.cfg.state_dir || ptime_init(core.cfg.state_dir))
		return 1;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	srandom((unsigned int)getpid());
	core.next_session = (uint32_t)random() & 0xffffff;
	lfd = listen_on(core.cfg.socket_path);
	if (lfd < 0)
		return 1;
	if (workq_start(core.cfg.threads))
		return 1;
	tc_info("listening on %s with %u secure threads",
		core.cfg.socket_path, core.cfg.threads);
	if (ready_fd >= 0) {
		if (write(ready_fd, "r", 1) != 1)
			tc_warn("ready-fd %d: %s", ready_fd, strerror(errno));
		close(ready_fd);
	}
	event_loop(lfd);
	tc_info("stopping");
	inst_shutdown_all();
	unlink(core.cfg.socket_path);
	return 0;
}
