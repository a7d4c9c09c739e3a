/*
 * shm-churn: the SHM-churn driver. Runs client processes against the core
 * TEECHECK_CORE names, kills one with SIGKILL at random moments and starts
 * another in its place, stops them all at the end, and checks that the
 * core's shared memory, sessions and TA instances are back where they
 * were. Exit status 0 only if every byte checked out and nothing was left.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <tee_client_api.h>
#include <teecheck/teec_ext.h>

#include "churn.h"

#define CHURN_MAX_PROCS		64
#define CHURN_STOP_WAIT_S	30	/* for clients to end after SIGTERM */
#define CHURN_SETTLE_S		20	/* for the core to come back */

struct churn_run {
	struct churn_cfg cfg;
	struct churn_counts *counts;	/* shared with the clients */
	pid_t pids[CHURN_MAX_PROCS];
	uint64_t rnd;
	unsigned int started, kills, client_failures;
};

/* What the core holds: it must be the same before and after. */
struct churn_state {
	struct teecheck_shm_stats shm;
	struct teecheck_core_stats core;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: shm-churn [options]\n"
		"  --seconds S    how long to churn (default 5)\n"
		"  --procs P      client processes at a time (default 3)\n"
		"  --threads T    threads per client (default 3; with 2 or\n"
		"                 more, one drives scattered page lists)\n"
		"  --kill-ms M    mean time between client kills (default\n"
		"                 500; 0: no kills); a kill also waits for a\n"
		"                 round trip checked since the last one\n"
		"  --big-mib B    largest block in MiB (default 4, max 31)\n"
		"  --seed N       random seed (default: the clock)\n"
		"  --shared-core  other clients use the core meanwhile (xtest\n"
		"                 --stress): the core is not expected back at\n"
		"                 its start; whoever shares it checks that\n"
		"  -v             say more\n"
		"The core is the one TEECHECK_CORE names (libteec's default).\n");
}

static int parse_uint(const char *s, unsigned long max, unsigned int *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || v > max)
		return -EINVAL;
	*out = (unsigned int)v;
	return 0;
}

