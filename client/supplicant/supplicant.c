/*
 * tee-supplicant: serves the core's remote procedure calls from the normal
 * world: LOAD_TA, finding <uuid>.ta in the TA directories in order, and
 * SHM_ALLOC/SHM_FREE, pages of its own non-secure RAM (supp_shm.c), and
 * trusted storage's files (FS_*, supp_fs.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <tee_client_api.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../../common/uuid.h"
#include "supp_fs.h"
#include "supp_shm.h"

#define SUPP_MAX_DIRS	8

static const char *ta_dirs[SUPP_MAX_DIRS];
static unsigned int n_ta_dirs;

static int supp_connect(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, err;

	if (strlen(path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		err = errno;
		close(fd);
		return -err;
	}
	return fd;
}

/* Opens the image of uuid; *fd and *size on success. */
static uint32_t load_ta(const uint8_t uuid[16], int *fd, uint64_t *size)
{
	char u[TC_UUID_STR_LEN], path[4096];
	struct stat st;
	unsigned int i;
	int f;

	tc_uuid_bytes_to_str(uuid, u);
	for (i = 0; i < n_ta_dirs; i++) {
		snprintf(path, sizeof(path), "%s/%s.ta", ta_dirs[i], u);
		f = open(path, O_RDONLY | O_CLOEXEC);
		if (f < 0)
			continue;
		if (fstat(f, &st) || !S_ISREG(st.st_mode)) {
			close(f);
			continue;
		}
		*fd = f;
		*size = (uint64_t)st.st_size;
		return TEEC_SUCCESS;
	}
	tc_info("LOAD_TA %s: not found", u);
	return TEEC_ERROR_ITEM_NOT_FOUND;
}

