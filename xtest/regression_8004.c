/*
 * The 8000 series, part two: tampering caught (with the test builds of the
 * core and the TA host, which alone have the tampering command), the pool
 * as a budget that runs out, and a short pager-stress run.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include "pager_helpers.h"
#include "settings.h"

/* ---- 8004: tampering is caught ----------------------------------------- */

/*
 * A sub-case of 8004: the core it runs on, and for the TA's pages, what to
 * corrupt and what the core's log must then say.
 */
struct tamper_row {
	bool production;	/* tee-core, not the test build */
	uint32_t what;		/* TC_PAGER_TEST_TA_*, 0: not a TA page */
	uint32_t area;		/* PT_AREA_* */
	uint32_t index;		/* page of the area */
	const char *reason;
	const char *region;
};

/*
 * The case's .setup: the test builds of the core and the TA host, which
 * alone have the tampering command, or the production core; a context, and
 * a session on pager_test for a TA page.
 */
static void tamper_setup(struct xtest_fixture *fx)
{
	const struct tamper_row *row = fx->param;
	static char host[PATH_MAX];
	struct pager_case *c;

	snprintf(host, sizeof(host), "%s/ta-host-test", settings_bin_dir());
	if (row->production)
		c = pager_case_start(fx, NULL, (const char *const[]){
			"--ta-pool-pages", "8", NULL }, true, false);
	else
		c = pager_case_start(fx, "tee-core-test", (const char *const[]){
			"--ta-host", host, "--ta-pool-pages", "8", NULL },
			true, false);
	if (row->what)
		c->sess = xtest_fx_session(fx, c->ctx, &pager_test_uuid);
}

/*
 * Corrupts the row's page, then touches it: the TA must end, TARGET_DEAD
 * from the TEE, and the log must say why.
 */
