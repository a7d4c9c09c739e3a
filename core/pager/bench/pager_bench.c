/*
 * pager-bench: the cost of a read-only fault (SHA-256 checked), a read-write
 * fault with a save, and a hidden hit, each against a raw baseline measured
 * in the same run: SIGSEGV delivery and return + mmap of one memfd page +
 * a 4 KiB copy + SHA-256 of 4 KiB. The read-only fault and its baseline
 * are measured twice: idle, and with a busy loop on every other CPU (this
 * process on the first CPU it may use), in rounds of AREA_PAGES faults
 * that alternate between the two, so that both meet the same machine; the
 * best round of each is the figure. Beside it, the median of the rounds
 * this process ran through without a context switch: a round that waited
 * for another task's time slice says more about the machine than the
 * pager. It also prints what each side asks of the kernel per fault: the
 * signal and its return, and the mapping system calls (the pager's own
 * counters; the baseline counts its one mmap()).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "../pager.h"

#define POOL_PAGES	16
#define AREA_PAGES	256	/* 16x the pool: every touch faults */
#define HIDDEN_PAGES	12	/* all resident in the pool */
#define HIDDEN_ROUNDS	64	/* of HIDDEN_PAGES hidden hits, in a run */
#define ROUNDS		8	/* rounds of AREA_PAGES touches in a run */
#define REPEATS		7	/* runs of the read-write and hidden cases */
#define RO_ROUNDS	(ROUNDS * REPEATS)	/* alternating, per condition */
#define RO_TARGET	1.5
#define MAX_BUSY	64

static size_t psz;

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void die(const char *what)
{
	fprintf(stderr, "pager-bench: %s\n", what);
	exit(1);
}

static void *map_anon(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap failed");
	return p;
}

static uint64_t touch(const uint8_t *p)
{
	return *(const volatile uint64_t *)p;
}

/* Context switches of this thread so far, voluntary or not. */
static long switches(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_THREAD, &ru))
		die("getrusage failed");
	return ru.ru_nvcsw + ru.ru_nivcsw;
}

/* Mapping system calls per fault of one kind of run, summed over runs. */
struct calls {
	uint64_t faults;
	uint64_t maps;
	uint64_t unmaps;
	uint64_t protects;
};

static void calls_add(struct calls *c, const struct pager_stats *before,
		      const struct pager_stats *after, uint64_t faults)
{
	c->faults += faults;
	c->maps += after->map_calls - before->map_calls;
	c->unmaps += after->unmap_calls - before->unmap_calls;
	c->protects += after->protect_calls - before->protect_calls;
}

static struct calls base_calls;

/*
 * The baseline: what any demand pager must do at least, done by a bare
 * SIGSEGV handler with nothing to look up, evict or keep.
 */
static struct {
	int memfd;
	uint8_t *alias;
	uint8_t *area;
	const uint8_t *src;
	EVP_MD_CTX *md;
	EVP_MD *sha256;
	uint64_t sink;
	/* Counted by the handler, behind the compiler's back. */
	volatile uint64_t faults;
	volatile uint64_t map_calls;
} base;

static void baseline_handler(int sig, siginfo_t *info, void *uctx)
{
	uintptr_t addr = (uintptr_t)info->si_addr & ~(uintptr_t)(psz - 1);
	size_t idx = (addr - (uintptr_t)base.area) / psz;
	size_t slot = idx % POOL_PAGES;
	uint8_t *dst = base.alias + slot * psz;
	uint8_t hash[32];
	unsigned int len;

	(void)sig;
	(void)uctx;
	memcpy(dst, base.src + idx * psz, psz);
	if (!EVP_DigestInit_ex2(base.md, base.sha256, NULL) ||
	    !EVP_DigestUpdate(base.md, dst, psz) ||
	    !EVP_DigestFinal_ex(base.md, hash, &len))
		abort();
	base.sink += hash[0];
	base.faults++;
	base.map_calls++;
	if (mmap((void *)addr, psz, PROT_READ,
		 MAP_SHARED | MAP_FIXED | MAP_POPULATE, base.memfd,
		 (off_t)(slot * psz)) == MAP_FAILED)
		abort();
}

