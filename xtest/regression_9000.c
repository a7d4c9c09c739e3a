/*
 * The 9000 series: hostile peers. A client that never reads, descriptors
 * sent where none belong, a process that claims to be the supplicant, a TA
 * image shorter than announced, options that cannot work. Each case runs a
 * core of its own, checks that another client is served meanwhile, and
 * that the core holds no more descriptors or threads afterwards than
 * before; nothing is created outside the case's temporary directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <os_test_ta.h>

#include "../common/tc_msg.h"
#include "hostile.h"
#include "pager_helpers.h"
#include "proc.h"
#include "settings.h"
#include "shm_helpers.h"
#include "xtest_fixture.h"
#include "xtest_helpers.h"

/* How long another client may take while a hostile peer is at work. */
#define OTHER_CLIENT_MS		30000
/* How long the core may take to give back what a peer cost it. */
#define CLEANUP_MS		10000
/* serve_load(): the image file keeps its size. */
#define KEEP_SIZE		SIZE_MAX

static void usage_now(pid_t pid, struct hostile_usage *u)
{
	if (hostile_usage(pid, u))
		xtest_fail("cannot read the core's usage (pid %d)", (int)pid);
}

/* The sub-case's core (two secure threads), stopped when it ends. */
static struct private_core *hostile_core(struct xtest_fixture *fx)
{
	return &pager_case_start(fx, NULL, (const char *const[]){
		"--threads", "2", NULL }, false, false)->pc;
}

/* 9001: a client that sends and never reads. */

static void test_9001_silent_client(void **state)
{
	static const char junk[64] = "not a message";
	struct xtest_fixture *fx = xtest_fixture(state);
	struct private_core *pc = hostile_core(fx);
	struct hostile_usage base;
	struct tc_msg r;
	int *s, i, stalls = 0, rc = 0;
	ssize_t n;

	usage_now(pc->core, &base);
	hostile_other_client(OTHER_CLIENT_MS);
	s = hostile_fx_connect(fx);
	/* Malformed packets, each answered with an error nobody reads,
	 * until the core hangs up or stops reading. */
	for (i = 0; i < 20000 && stalls < 1000; i++) {
		rc = hostile_send(*s, junk, sizeof(junk), NULL, 0,
				  MSG_DONTWAIT);
		if (rc == -EAGAIN) {
			stalls++;
			usleep(1000);
			continue;
		}
		if (rc)
			break;
	}
	hostile_other_client(OTHER_CLIENT_MS);
	/* It was disconnected: what it has not read ends in end of file. */
	do
		n = hostile_recv(*s, &r, sizeof(r), CLEANUP_MS);
	while (n > 0);
	if (n != 0 && n != -ECONNRESET)
		xtest_fail("the silent client was not disconnected (%s)",
			   strerror((int)-n));
	hostile_expect_log(pc, "does not read its replies");
	xtest_fx_release(fx, s);
	hostile_expect_usage(pc->core, &base, CLEANUP_MS);
}

static const struct xtest_sub subs_9001[] = {
	{ 1, "a client that never reads its replies is disconnected; others "
	     "are served meanwhile", test_9001_silent_client },
};

XTEST_CASE(case_9001, .id = "9001", .suite = "regression",
	   .title = "Hostile peers: a client that never reads",
	   .subs = subs_9001, .nsubs = XTEST_ARRAY_SIZE(subs_9001),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_OWN_CORE);

/* 9002: descriptors where none belong. */

/* What a 9002 sub-case starts with: its core, and what the core held. */
struct peer_start {
	struct private_core *pc;
	struct hostile_usage base;
};

static void peer_setup(struct xtest_fixture *fx)
{
	struct private_core *pc = hostile_core(fx);
	struct peer_start *ps = xtest_fx_alloc(fx, sizeof(*ps));

	ps->pc = pc;
	usage_now(pc->core, &ps->base);
	fx->data = ps;
}

/* Another client is served, and the core holds no more than at the start. */
static void peer_served_and_clean(struct xtest_fixture *fx)
{
	struct peer_start *ps = fx->data;

	hostile_other_client(OTHER_CLIENT_MS);
	hostile_expect_usage(ps->pc->core, &ps->base, CLEANUP_MS);
}

