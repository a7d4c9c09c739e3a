/*
 * xtest --stress. Each driver runs in rounds under a supervisor process of
 * its own, so the run loop needs no knowledge of them: a supervisor starts a
 * round, keeps its output in the log, adds its figures to shared memory and
 * starts the next, until xtest asks it to stop after the current round.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <tee_client_api.h>

#include "pager_stress_ta.h"
#include "shm_churn_ta.h"
#include "stress.h"
#include "xtestsupport.h"

#define STRESS_OUTPUT_MAX	(64 * 1024)
#define STRESS_SETTLE_MS	10000
/* A round that overruns this much is stuck: its supervisor is killed. */
#define STRESS_STOP_GRACE_S	60

enum { STRESS_PAGER, STRESS_SHM };

static const char *const stress_names[STRESS_DRIVERS] = {
	"pager-stress", "shm-churn",
};

static volatile sig_atomic_t stress_stopping;

static void stress_on_term(int sig)
{
	(void)sig;
	stress_stopping = 1;
}

/* The number after the last occurrence of key in text, or 0. */
static uint64_t stress_after(const char *text, const char *key)
{
	const char *p = NULL, *q = text;

	while ((q = strstr(q, key))) {
		p = q;
		q++;
	}
	return p ? strtoull(p + strlen(key), NULL, 10) : 0;
}

/* The number before the last occurrence of key in text, or 0. */
static uint64_t stress_before(const char *text, const char *key)
{
	const char *p = NULL, *q = text;

	while ((q = strstr(q, key))) {
		p = q;
		q++;
	}
	if (!p)
		return 0;
	while (p > text && p[-1] == ' ')
		p--;
	while (p > text && p[-1] >= '0' && p[-1] <= '9')
		p--;
	return strtoull(p, NULL, 10);
}

static void stress_add_pager(struct stress_figures *f, const char *out)
{
	const char *line = strstr(out, "accesses (");

	if (!line)
		return;
	f->accesses += stress_before(out, " accesses (");
	f->writes += stress_after(out, "accesses (");
	f->faults += stress_before(out, " faults: ");
	f->mismatches += stress_before(out, " mismatches\n");
}

/*
 * Adds a shm-churn round. Returns true when it did nothing at all and found
 * nothing wrong: on a slow machine (QEMU) every client may be killed before
 * its first round trip, and shm-churn then fails the round for checking
 * nothing. The run as a whole must still check something.
 */
static bool stress_add_shm(struct stress_figures *f, const char *out)
{
	const char *mib = strstr(out, "checked (");
	uint64_t trips = stress_before(out, " memref round trips");
	uint64_t failures = stress_before(out, " failures");

	f->clients += stress_after(out, "shm-churn: ");
	f->kills += stress_after(out, "clients (");
	f->round_trips += trips;
	if (mib)
		f->verified_kib += (uint64_t)(strtod(mib + strlen("checked ("),
						     NULL) * 1024);
	f->failures += failures;
	return mib && !trips && !failures &&
	       !stress_before(out, " clients failed") &&
	       !strstr(out, "NOT back");
}

/* The last lines of text (those that say why a driver failed), into buf. */
static void stress_last_lines(const char *text, unsigned int lines, char *buf,
			      size_t len)
{
	size_t n = strlen(text);
	const char *end, *start;

	while (n && text[n - 1] == '\n')
		n--;
	end = text + n;
	start = end;
	while (start > text && (start[-1] != '\n' || --lines))
		start--;
	snprintf(buf, len, "%.*s", (int)(end - start), start);
}

/* One round: runs argv, keeps its output in log and its figures in f. */
static void stress_round(int kind, char *const argv[], int log,
			 struct stress_figures *f)
{
	static char out[STRESS_OUTPUT_MAX];
	size_t len = 0;
	int fds[2], status = 0;
	char what[96];
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		execv(argv[0], argv);
		fprintf(stderr, "%s: cannot run: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		char buf[4096];
		ssize_t n = read(fds[0], buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		/* The log is a convenience; the figures are what count. */
		(void)!write(log, buf, (size_t)n);
		if (len + (size_t)n < sizeof(out)) {
			memcpy(out + len, buf, (size_t)n);
			len += (size_t)n;
		}
	}
	out[len] = '\0';
	close(fds[0]);
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	f->rounds++;
	if (kind == STRESS_PAGER)
		stress_add_pager(f, out);
	else if (stress_add_shm(f, out) && pid > 0 && WIFEXITED(status) &&
		 WEXITSTATUS(status) == 1) {
		f->idle_rounds++;
		return;
	}
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		f->failed_rounds++;
		if (!f->error[0]) {
			proc_describe_status(status, what, sizeof(what));
			stress_last_lines(out, 4, f->error,
					  sizeof(f->error) - 100);
			snprintf(f->error + strlen(f->error), 100, "\n(%s)",
				 what);
		}
	}
}

