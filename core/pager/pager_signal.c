/*
 * The fault handler: SIGSEGV and SIGBUS come here first; paged accesses are
 * resolved, anything else goes to whoever handled the signal before us.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "pager_internal.h"

/* "Already resolved" faults in a row at one address before we give up. */
#define PAGER_SPURIOUS_LIMIT	1000

/* Initial-exec TLS: reaching it from a signal handler never allocates. */
#define PAGER_TLS __thread __attribute__((tls_model("initial-exec")))

static PAGER_TLS unsigned int depth;	/* this thread is inside the pager */
static PAGER_TLS uintptr_t spurious_addr;
static PAGER_TLS unsigned int spurious_count;

static struct sigaction prev_segv;
static struct sigaction prev_bus;

/*
 * Signals a fault raises synchronously. They stay deliverable inside the
 * pager so that a fault there is reported rather than a silent kill.
 */
static void del_sync_signals(sigset_t *set)
{
	sigdelset(set, SIGSEGV);
	sigdelset(set, SIGBUS);
	sigdelset(set, SIGILL);
	sigdelset(set, SIGFPE);
	sigdelset(set, SIGTRAP);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Guards against a fault that keeps coming back as already resolved. */
static int check_spurious(uintptr_t addr, int res)
{
	if (res != PAGER_FAULT_SPURIOUS) {
		spurious_count = 0;
		return res;
	}
	if (addr != spurious_addr) {
		spurious_addr = addr;
		spurious_count = 0;
	}
	if (++spurious_count > PAGER_SPURIOUS_LIMIT) {
		spurious_count = 0;
		return PAGER_FAULT_FOREIGN;
	}
	return res;
}

bool pager_handle_signal(int sig, siginfo_t *info, void *uctx)
{
	int saved_errno = errno;
	struct pager_fault f;
	bool handled = false;
	uint64_t t0;
	int res;

	if (!pager_state.ready || !info || !uctx ||
	    (sig != SIGSEGV && sig != SIGBUS))
		return false;
	if (info->si_code <= 0)	/* sent by kill() or sigqueue(): no fault */
		return false;
	pager_arch_decode(info, uctx, &f);
	if (depth)
		pager_report_self_fault(sig, &f);
	if (sig != SIGSEGV)
		return false;	/* the pool never shrinks: not a paging event */

	t0 = now_ns();
	depth++;
	res = pager_fault_resolve(f.addr, f.access, false);
	depth--;
	res = check_spurious(f.addr, res);
	if (res == PAGER_FAULT_DONE || res == PAGER_FAULT_SPURIOUS) {
		pager_stats_fault_time(now_ns() - t0);
		handled = true;
	}
	errno = saved_errno;
	return handled;
}

/* Hands a fault that is not ours to the handler we replaced. */
static void chain(int sig, siginfo_t *info, void *uctx)
{
	const struct sigaction *prev = sig == SIGSEGV ? &prev_segv : &prev_bus;
	struct sigaction dfl;

	if (prev->sa_flags & SA_SIGINFO) {
		prev->sa_sigaction(sig, info, uctx);
		return;
	}
	if (prev->sa_handler == SIG_IGN && info->si_code <= 0)
		return;
	if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN) {
		prev->sa_handler(sig);
		return;
	}
	/*
	 * Default action: step aside for this signal. Returning retries the
	 * access, which faults again and gets the default (a core dump); a
	 * signal that was sent rather than caused is sent again.
	 */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	if (info->si_code <= 0)
		raise(sig);
}

static void pager_signal(int sig, siginfo_t *info, void *uctx)
{
	if (!pager_handle_signal(sig, info, uctx))
		chain(sig, info, uctx);
}

int pager_signal_install(void)
{
	struct sigaction sa;
	int rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = pager_signal;
	/*
	 * Everything asynchronous stays blocked while we run, so no other
	 * handler can interrupt the pager on this thread. SA_NODEFER with
	 * SIGSEGV left out of the mask lets a fault inside the pager reach
	 * pager_report_self_fault().
	 */
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigfillset(&sa.sa_mask);
	del_sync_signals(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, &prev_segv))
		return -errno;
	if (sigaction(SIGBUS, &sa, &prev_bus)) {
		rc = -errno;
		sigaction(SIGSEGV, &prev_segv, NULL);
		return rc;
	}
	return 0;
}

static void restore_if_ours(int sig, const struct sigaction *prev)
{
	struct sigaction cur;

	if (!sigaction(sig, NULL, &cur) && (cur.sa_flags & SA_SIGINFO) &&
	    cur.sa_sigaction == pager_signal)
		sigaction(sig, prev, NULL);
}

void pager_signal_uninstall(void)
{
	restore_if_ours(SIGSEGV, &prev_segv);
	restore_if_ours(SIGBUS, &prev_bus);
}

/*
 * API calls hold the pager lock at times: an asynchronous handler that
 * touched paged memory then would spin on a lock its own thread holds.
 */
void pager_api_enter(sigset_t *saved)
{
	sigset_t block;

	sigfillset(&block);
	del_sync_signals(&block);
	pthread_sigmask(SIG_BLOCK, &block, saved);
	depth++;
}

void pager_api_exit(const sigset_t *saved)
{
	depth--;
	pthread_sigmask(SIG_SETMASK, saved, NULL);
}

/* Before the fatal hook jumps out of the pager. */
void pager_signal_forget_depth(void)
{
	depth = 0;
	spurious_count = 0;
}
