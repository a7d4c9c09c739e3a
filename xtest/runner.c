/*
 * The runner: up to cfg->jobs cases at once, each a job (runner_job.c).
 * Cases print whole, in the plan's order, whatever order they ran in: the
 * next case to print passes its output on as it comes, the others hold it
 * until their turn. A case that needs the run's core to itself starts only
 * when no other case on that core runs, and none starts beside it. After a
 * fault no case starts until every running one has ended and the secure
 * world has been restored.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc.h"
#include "runner.h"
#include "runner_job.h"
#include "runner_order.h"
#include "tap.h"

struct runner {
	const struct runner_config *cfg;
	const struct select_plan *plan;
	const struct xtest_sub ***subs;
	struct results *res;
	const size_t *sched;		/* plan index per position, print order */
	size_t len;
	size_t *order;			/* positions in the order they start */
	size_t order_from;		/* order[] before it have all started */
	struct runner_job **jobs;	/* per position, from start to print */
	bool *started;			/* per position */
	size_t head;			/* the next position to print */
	unsigned int jobs_max;
	unsigned int running;
	struct runner_job **busy;	/* [running]: the jobs running now */
	size_t nstarted;
	size_t *faults;			/* positions awaiting a restore */
	size_t nfaults;
	bool quiet_done;
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

static const struct xtest_case *runner_case_at(const struct runner *r,
					       size_t pos)
{
	return r->plan->items[r->sched[pos]].tc;
}

/* The process group of a running case: its orphans are its own. */
static bool runner_spare_group(pid_t pgid, void *arg)
{
	const struct runner *r = arg;
	unsigned int i;

	for (i = 0; i < r->running; i++) {
		if (!r->busy[i]->done && r->busy[i]->pid == pgid)
			return true;
	}
	return false;
}

/* What may not run beside tc runs now, or tc itself does. */
static bool runner_blocked(const struct runner *r, size_t pos)
{
	const struct xtest_case *tc = runner_case_at(r, pos);
	bool alone = runner_is_alone(tc), own = runner_is_own_core(tc);
	unsigned int i;

	for (i = 0; i < r->running; i++) {
		const struct runner_job *j = r->busy[i];

		if (j->tc == tc)
			return true;	/* a case never runs beside itself */
		if (alone && !runner_is_own_core(j->tc))
			return true;
		if (!own && runner_is_alone(j->tc))
			return true;
	}
	return false;
}

static void runner_print_header(struct runner *r, struct runner_job *j);

static int runner_start(struct runner *r, size_t pos)
{
	size_t item = r->sched[pos];
	struct runner_job *j = calloc(1, sizeof(*j));
	int rc;

	if (!j)
		return -ENOMEM;
	j->pos = pos;
	j->item = item;
	j->tc = r->plan->items[item].tc;
	/* The next to print: its header, then its output as it comes. */
	j->live = pos == r->head;
	if (j->live)
		runner_print_header(r, j);
	r->jobs[pos] = j;
	r->started[pos] = true;
	r->nstarted++;
	rc = runner_job_start(j, r->cfg, r->subs[item],
			      r->plan->items[item].nsubs_on);
	if (rc)
		return rc;
	if (!j->done)
		r->busy[r->running++] = j;
	return 0;
}

/* Every position whose case is not an idle one has started. */
static bool runner_all_others_started(const struct runner *r)
{
	size_t p;

	for (p = 0; p < r->len; p++) {
		if (!r->started[p] &&
		    !runner_is_idle_case(r->cfg, runner_case_at(r, p)))
			return false;
	}
	return true;
}

/*
 * Starts what may start now. Returns 0, 1 when the run must end (the
 * quiet hook failed), or -errno.
 */
static int runner_fill(struct runner *r)
{
	const struct runner_config *cfg = r->cfg;
	size_t k;
	int rc;

	while (r->order_from < r->len && r->started[r->order[r->order_from]])
		r->order_from++;
	for (k = r->order_from; k < r->len && r->running < r->jobs_max; k++) {
		size_t pos = r->order[k];
		const struct xtest_case *tc = runner_case_at(r, pos);

		if (r->started[pos])
			continue;
		if (r->jobs_max == 1 && pos != r->head)
			break;
		if (runner_is_idle_case(cfg, tc)) {
			if (r->running || !runner_all_others_started(r))
				break;
			if (!r->quiet_done) {
				r->quiet_done = true;
				if (cfg->quiet(cfg->quiet_arg,
					       r->res->abort_reason,
					       sizeof(r->res->abort_reason)))
					return 1;
			}
		}
		if (runner_blocked(r, pos))
			continue;
		rc = runner_start(r, pos);
		if (rc)
			return rc;
	}
	return 0;
}

