/*
 * tc-netfuzz: a fuzzer that talks to a running core over its socket, as any
 * local process could. It starts a private core (and its supplicant), then
 * for a while sends random and mutated messages over many connections, with
 * descriptors of every kind attached, opens and drops connections, keeps
 * some that never read, and says HELLO as the supplicant. Afterwards the
 * core must answer a real client, and its descriptors, threads and
 * statistics must be back at their starting values.
 *
 *   tc-netfuzz [--seconds N] [--seed S] [--conns N]
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <os_test_ta.h>
#include <tee_client_api.h>
#include <teecheck/msg_abi.h>

#include "../common/tc_msg.h"
#include "../xtest/private_core.h"
#include "../xtest/proc.h"
#include "../xtest/settings.h"

#define NF_MAX_CONNS	64

struct nf_conn {
	int sock;
	bool silent;		/* never reads what the core sends */
};

struct nf_usage {
	unsigned int fds, threads;
	unsigned long rss_kib;
	uint32_t sessions, instances, guests, supplicant;
	uint32_t shm_objects, shm_pages;
};

static struct {
	uint64_t messages, with_fds, connects, hung_up, replies;
} nf;

static uint64_t nf_rng;

static uint32_t nf_rand(void)
{
	/* xorshift64*: reproducible from --seed. */
	nf_rng ^= nf_rng >> 12;
	nf_rng ^= nf_rng << 25;
	nf_rng ^= nf_rng >> 27;
	return (uint32_t)((nf_rng * 2685821657736338717ull) >> 32);
}

static int nf_connect(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int s = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (s >= 0 && connect(s, (struct sockaddr *)&sa, sizeof(sa))) {
		close(s);
		return -1;
	}
	return s;
}