static int parse_args(int argc, char **argv, struct churn_cfg *cfg)
{
	static const struct option opts[] = {
		{ "seconds", required_argument, NULL, 's' },
		{ "procs", required_argument, NULL, 'p' },
		{ "threads", required_argument, NULL, 't' },
		{ "kill-ms", required_argument, NULL, 'k' },
		{ "big-mib", required_argument, NULL, 'b' },
		{ "seed", required_argument, NULL, 'r' },
		{ "shared-core", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	unsigned int *field;
	unsigned long max;
	const char *name;
	int o;

	cfg->seconds = 5;
	cfg->procs = 3;
	cfg->threads = 3;
	cfg->kill_ms = 500;
	cfg->big_mib = 4;
	cfg->seed = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 32;
	while ((o = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
		switch (o) {
		case 's':
			field = &cfg->seconds;
			max = 3600;
			name = "seconds";
			break;
		case 'p':
			field = &cfg->procs;
			max = CHURN_MAX_PROCS;
			name = "procs";
			break;
		case 't':
			field = &cfg->threads;
			max = 64;
			name = "threads";
			break;
		case 'k':
			field = &cfg->kill_ms;
			max = 600000;
			name = "kill-ms";
			break;
		case 'b':
			field = &cfg->big_mib;
			max = 31;
			name = "big-mib";
			break;
		case 'r':
			cfg->seed = strtoull(optarg, NULL, 0);
			continue;
		case 'v':
			cfg->verbose = true;
			continue;
		case 'S':
			cfg->shared_core = true;
			continue;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -EINVAL;
		}
		if (parse_uint(optarg, max, field)) {
			fprintf(stderr, "shm-churn: --%s %s: not a number up "
				"to %lu\n", name, optarg, max);
			return -EINVAL;
		}
	}
	if (!cfg->procs || !cfg->threads || !cfg->seconds) {
		fprintf(stderr, "shm-churn: --seconds, --procs and --threads "
			"must not be 0\n");
		return -EINVAL;
	}
	return 0;
}

static int core_state(TEEC_Context *ctx, struct churn_state *st)
{
	if (teecheck_shm_stats(ctx, TEECHECK_SHM_TOTAL, &st->shm) ||
	    teecheck_core_stats(ctx, &st->core))
		return -EIO;
	return 0;
}

/* What differs, into buf ("" if nothing). */
static void state_diff(const struct churn_state *a,
		       const struct churn_state *b, char *buf, size_t len)
{
	size_t at = 0;

#define CHURN_DIFF(name, field)						\
	do {								\
		if (a->field != b->field && at < len)			\
			at += (size_t)snprintf(buf + at, len - at,	\
					       " %s %u (was %u)", name,	\
					       a->field, b->field);	\
	} while (0)
	buf[0] = 0;
	CHURN_DIFF("objects", shm.objects);
	CHURN_DIFF("pages", shm.pages);
	CHURN_DIFF("window-pages", shm.va_used);
	CHURN_DIFF("host-mappings", shm.host_maps);
	CHURN_DIFF("guest-rams", shm.rams);
	CHURN_DIFF("sessions", core.sessions);
	CHURN_DIFF("instances", core.instances);
	CHURN_DIFF("guests", core.guests);
#undef CHURN_DIFF
}

/*
 * A new client. It starts with SIGTERM blocked and unblocks it once its
 * handler is in place (churn_client), so a SIGTERM sent at any moment after
 * the fork waits for the handler instead of killing it: no delay to guess.
 */
static pid_t spawn(struct churn_run *run)
{
	uint64_t seed = run->cfg.seed + ++run->started * 0x9e3779b97f4a7c15ull;
	sigset_t term, old;
	pid_t pid;

	/*
	 * A stop that comes before the client has its SIGTERM handler (a slow
	 * start, under QEMU) must still end it cleanly: the signal waits.
	 */
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, &old);
	pid = fork();
	if (pid) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return pid;
	}
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	_exit(churn_client(&run->cfg, seed, run->counts));
}

/* A client that ended by itself failed, unless it was asked to stop. */
static void account(struct churn_run *run, pid_t pid, int status,
		    bool killed)
{
	if (killed && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		return;
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return;
	run->client_failures++;
	fprintf(stderr, "shm-churn: client %d %s %d\n", (int)pid,
		WIFEXITED(status) ? "exited with" : "died of signal",
		WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}

static void churn(struct churn_run *run)
{
	double end = now_s() + run->cfg.seconds, pause;
	unsigned long long ops_at_kill = 0;
	unsigned int i;
	int status;
	pid_t pid;

	for (i = 0; i < run->cfg.procs; i++)
		run->pids[i] = spawn(run);
	while (now_s() < end) {
		pause = run->cfg.kill_ms ?
			(run->cfg.kill_ms / 2 +
			 churn_below(&run->rnd, run->cfg.kill_ms + 1)) / 1e3 :
			0.1;
		if (pause > end - now_s())
			pause = end - now_s();
		usleep((useconds_t)(pause * 1e6));
		/* Clients that ended on their own, then one killed. */
		for (i = 0; i < run->cfg.procs; i++) {
			if (waitpid(run->pids[i], &status, WNOHANG) !=
			    run->pids[i])
				continue;
			account(run, run->pids[i], status, false);
			run->pids[i] = spawn(run);
		}
		if (!run->cfg.kill_ms || now_s() >= end)
			continue;
		/*
		 * A kill waits for a round trip checked since the last one:
		 * however slow the machine (an emulator, a loaded CI host),
		 * the run does work between kills instead of killing clients
		 * that never got as far as a call.
		 */
		if (atomic_load(&run->counts->ops) == ops_at_kill)
			continue;
		ops_at_kill = atomic_load(&run->counts->ops);
		i = (unsigned int)churn_below(&run->rnd, run->cfg.procs);
		pid = run->pids[i];
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		account(run, pid, status, true);
		run->kills++;
		run->pids[i] = spawn(run);
	}
}

/* SIGTERM to every client, then their ends (SIGKILL if they hang). */
static void stop_all(struct churn_run *run)
{
	double end = now_s() + CHURN_STOP_WAIT_S;
	unsigned int i, left = run->cfg.procs;
	int status;

	for (i = 0; i < run->cfg.procs; i++)
		kill(run->pids[i], SIGTERM);
	while (left && now_s() < end) {
		for (i = 0; i < run->cfg.procs; i++) {
			if (!run->pids[i] ||
			    waitpid(run->pids[i], &status, WNOHANG) !=
			    run->pids[i])
				continue;
			account(run, run->pids[i], status, false);
			run->pids[i] = 0;
			left--;
		}
		usleep(10000);
	}
	for (i = 0; i < run->cfg.procs; i++) {
		if (!run->pids[i])
			continue;
		fprintf(stderr, "shm-churn: client %d did not stop\n",
			(int)run->pids[i]);
		kill(run->pids[i], SIGKILL);
		waitpid(run->pids[i], &status, 0);
		run->client_failures++;
	}
}

/* Waits for the core to drop what the clients left; "" if all went. */
static void settle(TEEC_Context *ctx, const struct churn_state *base,
		   char *diff, size_t len)
{
	double end = now_s() + CHURN_SETTLE_S;
	struct churn_state now;

	do {
		if (core_state(ctx, &now)) {
			snprintf(diff, len, " (the core's statistics did not "
				 "answer)");
			return;
		}
		state_diff(&now, base, diff, len);
		if (!diff[0])
			return;
		usleep(20000);
	} while (now_s() < end);
}

int main(int argc, char **argv)
{
	struct churn_run run = { 0 };
	struct churn_state base;
	TEEC_Context ctx;
	char diff[512];
	unsigned long long ops, bytes, regs, fails;

	if (parse_args(argc, argv, &run.cfg))
		return 2;
	run.rnd = run.cfg.seed;
	run.counts = mmap(NULL, sizeof(*run.counts), PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (run.counts == MAP_FAILED)
		return 1;
	signal(SIGPIPE, SIG_IGN);
	if (TEEC_InitializeContext(NULL, &ctx) || core_state(&ctx, &base)) {
		fprintf(stderr, "shm-churn: no core to talk to (is "
			"TEECHECK_CORE set?)\n");
		return 1;
	}
	if (run.cfg.verbose)
		printf("shm-churn: seed %llu, %u s, %u clients x %u threads, "
		       "a kill every ~%u ms\n",
		       (unsigned long long)run.cfg.seed, run.cfg.seconds,
		       run.cfg.procs, run.cfg.threads, run.cfg.kill_ms);
	churn(&run);
	stop_all(&run);
	diff[0] = '\0';
	if (!run.cfg.shared_core)
		settle(&ctx, &base, diff, sizeof(diff));
	TEEC_FinalizeContext(&ctx);

	ops = atomic_load(&run.counts->ops);
	bytes = atomic_load(&run.counts->bytes);
	regs = atomic_load(&run.counts->registrations);
	fails = atomic_load(&run.counts->failures);
	printf("shm-churn: %u clients (%u killed), %llu memref round trips "
	       "checked (%.1f MiB), %llu blocks registered, %llu failures, "
	       "%u clients failed; core %s%s\n", run.started, run.kills,
	       ops, bytes / 1048576.0, regs, fails, run.client_failures,
	       diff[0] ? "NOT back at its start:" : run.cfg.shared_core ?
	       "shared (not checked here)" : "back at its start",
	       diff);
	if (fails || run.client_failures || diff[0] || !ops) {
		fprintf(stderr, "shm-churn: FAILED (seed %llu)\n",
			(unsigned long long)run.cfg.seed);
		return 1;
	}
	return 0;
}