/* A sealed memfd of 16 pages, closed when the sub-case ends. */
static int *memfd_sealed(struct xtest_fixture *fx)
{
	int *fd = hostile_fx_fd(fx, memfd_create("hostile", MFD_CLOEXEC |
						  MFD_ALLOW_SEALING));

	if (*fd < 0 || ftruncate(*fd, 16 * TC_PAGE_SIZE) ||
	    fcntl(*fd, F_ADD_SEALS, F_SEAL_SHRINK))
		xtest_fail("memfd: %s", strerror(errno));
	return fd;
}

static void test_9002_supplicant_hello(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct tc_msg m, r;
	int i, *s, *fd = memfd_sealed(fx);

	for (i = 0; i < 100; i++) {
		s = hostile_fx_connect(fx);
		tc_msg_init(&m, TC_CMD_HELLO, 1);
		m.func = TC_ROLE_SUPPLICANT;
		ASSERT_EQ(hostile_send(*s, &m, sizeof(m), fd, 1, 0), 0);
		ASSERT_EQ(hostile_recv(*s, &r, sizeof(r), CLEANUP_MS),
			  sizeof(r));
		ASSERT_NE(r.ret, TEEC_SUCCESS);
		xtest_fx_release(fx, s);
	}
	xtest_fx_release(fx, fd);
	peer_served_and_clean(fx);
}

static void test_9002_request_with_fd(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct shm_raw *g = xshm_fx_raw_guest(fx, 16);
	struct tc_msg m, r;
	int i, *fd = memfd_sealed(fx);

	for (i = 0; i < 200; i++) {
		tc_msg_init(&m, TC_CMD_STATS, (uint32_t)i + 100);
		m.func = TC_STATS_SHM;
		m.arg = TC_SHM_STATS_TOTAL;
		ASSERT_EQ(hostile_send(g->sock, &m, sizeof(m), fd, 1, 0), 0);
		ASSERT_EQ(hostile_recv(g->sock, &r, sizeof(r), CLEANUP_MS),
			  sizeof(r));
		/* STATS with a descriptor */
		ASSERT_RESULT(r.ret, TEEC_ERROR_BAD_PARAMETERS);
		/* A CANCEL has no reply: its descriptor must go too. */
		tc_msg_init(&m, TC_CMD_CANCEL, (uint32_t)i + 1000);
		m.func = 1;
		ASSERT_EQ(hostile_send(g->sock, &m, sizeof(m), fd, 1, 0), 0);
	}
	xtest_fx_release(fx, g);
	xtest_fx_release(fx, fd);
	peer_served_and_clean(fx);
}

static void test_9002_many_fds(void **state)
{
	static const char junk[300] = "TCMS";
	struct xtest_fixture *fx = xtest_fixture(state);
	int *owned[16], fds[16], i, *s;

	for (i = 0; i < 16; i++) {
		owned[i] = memfd_sealed(fx);
		fds[i] = *owned[i];
	}
	for (i = 0; i < 50; i++) {
		s = hostile_fx_connect(fx);
		/* Before HELLO, and malformed: every descriptor goes. */
		ASSERT_EQ(hostile_send(*s, junk, sizeof(junk), fds, 16, 0), 0);
		xtest_fx_release(fx, s);
	}
	for (i = 0; i < 16; i++)
		xtest_fx_release(fx, owned[i]);
	peer_served_and_clean(fx);
}

/* Found by tc-netfuzz: an empty packet reads as the end of the
 * connection, and its descriptor stayed with the core. */
static void test_9002_empty_packet(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	int i, *s, *fd = memfd_sealed(fx);

	for (i = 0; i < 50; i++) {
		s = hostile_fx_connect(fx);
		ASSERT_EQ(hostile_send(*s, "", 0, fd, 1, 0), 0);
		xtest_fx_release(fx, s);
	}
	xtest_fx_release(fx, fd);
	peer_served_and_clean(fx);
}

static const struct xtest_sub subs_9002[] = {
	{ 1, "a refused supplicant HELLO keeps no descriptor",
	  test_9002_supplicant_hello },
	{ 2, "a request with a descriptor where none belongs is refused, "
	     "and the descriptor closed", test_9002_request_with_fd },
	{ 3, "sixteen descriptors on a malformed message: none is kept",
	  test_9002_many_fds },
	{ 4, "a descriptor on an empty packet is not kept",
	  test_9002_empty_packet },
};