static int nf_send(int s, const void *buf, size_t len, const int *fds,
		   int nfds)
{
	union {
		char buf[CMSG_SPACE(8 * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;

	if (nfds > 0) {
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
		memcpy(CMSG_DATA(c), fds, (size_t)nfds * sizeof(int));
	}
	return sendmsg(s, &mh, MSG_DONTWAIT | MSG_NOSIGNAL) < 0 ? -errno : 0;
}

/* Reads whatever is waiting; false when the core has hung up. */
static bool nf_drain(int s)
{
	uint8_t buf[TC_MSG_SIZE(16)];
	ssize_t n;

	for (;;) {
		n = recv(s, buf, sizeof(buf), MSG_DONTWAIT);
		if (n > 0) {
			nf.replies++;
			continue;
		}
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			return false;
		return true;
	}
}

static int nf_memfd(bool sealed)
{
	int fd = memfd_create("netfuzz", MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0)
		return -1;
	if (ftruncate(fd, (off_t)(16 + nf_rand() % 64) * TC_PAGE_SIZE) ||
	    (sealed && fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* A descriptor of some kind: RAM sealed or not, a pipe, a socket, a file. */
static int nf_some_fd(void)
{
	int p[2], fd;

	switch (nf_rand() % 5) {
	case 0:
		return nf_memfd(true);
	case 1:
		return nf_memfd(false);
	case 2:
		if (pipe2(p, O_CLOEXEC))
			return -1;
		close(p[1]);
		return p[0];
	case 3:
		if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, p))
			return -1;
		close(p[1]);
		return p[0];
	default:
		fd = open("/dev/null", O_RDWR | O_CLOEXEC);
		return fd;
	}
}

/* A well-formed message of a random command, then mutated or not. */
static size_t nf_message(uint8_t *buf, size_t cap)
{
	static const uint16_t cmds[] = {
		TC_CMD_HELLO, TC_CMD_OPEN_SESSION, TC_CMD_INVOKE,
		TC_CMD_CLOSE_SESSION, TC_CMD_CANCEL, TC_CMD_REGISTER_SHM,
		TC_CMD_UNREGISTER_SHM, TC_CMD_STATS, TC_CMD_GUEST_DESTROY,
		TC_CMD_SHM_PROBE, TC_CMD_RPC | TC_REPLY, TC_CMD_HOST_REQ,
	};
	struct tc_msg *m = (struct tc_msg *)buf;
	uint32_t npages = nf_rand() % 5, i, k, flips;
	size_t len;

	if (nf_rand() % 4 == 0) {
		/* Bytes with no structure at all. */
		len = nf_rand() % (cap < 600 ? cap : 600);
		for (i = 0; i < len; i++)
			buf[i] = (uint8_t)nf_rand();
		return len;
	}
	memset(buf, 0, TC_MSG_SIZE(npages));
	tc_msg_init(m, cmds[nf_rand() % (sizeof(cmds) / sizeof(cmds[0]))],
		    nf_rand());
	m->func = nf_rand() % 4;
	m->session = nf_rand() % 4;
	m->arg = (uint64_t)(nf_rand() % 64) * TC_PAGE_SIZE;
	m->npages = npages;
	m->length = (uint32_t)TC_MSG_SIZE(npages);
	for (i = 0; i < npages; i++)
		m->pages[i] = nf_rand() % 80;
	m->num_params = nf_rand() % 5;
	for (i = 0; i < m->num_params && i < TC_MAX_PARAMS; i++) {
		struct tc_param *p = m->params + i;

		p->type = nf_rand() % 8;
		if (tc_param_is_mem(p->type) && npages) {
			p->offs = nf_rand() % TC_PAGE_SIZE;
			p->first = nf_rand() % npages;
			p->npages = 1 + nf_rand() % (npages - p->first);
			p->size = (uint64_t)p->npages * TC_PAGE_SIZE - p->offs;
		} else if (tc_param_is_value(p->type)) {
			p->a = nf_rand();
			p->b = nf_rand();
		} else {
			p->type = TC_PARAM_NONE;
		}
	}
	len = m->length;
	/* Mutations: a few bytes anywhere, or a length that lies. */
	flips = nf_rand() % 4;
	for (k = 0; k < flips; k++)
		buf[nf_rand() % len] ^= (uint8_t)(1u << (nf_rand() % 8));
	if (nf_rand() % 16 == 0)
		len = nf_rand() % len;
	return len;
}

static void nf_hello(int s)
{
	struct tc_msg m;
	int fd = nf_memfd(true);

	tc_msg_init(&m, TC_CMD_HELLO, 1);
	m.func = nf_rand() % 8 ? TC_ROLE_CLIENT : TC_ROLE_SUPPLICANT;
	m.arg = 16 * TC_PAGE_SIZE;
	if (nf_send(s, &m, sizeof(m), &fd, m.func == TC_ROLE_CLIENT) == 0)
		nf.messages++;
	if (fd >= 0)
		close(fd);
}

static int nf_count_fds(pid_t pid)
{
	char path[64];
	struct dirent *e;
	int n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* What the core holds, for a report that says which descriptors stayed. */
static void nf_show_fds(pid_t pid)
{
	char path[64], link[PATH_MAX], target[PATH_MAX];
	struct dirent *e;
	ssize_t n;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), "%s/%s", path, e->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n > 0) {
			target[n] = '\0';
			fprintf(stderr, "netfuzz:   fd %s -> %s\n", e->d_name,
				target);
		}
	}
	closedir(d);
}

/* One request and its reply on a fresh client connection. */
static int nf_stats(const char *sock, uint32_t func, struct tc_msg *r)
{
	struct tc_msg m;
	int s = nf_connect(sock), fd = nf_memfd(true), rc = -1;

	tc_msg_init(&m, TC_CMD_HELLO, 1);
	m.func = TC_ROLE_CLIENT;
	m.arg = 16 * TC_PAGE_SIZE;
	if (s < 0 || fd < 0 || tc_send(s, &m, fd) ||
	    tc_recv(s, r, sizeof(*r), NULL) != sizeof(*r) || r->ret)
		goto out;
	tc_msg_init(&m, TC_CMD_STATS, 2);
	m.func = func;
	m.arg = TC_SHM_STATS_TOTAL;
	if (!tc_send(s, &m, -1) &&
	    tc_recv(s, r, sizeof(*r), NULL) == sizeof(*r) && !r->ret)
		rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (s >= 0)
		close(s);
	return rc;
}

static int nf_usage(const struct private_core *pc, struct nf_usage *u)
{
	char path[64], line[256];
	struct tc_msg r;
	FILE *f;

	memset(u, 0, sizeof(*u));
	if (nf_stats(pc->socket, 0, &r))
		return -1;
	u->sessions = r.params[0].a;
	u->instances = r.params[0].b;
	u->guests = r.params[1].a;
	u->supplicant = r.params[1].b;
	if (nf_stats(pc->socket, TC_STATS_SHM, &r))
		return -1;
	u->shm_objects = r.params[0].a;
	u->shm_pages = r.params[0].b;
	/* Counted once the stats connections are gone. */
	usleep(100 * 1000);
	u->fds = (unsigned int)nf_count_fds(pc->core);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pc->core);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "Threads: %u", &u->threads);
		sscanf(line, "VmRSS: %lu", &u->rss_kib);
	}
	fclose(f);
	return 0;
}

