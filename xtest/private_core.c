/*
 * The private secure world of a run: tee-core and tee-supplicant in a
 * temporary directory that holds the socket, a writable TA directory and
 * their logs. Both die with xtest (PR_SET_PDEATHSIG, see proc.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "private_core.h"
#include "proc.h"

#define PRIVATE_CORE_READY_MS	20000	/* generous: CI runs under QEMU too */
#define PRIVATE_CORE_GRACE_MS	5000
#define PRIVATE_CORE_RESTART_GRACE_MS	1000	/* it may be what is stuck */
#define PRIVATE_CORE_TAIL_LINES	20

static int private_core_path(char *buf, size_t len, const char *dir,
			     const char *name)
{
	if ((size_t)snprintf(buf, len, "%s/%s", dir, name) >= len) {
		fprintf(stderr, "xtest: path too long: %s/%s\n", dir, name);
		return -ENAMETOOLONG;
	}
	return 0;
}

static int private_core_need(const char *path, int mode)
{
	if (!access(path, mode))
		return 0;
	fprintf(stderr, "xtest: %s: %s\n"
		"xtest: build with `make`, point TEECHECK_OUT at the build "
		"output, or name a running core with --tee unix:PATH\n",
		path, strerror(errno));
	return -ENOENT;
}

/* The last lines of a log, indented, so a failure shows its cause. */
static void private_core_log_tail(const char *name, const char *path)
{
	char buf[4096];
	ssize_t n;
	off_t size;
	int fd, lines = 0;
	char *p;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	size = lseek(fd, 0, SEEK_END);
	if (size > (off_t)sizeof(buf) - 1)
		lseek(fd, size - (off_t)sizeof(buf) + 1, SEEK_SET);
	else
		lseek(fd, 0, SEEK_SET);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0) {
		fprintf(stderr, "xtest: %s log %s is empty\n", name, path);
		return;
	}
	buf[n] = '\0';
	for (p = buf + n; p > buf; p--) {
		if (p[-1] == '\n' && p != buf + n &&
		    ++lines > PRIVATE_CORE_TAIL_LINES)
			break;
	}
	fprintf(stderr, "xtest: last lines of the %s log (%s):\n", name, path);
	while (*p) {
		char *nl = strchr(p, '\n');

		if (nl)
			*nl = '\0';
		fprintf(stderr, "  | %s\n", p);
		if (!nl)
			break;
		p = nl + 1;
	}
}

static void private_core_show_logs(const struct private_core *pc)
{
	private_core_log_tail("tee-core", pc->core_log);
	private_core_log_tail("tee-supplicant", pc->supp_log);
}

/* Starts argv[0] with stdout and stderr in log, ready_wr and keep (if >= 0)
 * kept open. */