XTEST_CASE(case_9002, .id = "9002", .suite = "regression",
	   .title = "Hostile peers: descriptors where none belong",
	   .subs = subs_9002, .nsubs = XTEST_ARRAY_SIZE(subs_9002),
	   .setup = peer_setup,
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_OWN_CORE);

/* 9003: a process that says it is the supplicant. */

static void test_9003_rogue_supplicant(void **state)
{
	static const TEEC_UUID uuid = TA_OS_TEST_UUID;
	struct xtest_fixture *fx = xtest_fixture(state);
	struct private_core *pc = hostile_core(fx);
	struct hostile_usage base;
	TEEC_Context *ctx;
	TEEC_Session *sess;
	struct tc_msg m, r;
	uint32_t origin = 0;
	int status, *rogue;

	/* With the trusted supplicant there, a second one is refused. */
	rogue = hostile_fx_connect(fx);
	tc_msg_init(&m, TC_CMD_HELLO, 1);
	m.func = TC_ROLE_SUPPLICANT;
	ASSERT_EQ(hostile_send(*rogue, &m, sizeof(m), NULL, 0, 0), 0);
	ASSERT_EQ(hostile_recv(*rogue, &r, sizeof(r), CLEANUP_MS), sizeof(r));
	ASSERT_NE(r.ret, TEEC_SUCCESS);
	xtest_fx_release(fx, rogue);

	/* The trusted supplicant goes; a stranger offers itself. */
	kill(pc->supp, SIGKILL);
	waitpid(pc->supp, &status, 0);
	pc->supp = 0;
	hostile_expect_log(pc, "supplicant detached");
	usage_now(pc->core, &base);
	rogue = hostile_fx_connect(fx);
	ASSERT_EQ(hostile_send(*rogue, &m, sizeof(m), NULL, 0, 0), 0);
	ASSERT_EQ(hostile_recv(*rogue, &r, sizeof(r), CLEANUP_MS), sizeof(r));
	if (r.ret == TEEC_SUCCESS)
		xtest_fail("a process the core did not start was accepted as "
			   "its supplicant");
	hostile_expect_log(pc, "not trusted as the supplicant");

	/* TA loads fail as communication errors, and ask the rogue nothing. */
	ctx = xtest_fx_context(fx);
	ASSERT_RESULT_ORIGIN(xtest_fx_open_session(fx, ctx, &sess, &uuid,
						   TEEC_LOGIN_PUBLIC, NULL,
						   NULL, &origin),
			     origin, TEEC_ERROR_COMMUNICATION,
			     XTEST_ORIGIN_ANY);
	xtest_fx_release(fx, ctx);
	if (hostile_recv(*rogue, &r, sizeof(r), 200) > 0 &&
	    r.cmd == TC_CMD_RPC)
		xtest_fail("the core sent an RPC to the process it refused");
	xtest_fx_release(fx, rogue);
	hostile_expect_usage(pc->core, &base, CLEANUP_MS);
}

static const struct xtest_sub subs_9003[] = {
	{ 1, "only the supplicant the core was handed serves it; a stranger "
	     "is refused and TA loads fail as communication errors",
	  test_9003_rogue_supplicant },
};

XTEST_CASE(case_9003, .id = "9003", .suite = "regression",
	   .title = "Hostile peers: a rogue supplicant",
	   .subs = subs_9003, .nsubs = XTEST_ARRAY_SIZE(subs_9003),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_OWN_CORE);

/* 9004: TA images and RAM that are not what they say. */

/* The core own_supplicant_start() started, and where TEECHECK_CORE was. */
struct own_core {
	struct private_core pc;
	char *saved_env;
};

static void own_supplicant_stop(void *arg)
{
	struct own_core *oc = arg;

	private_core_stop(&oc->pc);
	if (oc->saved_env)
		setenv("TEECHECK_CORE", oc->saved_env, 1);
	else
		unsetenv("TEECHECK_CORE");
	free(oc->saved_env);
}

/*
 * A core whose supplicant is this case; TEECHECK_CORE points at it until
 * the sub-case ends, when the fixture stops it.
 */