static void nf_print(const char *when, const struct nf_usage *u)
{
	fflush(stderr);
	printf("netfuzz: %-6s fds %u, threads %u, rss %lu KiB; sessions %u, "
	       "instances %u, guests %u, supplicant %u; shm objects %u, "
	       "pages %u\n", when, u->fds, u->threads, u->rss_kib,
	       u->sessions, u->instances, u->guests, u->supplicant,
	       u->shm_objects, u->shm_pages);
	fflush(stdout);
}

static bool nf_same(const struct nf_usage *a, const struct nf_usage *b)
{
	return a->fds == b->fds && a->threads == b->threads &&
	       a->sessions == b->sessions && a->instances == b->instances &&
	       a->guests == b->guests && a->supplicant == b->supplicant &&
	       a->shm_objects == b->shm_objects && a->shm_pages == b->shm_pages;
}

/* A real client: a session on os_test and one invoke. */
static int nf_client(void)
{
	TEEC_UUID uuid = TA_OS_TEST_UUID;
	TEEC_Operation op = { 0 };
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t origin;
	TEEC_Result res;

	if (TEEC_InitializeContext(NULL, &ctx))
		return -1;
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (!res) {
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
						 TEEC_VALUE_OUTPUT,
						 TEEC_VALUE_INOUT, TEEC_NONE);
		res = TEEC_InvokeCommand(&sess, OS_TEST_CMD_VALUES, &op,
					 &origin);
		TEEC_CloseSession(&sess);
	}
	TEEC_FinalizeContext(&ctx);
	return res ? -1 : 0;
}

