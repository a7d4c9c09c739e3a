/*
 * Cancellation as the TA sees it: the core raises the running call's flag
 * in the control page; TEE_GetCancellationFlag reads it through the
 * session's mask, and TEE_Wait sleeps on it as a futex so a cancellation
 * ends an unmasked wait at once.
 */
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <tee_api_defines.h>

#include "host_parts.h"

uint32_t sys_cancel_flag(void)
{
	return !host_session_masked() && host_cancel_raised();
}

uint32_t sys_cancel_mask(uintptr_t mask)
{
	return host_session_set_mask(mask != 0);
}

static int64_t wait_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Sleeps up to ns (forever if negative), or until the flag rises. */
static void wait_sleep(int64_t ns, bool watch)
{
	volatile uint32_t *word = host_cancel_word();
	struct timespec ts, *tp = NULL;

	if (ns >= 0) {
		ts.tv_sec = ns / 1000000000;
		ts.tv_nsec = ns % 1000000000;
		tp = &ts;
	}
	if (watch && word) {
		/* Returns at once if the flag is already up. */
		syscall(SYS_futex, word, FUTEX_WAIT, 0, tp, NULL, 0);
		return;
	}
	if (tp)
		nanosleep(tp, NULL);
	else
		pause();
}

TEE_Result sys_wait(uintptr_t timeout)
{
	bool forever = (uint32_t)timeout == TEE_TIMEOUT_INFINITE;
	int64_t end = wait_now_ns() + (int64_t)(uint32_t)timeout * 1000000;
	int64_t left;
	bool watch;

	for (;;) {
		/* The mask cannot change while the TA sleeps here. */
		watch = !host_session_masked();
		if (watch && host_cancel_raised())
			return TEE_ERROR_CANCEL;
		left = forever ? -1 : end - wait_now_ns();
		if (!forever && left <= 0)
			return TEE_SUCCESS;
		wait_sleep(left, watch);
	}
}