static void test_8004_ta_page(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	const struct tamper_row *row = xtest_param(state, struct tamper_row);
	struct pager_case *c = fx->data;
	uint32_t origin;
	uint64_t addr;

	if (row->area == PT_AREA_DATA)
		pt_cmd(c->sess, PT_CMD_FILL, 9, 32, NULL, NULL);
	/* Untouched, the page reads back fine. */
	pt_cmd(c->sess, PT_CMD_TOUCH, row->area, row->index, NULL, NULL);
	addr = pt_addr(c->sess, row->area, row->index);
	ASSERT_RESULT(teecheck_pager_test(c->ctx, c->sess, row->what, addr),
		      TEEC_SUCCESS);
	/* The corrupted page. */
	ASSERT_RESULT_ORIGIN(pt_cmd_result(c->sess, PT_CMD_TOUCH, row->area,
					   row->index, &origin),
			     origin, TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	/* The instance is gone for good, and the log names the page. */
	EXPECT_RESULT_ORIGIN(pt_cmd_result(c->sess, PT_CMD_TOUCH, row->area,
					   row->index, &origin),
			     origin, TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	xtest_fx_release(fx, c->sess);
	xtest_fx_release(fx, c->ctx);
	if (!pager_core_log_has(&c->pc, "pager integrity failure") ||
	    !pager_core_log_has(&c->pc, row->reason) ||
	    !pager_core_log_has(&c->pc, row->region))
		xtest_fail("the core's log (%s) does not say \"%s\" about "
			   "region \"%s\"", c->pc.core_log, row->reason,
			   row->region);
}

static void test_8004_core(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct pager_case *c = fx->data;
	TEEC_Session *sess;
	uint32_t origin;
	TEEC_Result res;
	int tries, status = 0;

	/* The reply may not come: the core may need the page to send it. */
	teecheck_pager_test(c->ctx, NULL, TC_PAGER_TEST_CORE_HASHED, 0);
	res = xtest_fx_open_session(fx, c->ctx, &sess, &pager_test_uuid,
				    TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	if (!res)
		xtest_fail("a session opened on a core whose text was "
			   "corrupted");
	xtest_fx_release(fx, c->ctx);
	for (tries = 0; tries < 100; tries++) {
		if (waitpid(c->pc.core, &status, WNOHANG) == c->pc.core)
			break;
		usleep(20 * 1000);
	}
	if (tries == 100)
		xtest_fail("the core still runs its corrupted text");
	c->pc.core = 0;
	ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	if (!pager_core_log_has(&c->pc,
				"tee-core: fatal: integrity failure at") ||
	    !pager_core_log_has(&c->pc, "in region \"tee-core text\""))
		xtest_fail("the core's log (%s) does not name the address and "
			   "region", c->pc.core_log);
}

/* Whether the file holds the bytes of text. */
static bool file_has(const char *path, const char *text)
{
	struct stat st;
	bool found = false;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		xtest_fail("%s: %s", path, strerror(errno));
	if (!fstat(fd, &st) && st.st_size > 0) {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
			 0);
		if (p != MAP_FAILED) {
			found = memmem(p, (size_t)st.st_size, text,
				       strlen(text)) != NULL;
			munmap(p, (size_t)st.st_size);
		}
	}
	close(fd);
	return found;
}

static void test_8004_normal(void **state)
{
	struct pager_case *c = xtest_fixture(state)->data;
	char path[PATH_MAX];

	ASSERT_RESULT(teecheck_pager_test(c->ctx, NULL,
					  TC_PAGER_TEST_CORE_HASHED, 0),
		      TEEC_ERROR_NOT_IMPLEMENTED);
	/* Not even the code is there: neither command nor hooks. */
	snprintf(path, sizeof(path), "%s/tee-core", settings_bin_dir());
	EXPECT_FALSE(file_has(path, "pager_test_command"));
	EXPECT_FALSE(file_has(path, "pager_test_corrupt"));
	snprintf(path, sizeof(path), "%s/ta-host", settings_bin_dir());
	EXPECT_FALSE(file_has(path, "pager_test_corrupt"));
	snprintf(path, sizeof(path), "%s/tee-core-test", settings_bin_dir());
	EXPECT_TRUE(file_has(path, "pager_test_command"));
}

static const struct xtest_sub subs_8004[] = {
	XTEST_SUB_ROW(1, "a corrupted saved data page ends the TA at its next "
		      "use: TARGET_DEAD, the log says why", test_8004_ta_page,
		      struct tamper_row, .what = TC_PAGER_TEST_TA_SAVED,
		      .area = PT_AREA_DATA, .index = 3,
		      .reason = "saved page failed authentication",
		      .region = "TA bss"),
	XTEST_SUB_ROW(2, "a corrupted hashed code page ends the TA at its next "
		      "call", test_8004_ta_page, struct tamper_row,
		      .what = TC_PAGER_TEST_TA_HASHED, .area = PT_AREA_CODE,
		      .index = 5,
		      .reason = "page content does not match its SHA-256",
		      .region = "TA code"),
	XTEST_SUB_ROW(3, "a corrupted hashed read-only data page ends the TA at "
		      "its next read", test_8004_ta_page, struct tamper_row,
		      .what = TC_PAGER_TEST_TA_HASHED, .area = PT_AREA_TABLE,
		      .index = 9,
		      .reason = "page content does not match its SHA-256",
		      .region = "TA rodata"),
	XTEST_SUB_ROW(4, "a corrupted page of the core's own text stops the "
		      "core, which names the address and region",
		      test_8004_core, struct tamper_row),
	XTEST_SUB_ROW(5, "tee-core and ta-host have no tampering command or "
		      "hooks", test_8004_normal, struct tamper_row,
		      .production = true),
};

XTEST_CASE(case_8004, .id = "8004", .suite = "regression",
	   .title = "Tampering with saved and hashed pages is caught",
	   .setup = tamper_setup,
	   .subs = subs_8004, .nsubs = XTEST_ARRAY_SIZE(subs_8004),
	   .flags = XTEST_NEEDS_CORE_HOOKS | XTEST_NEEDS_CORE_PROC | XTEST_OWN_CORE);

/* ---- 8005: the pool runs out ------------------------------------------- */

#define CORE_SHARE	6
#define TA_SHARE	4

static void test_8005_spent(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	static char pool[16];
	struct pager_case *c;
	struct pager_view v;
	TEEC_Session *s[3];
	uint32_t origin, bad;

	/* A pool with room for the core and two pager_test instances, and
	 * 5 pages. */
	snprintf(pool, sizeof(pool), "%u", CORE_SHARE + 5 +
		 2 * pager_instance_pages(TA_SHARE, PT_TA_STACK_SIZE));
	c = pager_case_start(fx, NULL, (const char *const[]){
		"--pool-pages", pool, "--core-pool-pages", "6",
		"--ta-pool-pages", "4", NULL }, true, false);
	s[0] = xtest_fx_session(fx, c->ctx, &pager_test_uuid);
	s[1] = xtest_fx_session(fx, c->ctx, &pager_test_uuid);
	pager_view(c->ctx, &pager_test_uuid, &v);
	EXPECT_EQ(v.budget.free, 5);
	/* A third instance. */
	ASSERT_RESULT_ORIGIN(xtest_fx_open_session(fx, c->ctx, &s[2],
						   &pager_test_uuid,
						   TEEC_LOGIN_PUBLIC, NULL,
						   NULL, &origin),
			     origin, TEEC_ERROR_OUT_OF_MEMORY,
			     TEEC_ORIGIN_TEE);
	/* What runs is not squeezed: both instances still page. */
	pt_cmd(s[0], PT_CMD_FILL, 1, 32, NULL, NULL);
	pt_cmd(s[1], PT_CMD_FILL, 2, 32, NULL, NULL);
	pt_cmd(s[0], PT_CMD_CHECK, 1, 32, &bad, NULL);
	EXPECT_EQ(bad, 0);
	pt_cmd(s[1], PT_CMD_CHECK, 2, 32, &bad, NULL);
	EXPECT_EQ(bad, 0);
	/* A closed session gives its pages back for the next one. */
	xtest_fx_release(fx, s[0]);
	s[2] = xtest_fx_session(fx, c->ctx, &pager_test_uuid);
	pt_cmd(s[2], PT_CMD_CHECK, 1, 32, &bad, NULL);
	EXPECT_EQ(bad, 32);	/* a new instance: zeros */
	pager_view(c->ctx, &pager_test_uuid, &v);
	EXPECT_EQ(v.budget.free, 5);
	EXPECT_EQ(v.ta_count, 2);
}

/* Runs tee-core with args; returns its exit status (it must exit). */
static int core_exit_status(const char *const *args)
{
	extern char **environ;
	char path[PATH_MAX];
	char *argv[16];
	int status, n = 0, nul, rc;
	posix_spawn_file_actions_t fa;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/tee-core", settings_bin_dir());
	argv[n++] = path;
	while (*args && n < 15)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, nul, STDERR_FILENO);
	rc = posix_spawn(&pid, path, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(nul);
	if (rc)
		xtest_fail("cannot run %s: %s", path, strerror(rc));
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			xtest_fail("waitpid: %s", strerror(errno));
	return status;
}

static void test_8005_refused(void **state)
{
	static const char *const small[] = {
		"--socket", "/nonexistent/core.sock", "--pool-pages", "8",
		"--core-pool-pages", "9", NULL
	};
	static const char *const nonsense[] = {
		"--socket", "/nonexistent/core.sock", "--pool-pages", "many",
		NULL
	};
	int status;

	(void)state;
	/* Options that cannot work together are a usage error. */
	status = core_exit_status(small);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2);
	status = core_exit_status(nonsense);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2);
}

