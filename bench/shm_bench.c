/*
 * Benchmark: dynamic shared memory against a private core. Register and
 * unregister pairs per second for 1, 16 and 256 pages (the core maps and
 * unmaps them in its SHM window each time), against mmap and munmap of the
 * same number of memfd pages in one process; and the invoke round trip
 * with a registered 1 MiB memref whose every page the TA reads once,
 * against a raw socket round trip plus the same reads in one process.
 * Every ratio is the time per operation over the baseline's.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <shm_churn_ta.h>
#include <tee_client_api.h>
#include <teecheck/msg_abi.h>

#include "../xtest/xtestsupport.h"
#include "bench_time.h"

#define PG		4096u
#define MIB		(1u << 20)
#define WARMUP		200

static unsigned int iters = 5000;


/* Register and release pages of arena, n times: pairs per second. */
static double core_pairs(TEEC_Context *ctx, TEEC_SharedMemory *arena,
			 unsigned int pages, unsigned int n)
{
	TEEC_SharedMemory shm;
	unsigned int i;
	double t = 0;

	for (i = 0; i < WARMUP + n; i++) {
		if (i == WARMUP)
			t = bench_now_us();
		memset(&shm, 0, sizeof(shm));
		shm.buffer = arena->buffer;
		shm.size = (size_t)pages * PG;
		shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
		if (TEEC_RegisterSharedMemory(ctx, &shm))
			return -1;
		TEEC_ReleaseSharedMemory(&shm);
	}
	return n / ((bench_now_us() - t) / 1e6);
}

/* mmap and munmap of the same memfd pages, n times: pairs per second. */
static double mmap_pairs(int fd, unsigned int pages, unsigned int n)
{
	unsigned int i;
	double t = 0;
	void *p;

	for (i = 0; i < WARMUP + n; i++) {
		if (i == WARMUP)
			t = bench_now_us();
		p = mmap(NULL, (size_t)pages * PG, PROT_READ | PROT_WRITE,
			 MAP_SHARED, fd, 0);
		if (p == MAP_FAILED || munmap(p, (size_t)pages * PG))
			return -1;
	}
	return n / ((bench_now_us() - t) / 1e6);
}

/*
 * Median invoke round trip of TOUCH over the whole of shm, or with shm NULL
 * of PROBE with a NULL memref: the same call with no memory.
 */
static double invoke_touch_us(TEEC_Session *sess, TEEC_SharedMemory *shm,
			      double *s)
{
	TEEC_Operation op;
	uint32_t origin;
	unsigned int i;
	double t;

	for (i = 0; i < WARMUP + iters; i++) {
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(shm ? TEEC_MEMREF_WHOLE :
						 TEEC_MEMREF_TEMP_INPUT,
						 TEEC_VALUE_OUTPUT, TEEC_NONE,
						 TEEC_NONE);
		op.params[0].memref.parent = shm;
		t = bench_now_us();
		if (TEEC_InvokeCommand(sess, shm ? SHM_CHURN_CMD_TOUCH :
				       SHM_CHURN_CMD_PROBE, &op, &origin))
			return -1;
		if (i >= WARMUP)
			s[i - WARMUP] = bench_now_us() - t;
	}
	return bench_median(s, iters);
}

/* Median round trip of a message-sized packet to an echo process. */
static double socket_rt_us(double *s)
{
	struct tc_msg m;
	unsigned int i;
	int sv[2];
	pid_t pid;
	ssize_t n;
	double t;

	memset(&m, 0, sizeof(m));
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(sv[0]);
		while ((n = recv(sv[1], &m, sizeof(m), 0)) > 0)
			if (send(sv[1], &m, (size_t)n, 0) != n)
				break;
		_exit(0);
	}
	close(sv[1]);
	for (i = 0; i < WARMUP + iters; i++) {
		t = bench_now_us();
		if (send(sv[0], &m, sizeof(m), 0) != sizeof(m) ||
		    recv(sv[0], &m, sizeof(m), 0) != sizeof(m))
			return -1;
		if (i >= WARMUP)
			s[i - WARMUP] = bench_now_us() - t;
	}
	close(sv[0]);
	waitpid(pid, NULL, 0);
	return bench_median(s, iters);
}

