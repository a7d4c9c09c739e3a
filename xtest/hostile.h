/*
 * Helpers of the 9000 series (hostile peers): raw connections to the core
 * that send what no well-behaved peer would, what the core process holds
 * (descriptors, threads, memory) read from /proc, and a client in another
 * process that must still be served.
 */
#ifndef XTEST_HOSTILE_H
#define XTEST_HOSTILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <teecheck/msg_abi.h>

#include "private_core.h"

/* A connection to the core at TEECHECK_CORE; fails the sub-case if none. */
int hostile_connect_at(const char *file, int line);
#define hostile_connect() hostile_connect_at(__FILE__, __LINE__)

struct xtest_fixture;

/*
 * fd, owned by the sub-case: closed when it ends, or when the body hands
 * the returned box to xtest_fx_release(). A negative fd is kept as it is
 * (the caller reports the failure) and never closed.
 */
int *hostile_fx_fd_at(const char *file, int line, struct xtest_fixture *fx,
		      int fd);
#define hostile_fx_fd(fx, fd) hostile_fx_fd_at(__FILE__, __LINE__, (fx), (fd))

/* hostile_connect(), the connection owned by the sub-case as above. */
#define hostile_fx_connect(fx) \
	hostile_fx_fd_at(__FILE__, __LINE__, (fx), \
			 hostile_connect_at(__FILE__, __LINE__))

/*
 * Sends len bytes of buf with the nfds descriptors of fds (SCM_RIGHTS),
 * with flags for sendmsg. Returns 0 or -errno.
 */
int hostile_send(int sock, const void *buf, size_t len, const int *fds,
		 int nfds, int flags);

/* The next message on sock within timeout_ms into m: its length, 0 at end
 * of file, -ETIMEDOUT, or -errno. Descriptors that come with it are closed. */
ssize_t hostile_recv(int sock, struct tc_msg *m, size_t cap, int timeout_ms);

/* What the core process holds. */
struct hostile_usage {
	unsigned int fds;
	unsigned int threads;
	unsigned long rss_kib;
};

int hostile_usage(pid_t pid, struct hostile_usage *u);

/*
 * Waits up to timeout_ms until the core holds no more descriptors and
 * threads than base; fails the sub-case naming what stayed otherwise.
 */
void hostile_expect_usage_at(const char *file, int line, pid_t pid,
			     const struct hostile_usage *base,
			     int timeout_ms);
#define hostile_expect_usage(pid, base, ms) \
	hostile_expect_usage_at(__FILE__, __LINE__, (pid), (base), (ms))

/*
 * A client in a process of its own opens a session on os_test, invokes it
 * and closes; fails the sub-case unless that is done within timeout_ms.
 */
void hostile_other_client_at(const char *file, int line, int timeout_ms);
#define hostile_other_client(ms) \
	hostile_other_client_at(__FILE__, __LINE__, (ms))

/* Fails unless the core's log has text. */
void hostile_expect_log_at(const char *file, int line,
			   const struct private_core *pc, const char *text);
#define hostile_expect_log(pc, text) \
	hostile_expect_log_at(__FILE__, __LINE__, (pc), (text))

#endif
