/*
 * Child processes of xtest and the signals that stop a run. Signals are
 * blocked and read from a signalfd, so they are handled in the run loop,
 * never in a handler racing with fork().
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proc.h"

static const int proc_handled[] = { SIGCHLD, SIGINT, SIGTERM, SIGHUP };

static int proc_sigfd = -1;
static int proc_stop_sig;
static bool proc_subreaper;

/* Children the run keeps: the private core, its supplicant, stress drivers. */
#define PROC_KEEP_MAX	16
static pid_t proc_kept[PROC_KEEP_MAX];

int proc_signals_init(void)
{
	sigset_t set;
	size_t i;

	/* A closed stdout must not kill xtest before it has stopped the core. */
	signal(SIGPIPE, SIG_IGN);

	sigemptyset(&set);
	for (i = 0; i < sizeof(proc_handled) / sizeof(proc_handled[0]); i++)
		sigaddset(&set, proc_handled[i]);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -errno;
	proc_sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (proc_sigfd < 0)
		return -errno;
	/*
	 * Orphans of a case (a child it forked and never reaped) come back to
	 * xtest instead of init, so the run can end them. Where it is not
	 * offered (qemu-user), the case's process group still ends them,
	 * unless they left it.
	 */
	proc_subreaper = !prctl(PR_SET_CHILD_SUBREAPER, 1);
	return 0;
}

int proc_signal_fd(void)
{
	return proc_sigfd;
}

int proc_signal_read(void)
{
	struct signalfd_siginfo si;
	int stop = 0;

	if (proc_sigfd < 0)
		return proc_stop_sig;
	while (read(proc_sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo != SIGCHLD)
			stop = (int)si.ssi_signo;
	}
	if (stop && !proc_stop_sig)
		proc_stop_sig = stop;
	return stop;
}

int proc_stop_requested(void)
{
	return proc_stop_sig;
}

pid_t proc_fork(void)
{
	pid_t parent = getpid();
	sigset_t none;
	pid_t pid;
	size_t i;

	/* Whatever stdio holds now must not be written twice. */
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid != 0)
		return pid;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
		_exit(127);	/* xtest is already gone */
	for (i = 0; i < sizeof(proc_handled) / sizeof(proc_handled[0]); i++)
		signal(proc_handled[i], SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (proc_sigfd >= 0) {
		close(proc_sigfd);
		proc_sigfd = -1;
	}
	return 0;
}

long long proc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int proc_reap(pid_t pid, unsigned int timeout_ms)
{
	long long deadline = proc_now_ms() + timeout_ms;
	int status = 0;

	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		long long left;

		if (r == pid || (r < 0 && errno != EINTR))
			return status;
		left = deadline - proc_now_ms();
		if (left <= 0)
			break;
		if (proc_sigfd >= 0) {
			struct pollfd p = { .fd = proc_sigfd, .events = POLLIN };

			if (poll(&p, 1, left > 50 ? 50 : (int)left) > 0)
				proc_signal_read();
		} else {
			usleep(10000);
		}
	}
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

bool proc_adopts_orphans(void)
{
	return proc_subreaper;
}

void proc_keep(pid_t pid)
{
	size_t i;

	for (i = 0; i < PROC_KEEP_MAX; i++) {
		if (!proc_kept[i]) {
			proc_kept[i] = pid;
			return;
		}
	}
}

void proc_unkeep(pid_t pid)
{
	size_t i;

	for (i = 0; i < PROC_KEEP_MAX; i++) {
		if (proc_kept[i] == pid)
			proc_kept[i] = 0;
	}
}

static bool proc_is_kept(pid_t pid)
{
	size_t i;

	for (i = 0; i < PROC_KEEP_MAX; i++) {
		if (proc_kept[i] == pid)
			return true;
	}
	return false;
}

/* The parent and process group of pid from /proc/PID/stat: 0 or -errno. */
static int proc_stat_of(const char *pid_name, pid_t *ppid, pid_t *pgrp)
{
	char path[64], buf[512], *p;
	int fd, parent, group;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid_name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EIO;
	buf[n] = '\0';
	/* "pid (comm) state ppid pgrp ...": comm may hold spaces and parens. */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %d %d", &parent, &group) != 2)
		return -EIO;
	*ppid = parent;
	*pgrp = group;
	return 0;
}

unsigned int proc_reap_strays_except(bool (*spare)(pid_t pgid, void *arg),
				     void *arg)
{
	pid_t self = getpid();
	unsigned int n = 0;
	struct dirent *de;
	DIR *d;

	d = opendir("/proc");
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		pid_t pid, ppid, pgrp;

		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		pid = (pid_t)atoi(de->d_name);
		if (proc_stat_of(de->d_name, &ppid, &pgrp) || ppid != self ||
		    proc_is_kept(pid) || (spare && spare(pgrp, arg)))
			continue;
		kill(pid, SIGKILL);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		n++;
	}
	closedir(d);
	return n;
}

unsigned int proc_reap_strays(void)
{
	return proc_reap_strays_except(NULL, NULL);
}

void proc_kill_group(pid_t pgid)
{
	if (pgid > 1)
		kill(-pgid, SIGKILL);
}

void proc_describe_status(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exit status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(buf, len, "wait status 0x%x", (unsigned int)status);
}
