/*
 * The runner. A case runs in a forked process, leader of its own process
 * group, so a crash or a hang fails that case only; the parent passes its
 * output on, enforces the timeout and the run's deadline, reads each
 * sub-case's outcome from shared memory when the process ends, ends whatever
 * the case left running and, after a fault, has the secure world restored
 * before the next case.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "case_exec.h"
#include "proc.h"
#include "runner.h"
#include "tap.h"

/* Output kept per run for the JUnit report: the tail, where failures are. */
#define RUNNER_KEEP_MAX		(64 * 1024)

struct runner_output {
	char *buf;
	size_t len;
	size_t cap;
	bool tap_line_start;
};

struct runner {
	const struct runner_config *cfg;
	struct runner_output out;
	int *slots;			/* shared with the case process */
	size_t nslots;
	unsigned int tap_point;
};

/* A line of the runner's own, in the text report or as a TAP comment. */
static void runner_say(const struct runner *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void runner_say(const struct runner *r, const char *fmt, ...)
{
	va_list ap;

	fputs(r->cfg->tap ? "# xtest: " : "  xtest: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

static void runner_keep(struct runner_output *o, const char *data, size_t n)
{
	if (n > RUNNER_KEEP_MAX) {
		data += n - RUNNER_KEEP_MAX;
		n = RUNNER_KEEP_MAX;
	}
	if (o->len + n > RUNNER_KEEP_MAX) {
		size_t drop = o->len + n - RUNNER_KEEP_MAX;

		memmove(o->buf, o->buf + drop, o->len - drop);
		o->len -= drop;
	}
	if (o->len + n > o->cap) {
		char *b = realloc(o->buf, RUNNER_KEEP_MAX);

		if (!b)
			return;	/* the report loses output, the run goes on */
		o->buf = b;
		o->cap = RUNNER_KEEP_MAX;
	}
	memcpy(o->buf + o->len, data, n);
	o->len += n;
}

/* Passes on what the case process wrote. Returns false at end of file. */
static bool runner_pass_output(struct runner *r, int fd)
{
	char buf[4096];

	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n == 0)
			return false;
		if (n < 0)
			return errno == EINTR || errno == EAGAIN;
		if (r->cfg->tap)
			tap_comment(stdout, buf, (size_t)n,
				    &r->out.tap_line_start);
		else
			fwrite(buf, 1, (size_t)n, stdout);
		fflush(stdout);
		runner_keep(&r->out, buf, (size_t)n);
	}
}

static void runner_child(const struct xtest_case *tc,
			 const struct xtest_sub *const *subs, size_t n,
			 int *slots, int out_fd)
{
	/* Its own group: whatever it forks is ended with it. */
	setpgid(0, 0);
	if (dup2(out_fd, STDOUT_FILENO) < 0 || dup2(out_fd, STDERR_FILENO) < 0)
		_exit(CASE_EXEC_FAILED);
	if (out_fd > STDERR_FILENO)
		close(out_fd);
	/* Line by line: a case killed at its timeout keeps what it printed. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	exit(case_exec(tc, subs, n, slots));
}

/*
 * Waits for the case process, passing its output on, until it ends, its
 * timeout expires or a stop signal arrives. Returns the wait status, or -1
 * after a timeout (*stop set for a stop signal); the process is reaped.
 */
static int runner_wait(struct runner *r, pid_t pid, int out_fd,
		       long long deadline, bool *stop)
{
	int status = 0;
	bool killed = false;

	*stop = false;
	for (;;) {
		struct pollfd p[2] = {
			{ .fd = out_fd, .events = POLLIN },
			{ .fd = proc_signal_fd(), .events = POLLIN },
		};
		long long left;

		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		left = deadline - proc_now_ms();
		if (left <= 0) {
			killed = true;
			break;
		}
		if (poll(p, 2, (int)left) < 0 && errno != EINTR) {
			killed = true;
			break;
		}
		if ((p[1].revents & POLLIN) && proc_signal_read()) {
			*stop = true;
			killed = true;
			break;
		}
		if (out_fd >= 0 && p[0].revents &&
		    !runner_pass_output(r, out_fd)) {
			close(out_fd);
			out_fd = -1;
		}
	}
	if (killed) {
		kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	/*
	 * The group outlives its leader while a member lives, so its ID is
	 * not reused yet: what the case forked dies here, before its output
	 * pipe (which those children may hold) is drained.
	 */
	proc_kill_group(pid);
	if (out_fd >= 0) {
		runner_pass_output(r, out_fd);
		close(out_fd);
	}
	return killed ? -1 : status;
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
static void runner_end_strays(const struct runner *r, const char *id)
{
	unsigned int n = 0, k, round;

	/* Each round ends one generation: their children come back next. */
	for (round = 0; round < 16; round++) {
		k = proc_reap_strays();
		if (!k)
			break;
		n += k;
	}
	if (n)
		runner_say(r, "%s left %u process%s running; ended", id, n,
			   n == 1 ? "" : "es");
}

/* The output of a failed run, kept in the log directory. */
static void runner_save_log(const struct runner *r, const char *id)
{
	char path[4096];
	FILE *f;

	if (!r->cfg->log_dir)
		return;
	snprintf(path, sizeof(path), "%s/%s.log", r->cfg->log_dir, id);
	f = fopen(path, "we");
	if (!f)
		return;
	fwrite(r->out.buf ? r->out.buf : "", 1, r->out.len, f);
	fclose(f);
}

/*
 * One run of one case. Returns 0 with run filled in, -EINTR when a stop
 * signal cut it short or -ETIME when the run's deadline did (the run does
 * not count).
 */
static int runner_run_case(struct runner *r, const struct xtest_case *tc,
			   const struct xtest_sub *const *subs, size_t n,
			   struct results_run *run)
{
	const struct runner_config *cfg = r->cfg;
	unsigned int timeout_s = tc->timeout_s ? tc->timeout_s :
				 cfg->timeout_s;
	long long start = proc_now_ms();
	long long end = start + timeout_s * 1000LL;
	int fds[2], status;
	bool stop;
	pid_t pid;
	size_t i;

	memset(r->slots, 0, n * sizeof(*r->slots));
	memset(run, 0, sizeof(*run));
	run->subs = subs;
	run->sub_status = r->slots;
	run->nsubs = n;
	r->out.len = 0;
	r->out.tap_line_start = true;

	if ((tc->flags & XTEST_NEEDS_ROOT) && geteuid() != 0) {
		run->status = RESULTS_SKIPPED;
		snprintf(run->reason, sizeof(run->reason), "needs root");
		for (i = 0; i < n; i++)
			r->slots[i] = RESULTS_SKIPPED;
		return 0;
	}
	if (tc->flags & xtest_tee_lacks) {
		run->status = RESULTS_SKIPPED;
		snprintf(run->reason, sizeof(run->reason), "%s",
			 xtest_needs_reason(tc->flags & xtest_tee_lacks));
		for (i = 0; i < n; i++)
			r->slots[i] = RESULTS_SKIPPED;
		return 0;
	}
	if (pipe2(fds, O_CLOEXEC)) {
		run->status = RESULTS_FAILED;
		snprintf(run->reason, sizeof(run->reason), "pipe: %s",
			 strerror(errno));
		return 0;
	}
	pid = proc_fork();
	if (pid == 0) {
		close(fds[0]);
		runner_child(tc, subs, n, r->slots, fds[1]);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		run->status = RESULTS_FAILED;
		snprintf(run->reason, sizeof(run->reason), "fork: %s",
			 strerror(errno));
		return 0;
	}
	/* Also here: the group must exist before the first kill of it. */
	setpgid(pid, pid);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	if (cfg->deadline_ms && cfg->deadline_ms < end)
		end = cfg->deadline_ms;
	status = runner_wait(r, pid, fds[0], end, &stop);
	run->seconds = (double)(proc_now_ms() - start) / 1000.0;
	runner_end_strays(r, tc->id);
	if (stop)
		return -EINTR;
	if (status == -1 && cfg->deadline_ms && end == cfg->deadline_ms &&
	    end < start + timeout_s * 1000LL)
		return -ETIME;
	runner_judge(tc, run, r->slots, status, timeout_s);
	return 0;
}

static void runner_print_text(const struct xtest_case *tc,
			      const struct results_run *run)
{
	if (run->reason[0] && run->status != RESULTS_PASSED)
		printf("  %s %s (%s, %.3f s)\n", tc->id,
		       results_status_word(run->status), run->reason,
		       run->seconds);
	else
		printf("  %s %s (%.3f s)\n", tc->id,
		       results_status_word(run->status), run->seconds);
	fflush(stdout);
}

/* The selected sub-cases of item, in declaration order. */
static const struct xtest_sub **runner_subs(const struct select_item *item)
{
	const struct xtest_sub **subs;
	size_t i, k = 0;

	subs = calloc(item->nsubs_on ? item->nsubs_on : 1, sizeof(*subs));
	if (!subs)
		return NULL;
	for (i = 0; i < item->tc->nsubs; i++) {
		if (item->sub_on[i])
			subs[k++] = item->tc->subs + i;
	}
	return subs;
}

static int runner_prepare(const struct select_plan *plan, struct runner *r,
			  const struct xtest_sub ***subs, struct results *res)
{
	size_t i;
	int rc;

	for (i = 0; i < plan->nitems; i++) {
		if (plan->items[i].nsubs_on > r->nslots)
			r->nslots = plan->items[i].nsubs_on;
		subs[i] = runner_subs(plan->items + i);
		if (!subs[i])
			return -ENOMEM;
		rc = results_case_init(res->cases + i, plan->items[i].tc,
				       subs[i], plan->items[i].nsubs_on);
		if (rc)
			return rc;
	}
	r->slots = mmap(NULL, (r->nslots ? r->nslots : 1) * sizeof(int),
			PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			-1, 0);
	if (r->slots == MAP_FAILED) {
		r->slots = NULL;
		return -ENOMEM;
	}
	return 0;
}

static bool runner_is_idle_case(const struct runner_config *cfg,
				const struct xtest_case *tc)
{
	return cfg->quiet && (tc->flags & XTEST_NEEDS_IDLE);
}

/*
 * The order of the run: plan index of each case run, repeat times over. With
 * a quiet hook the cases that need an idle core come last.
 */
static size_t *runner_schedule(const struct select_plan *plan,
			       const struct runner_config *cfg, size_t *len)
{
	size_t n = plan->nitems * cfg->repeat, k = 0, i, pass;
	unsigned int rep;
	size_t *sched = calloc(n ? n : 1, sizeof(*sched));

	if (!sched)
		return NULL;
	for (pass = 0; pass < 2; pass++) {
		for (rep = 0; rep < cfg->repeat; rep++) {
			for (i = 0; i < plan->nitems; i++) {
				bool idle = runner_is_idle_case(cfg,
							plan->items[i].tc);

				if (idle == (pass == 1))
					sched[k++] = i;
			}
		}
	}
	*len = k;
	return sched;
}

/* After a fault, the secure world is brought back before the next case. */
static int runner_recover(struct runner *r, const struct xtest_case *tc,
			  struct results *res)
{
	char what[256] = "";
	int rc;

	if (!r->cfg->recover)
		return 0;
	rc = r->cfg->recover(r->cfg->recover_arg, tc->id, what, sizeof(what));
	if (rc > 0) {
		runner_say(r, "after %s: %s", tc->id, what);
		return 0;
	}
	if (rc) {
		snprintf(res->abort_reason, sizeof(res->abort_reason),
			 "cannot restore the secure world after %s: %s",
			 tc->id, what);
		return 1;
	}
	res->recoveries++;
	runner_say(r, "after %s: %s", tc->id, what);
	return 0;
}

/* The TAP points of the runs the deadline left out, so the plan adds up. */
static void runner_tap_not_run(struct runner *r,
			       const struct select_plan *plan,
			       const size_t *sched, size_t from, size_t len,
			       const char *why)
{
	struct results_run run = { .status = RESULTS_NOT_RUN };
	size_t p;

	snprintf(run.reason, sizeof(run.reason), "%s", why);
	for (p = from; p < len; p++)
		tap_point(stdout, ++r->tap_point, plan->items[sched[p]].tc,
			  &run);
}

/* Runs the schedule. Returns 1 when the run ended early, or -errno. */
static int runner_loop(struct runner *r, const struct select_plan *plan,
		       const struct xtest_sub ***subs, struct results *res,
		       const size_t *sched, size_t len)
{
	const struct runner_config *cfg = r->cfg;
	bool quiet_done = false;
	struct results_run run;
	size_t p;
	int rc;

	for (p = 0; p < len; p++) {
		size_t i = sched[p];
		const struct xtest_case *tc = plan->items[i].tc;
		struct results_case *rcase = res->cases + i;

		proc_signal_read();
		if (proc_stop_requested())
			return 1;
		if (cfg->deadline_ms && proc_now_ms() >= cfg->deadline_ms)
			goto deadline;
		if (!quiet_done && runner_is_idle_case(cfg, tc)) {
			quiet_done = true;
			if (cfg->quiet(cfg->quiet_arg, res->abort_reason,
				       sizeof(res->abort_reason)))
				return 1;
		}
		if (!cfg->tap && cfg->repeat > 1)
			printf("* %s %s (run %u of %u)\n", tc->id, tc->title,
			       rcase->runs + 1, cfg->repeat);
		else if (!cfg->tap)
			printf("* %s %s\n", tc->id, tc->title);
		else
			printf("# %s %s\n", tc->id, tc->title);
		fflush(stdout);

		rc = runner_run_case(r, tc, subs[i], plan->items[i].nsubs_on,
				     &run);
		if (rc == -ETIME)
			goto deadline;
		if (rc)
			return 1;
		if (results_add_run(rcase, &run, r->out.buf, r->out.len))
			return -ENOMEM;
		if (cfg->tap)
			tap_point(stdout, ++r->tap_point, tc, &run);
		else
			runner_print_text(tc, &run);
		fflush(stdout);
		if (run.status == RESULTS_FAILED)
			runner_save_log(r, tc->id);
		if (run.fault && runner_recover(r, tc, res))
			return 1;
		if (cfg->check && cfg->check(cfg->check_arg, res->abort_reason,
					     sizeof(res->abort_reason)))
			return 1;
	}
	return 0;

deadline:
	snprintf(res->not_run_reason, sizeof(res->not_run_reason),
		 "the deadline of %u s was reached", cfg->deadline_s);
	runner_say(r, "%s; %zu case run%s not done", res->not_run_reason,
		   len - p, len - p == 1 ? "" : "s");
	if (cfg->tap)
		runner_tap_not_run(r, plan, sched, p, len, "not run: deadline");
	return 0;
}

int runner_run(const struct select_plan *plan, const struct runner_config *cfg,
	       struct results *res)
{
	const struct xtest_sub ***subs = NULL;
	struct runner r = { .cfg = cfg };
	size_t *sched = NULL, len = 0;
	size_t i;
	int rc;

	rc = results_init(res, plan->nitems);
	if (rc)
		return rc;
	subs = calloc(plan->nitems ? plan->nitems : 1, sizeof(*subs));
	if (!subs)
		return -ENOMEM;
	rc = runner_prepare(plan, &r, subs, res);
	if (!rc) {
		sched = runner_schedule(plan, cfg, &len);
		if (!sched)
			rc = -ENOMEM;
	}
	if (rc)
		goto out;

	if (cfg->tap)
		tap_begin(stdout, len);
	rc = runner_loop(&r, plan, subs, res, sched, len);
	rc = rc < 0 ? rc : 0;
	res->stop_signal = proc_stop_requested();
out:
	if (r.slots)
		munmap(r.slots, (r.nslots ? r.nslots : 1) * sizeof(int));
	for (i = 0; i < plan->nitems; i++)
		free(subs[i]);
	free(subs);
	free(sched);
	free(r.out.buf);
	return rc;
}