static struct private_core *own_supplicant_start(struct xtest_fixture *fx)
{
	struct private_core_opts opts = { .own_supplicant = true };
	const char *args[] = { "--threads", "2", NULL };
	const char *env = getenv("TEECHECK_CORE");
	struct own_core *oc = xtest_fx_alloc(fx, sizeof(*oc));
	struct tc_msg m, r;
	char ta_dir[PATH_MAX];

	opts.core_args = args;
	snprintf(ta_dir, sizeof(ta_dir), "%s/ta", xtest_out_dir());
	if (private_core_start_opts(&oc->pc, settings_bin_dir(), ta_dir,
				    false, &opts))
		xtest_fail("cannot start a core");
	oc->saved_env = env ? strdup(env) : NULL;
	xtest_fx_defer(fx, own_supplicant_stop, oc);
	setenv("TEECHECK_CORE", oc->pc.socket, 1);
	tc_msg_init(&m, TC_CMD_HELLO, 1);
	m.func = TC_ROLE_SUPPLICANT;
	ASSERT_EQ(hostile_send(oc->pc.supp_sock, &m, sizeof(m), NULL, 0, 0),
		  0);
	ASSERT_EQ(hostile_recv(oc->pc.supp_sock, &r, sizeof(r), CLEANUP_MS),
		  sizeof(r));
	ASSERT_RESULT(r.ret, TEEC_SUCCESS);
	return &oc->pc;
}

/* A session on os_test opened in a child; the child's pid. */
static pid_t open_in_child(void)
{
	TEEC_UUID uuid = TA_OS_TEST_UUID;
	TEEC_Context ctx;
	TEEC_Session sess;
	TEEC_Result res;
	uint32_t origin;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		xtest_fail("fork: %s", strerror(errno));
	if (pid)
		return pid;
	if (TEEC_InitializeContext(NULL, &ctx))
		_exit(9);
	res = TEEC_OpenSession(&ctx, &sess, &uuid, TEEC_LOGIN_PUBLIC, NULL,
			       NULL, &origin);
	if (!res)
		TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	_exit(res == TEEC_SUCCESS ? 0 : res == TEEC_ERROR_SECURITY ? 1 :
	      res == TEEC_ERROR_COMMUNICATION ? 2 : 3);
}

/* What the child's open returned: 0 success, 1 SECURITY, 2 COMMUNICATION. */
static int child_result(pid_t pid)
{
	long long end = proc_now_ms() + OTHER_CLIENT_MS;
	int status;

	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (proc_now_ms() > end) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			xtest_fail("the client's open did not end");
		}
		usleep(10 * 1000);
	}
	if (!WIFEXITED(status))
		xtest_fail("the client ended with status 0x%x", status);
	return WEXITSTATUS(status);
}

/*
 * Serves the next LOAD_TA: an image of len bytes of buf announced as size
 * bytes; then, unless shrink_to is KEEP_SIZE, the file shrinks to that.
 */
static void serve_load(struct xtest_fixture *fx, struct private_core *pc,
		       const void *buf, size_t len, uint64_t size,
		       size_t shrink_to)
{
	struct tc_msg m;
	int *fd;

	ASSERT_EQ(hostile_recv(pc->supp_sock, &m, sizeof(m), OTHER_CLIENT_MS),
		  sizeof(m));
	ASSERT_EQ(m.cmd, TC_CMD_RPC);
	ASSERT_EQ(m.func, TC_RPC_LOAD_TA);
	fd = hostile_fx_fd(fx, memfd_create("image", MFD_CLOEXEC));
	if (*fd < 0 || write(*fd, buf, len) != (ssize_t)len)
		xtest_fail("memfd: %s", strerror(errno));
	m.cmd |= TC_REPLY;
	m.ret = TEEC_SUCCESS;
	m.arg = size;
	ASSERT_EQ(hostile_send(pc->supp_sock, &m, sizeof(m), fd, 1, 0), 0);
	if (shrink_to != KEEP_SIZE && ftruncate(*fd, (off_t)shrink_to))
		xtest_fail("ftruncate: %s", strerror(errno));
	xtest_fx_release(fx, fd);
}