static void baseline_setup(const uint8_t *src)
{
	base.memfd = memfd_create("bench-pool", MFD_CLOEXEC);
	if (base.memfd < 0 || ftruncate(base.memfd, POOL_PAGES * psz))
		die("memfd failed");
	base.alias = mmap(NULL, POOL_PAGES * psz, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_POPULATE, base.memfd, 0);
	if (base.alias == MAP_FAILED)
		die("mmap of the baseline pool failed");
	base.area = map_anon(AREA_PAGES * psz, PROT_NONE);
	base.src = src;
	base.md = EVP_MD_CTX_new();
	base.sha256 = EVP_MD_fetch(NULL, "SHA2-256", NULL);
	if (!base.md || !base.sha256)
		die("OpenSSL setup failed");
}

/* Same handler flags as the pager's, so delivery costs the same. */
static void install(void (*fn)(int, siginfo_t *, void *), struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigfillset(&sa.sa_mask);
	sigdelset(&sa.sa_mask, SIGSEGV);
	sigdelset(&sa.sa_mask, SIGBUS);
	if (sigaction(SIGSEGV, &sa, old))
		die("sigaction failed");
}

/*
 * One round of the baseline: AREA_PAGES faults, in us per fault; *switched
 * says whether the round was interrupted by a context switch.
 */
