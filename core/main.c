/*
 * tee-core: its options, the start of its parts in order, and the event
 * loop (conn/event_loop.c) until SIGTERM or SIGINT.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "../common/tc_log.h"
#include "conn/conn.h"
#include "core.h"
#include "inst/inst.h"
#include "pager/core_pager.h"
#include "storage/ptime.h"
#include "storage/storage.h"
#include "store/ta_key.h"

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
		"  --no-host-zygote   start every TA host by exec, not by a\n"
		"                     fork of a pre-started one\n"
		"  --ta-pubkey FILE   PEM public key TAs are verified with\n"
		"                     (default: the key built in)\n"
		"  --state-dir DIR    persistent state such as TA time\n"
		"                     (default: state/ beside the socket)\n"
		"  --storage-quota N  bytes of trusted storage files per TA\n"
		"                     (default %u)\n"
		"  --ready-fd FD      write one byte to FD when serving\n"
		"  --supplicant-fd FD a connected socket to the supplicant the\n"
		"                     core trusts (its starter made the pair)\n"
		"  --supplicant-uid UID  also trust a supplicant that connects\n"
		"                     to the socket as this user\n"
		"  --log FILE         append the log to FILE\n"
		"  --pool-pages N     physical pool shared by the core and the TA\n"
		"                     instances (default %d pages)\n"
		"  --core-pool-pages N  the core's own share (default: 3/4 of its\n"
		"                     paged image)\n"
		"  --ta-pool-pages N  each TA instance's share, its stack aside\n"
		"                     (default %d)\n", STO_QUOTA_DEFAULT,
		CORE_POOL_PAGES_DEFAULT,
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

/* A whole number from min to max, or -EINVAL with the option named on stderr. */
static int opt_number(const char *name, const char *arg, long min, long max,
		      long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 0);
	if (errno || end == arg || *end || v < min || v > max) {
		fprintf(stderr, "tee-core: --%s: %s is not a number from %ld "
			"to %ld\n", name, arg, min, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

/* A descriptor the core was given: open, and a socket if it must be one. */
static int opt_fd_check(const char *name, int fd, bool socket)
{
	struct stat st;

	if (fcntl(fd, F_GETFD) < 0 || fstat(fd, &st)) {
		fprintf(stderr, "tee-core: --%s: descriptor %d is not open\n",
			name, fd);
		return -EINVAL;
	}
	if (socket && !S_ISSOCK(st.st_mode)) {
		fprintf(stderr, "tee-core: --%s: descriptor %d is not a "
			"socket\n", name, fd);
		return -EINVAL;
	}
	return 0;
}

/*
 * Connections served at once: each may hold two descriptors (its socket
 * and its RAM); the rest of the limit is kept for TA hosts and files.
 */
static unsigned int core_max_conns(void)
{
	struct rlimit rl;
	rlim_t n;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return 64;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	n = rl.rlim_cur > 512 ? (rl.rlim_cur - 256) / 2 : 64;
	return n > 4096 ? 4096 : (unsigned int)n;
}

/*
 * Every option against the others, before anything is created: a core
 * that cannot work does not start, and leaves nothing behind.
 */
static int core_check_options(int ready_fd)
{
	struct sockaddr_un sa;

	if (!core.cfg.socket_path) {
		usage(stderr);
		return -EINVAL;
	}
	if (strlen(core.cfg.socket_path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "tee-core: --socket: %zu characters, a socket "
			"path has at most %zu\n", strlen(core.cfg.socket_path),
			sizeof(sa.sun_path) - 1);
		return -EINVAL;
	}
	if (ready_fd >= 0 && opt_fd_check("ready-fd", ready_fd, false))
		return -EINVAL;
	if (core.cfg.supplicant_fd >= 0 &&
	    opt_fd_check("supplicant-fd", core.cfg.supplicant_fd, true))
		return -EINVAL;
	if (core.cfg.supplicant_fd >= 0 && core.cfg.supplicant_fd == ready_fd) {
		fprintf(stderr, "tee-core: --ready-fd and --supplicant-fd name "
			"the same descriptor\n");
		return -EINVAL;
	}
	return pager_budget_check();
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "threads", required_argument, NULL, 't' },
		{ "ta-host", required_argument, NULL, 'H' },
		{ "no-host-zygote", no_argument, NULL, 'Z' },
		{ "ta-pubkey", required_argument, NULL, 'k' },
		{ "state-dir", required_argument, NULL, 'S' },
		{ "storage-quota", required_argument, NULL, 'Q' },
		{ "ready-fd", required_argument, NULL, 'r' },
		{ "supplicant-fd", required_argument, NULL, 'F' },
		{ "supplicant-uid", required_argument, NULL, 'U' },
		{ "log", required_argument, NULL, 'l' },
		{ "pool-pages", required_argument, NULL, CORE_OPT_POOL_PAGES },
		{ "core-pool-pages", required_argument, NULL, CORE_OPT_CORE_POOL },
		{ "ta-pool-pages", required_argument, NULL, CORE_OPT_TA_POOL },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int ready_fd = -1, lfd, o, lf;
	struct sigaction sa = { .sa_handler = on_signal };
	const char *log_path = NULL;
	unsigned long long quota = 0;
	char *end;
	long v;

	tc_log_init("tee-core");
	core.cfg.threads = 8;
	core.cfg.host_zygote = true;
	core.cfg.supplicant_fd = -1;
	while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (o) {
		case 's':
			core.cfg.socket_path = optarg;
			break;
		case 't':
			if (opt_number("threads", optarg, 1, 256, &v))
				return 2;
			core.cfg.threads = (unsigned int)v;
			break;
		case 'H':
			core.cfg.ta_host_path = optarg;
			break;
		case 'Z':
			core.cfg.host_zygote = false;
			break;
		case 'k':
			core.cfg.pubkey_path = optarg;
			break;
		case 'S':
			core.cfg.state_dir = optarg;
			break;
		case 'Q':
			quota = strtoull(optarg, &end, 0);
			if (*end || !quota) {
				fprintf(stderr, "tee-core: --storage-quota: "
					"%s is not a byte count\n", optarg);
				return 2;
			}
			break;
		case 'r':
			if (opt_number("ready-fd", optarg, 0, INT_MAX, &v))
				return 2;
			ready_fd = (int)v;
			break;
		case 'F':
			if (opt_number("supplicant-fd", optarg, 0, INT_MAX, &v))
				return 2;
			core.cfg.supplicant_fd = (int)v;
			break;
		case 'U':
			if (opt_number("supplicant-uid", optarg, 0, INT_MAX,
				       &v))
				return 2;
			core.cfg.supplicant_uid = (uid_t)v;
			core.cfg.supplicant_uid_set = true;
			break;
		case 'l':
			log_path = optarg;
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
	if (core_check_options(ready_fd))
		return 2;
	if (log_path) {
		lf = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
			  0600);
		if (lf < 0) {
			perror(log_path);
			return 2;
		}
		dup2(lf, STDERR_FILENO);
		close(lf);
	}
	core.cfg.max_conns = core_max_conns();
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
	if (!core.cfg.state_dir || ptime_init(core.cfg.state_dir) ||
	    sto_init(core.cfg.state_dir, quota))
		return 1;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	srandom((unsigned int)getpid());
	core.next_session = (uint32_t)random() & 0xffffff;
	lfd = event_loop_listen(core.cfg.socket_path);
	if (lfd < 0)
		return 1;
	if (workq_start(core.cfg.threads))
		return 1;
	inst_zygote_start();
	tc_info("listening on %s with %u secure threads",
		core.cfg.socket_path, core.cfg.threads);
	if (ready_fd >= 0) {
		if (write(ready_fd, "r", 1) != 1)
			tc_warn("ready-fd %d: %s", ready_fd, strerror(errno));
		close(ready_fd);
	}
	workq_main_loop(&core_stop);
	tc_info("stopping");
	inst_shutdown_all();
	unlink(core.cfg.socket_path);
	return 0;
}