static int private_core_spawn(char *const argv[], const char *log,
			      int ready_wr, int keep, pid_t *pid)
{
	pid_t p = proc_fork();

	if (p < 0)
		return -errno;
	if (p == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
			      0600);
		int nul = open("/dev/null", O_RDONLY | O_CLOEXEC);

		if (fd < 0 || nul < 0 || dup2(nul, 0) < 0 || dup2(fd, 1) < 0 ||
		    dup2(fd, 2) < 0 || fcntl(ready_wr, F_SETFD, 0) < 0 ||
		    (keep >= 0 && fcntl(keep, F_SETFD, 0) < 0))
			_exit(127);
		execv(argv[0], argv);
		fprintf(stderr, "xtest: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	*pid = p;
	return 0;
}

/* Waits for the byte on rd. Returns 0, -ETIMEDOUT, -EPIPE (no byte) or -EINTR. */
static int private_core_wait_ready(int rd, long long deadline)
{
	for (;;) {
		struct pollfd p[2] = {
			{ .fd = rd, .events = POLLIN },
			{ .fd = proc_signal_fd(), .events = POLLIN },
		};
		long long left = deadline - proc_now_ms();
		char byte;
		ssize_t n;

		if (left <= 0)
			return -ETIMEDOUT;
		if (poll(p, 2, (int)left) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if ((p[1].revents & POLLIN) && proc_signal_read())
			return -EINTR;
		if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		n = read(rd, &byte, 1);
		if (n == 1)
			return 0;
		if (n == 0)
			return -EPIPE;
		if (errno != EINTR && errno != EAGAIN)
			return -errno;
	}
}

/* Starts one daemon and waits for it; reports a failure with the logs. */
static int private_core_launch(struct private_core *pc, const char *name,
			       char *const argv[], const char *log, int keep,
			       pid_t *pid)
{
	char fdarg[16], what[96];
	int fds[2], rc, status;
	char **a;

	if (pipe2(fds, O_CLOEXEC))
		return -errno;
	snprintf(fdarg, sizeof(fdarg), "%d", fds[1]);
	/* argv holds "@READY" where the descriptor number goes. */
	for (a = (char **)argv; *a; a++) {
		if (!strcmp(*a, "@READY"))
			*a = fdarg;
	}
	rc = private_core_spawn(argv, log, fds[1], keep, pid);
	close(fds[1]);
	if (!rc)
		proc_keep(*pid);
	if (rc) {
		close(fds[0]);
		fprintf(stderr, "xtest: cannot start %s: %s\n", name,
			strerror(-rc));
		return rc;
	}
	rc = private_core_wait_ready(fds[0], proc_now_ms() +
				     PRIVATE_CORE_READY_MS);
	close(fds[0]);
	if (!rc || rc == -EINTR)
		return rc;

	if (rc == -ETIMEDOUT) {
		fprintf(stderr, "xtest: %s (%s) not ready after %d s\n", name,
			argv[0], PRIVATE_CORE_READY_MS / 1000);
	} else if (waitpid(*pid, &status, WNOHANG) == *pid) {
		proc_unkeep(*pid);
		*pid = 0;
		proc_describe_status(status, what, sizeof(what));
		fprintf(stderr, "xtest: %s (%s) ended before it was ready: %s\n",
			name, argv[0], what);
	} else {
		fprintf(stderr, "xtest: %s (%s) closed its ready descriptor "
			"without reporting ready\n", name, argv[0]);
	}
	private_core_show_logs(pc);
	return rc;
}

int private_core_start(struct private_core *pc, const char *bin_dir,
		       const char *ta_dir, bool keep_dir)
{
	return private_core_start_state(pc, bin_dir, ta_dir, keep_dir, NULL);
}

int private_core_start_state(struct private_core *pc, const char *bin_dir,
			     const char *ta_dir, bool keep_dir,
			     const char *state_dir)
{
	struct private_core_opts opts = { .state_dir = state_dir };

	return private_core_start_opts(pc, bin_dir, ta_dir, keep_dir, &opts);
}

/* Room for the core's arguments: the fixed ones, then opts' own. */
#define PRIVATE_CORE_MAX_ARGS	32

/* Appends args to argv (NULL-terminated, PRIVATE_CORE_MAX_ARGS slots). */
static int private_core_args(char **argv, const char *const *args)
{
	size_t n = 0, i;

	while (argv[n])
		n++;
	for (i = 0; args && args[i]; i++) {
		if (n == PRIVATE_CORE_MAX_ARGS - 1) {
			fprintf(stderr, "xtest: too many arguments for %s\n",
				argv[0]);
			return -E2BIG;
		}
		argv[n++] = (char *)args[i];
	}
	argv[n] = NULL;
	return 0;
}

/* Starts the core, then the supplicant, as pc says. */
static int private_core_launch_all(struct private_core *pc)
{
	char core_end[16], supp_end[16], uid[16];
	char *core_argv[PRIVATE_CORE_MAX_ARGS] = {
		pc->core_bin, "--socket", pc->socket, "--ready-fd", "@READY",
		"--supplicant-fd", core_end, "--log", pc->core_log,
		pc->state_dir[0] ? "--state-dir" : NULL, pc->state_dir,
		NULL
	};
	char *supp_argv[PRIVATE_CORE_MAX_ARGS] = {
		pc->supp_bin, "--fd", supp_end,
		"--ta-dir", pc->ta_dir,
		"--ta-dir", pc->ta_extra_dir,
		"--fs-dir", pc->fs_dir,
		"--ready-fd", "@READY", NULL
	};
	int rc, pair[2];
	size_t n = 0, i;

	/*
	 * The supplicant's connection is made here and handed to both ends:
	 * the core trusts no other process as its supplicant.
	 */
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair))
		return -errno;
	snprintf(core_end, sizeof(core_end), "%d", pair[0]);
	snprintf(supp_end, sizeof(supp_end), "%d", pair[1]);
	while (core_argv[n])
		n++;
	if (pc->supp_by_uid) {
		snprintf(uid, sizeof(uid), "%u", (unsigned int)getuid());
		core_argv[n++] = "--supplicant-uid";
		core_argv[n++] = uid;
	}
	for (i = 0; pc->core_args && pc->core_args[i]; i++) {
		if (n == PRIVATE_CORE_MAX_ARGS - 1) {
			fprintf(stderr, "xtest: too many arguments for %s\n",
				pc->core_name);
			rc = -E2BIG;
			goto out;
		}
		core_argv[n++] = (char *)pc->core_args[i];
	}
	core_argv[n] = NULL;
	rc = private_core_args(supp_argv, pc->supp_args);
	if (rc)
		goto out;
	rc = private_core_launch(pc, pc->core_name, core_argv, pc->core_log,
				 pair[0], &pc->core);
	if (!rc && !pc->own_supplicant)
		rc = private_core_launch(pc, "tee-supplicant", supp_argv,
					 pc->supp_log, pair[1], &pc->supp);
out:
	close(pair[0]);
	if (pc->own_supplicant && !rc) {
		if (pc->supp_sock >= 0)
			close(pc->supp_sock);
		pc->supp_sock = pair[1];
	} else {
		close(pair[1]);
	}
	return rc;
}