static void nf_round(const char *sock, struct nf_conn *c, unsigned int n)
{
	uint8_t buf[TC_MSG_SIZE(8)];
	struct nf_conn *k = c + nf_rand() % n;
	int fds[4], nfds = 0, i;
	size_t len;

	if (k->sock < 0 || nf_rand() % 64 == 0) {
		/* A new connection in its place; a few never read. */
		if (k->sock >= 0)
			close(k->sock);
		k->sock = nf_connect(sock);
		k->silent = nf_rand() % 8 == 0;
		nf.connects++;
		if (k->sock >= 0 && nf_rand() % 4)
			nf_hello(k->sock);
		return;
	}
	len = nf_message(buf, sizeof(buf));
	if (nf_rand() % 8 == 0) {
		nfds = 1 + (int)(nf_rand() % 4);
		for (i = 0; i < nfds; i++)
			fds[i] = nf_some_fd();
		for (i = 0; i < nfds; i++)
			if (fds[i] < 0)
				nfds = i;
		nf.with_fds += nfds > 0;
	}
	if (nf_send(k->sock, buf, len, fds, nfds) == 0)
		nf.messages++;
	for (i = 0; i < nfds; i++)
		close(fds[i]);
	if (!k->silent && !nf_drain(k->sock)) {
		nf.hung_up++;
		close(k->sock);
		k->sock = -1;
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seconds", required_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 's' },
		{ "conns", required_argument, NULL, 'c' },
		{ 0 }
	};
	struct nf_conn conns[NF_MAX_CONNS];
	unsigned int seconds = 30, nconns = 16, i;
	struct private_core pc;
	struct nf_usage before, after;
	char ta_dir[PATH_MAX];
	long long end, wait_end;
	int o, status = 1;

	nf_rng = (uint64_t)time(NULL);
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 't':
			seconds = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 's':
			nf_rng = strtoull(optarg, NULL, 0);
			break;
		case 'c':
			nconns = (unsigned int)strtoul(optarg, NULL, 0);
			if (nconns < 1 || nconns > NF_MAX_CONNS)
				nconns = 16;
			break;
		default:
			fprintf(stderr, "usage: tc-netfuzz [--seconds N] "
				"[--seed S] [--conns N]\n");
			return 2;
		}
	}
	if (!nf_rng)
		nf_rng = 1;
	printf("netfuzz: seed %llu, %u connections, %u s\n",
	       (unsigned long long)nf_rng, nconns, seconds);
	signal(SIGPIPE, SIG_IGN);
	proc_signals_init();
	snprintf(ta_dir, sizeof(ta_dir), "%s/../ta", settings_bin_dir());
	if (private_core_start(&pc, settings_bin_dir(), ta_dir, false))
		return 1;
	setenv("TEECHECK_CORE", pc.socket, 1);
	if (nf_client()) {
		fprintf(stderr, "netfuzz: the core does not serve at start\n");
		goto out;
	}
	/* The starting point: the client gone, only the stats guest. */
	wait_end = proc_now_ms() + 10000;
	while (!nf_usage(&pc, &before) &&
	       (before.guests != 1 || before.instances) &&
	       proc_now_ms() < wait_end)
		usleep(100 * 1000);
	nf_print("before", &before);
	for (i = 0; i < nconns; i++)
		conns[i].sock = -1;
	end = proc_now_ms() + (long long)seconds * 1000;
	while (proc_now_ms() < end && !proc_stop_requested()) {
		for (i = 0; i < 256; i++)
			nf_round(pc.socket, conns, nconns);
	}
	for (i = 0; i < nconns; i++)
		if (conns[i].sock >= 0)
			close(conns[i].sock);
	printf("netfuzz: %llu messages (%llu with descriptors), %llu "
	       "connections, %llu ended by the core, %llu replies read\n",
	       (unsigned long long)nf.messages,
	       (unsigned long long)nf.with_fds,
	       (unsigned long long)nf.connects,
	       (unsigned long long)nf.hung_up,
	       (unsigned long long)nf.replies);
	if (nf_client()) {
		fprintf(stderr, "netfuzz: the core no longer serves a client\n");
		goto out;
	}
	/* Cleanup runs on secure threads: give it a moment. */
	wait_end = proc_now_ms() + 20000;
	do {
		if (nf_usage(&pc, &after))
			break;
		if (nf_same(&before, &after))
			break;
		usleep(200 * 1000);
	} while (proc_now_ms() < wait_end);
	nf_print("after", &after);
	if (!nf_same(&before, &after)) {
		fprintf(stderr, "netfuzz: the core did not come back to where "
			"it started\n");
		nf_show_fds(pc.core);
		goto out;
	}
	status = 0;
	printf("netfuzz: the core serves and holds what it held at start\n");
out:
	{
		char why[160];

		if (private_core_check(&pc, why, sizeof(why)))
			status = 1;
	}
	private_core_stop(&pc);
	return status;
}