/* Serves the core until it goes: 0, or -errno if the link broke. */
static int serve(int sock)
{
	struct tc_msg *m = malloc(TC_MSG_MAX_SIZE);
	struct tc_why why;
	TEEC_Result res;
	uint32_t npages;
	uint64_t size;
	ssize_t n;
	int fd, f, rc;

	if (!m)
		return -ENOMEM;
	for (;;) {
		n = tc_recv(sock, m, TC_MSG_MAX_SIZE, &f);
		if (n == 0)
			return 0;
		if (n < 0 || tc_msg_check(m, (size_t)n, &why)) {
			tc_err("bad message from the core: %s",
			       n < 0 ? strerror((int)-n) : why.text);
			return n < 0 ? (int)n : -EBADMSG;
		}
		if (m->cmd != TC_CMD_RPC) {
			tc_err("unexpected command 0x%x", m->cmd);
			if (f >= 0)
				close(f);
			continue;
		}
		fd = -1;
		size = 0;
		npages = 0;
		switch (m->func) {
		case TC_RPC_LOAD_TA:
			res = load_ta(m->uuid, &fd, &size);
			break;
		case TC_RPC_SHM_ALLOC:
			res = supp_shm_alloc(m, &npages, &fd);
			break;
		case TC_RPC_SHM_FREE:
			res = supp_shm_free(m);
			break;
		case TC_RPC_FS_GET:
		case TC_RPC_FS_PUT:
		case TC_RPC_FS_REMOVE:
		case TC_RPC_FS_LIST:
			res = supp_fs_serve(m, f, &fd);
			size = m->arg;
			break;
		default:
			res = TEEC_ERROR_NOT_SUPPORTED;
			break;
		}
		if (f >= 0)
			close(f);
		tc_msg_to_reply(m, res, m->origin);
		m->arg = size;
		m->num_params = 0;
		memset(m->params, 0, sizeof(m->params));
		/* Only SHM_ALLOC answers with pages: the ones it gives. */
		m->npages = res ? 0 : npages;
		m->length = (uint32_t)TC_MSG_SIZE(m->npages);
		rc = tc_send(sock, m, fd);
		if (rc) {
			tc_err("cannot answer the core: %s", strerror(-rc));
			return rc;
		}
		if (fd >= 0)
			close(fd);
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "ta-dir", required_argument, NULL, 'd' },
		{ "ready-fd", required_argument, NULL, 'r' },
		{ "fd", required_argument, NULL, 'f' },
		{ "fs-dir", required_argument, NULL, 'D' },
		{ "fs-fault", required_argument, NULL, 'F' },
		{ "fs-lie", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *path = NULL, *fs_dir = NULL;
	char fs_default[4096];
	struct ucred cred;
	socklen_t cl = sizeof(cred);
	int ready_fd = -1, sock = -1, o;
	struct tc_msg m, r;

	tc_log_init("tee-supplicant");
	while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (o) {
		case 's':
			path = optarg;
			break;
		case 'd':
			if (n_ta_dirs == SUPP_MAX_DIRS) {
				fprintf(stderr, "tee-supplicant: at most %d "
					"--ta-dir\n", SUPP_MAX_DIRS);
				return 2;
			}
			ta_dirs[n_ta_dirs++] = optarg;
			break;
		case 'r':
			ready_fd = atoi(optarg);
			break;
		case 'f':
			/* The connection the core was handed the other end
			 * of: the one supplicant it trusts. */
			sock = atoi(optarg);
			break;
		case 'D':
			fs_dir = optarg;
			break;
		case 'L':
			if (supp_fs_lie(optarg)) {
				fprintf(stderr, "tee-supplicant: --fs-lie size, "
					"nofd, swap or func\n");
				return 2;
			}
			break;
		case 'F':
			if (supp_fs_fault(optarg)) {
				fprintf(stderr, "tee-supplicant: --fs-fault "
					"KIND@STEP, KIND one of kill, "
					"kill-core, short, enospc, eio\n");
				return 2;
			}
			break;
		default:
			fprintf(o == 'h' ? stdout : stderr,
				"usage: tee-supplicant {--fd FD | --socket PATH} "
				"--ta-dir DIR [--ta-dir DIR]... "
				"[--ready-fd FD] [--fs-dir DIR] "
				"[--fs-fault KIND@STEP] [--fs-lie KIND]\n");
			return o == 'h' ? 0 : 2;
		}
	}
	if ((!path && sock < 0) || !n_ta_dirs) {
		fprintf(stderr, "tee-supplicant: --fd or --socket, and --ta-dir "
			"are required\n");
		return 2;
	}
	if (!fs_dir && !path) {
		fprintf(stderr, "tee-supplicant: --fd needs --fs-dir\n");
		return 2;
	}
	if (!fs_dir) {
		/* Trusted storage beside the socket: the run's own. */
		const char *slash = strrchr(path, '/');

		snprintf(fs_default, sizeof(fs_default), "%.*sstorage",
			 slash ? (int)(slash - path + 1) : 0, path);
		fs_dir = fs_default;
	}
	if (supp_fs_init(fs_dir)) {
		tc_err("storage directory %s: %s", fs_dir, strerror(errno));
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	if (sock >= 0)
		fcntl(sock, F_SETFD, FD_CLOEXEC);
	else
		sock = supp_connect(path);
	if (sock < 0) {
		tc_err("cannot connect to the core at %s: %s", path,
		       strerror(-sock));
		return 1;
	}
	tc_msg_init(&m, TC_CMD_HELLO, 1);
	m.func = TC_ROLE_SUPPLICANT;
	if (tc_send(sock, &m, -1) ||
	    tc_recv(sock, &r, sizeof(r), NULL) != sizeof(r) ||
	    tc_msg_check(&r, sizeof(r), NULL) || r.ret) {
		tc_err("the core refused this supplicant");
		return 1;
	}
	/*
	 * The core's pid, for the test fault that kills it: the core says it
	 * in its answer; a handed socket pair's peer credentials would name
	 * whoever made the pair.
	 */
	if (r.arg)
		supp_fs_core_pid((pid_t)r.arg);
	else if (!getsockopt(sock, SOL_SOCKET, SO_PEERCRED, &cred, &cl))
		supp_fs_core_pid(cred.pid);
	if (ready_fd >= 0) {
		if (write(ready_fd, "r", 1) != 1)
			tc_warn("ready-fd: %s", strerror(errno));
		close(ready_fd);
	}
	return serve(sock) ? 1 : 0;
}