static void stress_supervise(int kind, const char *log_path,
			     unsigned int round_s, struct stress_figures *f)
{
	const char *core = getenv("TEECHECK_CORE");
	struct sigaction sa = { .sa_handler = stress_on_term };
	char bin[PATH_MAX], secs[16], seed[24], tee[PATH_MAX], kill_ms[16];
	unsigned int round = 0;
	int log;

	sigaction(SIGTERM, &sa, NULL);
	/* libteec takes a bare socket path; pager-stress wants unix:PATH. */
	snprintf(tee, sizeof(tee), "%s%s",
		 core && !strncmp(core, "unix:", 5) ? "" : "unix:",
		 core ? core : "");
	log = open(log_path ? log_path : "/dev/null",
		   O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	snprintf(bin, sizeof(bin), "%s/%s", settings_bin_dir(),
		 stress_names[kind]);
	snprintf(secs, sizeof(secs), "%u", round_s);
	/*
	 * About four kills a round, so a client gets work done before its
	 * kill also where starting one is slow (QEMU); longer rounds are for
	 * slower machines.
	 */
	snprintf(kill_ms, sizeof(kill_ms), "%u", round_s * 250);
	while (!stress_stopping) {
		snprintf(seed, sizeof(seed), "%u", ++round);
		if (kind == STRESS_PAGER) {
			char *argv[] = {
				bin, "--tee", tee, "--duration", secs,
				"--threads", "2", "--seed", seed, NULL
			};

			stress_round(kind, argv, log, f);
		} else {
			char *argv[] = {
				bin, "--seconds", secs, "--procs", "2",
				"--threads", "2", "--kill-ms", kill_ms,
				"--shared-core", NULL
			};

			stress_round(kind, argv, log, f);
		}
	}
	_exit(0);
}

/* What the core holds now. */
static int stress_snapshot(struct stress_snapshot *snap)
{
	static const TEEC_UUID load_uuids[] = {
		TA_PAGER_STRESS_UUID, TA_PAGER_STRESS_MI_UUID,
		TA_SHM_CHURN_UUID,
	};
	struct tc_pager_stats_rec *recs = NULL;
	TEEC_Context ctx;
	size_t n = 0, i, k;
	int rc = -EIO;

	memset(snap, 0, sizeof(*snap));
	if (TEEC_InitializeContext(NULL, &ctx))
		return -ECONNREFUSED;
	if (teecheck_core_stats(&ctx, &snap->core) ||
	    teecheck_shm_stats(&ctx, TEECHECK_SHM_TOTAL, &snap->shm) ||
	    stats_pager_fetch(&ctx, &snap->budget, &recs, &n))
		goto out;
	for (i = 0; i < n; i++) {
		if (recs[i].kind != TC_PAGER_PROC_TA)
			continue;
		snap->held_pages += (uint32_t)recs[i].pool_pages;
		for (k = 0; k < sizeof(load_uuids) / sizeof(load_uuids[0]);
		     k++) {
			uint8_t u[16];

			xtest_uuid_to_bytes(&load_uuids[k], u);
			if (!memcmp(u, recs[i].uuid, sizeof(u)))
				snap->load_instances++;
		}
	}
	rc = 0;
out:
	free(recs);
	TEEC_FinalizeContext(&ctx);
	return rc;
}

int stress_start(struct stress *s, const char *log_dir, unsigned int round_s)
{
	size_t k;
	int rc;

	memset(s, 0, sizeof(*s));
	s->round_s = round_s;
	snprintf(s->log_dir, sizeof(s->log_dir), "%s", log_dir ? log_dir : "");
	rc = stress_snapshot(&s->base);
	if (rc) {
		fprintf(stderr, "xtest: --stress: the core's statistics do not "
			"answer: %s\n", strerror(-rc));
		return rc;
	}
	s->fig = mmap(NULL, STRESS_DRIVERS * sizeof(*s->fig),
		      PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s->fig == MAP_FAILED) {
		s->fig = NULL;
		return -ENOMEM;
	}
	for (k = 0; k < STRESS_DRIVERS; k++) {
		char log[PATH_MAX + 32];
		pid_t pid;

		snprintf(log, sizeof(log), "%s/%s.log", log_dir ? log_dir : "",
			 stress_names[k]);
		pid = proc_fork();
		if (pid == 0)
			stress_supervise((int)k, log_dir ? log : NULL, round_s,
					 s->fig + k);
		if (pid < 0) {
			rc = -errno;
			stress_stop(s);
			return rc;
		}
		s->sup[k] = pid;
		proc_keep(pid);
	}
	s->running = true;
	printf("xtest: --stress: pager-stress and shm-churn load the core in "
	       "rounds of %u s while the cases run\n", round_s);
	fflush(stdout);
	return 0;
}

void stress_stop(struct stress *s)
{
	size_t k;

	for (k = 0; k < STRESS_DRIVERS; k++) {
		if (s->sup[k])
			kill(s->sup[k], SIGTERM);
	}
	for (k = 0; k < STRESS_DRIVERS; k++) {
		if (!s->sup[k])
			continue;
		proc_reap(s->sup[k], (s->round_s + STRESS_STOP_GRACE_S) * 1000);
		proc_unkeep(s->sup[k]);
		s->sup[k] = 0;
	}
	s->running = false;
}

/* Appends " name N (was B)" to buf when now differs from base. */
static void stress_diff(char *buf, size_t len, const char *name,
			uint64_t now, uint64_t base)
{
	size_t at = strlen(buf);

	if (now != base && at < len)
		snprintf(buf + at, len - at, " %s %llu (was %llu)", name,
			 (unsigned long long)now, (unsigned long long)base);
}

/*
 * The differences that matter: TA instances may stay when a TA asks to be
 * kept alive, so instances count only for the load's own TAs, and the
 * pool counts what is not granted plus what live instances hold.
 */
static void stress_compare(const struct stress_snapshot *now,
			   const struct stress_snapshot *base, char *buf,
			   size_t len)
{
	buf[0] = '\0';
	stress_diff(buf, len, "sessions", now->core.sessions,
		    base->core.sessions);
	stress_diff(buf, len, "load-instances", now->load_instances,
		    base->load_instances);
	stress_diff(buf, len, "shm-objects", now->shm.objects,
		    base->shm.objects);
	stress_diff(buf, len, "shm-pages", now->shm.pages, base->shm.pages);
	stress_diff(buf, len, "window-pages", now->shm.va_used,
		    base->shm.va_used);
	stress_diff(buf, len, "host-mappings", now->shm.host_maps,
		    base->shm.host_maps);
	stress_diff(buf, len, "pool-pages",
		    (uint64_t)now->budget.free + now->held_pages,
		    (uint64_t)base->budget.free + base->held_pages);
}

int stress_report(struct stress *s, FILE *f)
{
	const struct stress_figures *ps = s->fig + STRESS_PAGER;
	const struct stress_figures *sc = s->fig + STRESS_SHM;
	long long end = proc_now_ms() + STRESS_SETTLE_MS;
	struct stress_snapshot now;
	char diff[512] = "";
	int rc = 0;

	if (s->running)
		stress_stop(s);
	do {
		if (stress_snapshot(&now)) {
			snprintf(diff, sizeof(diff), " (the core's statistics "
				 "did not answer)");
			break;
		}
		stress_compare(&now, &s->base, diff, sizeof(diff));
		if (!diff[0])
			break;
		usleep(50000);
	} while (proc_now_ms() < end);

	fprintf(f, "xtest: --stress: pager-stress: %llu rounds (%llu failed), "
		"%llu accesses (%llu writes) verified, %llu faults, %llu "
		"mismatches\n", (unsigned long long)ps->rounds,
		(unsigned long long)ps->failed_rounds,
		(unsigned long long)ps->accesses,
		(unsigned long long)ps->writes, (unsigned long long)ps->faults,
		(unsigned long long)ps->mismatches);
	fprintf(f, "xtest: --stress: shm-churn: %llu rounds (%llu failed, %llu "
		"idle), %llu clients (%llu killed), %llu memref round trips, "
		"%.1f MiB verified, %llu failures\n",
		(unsigned long long)sc->rounds,
		(unsigned long long)sc->failed_rounds,
		(unsigned long long)sc->idle_rounds,
		(unsigned long long)sc->clients, (unsigned long long)sc->kills,
		(unsigned long long)sc->round_trips, sc->verified_kib / 1024.0,
		(unsigned long long)sc->failures);
	if (ps->failed_rounds || ps->mismatches || !ps->rounds) {
		fprintf(f, "xtest: --stress: pager-stress FAILED; the end of "
			"its first failed round:\n%s\n", ps->error[0] ?
			ps->error : "no round completed");
		rc = -1;
	}
	if (sc->failed_rounds || sc->failures || !sc->round_trips) {
		fprintf(f, "xtest: --stress: shm-churn FAILED; the end of its "
			"first failed round:\n%s\n", sc->error[0] ?
			sc->error : "no round checked anything");
		rc = -1;
	}
	if (diff[0]) {
		fprintf(f, "xtest: --stress: the core is NOT back at its "
			"baseline:%s\n", diff);
		rc = -1;
	} else {
		fprintf(f, "xtest: --stress: the core is back at its baseline "
			"(sessions, load TA instances, SHM objects and "
			"mappings, pager pool)\n");
	}
	munmap(s->fig, STRESS_DRIVERS * sizeof(*s->fig));
	s->fig = NULL;
	return rc;
}
