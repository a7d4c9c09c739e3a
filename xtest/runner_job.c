/*
 * One run of one case: a forked process, leader of its own process group
 * and the subreaper of what it starts, so a crash or a hang fails that case
 * only and whatever it leaves behind comes back to xtest as its own. The
 * parent reads its output, enforces its timeout and the run's deadline,
 * reads each sub-case's outcome from shared memory when the process ends,
 * and ends what the case left running.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "case_exec.h"
#include "proc.h"
#include "runner_job.h"
#include "tap.h"

/* Output kept per run for the JUnit report: the tail, where failures are. */
#define RUNNER_KEEP_MAX		(64 * 1024)

static void runner_job_keep(struct runner_job *j, const char *data, size_t n)
{
	if (n > RUNNER_KEEP_MAX) {
		data += n - RUNNER_KEEP_MAX;
		n = RUNNER_KEEP_MAX;
	}
	if (j->keep_len + n > RUNNER_KEEP_MAX) {
		size_t drop = j->keep_len + n - RUNNER_KEEP_MAX;

		memmove(j->keep, j->keep + drop, j->keep_len - drop);
		j->keep_len -= drop;
	}
	if (!j->keep) {
		j->keep = malloc(RUNNER_KEEP_MAX);
		if (!j->keep)
			return;	/* the report loses output, the run goes on */
	}
	memcpy(j->keep + j->keep_len, data, n);
	j->keep_len += n;
}

FILE *runner_job_sink(struct runner_job *j)
{
	if (j->live || !j->held)
		return stdout;
	return j->held;
}

void runner_job_go_live(struct runner_job *j)
{
	if (j->live)
		return;
	j->live = true;
	if (!j->held)
		return;
	fclose(j->held);
	j->held = NULL;
	fwrite(j->held_buf, 1, j->held_len, stdout);
	fflush(stdout);
	free(j->held_buf);
	j->held_buf = NULL;
	j->held_len = 0;
}