/* os_test's image, freed when the sub-case ends. */
static void *os_test_image(struct xtest_fixture *fx, size_t *len)
{
	TEEC_UUID uuid = TA_OS_TEST_UUID;
	char path[PATH_MAX], dir[PATH_MAX];
	void *img;

	snprintf(dir, sizeof(dir), "%s/ta", xtest_out_dir());
	xtest_ta_path(path, sizeof(path), dir, &uuid, "ta");
	img = xtest_read_file(path, len);
	xtest_fx_defer(fx, free, img);
	return img;
}

static void core_alive(struct private_core *pc)
{
	char why[128];

	if (private_core_check(pc, why, sizeof(why)))
		xtest_fail("%s", why);
}

/* What an image sub-case works with: its core, os_test's image, usage. */
struct image_start {
	struct private_core *pc;
	void *img;
	size_t len;
	struct hostile_usage base;
};

static struct image_start *image_start(struct xtest_fixture *fx)
{
	struct image_start *is = xtest_fx_alloc(fx, sizeof(*is));

	is->img = os_test_image(fx, &is->len);
	is->pc = own_supplicant_start(fx);
	usage_now(is->pc->core, &is->base);
	return is;
}

/*
 * The real image, announced right, is served as ever; the core holds no
 * more than at the start.
 */
static void image_served_and_clean(struct xtest_fixture *fx,
				   const struct image_start *is)
{
	pid_t child = open_in_child();

	serve_load(fx, is->pc, is->img, is->len, is->len, KEEP_SIZE);
	ASSERT_EQ(child_result(child), 0);
	hostile_expect_usage(is->pc->core, &is->base, CLEANUP_MS);
}

static void test_9004_short_image(void **state)
{
	static const char small[100] = "not an image";
	struct xtest_fixture *fx = xtest_fixture(state);
	struct image_start *is = image_start(fx);
	pid_t child;

	/* 100 bytes announced as 1 MiB. */
	child = open_in_child();
	serve_load(fx, is->pc, small, sizeof(small), 1 << 20, KEEP_SIZE);
	ASSERT_EQ(child_result(child), 1);
	core_alive(is->pc);
	hostile_expect_log(is->pc, "announced as 1048576 bytes, the file "
			   "has 100");
	image_served_and_clean(fx, is);
}

static void test_9004_shrinking_image(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct image_start *is = image_start(fx);
	pid_t child;
	int i, rc;

	/* The file shrinks just after it is handed: read whole before, or
	 * refused; never a fault in the core. */
	for (i = 0; i < 20; i++) {
		child = open_in_child();
		serve_load(fx, is->pc, is->img, is->len, is->len, 100);
		rc = child_result(child);
		if (rc != 0 && rc != 1)
			xtest_fail("open %d: result %d, expected success or "
				   "TEEC_ERROR_SECURITY", i, rc);
		core_alive(is->pc);
	}
	image_served_and_clean(fx, is);
}

static void test_9004_ram_can_shrink(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct private_core *pc = hostile_core(fx);
	struct tc_msg m, r;
	int *s, *fd;

	fd = hostile_fx_fd(fx, memfd_create("unsealed", MFD_CLOEXEC));
	if (*fd < 0 || ftruncate(*fd, 16 * TC_PAGE_SIZE))
		xtest_fail("memfd: %s", strerror(errno));
	s = hostile_fx_connect(fx);
	tc_msg_init(&m, TC_CMD_HELLO, 1);
	m.func = TC_ROLE_CLIENT;
	m.arg = 16 * TC_PAGE_SIZE;
	ASSERT_EQ(hostile_send(*s, &m, sizeof(m), fd, 1, 0), 0);
	ASSERT_EQ(hostile_recv(*s, &r, sizeof(r), CLEANUP_MS), sizeof(r));
	/* HELLO with RAM that can shrink */
	ASSERT_RESULT(r.ret, TEEC_ERROR_BAD_PARAMETERS);
	hostile_expect_log(pc, "the non-secure RAM can shrink");
	xtest_fx_release(fx, s);
	xtest_fx_release(fx, fd);
	hostile_other_client(OTHER_CLIENT_MS);
}

