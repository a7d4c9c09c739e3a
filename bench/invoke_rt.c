/*
 * Benchmark: the invoke round trip (client -> core -> TA -> back, value
 * parameters) against a private core, and in the same run the baseline the
 * design names: a ping-pong over the same kind of socket through the same
 * number of hops (client -> middle process -> end process and back).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <tee_client_api.h>
#include <teecheck/msg_abi.h>

#include "os_test_ta.h"
#include "../xtest/xtestsupport.h"
#include "bench_time.h"

#define WARMUP		1000

static unsigned int iters = 20000;


/* Relays each packet from one socket to the other and back, forever. */
static void relay(int left, int right)
{
	struct tc_msg m;
	ssize_t n;

	for (;;) {
		n = recv(left, &m, sizeof(m), 0);
		if (n <= 0 || send(right, &m, (size_t)n, 0) != n)
			_exit(0);
		n = recv(right, &m, sizeof(m), 0);
		if (n <= 0 || send(left, &m, (size_t)n, 0) != n)
			_exit(0);
	}
}

static void echo(int fd)
{
	struct tc_msg m;
	ssize_t n;

	for (;;) {
		n = recv(fd, &m, sizeof(m), 0);
		if (n <= 0 || send(fd, &m, (size_t)n, 0) != n)
			_exit(0);
	}
}

static pid_t spawn(void (*fn)(int, int), int a, int b, int close1, int close2)
{
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(close1);
		if (close2 >= 0)
			close(close2);
		fn(a, b);
		_exit(0);
	}
	return pid;
}

static void echo2(int fd, int unused)
{
	(void)unused;
	echo(fd);
}

/* Median round trip of a tc_msg-sized packet through two hops. */
static double baseline_us(double *samples)
{
	int ab[2], bc[2];
	struct tc_msg m;
	pid_t mid, end;
	unsigned int i;
	double t;

	memset(&m, 0, sizeof(m));
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, ab) ||
	    socketpair(AF_UNIX, SOCK_SEQPACKET, 0, bc))
		return -1;
	end = spawn(echo2, bc[1], -1, bc[0], ab[0]);
	mid = spawn(relay, ab[1], bc[0], ab[0], bc[1]);
	close(ab[1]);
	close(bc[0]);
	close(bc[1]);
	for (i = 0; i < WARMUP + iters; i++) {
		t = bench_now_us();
		if (send(ab[0], &m, sizeof(m), 0) != sizeof(m) ||
		    recv(ab[0], &m, sizeof(m), 0) != sizeof(m))
			return -1;
		if (i >= WARMUP)
			samples[i - WARMUP] = bench_now_us() - t;
	}
	close(ab[0]);
	waitpid(mid, NULL, 0);
	waitpid(end, NULL, 0);
	return bench_median(samples, iters);
}

static double invoke_us(double *samples)
{
	const TEEC_UUID uuid = TA_OS_TEST_UUID;
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op;
	uint32_t origin;
	unsigned int i;
	double t;

	if (TEEC_InitializeContext(NULL, &ctx) ||
	    TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			     NULL, &origin))
		return -1;
	for (i = 0; i < WARMUP + iters; i++) {
		memset(&op, 0, sizeof(op));
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
						 TEEC_VALUE_OUTPUT,
						 TEEC_VALUE_INOUT, TEEC_NONE);
		op.params[0].value.a = i;
		op.params[0].value.b = 1;
		t = bench_now_us();
		if (TEEC_InvokeCommand(&sess, OS_TEST_CMD_VALUES, &op,
				       &origin) ||
		    op.params[1].value.a != i + 1)
			return -1;
		if (i >= WARMUP)
			samples[i - WARMUP] = bench_now_us() - t;
	}
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return bench_median(samples, iters);
}

int main(void)
{
	struct private_core pc;
	const char *out = getenv("TEECHECK_OUT");
	char bin[4096], ta[4096];
	double *samples, inv, base;

	if (getenv("BENCH_ITERS"))
		iters = (unsigned int)atoi(getenv("BENCH_ITERS"));
	if (!out)
		out = "out";
	snprintf(bin, sizeof(bin), "%s/bin", out);
	snprintf(ta, sizeof(ta), "%s/ta", out);
	samples = calloc(iters, sizeof(*samples));
	if (!samples || private_core_start(&pc, bin, ta, false))
		return 1;
	setenv("TEECHECK_CORE", pc.socket, 1);
	base = baseline_us(samples);
	inv = invoke_us(samples);
	private_core_stop(&pc);
	if (inv < 0 || base < 0) {
		fprintf(stderr, "invoke_rt: the %s failed\n",
			inv < 0 ? "invoke loop" : "baseline");
		return 1;
	}
	printf("invoke_roundtrip: %.1f us (baseline: %.1f us, ratio: %.2f)\n",
	       inv, base, inv / base);
	printf("target invoke_roundtrip: ratio <= 1.30: %s\n",
	       inv / base <= 1.3 ? "met" : "not met");
	printf("  median of %u round trips each; baseline: SEQPACKET "
	       "ping-pong through a relay process (two hops)\n", iters);
	free(samples);
	return 0;
}
