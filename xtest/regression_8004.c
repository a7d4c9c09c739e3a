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

static void tamper_core_start(struct private_core *pc)
{
	static char host[PATH_MAX];

	snprintf(host, sizeof(host), "%s/ta-host-test", settings_bin_dir());
	pager_core_start(pc, "tee-core-test", "--ta-host", host,
			 "--ta-pool-pages", "8");
}

/*
 * Corrupts what = TC_PAGER_TEST_TA_* of page index of area, then touches
 * that page: the TA must end, TARGET_DEAD from the TEE, and the log must
 * say why.
 */
static void tamper_ta(uint32_t what, uint32_t area, uint32_t index,
		      const char *reason, const char *region)
{
	struct private_core pc;
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t origin;
	TEEC_Result res;
	uint64_t addr;

	tamper_core_start(&pc);
	xtest_context_init(&ctx);
	xtest_open_session(&ctx, &sess, &pager_test_uuid);
	if (area == PT_AREA_DATA)
		pt_cmd(&sess, PT_CMD_FILL, 9, 32, NULL, NULL);
	/* Untouched, the page reads back fine. */
	pt_cmd(&sess, PT_CMD_TOUCH, area, index, NULL, NULL);
	addr = pt_addr(&sess, area, index);
	res = teecheck_pager_test(&ctx, &sess, what, addr);
	xtest_assert_result("teecheck_pager_test", res, XTEST_ORIGIN_ANY,
			    TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	res = pt_cmd_result(&sess, PT_CMD_TOUCH, area, index, &origin);
	xtest_assert_result("PT_CMD_TOUCH of the corrupted page", res, origin,
			    TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	/* The instance is gone for good, and the log names the page. */
	res = pt_cmd_result(&sess, PT_CMD_TOUCH, area, index, &origin);
	xtest_assert_result("the next call", res, origin,
			    TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	if (!pager_core_log_has(&pc, "pager integrity failure") ||
	    !pager_core_log_has(&pc, reason) ||
	    !pager_core_log_has(&pc, region))
		xtest_fail("the core's log (%s) does not say \"%s\" about "
			   "region \"%s\"", pc.core_log, reason, region);
	pager_core_stop(&pc);
}

static void test_8004_saved(void **state)
{
	(void)state;
	tamper_ta(TC_PAGER_TEST_TA_SAVED, PT_AREA_DATA, 3,
		  "saved page failed authentication", "TA bss");
}

static void test_8004_code(void **state)
{
	(void)state;
	tamper_ta(TC_PAGER_TEST_TA_HASHED, PT_AREA_CODE, 5,
		  "page content does not match its SHA-256", "TA code");
}

static void test_8004_rodata(void **state)
{
	(void)state;
	tamper_ta(TC_PAGER_TEST_TA_HASHED, PT_AREA_TABLE, 9,
		  "page content does not match its SHA-256", "TA rodata");
}

static void test_8004_core(void **state)
{
	struct private_core pc;
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t origin;
	TEEC_Result res;
	int tries, status = 0;

	(void)state;
	tamper_core_start(&pc);
	xtest_context_init(&ctx);
	/* The reply may not come: the core may need the page to send it. */
	teecheck_pager_test(&ctx, NULL, TC_PAGER_TEST_CORE_HASHED, 0);
	res = xtest_open_session_result(&ctx, &sess, &pager_test_uuid,
					&origin);
	if (!res)
		xtest_fail("a session opened on a core whose text was "
			   "corrupted");
	TEEC_FinalizeContext(&ctx);
	for (tries = 0; tries < 100; tries++) {
		if (waitpid(pc.core, &status, WNOHANG) == pc.core)
			break;
		usleep(20 * 1000);
	}
	if (tries == 100)
		xtest_fail("the core still runs its corrupted text");
	pc.core = 0;
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	if (!pager_core_log_has(&pc, "tee-core: fatal: integrity failure at") ||
	    !pager_core_log_has(&pc, "in region \"tee-core text\""))
		xtest_fail("the core's log (%s) does not name the address and "
			   "region", pc.core_log);
	pager_core_stop(&pc);
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
	char path[PATH_MAX];
	struct private_core pc;
	TEEC_Context ctx;
	TEEC_Result res;

	(void)state;
	pager_core_start(&pc, NULL, "--ta-pool-pages", "8");
	xtest_context_init(&ctx);
	res = teecheck_pager_test(&ctx, NULL, TC_PAGER_TEST_CORE_HASHED, 0);
	xtest_assert_result("teecheck_pager_test on tee-core", res,
			    XTEST_ORIGIN_ANY, TEEC_ERROR_NOT_IMPLEMENTED,
			    XTEST_ORIGIN_ANY);
	TEEC_FinalizeContext(&ctx);
	pager_core_stop(&pc);
	/* Not even the code is there: neither command nor hooks. */
	snprintf(path, sizeof(path), "%s/tee-core", settings_bin_dir());
	assert_false(file_has(path, "pager_test_command"));
	assert_false(file_has(path, "pager_test_corrupt"));
	snprintf(path, sizeof(path), "%s/ta-host", settings_bin_dir());
	assert_false(file_has(path, "pager_test_corrupt"));
	snprintf(path, sizeof(path), "%s/tee-core-test", settings_bin_dir());
	assert_true(file_has(path, "pager_test_command"));
}

static const struct xtest_sub subs_8004[] = {
	{ 1, "a corrupted saved data page ends the TA at its next use: "
	     "TARGET_DEAD, the log says why", test_8004_saved },
	{ 2, "a corrupted hashed code page ends the TA at its next call",
	  test_8004_code },
	{ 3, "a corrupted hashed read-only data page ends the TA at its next "
	     "read", test_8004_rodata },
	{ 4, "a corrupted page of the core's own text stops the core, which "
	     "names the address and region", test_8004_core },
	{ 5, "tee-core and ta-host have no tampering command or hooks",
	  test_8004_normal },
};

XTEST_CASE(case_8004, .id = "8004", .suite = "regression",
	   .title = "Tampering with saved and hashed pages is caught",
	   .subs = subs_8004, .nsubs = XTEST_ARRAY_SIZE(subs_8004));

/* ---- 8005: the pool runs out ------------------------------------------- */

#define CORE_SHARE	6
#define TA_SHARE	4

/* A pool with room for the core and two pager_test instances, and 5 pages. */
static void exhaust_core_start(struct private_core *pc)
{
	static char pool[16];

	snprintf(pool, sizeof(pool), "%u", CORE_SHARE + 5 +
		 2 * pager_instance_pages(TA_SHARE, PT_TA_STACK_SIZE));
	pager_core_start(pc, NULL, "--pool-pages", pool, "--core-pool-pages",
			 "6", "--ta-pool-pages", "4");
}

static void test_8005_spent(void **state)
{
	struct private_core pc;
	struct pager_view v;
	TEEC_Context ctx;
	TEEC_Session s[3];
	uint32_t origin, bad;
	TEEC_Result res;

	(void)state;
	exhaust_core_start(&pc);
	xtest_context_init(&ctx);
	xtest_open_session(&ctx, &s[0], &pager_test_uuid);
	xtest_open_session(&ctx, &s[1], &pager_test_uuid);
	pager_view(&ctx, &pager_test_uuid, &v);
	assert_int_equal(v.budget.free, 5);
	res = xtest_open_session_result(&ctx, &s[2], &pager_test_uuid,
					&origin);
	xtest_assert_result("TEEC_OpenSession(a third instance)", res, origin,
			    TEEC_ERROR_OUT_OF_MEMORY, TEEC_ORIGIN_TEE);
	/* What runs is not squeezed: both instances still page. */
	pt_cmd(&s[0], PT_CMD_FILL, 1, 32, NULL, NULL);
	pt_cmd(&s[1], PT_CMD_FILL, 2, 32, NULL, NULL);
	pt_cmd(&s[0], PT_CMD_CHECK, 1, 32, &bad, NULL);
	assert_int_equal(bad, 0);
	pt_cmd(&s[1], PT_CMD_CHECK, 2, 32, &bad, NULL);
	assert_int_equal(bad, 0);
	/* A closed session gives its pages back for the next one. */
	TEEC_CloseSession(&s[0]);
	xtest_open_session(&ctx, &s[2], &pager_test_uuid);
	pt_cmd(&s[2], PT_CMD_CHECK, 1, 32, &bad, NULL);
	assert_int_equal(bad, 32);	/* a new instance: zeros */
	pager_view(&ctx, &pager_test_uuid, &v);
	assert_int_equal(v.budget.free, 5);
	assert_int_equal(v.ta_count, 2);
	TEEC_CloseSession(&s[1]);
	TEEC_CloseSession(&s[2]);
	TEEC_FinalizeContext(&ctx);
	pager_core_stop(&pc);
}

/* Runs tee-core with args; returns its exit status (it must exit). */
static int core_exit_status(const char *const *args)
{
	extern char **environ;
	char path[PATH_MAX];
	char *argv[16];
	int status, n = 0, nul;
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
	if (posix_spawn(&pid, path, &fa, NULL, argv, environ))
		xtest_fail("cannot run %s", path);
	posix_spawn_file_actions_destroy(&fa);
	close(nul);
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
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 2);
	status = core_exit_status(nonsense);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 2);
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
	   .subs = subs_8005, .nsubs = XTEST_ARRAY_SIZE(subs_8005));

/* ---- 8007: pager-stress, short ----------------------------------------- */

static void test_8007_stress(void **state)
{
	char prog[PATH_MAX];
	char *argv[] = {
		prog, "--pool", "8", "--ws", "32", "--pattern", "random",
		"--write-share", "30", "--threads", "2", "--sessions", "2",
		"--instances", "2", "--duration", "2", NULL
	};

	(void)state;
	snprintf(prog, sizeof(prog), "%s/pager-stress", settings_bin_dir());
	/* It exits with 0 only if every page it read was right. */
	xtest_run(argv);
}

static void test_8007_zipf(void **state)
{
	char prog[PATH_MAX];
	char *argv[] = {
		prog, "--pool", "8", "--ws", "48", "--pattern", "zipf",
		"--write-share", "50", "--threads", "2", "--sessions", "4",
		"--instances", "1", "--duration", "1", NULL
	};

	(void)state;
	snprintf(prog, sizeof(prog), "%s/pager-stress", settings_bin_dir());
	xtest_run(argv);
}

static const struct xtest_sub subs_8007[] = {
	{ 1, "two instances, working sets four times their pools, random "
	     "accesses: every page read back right", test_8007_stress },
	{ 2, "four sessions sharing one instance, zipf accesses, half "
	     "writes: every page read back right", test_8007_zipf },
};

XTEST_CASE(case_8007, .id = "8007", .suite = "regression",
	   .title = "pager-stress: short runs with working sets beyond the pool",
	   .subs = subs_8007, .nsubs = XTEST_ARRAY_SIZE(subs_8007));