static const struct xtest_sub subs_9004[] = {
	{ 1, "an image shorter than announced is refused; the core serves "
	     "on", test_9004_short_image },
	{ 2, "an image that shrinks as it is read never faults the core",
	  test_9004_shrinking_image },
	{ 3, "a client RAM that can shrink is refused at HELLO",
	  test_9004_ram_can_shrink },
};

XTEST_CASE(case_9004, .id = "9004", .suite = "regression",
	   .title = "Hostile peers: a short or shrinking TA image",
	   .subs = subs_9004, .nsubs = XTEST_ARRAY_SIZE(subs_9004),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_OWN_CORE);

/* 9005: options that cannot work. */

struct bad_options {
	const char *what;
	const char *args[6];
};

static const struct bad_options bad_options[] = {
	{ "core share above the pool",
	  { "--pool-pages", "8", "--core-pool-pages", "9" } },
	{ "TA share above the pool",
	  { "--pool-pages", "64", "--ta-pool-pages", "100" } },
	{ "no secure thread", { "--threads", "0" } },
	{ "a ready descriptor that is not open", { "--ready-fd", "1000" } },
	{ "a ready descriptor that is not a number", { "--ready-fd", "x" } },
	{ "a socket path too long for a socket", { "@LONG" } },
};

/*
 * Runs tee-core with args in dir: its exit status, -ETIMEDOUT if it ran on
 * (it is stopped then), -ECHILD if a signal ended it.
 */
static int run_core(const char *dir, const char *const *args, bool log)
{
	char core[PATH_MAX], sock[PATH_MAX + 200], logp[PATH_MAX + 16];
	const char *argv[20];
	long long end = proc_now_ms() + 10000;
	int n = 0, status, i;
	pid_t pid;

	snprintf(core, sizeof(core), "%s/tee-core", settings_bin_dir());
	snprintf(sock, sizeof(sock), "%s/core.sock", dir);
	snprintf(logp, sizeof(logp), "%s/core.log", dir);
	argv[n++] = core;
	argv[n++] = "--socket";
	argv[n++] = sock;
	if (log) {
		argv[n++] = "--log";
		argv[n++] = logp;
	}
	for (i = 0; args[i]; i++) {
		if (!strcmp(args[i], "@LONG")) {
			/* Too long for sun_path: a path inside dir still. */
			snprintf(sock, sizeof(sock), "%s/%0150d.sock", dir, 0);
			continue;
		}
		argv[n++] = args[i];
	}
	argv[n] = NULL;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		xtest_fail("fork: %s", strerror(errno));
	if (!pid) {
		int nul = open("/dev/null", O_RDWR);

		dup2(nul, 1);
		dup2(nul, 2);
		execv(core, (char **)argv);
		_exit(127);
	}
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (proc_now_ms() > end) {
			kill(pid, SIGTERM);
			if (proc_reap(pid, 2000))
				kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -ETIMEDOUT;
		}
		usleep(20 * 1000);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -ECHILD;
}

static void test_9005_bad_options(void **state)
{
	char dir[256], cmd[300];
	const char *tmp = getenv("TMPDIR");
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < XTEST_ARRAY_SIZE(bad_options); i++) {
		const struct bad_options *b = bad_options + i;
		snprintf(dir, sizeof(dir), "%s/xtest-9005.XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			xtest_fail("mkdtemp: %s", strerror(errno));
		rc = run_core(dir, b->args, i == 0);
		/* Refused before anything was created: dir stays empty
		 * (the first case also names a log file there). */
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (rmdir(dir)) {
			int err = errno;

			if (system(cmd))
				fprintf(stderr, "cannot remove %s\n", dir);
			xtest_fail("%s: tee-core left files behind (%s)",
				   b->what, strerror(err));
		}
		if (rc != 2)
			xtest_fail("%s: tee-core %s, expected exit status 2",
				   b->what, rc == -ETIMEDOUT ? "ran on" :
				   "exited otherwise");
	}
}

static const struct xtest_sub subs_9005[] = {
	{ 1, "options that cannot work are refused with status 2 before "
	     "anything is created", test_9005_bad_options },
};

XTEST_CASE(case_9005, .id = "9005", .suite = "regression",
	   .title = "Hostile peers: options that cannot work",
	   .subs = subs_9005, .nsubs = XTEST_ARRAY_SIZE(subs_9005),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_OWN_CORE);