static double baseline_round(bool *switched)
{
	uint64_t faults = base.faults, maps = base.map_calls;
	struct sigaction old;
	double t0, t;
	size_t i;
	long sw;

	/* Untimed: make the whole area fault again. */
	if (mmap(base.area, AREA_PAGES * psz, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
		die("mmap reset failed");
	install(baseline_handler, &old);
	sw = switches();
	t0 = now_us();
	for (i = 0; i < AREA_PAGES; i++)
		base.sink += touch(base.area + i * psz);
	t = now_us() - t0;
	*switched = switches() != sw;
	sigaction(SIGSEGV, &old, NULL);
	if (base.faults - faults != AREA_PAGES)
		die("baseline round: not one fault per touch");
	base_calls.faults += base.faults - faults;
	base_calls.maps += base.map_calls - maps;
	return t / AREA_PAGES;
}

static struct pager_stats stats(void)
{
	struct pager_stats st;

	if (pager_get_stats(&st))
		die("pager_get_stats failed");
	return st;
}

static void *add_region(enum pager_kind kind, int prot, size_t npages,
			const uint8_t *content, const uint8_t *hashes,
			const char *name)
{
	struct pager_region_desc d = {
		.name = name, .kind = kind, .prot = prot,
		.size = npages * psz, .content = content, .hashes = hashes,
	};
	void *addr;

	if (pager_region_add(&d, &addr))
		die("pager_region_add failed");
	return addr;
}

/* One round of read-only faults: each touch fills a page, hash checked. */
static double ro_round(uint8_t *ro, const uint8_t *src, struct calls *calls,
		       bool *switched)
{
	struct pager_stats before = stats(), after;
	uint64_t bad = 0;
	double t0, t;
	size_t i;
	long sw;

	sw = switches();
	t0 = now_us();
	for (i = 0; i < AREA_PAGES; i++)
		bad += touch(ro + i * psz) != *(const uint64_t *)(src + i * psz);
	t = now_us() - t0;
	*switched = switches() != sw;
	after = stats();
	if (bad || after.ro_faults - before.ro_faults != AREA_PAGES)
		die("read-only round: wrong data or not one fault per touch");
	calls_add(calls, &before, &after, AREA_PAGES);
	return t / AREA_PAGES;
}

/* Read-only faults against the baseline, round after round. */
struct ro_series {
	double base[RO_ROUNDS];
	double ro[RO_ROUNDS];
	bool base_switched[RO_ROUNDS];
	bool ro_switched[RO_ROUNDS];
	struct calls calls;
};

static void ro_series_run(struct ro_series *s, uint8_t *ro,
			  const uint8_t *src)
{
	size_t k;

	for (k = 0; k < RO_ROUNDS; k++) {
		s->base[k] = baseline_round(&s->base_switched[k]);
		s->ro[k] = ro_round(ro, src, &s->calls, &s->ro_switched[k]);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double best_of(const double *v, size_t n)
{
	double best = v[0];
	size_t i;

	for (i = 1; i < n; i++)
		best = v[i] < best ? v[i] : best;
	return best;
}

/* The median of the values not switched; returns how many there were. */
static size_t clean_median(const double *v, const bool *switched, size_t n,
			   double *median)
{
	double clean[RO_ROUNDS];
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (!switched[i])
			clean[m++] = v[i];
	if (!m)
		return 0;
	qsort(clean, m, sizeof(*clean), cmp_double);
	*median = m % 2 ? clean[m / 2] : (clean[m / 2 - 1] + clean[m / 2]) / 2;
	return m;
}

/*
 * Set when the fault did not say it was a write (some emulators give no
 * syndrome): each RW touch then took a read fault and a write fault.
 */
static bool rw_took_two_faults;

/*
 * Read-write faults: each write decrypts its page and seals a victim. The
 * best of ROUNDS rounds, like the read-only rounds.
 */
static double run_rw(uint8_t *rw)
{
	struct pager_stats before = stats(), after;
	double best = 1e9;
	uint64_t upgrades;
	size_t r, i;

	for (r = 0; r < ROUNDS; r++) {
		double t0 = now_us(), t;

		for (i = 0; i < AREA_PAGES; i++)
			*(volatile uint64_t *)(rw + i * psz + 8) = r;
		t = (now_us() - t0) / AREA_PAGES;
		best = t < best ? t : best;
	}
	after = stats();
	upgrades = after.write_faults - before.write_faults;
	if (after.rw_faults - before.rw_faults != ROUNDS * AREA_PAGES ||
	    (upgrades && upgrades != ROUNDS * AREA_PAGES) ||
	    after.saves - before.saves < ROUNDS * AREA_PAGES - POOL_PAGES)
		die("read-write run: not one fill and one save per touch");
	rw_took_two_faults = upgrades != 0;
	return best;
}

/*
 * Hidden hits: resident pages, hidden (untimed), touched again, in rounds
 * of HIDDEN_PAGES touches. A round is short enough that one preemption
 * would swamp a run's total: the median round is the run's figure.
 */
static double run_hidden(uint8_t *hid)
{
	struct pager_stats before, after;
	double t[HIDDEN_ROUNDS];
	size_t r, i;

	for (i = 0; i < HIDDEN_PAGES; i++)
		base.sink += touch(hid + i * psz);
	before = stats();
	for (r = 0; r < HIDDEN_ROUNDS; r++) {
		double t0;

		if (pager_hide_all())
			die("pager_hide_all failed");
		t0 = now_us();
		for (i = 0; i < HIDDEN_PAGES; i++)
			base.sink += touch(hid + i * psz);
		t[r] = (now_us() - t0) / HIDDEN_PAGES;
	}
	after = stats();
	if (after.hidden_hits - before.hidden_hits != HIDDEN_ROUNDS * HIDDEN_PAGES)
		die("hidden run: not one hidden hit per touch");
	qsort(t, HIDDEN_ROUNDS, sizeof(t[0]), cmp_double);
	return (t[HIDDEN_ROUNDS / 2 - 1] + t[HIDDEN_ROUNDS / 2]) / 2;
}

/*
 * Pins this process to the first CPU it may run on and starts a busy loop
 * pinned to each other one. Returns how many were started.
 */
static int busy_start(pid_t *pids)
{
	cpu_set_t all, one;
	int cpu, first = -1, n = 0;

	if (sched_getaffinity(0, sizeof(all), &all))
		return 0;
	for (cpu = 0; cpu < CPU_SETSIZE && n < MAX_BUSY; cpu++) {
		if (!CPU_ISSET(cpu, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		if (first < 0) {
			first = cpu;
			sched_setaffinity(0, sizeof(one), &one);
			continue;
		}
		pids[n] = fork();
		if (pids[n] == 0) {
			sched_setaffinity(0, sizeof(one), &one);
			for (;;)
				__asm__ volatile("" ::: "memory");
		}
		if (pids[n] > 0)
			n++;
	}
	return n;
}

static void busy_stop(const pid_t *pids, int n, const cpu_set_t *was)
{
	int i;

	for (i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	for (i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
	sched_setaffinity(0, sizeof(*was), was);
}

static double min_of(double a, double b)
{
	return a < b ? a : b;
}

static void report(const char *name, double us, double baseline)
{
	printf("%s: %.2f us (baseline: %.2f us, ratio: %.2f)\n", name, us,
	       baseline, us / baseline);
}

/*
 * Each fault is one SIGSEGV and its rt_sigreturn; the rest are the mapping
 * system calls. Both sides map a page where nothing is mapped, which needs
 * no TLB flush; a hide unmaps pages that were shown, one flush per call.
 */
static void report_calls(const char *who, const struct calls *c)
{
	double n = c->faults ? (double)c->faults : 1;

	printf("  %s system calls per fault: 1 rt_sigreturn, %.3f mmap (page "
	       "in), %.3f unmap (hide, a TLB flush each), %.3f mprotect\n",
	       who, (double)c->maps / n, (double)c->unmaps / n,
	       (double)c->protects / n);
}

static void report_load(const char *when)
{
	double avg[3];

	if (getloadavg(avg, 3) == 3)
		printf("  load average %s: %.2f %.2f %.2f\n", when, avg[0],
		       avg[1], avg[2]);
}

static void report_series(const char *name, const struct ro_series *s,
			  double *ratio)
{
	double base_best = best_of(s->base, RO_ROUNDS);
	double ro_best = best_of(s->ro, RO_ROUNDS);
	double base_median = 0, ro_median = 0;
	size_t nb, nr;

	report(name, ro_best, base_best);
	nb = clean_median(s->base, s->base_switched, RO_ROUNDS, &base_median);
	nr = clean_median(s->ro, s->ro_switched, RO_ROUNDS, &ro_median);
	if (nb && nr)
		printf("  median round run through: %.2f us (baseline: %.2f us, "
		       "ratio: %.2f; %zu and %zu of %u rounds)\n", ro_median,
		       base_median, ro_median / base_median, nr, nb, RO_ROUNDS);
	else
		printf("  median round run through: none without a context "
		       "switch\n");
	*ratio = ro_best / base_best;
}

int main(void)
{
	static struct ro_series idle, load;
	double best_rw = 1e9, best_hid = 1e9, idle_base, ratio, load_ratio;
	pid_t busy[MAX_BUSY];
	cpu_set_t was;
	int nbusy;
	uint8_t *src, *hashes, *ro, *rw, *hid;
	size_t i, rep;

	if (pager_init(POOL_PAGES, 0))
		die("pager_init failed");
	psz = pager_page_size();
	printf("pager-bench: pool %u pages of %zu bytes, %u-page working set, "
	       "best of %u rounds of %u faults\n", POOL_PAGES, psz, AREA_PAGES,
	       RO_ROUNDS, AREA_PAGES);
	report_load("at the start");
	src = map_anon(AREA_PAGES * psz, PROT_READ | PROT_WRITE);
	hashes = map_anon(AREA_PAGES * PAGER_HASH_SIZE, PROT_READ | PROT_WRITE);
	if (RAND_bytes(src, (int)(AREA_PAGES * psz)) != 1 ||
	    pager_hash_pages(src, AREA_PAGES * psz, hashes))
		die("making the content failed");
	baseline_setup(src);

	ro = add_region(PAGER_KIND_RO, PROT_READ, AREA_PAGES, src, hashes,
			"bench-ro");
	rw = add_region(PAGER_KIND_ZERO, PROT_READ | PROT_WRITE, AREA_PAGES,
			NULL, NULL, "bench-rw");
	hid = add_region(PAGER_KIND_RO, PROT_READ, HIDDEN_PAGES, src, hashes,
			 "bench-hidden");
	/* Every RW page written once, so each later fault has a save to load. */
	for (i = 0; i < AREA_PAGES; i++)
		*(volatile uint64_t *)(rw + i * psz) = i;

	ro_series_run(&idle, ro, src);
	for (rep = 0; rep < REPEATS; rep++) {
		best_rw = min_of(best_rw, run_rw(rw));
		if (pager_evict_all())
			die("pager_evict_all failed");
		best_hid = min_of(best_hid, run_hidden(hid));
	}

	sched_getaffinity(0, sizeof(was), &was);
	nbusy = busy_start(busy);
	ro_series_run(&load, ro, src);
	busy_stop(busy, nbusy, &was);

	report_series("ro-fault (SHA-256 checked)", &idle, &ratio);
	report_calls("pager", &idle.calls);
	report_calls("baseline", &base_calls);
	report_series("ro-fault-under-load", &load, &load_ratio);
	printf("  under load: a busy loop on each of %d other CPUs\n", nbusy);
	report_calls("pager under load", &load.calls);
	report_load("at the end");
	idle_base = best_of(idle.base, RO_ROUNDS);
	report("rw-fault (decrypt + save a victim)", best_rw, idle_base);
	report("hidden-hit (median round)", best_hid, idle_base);
	if (rw_took_two_faults)
		printf("note: faults did not tell writes from reads here; "
		       "each rw-fault above is a read fault plus a write fault\n");
	printf("ro-fault target: ratio <= %.1f: %s\n", RO_TARGET,
	       ratio <= RO_TARGET ? "met" : "NOT met");
	printf("ro-fault-under-load target: ratio <= %.1f: %s\n", RO_TARGET,
	       nbusy && load_ratio <= RO_TARGET ? "met" : "not met");
	pager_fini();
	return 0;
}