/* The TA's reads, one byte of each page of buf, in this process. */
static double touches_us(const uint8_t *buf, size_t len)
{
	const volatile uint8_t *p = buf;
	unsigned int k, rounds = 1000;
	uint32_t sum = 0;
	double t = bench_now_us();
	size_t i;

	for (k = 0; k < rounds; k++)
		for (i = 0; i < len; i += PG)
			sum += p[i];
	t = (bench_now_us() - t) / rounds;
	return sum == 0xffffffffu ? t + 1 : t;
}

static void report_rate(const char *name, double v, double base)
{
	printf("%s: %.0f pairs/s (baseline: %.0f pairs/s, ratio: %.2f)\n",
	       name, v, base, base / v);
}

static int run(double *samples)
{
	static const unsigned int pages[] = { 1, 16, 256 };
	const TEEC_UUID uuid = TA_SHM_CHURN_UUID;
	TEEC_SharedMemory arena, mib;
	double core, base, inv, rt, touch, empty;
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t origin;
	char name[64];
	unsigned int i, n;
	int fd;

	fd = memfd_create("bench-pages", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, 256 * PG) ||
	    TEEC_InitializeContext(NULL, &ctx) ||
	    TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			     NULL, &origin))
		return -1;
	memset(&arena, 0, sizeof(arena));
	arena.size = 256 * PG;
	arena.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
	if (TEEC_AllocateSharedMemory(&ctx, &arena))
		return -1;
	for (i = 0; i < 3; i++) {
		n = pages[i] == 256 ? iters / 4 : iters;
		core = core_pairs(&ctx, &arena, pages[i], n);
		base = mmap_pairs(fd, pages[i], n);
		if (core < 0 || base < 0)
			return -1;
		snprintf(name, sizeof(name), "shm_register_unregister_%up",
			 pages[i]);
		report_rate(name, core, base);
	}
	memset(&mib, 0, sizeof(mib));
	mib.size = MIB;
	mib.flags = TEEC_MEM_INPUT;
	if (TEEC_AllocateSharedMemory(&ctx, &mib))
		return -1;
	memset(mib.buffer, 1, MIB);
	inv = invoke_touch_us(&sess, &mib, samples);
	empty = invoke_touch_us(&sess, NULL, samples);
	rt = socket_rt_us(samples);
	touch = touches_us(mib.buffer, MIB);
	if (inv < 0 || empty < 0 || rt < 0)
		return -1;
	printf("shm_invoke_1mib_memref: %.1f us (baseline: %.1f us, ratio: "
	       "%.2f)\n", inv, rt + touch, inv / (rt + touch));
	printf("  medians of %u; baselines: mmap+munmap of as many memfd "
	       "pages in one process; one SEQPACKET round trip (%.1f us) "
	       "plus the TA's 256 reads in one process (%.2f us); the same "
	       "invoke with a NULL memref: %.1f us\n", iters, rt, touch,
	       empty);
	TEEC_ReleaseSharedMemory(&mib);
	TEEC_ReleaseSharedMemory(&arena);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	close(fd);
	return 0;
}

int main(void)
{
	struct private_core pc;
	const char *out = getenv("TEECHECK_OUT");
	char bin[4096], ta[4096];
	double *samples;
	int rc;

	if (getenv("BENCH_ITERS"))
		iters = (unsigned int)atoi(getenv("BENCH_ITERS"));
	if (iters < 8)
		iters = 8;
	if (!out)
		out = "out";
	snprintf(bin, sizeof(bin), "%s/bin", out);
	snprintf(ta, sizeof(ta), "%s/ta", out);
	samples = calloc(iters, sizeof(*samples));
	if (!samples || private_core_start(&pc, bin, ta, false))
		return 1;
	setenv("TEECHECK_CORE", pc.socket, 1);
	rc = run(samples);
	private_core_stop(&pc);
	free(samples);
	if (rc) {
		fprintf(stderr, "shm_bench: a measurement failed\n");
		return 1;
	}
	return 0;
}
