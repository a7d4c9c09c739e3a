/*
 * The TA host zygote: one `ta-host --zygote` the core starts once, which
 * has linked and initialised what every host needs (the C library, the
 * crypto library's algorithm tables) and forks a new host per instance, so
 * an instance costs a fork instead of an exec, a dynamic link and the
 * crypto library's start-up. It holds no secret: keys and random state are
 * made by each host after its fork (docs/PERF.md). If the zygote cannot be
 * used, the caller starts the host the plain way.
 */
#include <errno.h>
#include <pthread.h>
#include <spawn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../core.h"
#include "inst.h"
#include "inst_priv.h"

extern char **environ;

static pthread_mutex_t zygote_lock = PTHREAD_MUTEX_INITIALIZER;
static int zygote_sock = -1;		/* guarded by zygote_lock */
static pid_t zygote_pid;
static bool zygote_failed;		/* do not try again */

/* zygote_lock held. */
static int zygote_start(void)
{
	char *argv[] = { (char *)core.cfg.ta_host_path, "--zygote", "--fd",
			 "3", NULL };
	struct timeval limit = { .tv_sec = 5 };
	posix_spawn_file_actions_t fa;
	int sv[2], rc;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -errno;
	rc = posix_spawn_file_actions_init(&fa);
	if (!rc) {
		rc = posix_spawn_file_actions_adddup2(&fa, sv[1], 3);
		if (!rc)
			rc = posix_spawn(&zygote_pid, argv[0], &fa, NULL, argv,
					 environ);
		posix_spawn_file_actions_destroy(&fa);
	}
	close(sv[1]);
	if (rc) {
		close(sv[0]);
		return -rc;
	}
	/* A fork takes a millisecond: a zygote that hangs is given up. */
	setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
	zygote_sock = sv[0];
	return 0;
}

/* zygote_lock held: the zygote is gone or confused; it is not used again. */
static void zygote_drop(void)
{
	tc_warn("TA host zygote (pid %d) unusable: hosts start by exec",
		(int)zygote_pid);
	close(zygote_sock);
	zygote_sock = -1;
	zygote_failed = true;
}

void inst_zygote_start(void)
{
	if (!core.cfg.host_zygote)
		return;
	pthread_mutex_lock(&zygote_lock);
	if (zygote_sock < 0 && !zygote_failed && zygote_start()) {
		tc_warn("TA host zygote did not start: hosts start by exec");
		zygote_failed = true;
	}
	pthread_mutex_unlock(&zygote_lock);
}

int host_zygote_fork(int host_fd, pid_t *pid)
{
	struct tc_msg m, r;
	struct tc_why why;
	ssize_t n;
	int rc = -ECHILD;

	if (!core.cfg.host_zygote)
		return -ENOSYS;
	pthread_mutex_lock(&zygote_lock);
	if (zygote_failed)
		goto out;
	if (zygote_sock < 0 && zygote_start()) {
		zygote_failed = true;
		goto out;
	}
	tc_msg_init(&m, TC_CMD_HOST_FORK, 0);
	if (tc_send(zygote_sock, &m, host_fd)) {
		zygote_drop();
		goto out;
	}
	n = tc_recv(zygote_sock, &r, sizeof(r), NULL);
	if (n <= 0 || tc_msg_check(&r, (size_t)n, &why) ||
	    r.cmd != (TC_CMD_HOST_FORK | TC_REPLY)) {
		zygote_drop();
		goto out;
	}
	if (r.ret || r.arg <= 1 || r.arg > INT32_MAX) {
		tc_err("TA host zygote: no fork (0x%08x)", r.ret);
		goto out;
	}
	*pid = (pid_t)r.arg;
	rc = 0;
out:
	pthread_mutex_unlock(&zygote_lock);
	return rc;
}