static int private_core_copy(char *dst, size_t len, const char *src)
{
	if ((size_t)snprintf(dst, len, "%s", src) >= len) {
		fprintf(stderr, "xtest: path too long: %s\n", src);
		return -ENAMETOOLONG;
	}
	return 0;
}

/*
 * A new supplicant for pc's core, with args after the usual ones: it
 * connects through the socket, so the core must trust our uid.
 */
int private_core_supp_restart(struct private_core *pc, const char *bin_dir,
			      const char *ta_dir,
			      const char *const *supp_args)
{
	char supp_bin[PATH_MAX];
	char *argv[PRIVATE_CORE_MAX_ARGS] = {
		supp_bin, "--socket", pc->socket,
		"--ta-dir", (char *)ta_dir,
		"--ta-dir", pc->ta_extra_dir,
		"--fs-dir", pc->fs_dir,
		"--ready-fd", "@READY", NULL
	};
	int rc;

	if (!pc->supp_by_uid) {
		fprintf(stderr, "xtest: this core trusts only the supplicant "
			"it was started with (opts.supp_restart)\n");
		return -EPERM;
	}
	if (pc->supp) {
		kill(pc->supp, SIGKILL);
		proc_reap(pc->supp, PRIVATE_CORE_GRACE_MS);
		proc_unkeep(pc->supp);
		pc->supp = 0;
	}
	if (private_core_path(supp_bin, sizeof(supp_bin), bin_dir,
			      "tee-supplicant"))
		return -ENAMETOOLONG;
	rc = private_core_args(argv, supp_args);
	if (rc)
		return rc;
	return private_core_launch(pc, "tee-supplicant", argv, pc->supp_log,
				   -1, &pc->supp);
}

