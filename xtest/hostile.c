/* Helpers of the 9000 series: raw peers, the core's usage, another client. */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <os_test_ta.h>

#include "hostile.h"
#include "pager_helpers.h"
#include "proc.h"
#include "xtest_fixture.h"
#include "xtest_helpers.h"

int hostile_connect_at(const char *file, int line)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *path = getenv("TEECHECK_CORE");
	int s;

	if (!path || strlen(path) >= sizeof(sa.sun_path))
		xtest_fail_at(file, line, "no core socket in TEECHECK_CORE");
	strcpy(sa.sun_path, path);
	s = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&sa, sizeof(sa)))
		xtest_fail_at(file, line, "cannot connect to %s: %s", path,
			      strerror(errno));
	return s;
}

static void hostile_fd_close(void *box)
{
	int *fd = box;

	if (*fd >= 0)
		close(*fd);
	free(fd);
}

int *hostile_fx_fd_at(const char *file, int line, struct xtest_fixture *fx,
		      int fd)
{
	int *box = malloc(sizeof(*box));

	if (!box) {
		if (fd >= 0)
			close(fd);
		xtest_fail_at(file, line, "out of memory");
	}
	*box = fd;
	xtest_fx_defer_at(file, line, fx, hostile_fd_close, box);
	return box;
}

int hostile_send(int sock, const void *buf, size_t len, const int *fds,
		 int nfds, int flags)
{
	union {
		char buf[CMSG_SPACE(16 * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;

	if (nfds > 16)
		return -EINVAL;
	if (nfds > 0) {
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
		memcpy(CMSG_DATA(c), fds, (size_t)nfds * sizeof(int));
	}
	if (sendmsg(sock, &mh, flags | MSG_NOSIGNAL) < 0)
		return -errno;
	return 0;
}

ssize_t hostile_recv(int sock, struct tc_msg *m, size_t cap, int timeout_ms)
{
	union {
		char buf[CMSG_SPACE(16 * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { .iov_base = m, .iov_len = cap };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct pollfd p = { .fd = sock, .events = POLLIN };
	struct cmsghdr *c;
	ssize_t n;
	int rc;

	rc = poll(&p, 1, timeout_ms);
	if (rc < 0)
		return -errno;
	if (!rc)
		return -ETIMEDOUT;
	n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
	if (n < 0)
		return -errno;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		size_t k, nfd = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		int fd;

		for (k = 0; c->cmsg_type == SCM_RIGHTS && k < nfd; k++) {
			memcpy(&fd, CMSG_DATA(c) + k * sizeof(int), sizeof(fd));
			close(fd);
		}
	}
	return n;
}

int hostile_usage(pid_t pid, struct hostile_usage *u)
{
	char path[64], line[256];
	struct dirent *e;
	FILE *f;
	DIR *d;

	memset(u, 0, sizeof(*u));
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	d = opendir(path);
	if (!d)
		return -errno;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			u->fds++;
	closedir(d);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "Threads: %u", &u->threads);
		sscanf(line, "VmRSS: %lu", &u->rss_kib);
	}
	fclose(f);
	return 0;
}

void hostile_expect_usage_at(const char *file, int line, pid_t pid,
			     const struct hostile_usage *base,
			     int timeout_ms)
{
	long long end = proc_now_ms() + timeout_ms;
	struct hostile_usage now;

	for (;;) {
		if (hostile_usage(pid, &now))
			xtest_fail_at(file, line, "the core (pid %d) is gone",
				      (int)pid);
		if (now.fds <= base->fds && now.threads <= base->threads)
			return;
		if (proc_now_ms() > end)
			break;
		usleep(50 * 1000);
	}
	xtest_fail_at(file, line, "the core holds %u descriptors and %u "
		      "threads, %u and %u before", now.fds, now.threads,
		      base->fds, base->threads);
}

/* In the child: one session, one invoke; the exit status says how it went. */
static int hostile_client_run(void)
{
	TEEC_UUID uuid = TA_OS_TEST_UUID;
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
		TEEC_VALUE_OUTPUT, TEEC_VALUE_INOUT, TEEC_NONE));
	uint32_t origin;
	int status = 1;

	if (TEEC_InitializeContext(NULL, &ctx))
		return 2;
	if (TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL, NULL,
			     &origin))
		goto fin;
	op.params[0].value.a = 3;
	op.params[0].value.b = 4;
	if (!TEEC_InvokeCommand(&sess, OS_TEST_CMD_VALUES, &op, &origin))
		status = 0;
	TEEC_CloseSession(&sess);
fin:
	TEEC_FinalizeContext(&ctx);
	return status;
}

void hostile_other_client_at(const char *file, int line, int timeout_ms)
{
	long long end = proc_now_ms() + timeout_ms;
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		xtest_fail_at(file, line, "fork: %s", strerror(errno));
	if (!pid)
		_exit(hostile_client_run());
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (proc_now_ms() > end) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			xtest_fail_at(file, line, "another client was not "
				      "served within %d ms", timeout_ms);
		}
		usleep(20 * 1000);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		xtest_fail_at(file, line, "another client failed (status "
			      "0x%x)", status);
}

void hostile_expect_log_at(const char *file, int line,
			   const struct private_core *pc, const char *text)
{
	int i;

	/* The log line may follow the event by a moment. */
	for (i = 0; i < 100; i++) {
		if (pager_core_log_has(pc, text))
			return;
		usleep(50 * 1000);
	}
	xtest_fail_at(file, line, "the core's log (%s) does not say \"%s\"",
		      pc->core_log, text);
}
