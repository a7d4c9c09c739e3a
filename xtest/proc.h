/*
 * Child processes of xtest and the signals that stop a run: every child dies
 * with xtest, and SIGINT/SIGTERM/SIGCHLD arrive through one descriptor.
 */
#ifndef XTEST_PROC_H
#define XTEST_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Blocks the signals xtest handles and opens the descriptor they arrive on,
 * and makes xtest the subreaper of its descendants. Call once, before the
 * first child is started.
 */
int proc_signals_init(void);

/* The descriptor to poll() for signals. */
int proc_signal_fd(void);

/*
 * Reads the pending signals. Returns the number of a signal that asks the
 * run to stop (SIGINT, SIGTERM, SIGHUP), or 0 when only children changed.
 */
int proc_signal_read(void);

/* The stop signal received so far, or 0. */
int proc_stop_requested(void);

/*
 * fork() for xtest's children. In the child, the signal mask and dispositions
 * are reset and the child is killed if xtest dies, even by SIGKILL.
 */
pid_t proc_fork(void);

/*
 * Waits up to timeout_ms for pid to exit, then sends SIGKILL and reaps it.
 * Returns the wait status.
 */
int proc_reap(pid_t pid, unsigned int timeout_ms);

/*
 * The processes the run keeps on purpose (the private core, the supplicant,
 * stress drivers): proc_reap_strays() leaves them alone.
 */
void proc_keep(pid_t pid);
void proc_unkeep(pid_t pid);

/*
 * Kills and reaps every child of xtest that is not kept: what a case left
 * behind (xtest is the subreaper of everything it starts, so orphans come
 * back to it). Returns how many there were.
 */
unsigned int proc_reap_strays(void);

/*
 * The same, sparing the processes whose process group spare() claims (the
 * groups of cases still running, whose leaders are xtest's children too).
 */
unsigned int proc_reap_strays_except(bool (*spare)(pid_t pgid, void *arg),
				     void *arg);

/* Whether orphans come back to xtest (false where the subreaper is not offered). */
bool proc_adopts_orphans(void);

/* SIGKILL to the process group pgid, if it still has members. */
void proc_kill_group(pid_t pgid);

/* "exit status 1", "killed by signal 11 (Segmentation fault)". */
void proc_describe_status(int status, char *buf, size_t len);

/* Monotonic time in milliseconds. */
long long proc_now_ms(void);

#endif