int private_core_start_opts(struct private_core *pc, const char *bin_dir,
			    const char *ta_dir, bool keep_dir,
			    const struct private_core_opts *opts)
{
	const char *tmp = getenv("TMPDIR");
	const char *state_dir = opts ? opts->state_dir : NULL;
	const char *core_name = opts && opts->core_name ? opts->core_name :
				"tee-core";
	int rc;

	memset(pc, 0, sizeof(*pc));
	pc->supp_sock = -1;
	pc->keep_dir = keep_dir;
	pc->own_supplicant = opts && opts->own_supplicant;
	pc->supp_args = opts ? opts->supp_args : NULL;
	pc->supp_by_uid = opts && opts->supp_restart;
	pc->core_name = core_name;
	pc->core_args = opts ? opts->core_args : NULL;
	if (private_core_path(pc->core_bin, sizeof(pc->core_bin), bin_dir,
			      core_name) ||
	    private_core_path(pc->supp_bin, sizeof(pc->supp_bin), bin_dir,
			      "tee-supplicant") ||
	    private_core_copy(pc->ta_dir, sizeof(pc->ta_dir), ta_dir) ||
	    private_core_copy(pc->state_dir, sizeof(pc->state_dir),
			      state_dir ? state_dir : ""))
		return -ENAMETOOLONG;
	rc = private_core_need(pc->core_bin, X_OK);
	if (!rc)
		rc = private_core_need(pc->supp_bin, X_OK);
	if (!rc)
		rc = private_core_need(ta_dir, R_OK | X_OK);
	if (rc)
		return rc;
	if (!tmp || !*tmp)
		tmp = "/tmp";
	if (private_core_path(pc->dir, sizeof(pc->dir), tmp, "xtest.XXXXXX"))
		return -ENAMETOOLONG;
	if (!mkdtemp(pc->dir)) {
		rc = -errno;
		fprintf(stderr, "xtest: cannot create a directory in %s: %s\n",
			tmp, strerror(errno));
		pc->dir[0] = '\0';
		return rc;
	}
	rc = private_core_path(pc->socket, sizeof(pc->socket), pc->dir,
			       "core.sock");
	if (!rc)
		rc = private_core_path(pc->fs_dir, sizeof(pc->fs_dir), pc->dir,
				       "storage");
	if (!rc)
		rc = private_core_path(pc->ta_extra_dir,
				       sizeof(pc->ta_extra_dir), pc->dir, "ta");
	if (!rc)
		rc = private_core_path(pc->core_log, sizeof(pc->core_log),
				       pc->dir, "tee-core.log");
	if (!rc)
		rc = private_core_path(pc->supp_log, sizeof(pc->supp_log),
				       pc->dir, "tee-supplicant.log");
	if (rc)
		goto out;
	if (mkdir(pc->ta_extra_dir, 0700)) {
		rc = -errno;
		fprintf(stderr, "xtest: cannot create %s: %s\n",
			pc->ta_extra_dir, strerror(errno));
		goto out;
	}
	rc = private_core_launch_all(pc);
out:
	if (rc)
		private_core_stop(pc);
	return rc;
}

static int private_core_check_one(pid_t *pid, const char *name, char *why,
				  size_t len)
{
	char what[96];
	int status;

	if (!*pid || waitpid(*pid, &status, WNOHANG) != *pid)
		return 0;
	proc_unkeep(*pid);
	*pid = 0;
	proc_describe_status(status, what, sizeof(what));
	snprintf(why, len, "%s ended during the run: %s", name, what);
	return -EPIPE;
}

int private_core_check(struct private_core *pc, char *why, size_t len)
{
	int rc = private_core_check_one(&pc->core, "tee-core", why, len);

	if (!rc)
		rc = private_core_check_one(&pc->supp, "tee-supplicant", why,
					    len);
	if (rc) {
		fprintf(stderr, "xtest: %s\n", why);
		private_core_show_logs(pc);
	}
	return rc;
}

static int private_core_rm(const char *path, const struct stat *st, int type,
			   struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	if (remove(path) && errno != ENOENT)
		fprintf(stderr, "xtest: cannot remove %s: %s\n", path,
			strerror(errno));
	return 0;
}

/* Ends both processes: SIGTERM, then SIGKILL after grace_ms. */
static void private_core_end(struct private_core *pc, unsigned int grace_ms)
{
	/* 0 is what a zeroed struct holds: never a socket of ours. */
	if (pc->supp_sock > 0)
		close(pc->supp_sock);
	pc->supp_sock = -1;
	if (pc->supp)
		kill(pc->supp, SIGTERM);
	if (pc->core)
		kill(pc->core, SIGTERM);
	if (pc->supp)
		proc_reap(pc->supp, grace_ms);
	if (pc->core)
		proc_reap(pc->core, grace_ms);
	proc_unkeep(pc->supp);
	proc_unkeep(pc->core);
	pc->supp = 0;
	pc->core = 0;
}

int private_core_restart(struct private_core *pc)
{
	private_core_end(pc, PRIVATE_CORE_RESTART_GRACE_MS);
	if (!pc->dir[0])
		return -ENOENT;
	return private_core_launch_all(pc);
}

void private_core_stop(struct private_core *pc)
{
	private_core_end(pc, PRIVATE_CORE_GRACE_MS);
	if (!pc->dir[0])
		return;
	if (pc->keep_dir)
		fprintf(stderr, "xtest: kept %s (socket, TA directory, logs)\n",
			pc->dir);
	else
		nftw(pc->dir, private_core_rm, 16, FTW_DEPTH | FTW_PHYS);
	pc->dir[0] = '\0';
}