static void runner_print_header(struct runner *r, struct runner_job *j)
{
	const struct xtest_case *tc = j->tc;
	const struct results_case *rcase = r->res->cases + j->item;

	if (!r->cfg->tap && r->cfg->repeat > 1)
		printf("* %s %s (run %u of %u)\n", tc->id, tc->title,
		       rcase->runs + 1, r->cfg->repeat);
	else if (!r->cfg->tap)
		printf("* %s %s\n", tc->id, tc->title);
	else
		printf("# %s %s\n", tc->id, tc->title);
	fflush(stdout);
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

/* The output of a failed run, kept in the log directory. */
static void runner_save_log(const struct runner *r, const struct runner_job *j)
{
	char path[4096];
	FILE *f;

	if (!r->cfg->log_dir)
		return;
	snprintf(path, sizeof(path), "%s/%s.log", r->cfg->log_dir, j->tc->id);
	f = fopen(path, "we");
	if (!f)
		return;
	fwrite(j->keep ? j->keep : "", 1, j->keep_len, f);
	fclose(f);
}

/* The verdict of a done job goes out and into the results. */
static int runner_retire(struct runner *r, struct runner_job *j)
{
	struct results_case *rcase = r->res->cases + j->item;

	if (results_add_run(rcase, &j->run, j->keep, j->keep_len))
		return -ENOMEM;
	if (r->cfg->tap)
		tap_point(stdout, ++r->tap_point, j->tc, &j->run);
	else
		runner_print_text(j->tc, &j->run);
	fflush(stdout);
	if (j->run.status == RESULTS_FAILED)
		runner_save_log(r, j);
	return 0;
}

/*
 * Prints, in order, every case whose turn has come: the next one's header
 * and what it held, and its verdict once it is done. Returns 0 or -ENOMEM.
 */
static int runner_print(struct runner *r)
{
	while (r->head < r->len) {
		struct runner_job *j = r->jobs[r->head];

		if (!j || (j->done && j->rc))
			break;
		if (!j->live) {
			runner_print_header(r, j);
			runner_job_go_live(j);
		}
		if (!j->done)
			break;
		if (runner_retire(r, j))
			return -ENOMEM;
		runner_job_free(j);
		r->jobs[r->head++] = NULL;
	}
	return 0;
}

/* After faults, the secure world is brought back, once per fault. */
static int runner_recover(struct runner *r)
{
	size_t k;

	for (k = 0; k < r->nfaults; k++) {
		const struct xtest_case *tc = runner_case_at(r, r->faults[k]);
		char what[256] = "";
		int rc;

		if (!r->cfg->recover)
			continue;
		rc = r->cfg->recover(r->cfg->recover_arg, tc->id, what,
				     sizeof(what));
		if (rc < 0) {
			snprintf(r->res->abort_reason,
				 sizeof(r->res->abort_reason),
				 "cannot restore the secure world after %s: %s",
				 tc->id, what);
			return 1;
		}
		if (!rc)
			r->res->recoveries++;
		runner_say(r, "after %s: %s", tc->id, what);
	}
	r->nfaults = 0;
	return 0;
}

/* Ends every running job; rc says why its run does not count. */
static void runner_stop_all(struct runner *r, int rc)
{
	while (r->running) {
		struct runner_job *j = r->busy[--r->running];

		runner_job_poll(j, proc_now_ms(), rc, runner_spare_group, r);
	}
}

/*
 * Waits until a running job may have something to say: output, its end,
 * its time up, or a signal.
 */
static void runner_wait(struct runner *r)
{
	struct pollfd *fds = calloc(r->running + 1, sizeof(*fds));
	struct runner_job **who = calloc(r->running + 1, sizeof(*who));
	long long now = proc_now_ms(), soonest = now + 1000;
	size_t n = 0, i;

	if (!fds || !who) {
		free(fds);
		free(who);
		return;
	}
	for (i = 0; i < r->running; i++) {
		struct runner_job *j = r->busy[i];

		if (j->end_ms < soonest)
			soonest = j->end_ms;
		if (j->out_fd >= 0 && n < r->running) {
			who[n] = j;
			fds[n].fd = j->out_fd;
			fds[n++].events = POLLIN;
		}
	}
	fds[n].fd = proc_signal_fd();
	fds[n].events = POLLIN;
	/* SIGCHLD comes through the signal descriptor: an end wakes this. */
	if (poll(fds, n + 1, soonest > now ? (int)(soonest - now) : 0) > 0) {
		for (i = 0; i < n; i++) {
			if (fds[i].revents)
				runner_job_read(who[i]);
		}
	}
	free(fds);
	free(who);
}

/* Ends the jobs that are over. Returns how many ended. */
static unsigned int runner_reap(struct runner *r)
{
	long long now = proc_now_ms();
	unsigned int ended = 0, i = 0;

	while (i < r->running) {
		struct runner_job *j = r->busy[i];

		if (!runner_job_poll(j, now, 0, runner_spare_group, r)) {
			i++;
			continue;
		}
		r->busy[i] = r->busy[--r->running];
		ended++;
		if (!j->rc && j->run.fault)
			r->faults[r->nfaults++] = j->pos;
	}
	return ended;
}

/* The TAP point of a run the deadline left out. */
static void runner_tap_not_run(struct runner *r, size_t pos)
{
	struct results_run run = { .status = RESULTS_NOT_RUN };

	snprintf(run.reason, sizeof(run.reason), "not run: deadline");
	tap_point(stdout, ++r->tap_point, runner_case_at(r, pos), &run);
}

/*
 * The deadline came: what runs is stopped, what is done is printed, and
 * the rest is reported as not run.
 */
static int runner_deadline(struct runner *r)
{
	size_t p, left = 0;

	runner_stop_all(r, -ETIME);
	for (p = r->head; p < r->len; p++)
		left += !r->jobs[p] || r->jobs[p]->rc;
	snprintf(r->res->not_run_reason, sizeof(r->res->not_run_reason),
		 "the deadline of %u s was reached", r->cfg->deadline_s);
	runner_say(r, "%s; %zu case run%s not done", r->res->not_run_reason,
		   left, left == 1 ? "" : "s");
	for (p = r->head; p < r->len; p++) {
		struct runner_job *j = r->jobs[p];

		if (j && !j->rc) {
			if (!j->live) {
				runner_print_header(r, j);
				runner_job_go_live(j);
			}
			if (runner_retire(r, j))
				return -ENOMEM;
		} else if (r->cfg->tap) {
			runner_tap_not_run(r, p);
		}
	}
	return 0;
}

/* Runs the schedule. Returns 1 when the run ended early, or -errno. */
static int runner_loop(struct runner *r)
{
	const struct runner_config *cfg = r->cfg;
	size_t mark;
	int rc;

	for (;;) {
		proc_signal_read();
		if (proc_stop_requested()) {
			runner_stop_all(r, -EINTR);
			return 1;
		}
		if (cfg->deadline_ms && proc_now_ms() >= cfg->deadline_ms)
			return runner_deadline(r);
		mark = r->head + r->nstarted;
		rc = runner_print(r);
		if (!rc && r->nfaults && !r->running && runner_recover(r))
			return 1;
		if (!rc && !r->nfaults)
			rc = runner_fill(r);
		if (!rc)
			rc = runner_print(r);
		if (rc)
			return rc;
		if (r->head == r->len)
			return 0;
		if (!r->running) {
			if (mark != r->head + r->nstarted || r->nfaults)
				continue;
			return -EDEADLK;	/* nothing may start: a bug */
		}
		runner_wait(r);
		if (runner_reap(r) && cfg->check &&
		    cfg->check(cfg->check_arg, r->res->abort_reason,
			       sizeof(r->res->abort_reason))) {
			runner_stop_all(r, -EINTR);
			runner_print(r);
			return 1;
		}
	}
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

static int runner_prepare(struct runner *r)
{
	const struct select_plan *plan = r->plan;
	size_t i, n;
	int rc;

	for (i = 0; i < plan->nitems; i++) {
		r->subs[i] = runner_subs(plan->items + i);
		if (!r->subs[i])
			return -ENOMEM;
		rc = results_case_init(r->res->cases + i, plan->items[i].tc,
				       r->subs[i], plan->items[i].nsubs_on);
		if (rc)
			return rc;
	}
	r->sched = runner_print_order(plan, r->cfg, &r->len);
	if (!r->sched)
		return -ENOMEM;
	n = r->len ? r->len : 1;
	r->order = runner_start_order(plan, r->cfg, r->sched, r->len,
				      r->jobs_max);
	r->jobs = calloc(n, sizeof(*r->jobs));
	r->started = calloc(n, sizeof(*r->started));
	r->faults = calloc(n, sizeof(*r->faults));
	r->busy = calloc(r->jobs_max, sizeof(*r->busy));
	if (!r->order || !r->jobs || !r->started || !r->faults || !r->busy)
		return -ENOMEM;
	return 0;
}

int runner_run(const struct select_plan *plan, const struct runner_config *cfg,
	       struct results *res)
{
	struct runner r = {
		.cfg = cfg, .plan = plan, .res = res,
		.jobs_max = cfg->jobs ? cfg->jobs : 1,
	};
	size_t i;
	int rc;

	rc = results_init(res, plan->nitems);
	if (rc)
		return rc;
	r.subs = calloc(plan->nitems ? plan->nitems : 1, sizeof(*r.subs));
	if (!r.subs)
		return -ENOMEM;
	rc = runner_prepare(&r);
	if (rc)
		goto out;

	if (cfg->tap)
		tap_begin(stdout, r.len);
	rc = runner_loop(&r);
	rc = rc < 0 ? rc : 0;
	res->stop_signal = proc_stop_requested();
out:
	for (i = 0; r.jobs && i < r.len; i++)
		runner_job_free(r.jobs[i]);
	for (i = 0; i < plan->nitems; i++)
		free(r.subs[i]);
	free(r.subs);
	free((void *)r.sched);
	free(r.order);
	free(r.jobs);
	free(r.started);
	free(r.faults);
	free(r.busy);
	return rc;
}