/* A line of the runner's own in the job's block, as a TAP comment in TAP. */
static void runner_job_note(struct runner_job *j, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void runner_job_note(struct runner_job *j, const char *fmt, ...)
{
	FILE *f = runner_job_sink(j);
	va_list ap;

	fputs(j->tap ? "# xtest: " : "  xtest: ", f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fflush(f);
}

/* Passes on what the case process wrote. Returns false at end of file. */
static bool runner_job_pass(struct runner_job *j)
{
	char buf[4096];

	for (;;) {
		ssize_t n = read(j->out_fd, buf, sizeof(buf));
		FILE *f = runner_job_sink(j);

		if (n == 0)
			return false;
		if (n < 0)
			return errno == EINTR || errno == EAGAIN;
		if (j->tap)
			tap_comment(f, buf, (size_t)n, &j->tap_line_start);
		else
			fwrite(buf, 1, (size_t)n, f);
		fflush(f);
		runner_job_keep(j, buf, (size_t)n);
	}
}

void runner_job_read(struct runner_job *j)
{
	if (j->out_fd >= 0 && !runner_job_pass(j)) {
		close(j->out_fd);
		j->out_fd = -1;
	}
}

static void runner_child(const struct xtest_case *tc,
			 const struct xtest_sub *const *subs, size_t n,
			 int *slots, int out_fd)
{
	/* Its own group: whatever it forks is ended with it. */
	setpgid(0, 0);
	/*
	 * Orphans of what it forks come back to it, not to xtest, while it
	 * runs: a process xtest finds orphaned is then one of a case that
	 * ended, and never one of a case still running beside it.
	 */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (dup2(out_fd, STDOUT_FILENO) < 0 || dup2(out_fd, STDERR_FILENO) < 0)
		_exit(CASE_EXEC_FAILED);
	if (out_fd > STDERR_FILENO)
		close(out_fd);
	/* Line by line: a case killed at its timeout keeps what it printed. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	exit(case_exec(tc, subs, n, slots));
}

/* The sub-case the case process was in when it ended, if any. */
static const struct xtest_sub *runner_unfinished(const struct results_run *run,
						 int *slots)
{
	const struct xtest_sub *sub = NULL;
	size_t i;

	for (i = 0; i < run->nsubs; i++) {
		if (slots[i] == RESULTS_RUNNING) {
			slots[i] = RESULTS_FAILED;
			sub = run->subs[i];
		}
	}
	return sub;
}

static void runner_judge(const struct xtest_case *tc, struct results_run *run,
			 int *slots, int status, unsigned int timeout_s)
{
	const struct xtest_sub *open_sub = runner_unfinished(run, slots);
	size_t i, n_pass = 0, n_skip = 0, n_fail = 0, pos = 0;
	char what[96];

	for (i = 0; i < run->nsubs; i++) {
		n_pass += slots[i] == RESULTS_PASSED;
		n_skip += slots[i] == RESULTS_SKIPPED;
		n_fail += slots[i] == RESULTS_FAILED;
	}
	run->status = RESULTS_FAILED;
	if (status == -1) {
		snprintf(run->reason, sizeof(run->reason),
			 "timeout after %u s", timeout_s);
	} else if (WIFEXITED(status) && !open_sub &&
		   WEXITSTATUS(status) == CASE_EXEC_PASSED &&
		   n_pass + n_skip == run->nsubs && n_pass) {
		run->status = RESULTS_PASSED;
	} else if (WIFEXITED(status) && !open_sub &&
		   WEXITSTATUS(status) == CASE_EXEC_SKIPPED &&
		   n_skip == run->nsubs) {
		run->status = RESULTS_SKIPPED;
		snprintf(run->reason, sizeof(run->reason),
			 "all sub-cases skipped");
	} else if (WIFEXITED(status) && !open_sub &&
		   WEXITSTATUS(status) == CASE_EXEC_FAILED && n_fail) {
		pos = (size_t)snprintf(run->reason, sizeof(run->reason),
				       "failed:");
		for (i = 0; i < run->nsubs && pos < sizeof(run->reason); i++) {
			if (slots[i] == RESULTS_FAILED)
				pos += (size_t)snprintf(run->reason + pos,
						sizeof(run->reason) - pos,
						" %s.%u", tc->id,
						run->subs[i]->num);
		}
	} else {
		proc_describe_status(status, what, sizeof(what));
		if (open_sub)
			snprintf(run->reason, sizeof(run->reason),
				 "case process ended in %s.%u: %s", tc->id,
				 open_sub->num, what);
		else
			snprintf(run->reason, sizeof(run->reason),
				 "case process ended with %s", what);
	}
	run->fault = status == -1 || open_sub ||
		     (status >= 0 && WIFSIGNALED(status));
	if (status == -1 && open_sub) {
		pos = strlen(run->reason);
		snprintf(run->reason + pos, sizeof(run->reason) - pos,
			 " in %s.%u", tc->id, open_sub->num);
	}
}

/* Kills and reaps what the case left behind, until nothing is left. */
static void runner_job_end_strays(struct runner_job *j,
				  bool (*spare)(pid_t pgid, void *arg),
				  void *arg)
{
	unsigned int n = 0, k, round;

	/* Each round ends one generation: their children come back next. */
	for (round = 0; round < 16; round++) {
		k = proc_reap_strays_except(spare, arg);
		if (!k)
			break;
		n += k;
	}
	if (n)
		runner_job_note(j, "%s left %u process%s running; ended",
				j->tc->id, n, n == 1 ? "" : "es");
}

/* Decided without a process: every sub-case takes the case's status. */
static void runner_job_decide(struct runner_job *j, enum results_status st,
			      const char *why)
{
	size_t i;

	j->run.status = st;
	snprintf(j->run.reason, sizeof(j->run.reason), "%s", why);
	for (i = 0; st == RESULTS_SKIPPED && i < j->run.nsubs; i++)
		j->slots[i] = RESULTS_SKIPPED;
	j->done = true;
}

int runner_job_start(struct runner_job *j, const struct runner_config *cfg,
		     const struct xtest_sub *const *subs, size_t nsubs)
{
	const struct xtest_case *tc = j->tc;
	char why[128];
	int fds[2];

	j->timeout_s = tc->timeout_s ? tc->timeout_s : cfg->timeout_s;
	j->start_ms = proc_now_ms();
	j->end_ms = j->start_ms + j->timeout_s * 1000LL;
	if (cfg->deadline_ms && cfg->deadline_ms < j->end_ms) {
		j->end_ms = cfg->deadline_ms;
		j->by_deadline = true;
	}
	j->out_fd = -1;
	j->tap = cfg->tap;
	j->tap_line_start = true;
	j->nslots = nsubs ? nsubs : 1;
	j->slots = mmap(NULL, j->nslots * sizeof(int), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (j->slots == MAP_FAILED) {
		j->slots = NULL;
		return -ENOMEM;
	}
	j->run.subs = subs;
	j->run.sub_status = j->slots;
	j->run.nsubs = nsubs;
	if (!j->live) {
		j->held = open_memstream(&j->held_buf, &j->held_len);
		if (!j->held)
			return -ENOMEM;
	}

	if ((tc->flags & XTEST_NEEDS_ROOT) && geteuid() != 0) {
		runner_job_decide(j, RESULTS_SKIPPED, "needs root");
		return 0;
	}
	if (tc->flags & xtest_tee_lacks) {
		runner_job_decide(j, RESULTS_SKIPPED,
				  xtest_needs_reason(tc->flags & xtest_tee_lacks));
		return 0;
	}
	if (pipe2(fds, O_CLOEXEC)) {
		snprintf(why, sizeof(why), "pipe: %s", strerror(errno));
		runner_job_decide(j, RESULTS_FAILED, why);
		return 0;
	}
	j->pid = proc_fork();
	if (j->pid == 0) {
		close(fds[0]);
		runner_child(tc, subs, nsubs, j->slots, fds[1]);
	}
	close(fds[1]);
	if (j->pid < 0) {
		close(fds[0]);
		j->pid = 0;
		snprintf(why, sizeof(why), "fork: %s", strerror(errno));
		runner_job_decide(j, RESULTS_FAILED, why);
		return 0;
	}
	/* Also here: the group must exist before the first kill of it. */
	setpgid(j->pid, j->pid);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	j->out_fd = fds[0];
	return 0;
}

bool runner_job_poll(struct runner_job *j, long long now, int rc,
		     bool (*spare)(pid_t pgid, void *arg), void *arg)
{
	bool killed = rc != 0;
	int status = 0;

	if (j->done)
		return true;
	if (!killed && waitpid(j->pid, &status, WNOHANG) != j->pid) {
		if (now < j->end_ms)
			return false;
		killed = true;
		if (j->by_deadline)
			rc = -ETIME;
	}
	if (killed) {
		kill(j->pid, SIGKILL);
		while (waitpid(j->pid, &status, 0) < 0 && errno == EINTR)
			;
		status = -1;
	}
	/*
	 * The group outlives its leader while a member lives, so its ID is
	 * not reused yet: what the case forked dies here, before its output
	 * pipe (which those children may hold) is drained.
	 */
	proc_kill_group(j->pid);
	j->pid = 0;
	if (j->out_fd >= 0) {
		runner_job_pass(j);
		close(j->out_fd);
		j->out_fd = -1;
	}
	j->run.seconds = (double)(proc_now_ms() - j->start_ms) / 1000.0;
	runner_job_end_strays(j, spare, arg);
	j->rc = rc;
	j->done = true;
	if (!rc)
		runner_judge(j->tc, &j->run, j->slots, status, j->timeout_s);
	return true;
}

void runner_job_free(struct runner_job *j)
{
	if (!j)
		return;
	if (j->pid > 0) {
		kill(j->pid, SIGKILL);
		while (waitpid(j->pid, NULL, 0) < 0 && errno == EINTR)
			;
		proc_kill_group(j->pid);
	}
	if (j->out_fd >= 0)
		close(j->out_fd);
	if (j->held)
		fclose(j->held);
	free(j->held_buf);
	free(j->keep);
	if (j->slots)
		munmap(j->slots, j->nslots * sizeof(int));
	free(j);
}
