/*
 * Child processes of xtest and the signals that stop a run. Signals are
 * blocked and read from a signalfd, so they are handled in the run loop,
 * never in a handler racing with fork().
 */
#include <errno.h>
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