static const struct xtest_sub subs_8005[] = {
	{ 1, "a new instance the pool cannot hold is refused with "
	     "OUT_OF_MEMORY; running ones go on; closing one makes room",
	  test_8005_spent },
	{ 2, "tee-core refuses a pool smaller than its own share, and a "
	     "pool size that is not a number", test_8005_refused },
};

XTEST_CASE(case_8005, .id = "8005", .suite = "regression",
	   .title = "The pool is a budget: exhaustion fails cleanly",
	   .subs = subs_8005, .nsubs = XTEST_ARRAY_SIZE(subs_8005),
	   .flags = XTEST_NEEDS_CORE_PROC | XTEST_NEEDS_CORE_STATS | XTEST_OWN_CORE);

/* ---- 8007: pager-stress, short ----------------------------------------- */

/*
 * pager-stress's options. Against a TEE device the TEE's own pager runs and
 * its pool is what it is: the run goes there (--tee instead of --pool) with
 * the row's dev_ws, working sets several times OP-TEE's pool on QEMU
 * (272 KiB) within a TA built with CFG_PS_MAX_PAGES=512.
 */
struct stress_row {
	const char *args[18];	/* NULL-terminated */
	const char *dev_ws;
};

/* pager-stress exits with 0 only if every page it read was right. */
static void test_8007_stress(void **state)
{
	const struct stress_row *row = xtest_param(state, struct stress_row);
	const char *dev = xtest_tee_lacks ? getenv("TEECHECK_CORE") : NULL;
	char *argv[XTEST_ARRAY_SIZE(row->args) + 1];
	char prog[PATH_MAX];
	size_t i;

	snprintf(prog, sizeof(prog), "%s/pager-stress", settings_bin_dir());
	argv[0] = prog;
	for (i = 0; i < XTEST_ARRAY_SIZE(row->args) && row->args[i]; i++) {
		argv[i + 1] = (char *)row->args[i];
		if (!dev || i == 0)
			continue;
		if (!strcmp(row->args[i - 1], "--pool")) {
			argv[i] = "--tee";
			argv[i + 1] = (char *)dev;
		} else if (!strcmp(row->args[i - 1], "--ws")) {
			argv[i + 1] = (char *)row->dev_ws;
		}
	}
	argv[i + 1] = NULL;
	xtest_run(argv);
}

static const struct xtest_sub subs_8007[] = {
	XTEST_SUB_ROW(1, "two instances, working sets four times their pools, "
		      "random accesses: every page read back right",
		      test_8007_stress, struct stress_row, .args = {
		      "--pool", "8", "--ws", "32", "--pattern", "random",
		      "--write-share", "30", "--threads", "2", "--sessions",
		      "2", "--instances", "2", "--duration", "2" },
		      .dev_ws = "192"),
	XTEST_SUB_ROW(2, "four sessions sharing one instance, zipf accesses, "
		      "half writes: every page read back right",
		      test_8007_stress, struct stress_row, .args = {
		      "--pool", "8", "--ws", "48", "--pattern", "zipf",
		      "--write-share", "50", "--threads", "2", "--sessions",
		      "4", "--instances", "1", "--duration", "1" },
		      .dev_ws = "120"),
};

XTEST_CASE(case_8007, .id = "8007", .suite = "regression",
	   .title = "pager-stress: short runs with working sets beyond the pool",
	   .flags = XTEST_OWN_CORE,
	   .subs = subs_8007, .nsubs = XTEST_ARRAY_SIZE(subs_8007));
