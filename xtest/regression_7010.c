/*
 * 7010-7014: login methods and the identities the core derives from the
 * client's credentials, TEEC_RequestCancellation, and the Client API used
 * by many threads at once.
 */
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tcf_helpers.h"

/* ---- 7010: login methods ------------------------------------------------- */

/* The identity tcf_test sees for a session opened with method. */
static TEEC_Result login_identity(TEEC_Context *ctx, uint32_t method,
				  const uint32_t *group, uint32_t *login,
				  uint8_t uuid[16], char *text, size_t len,
				  uint32_t *origin)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_OUTPUT,
						      MEMREF_TEMP_OUTPUT,
						      MEMREF_TEMP_OUTPUT, NONE));
	TEEC_Session s;
	TEEC_Result res;

	res = TEEC_OpenSession(ctx, &s, &tcf_test_uuid, method, group, NULL,
			       origin);
	if (res)
		return res;
	op.params[1].tmpref.buffer = uuid;
	op.params[1].tmpref.size = 16;
	op.params[2].tmpref.buffer = text;
	op.params[2].tmpref.size = len;
	res = TEEC_InvokeCommand(&s, TCF_CMD_CLIENT_IDENTITY, &op, origin);
	*login = op.params[0].value.a;
	TEEC_CloseSession(&s);
	return res;
}

static void expect_identity(TEEC_Context *ctx, uint32_t method,
			    const uint32_t *group, const char *name)
{
	uint8_t uuid[16], want[16];
	char text[80], what[PATH_MAX + 64];
	uint32_t login, origin;
	TEEC_Result res;

	res = login_identity(ctx, method, group, &login, uuid, text,
			     sizeof(text), &origin);
	snprintf(what, sizeof(what), "login %#x (%s)", method, name);
	xtest_assert_result(what, res, origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	ASSERT_EQ(login, method);
	tcf_client_uuid(name, want);
	if (memcmp(uuid, want, 16))
		xtest_fail("%s: the TA sees another UUID than UUIDv5(\"%s\")",
			   what, name);
}

static void test_7010_public(void **state)
{
	TEEC_Context *ctx = &xtest_fixture(state)->ctx;
	uint8_t uuid[16], nil[16] = { 0 };
	uint32_t login, origin;
	char text[80];

	ASSERT_RESULT(login_identity(ctx, TEEC_LOGIN_PUBLIC, NULL, &login,
				     uuid, text, sizeof(text), &origin),
		      TEEC_SUCCESS);
	EXPECT_EQ(login, TEEC_LOGIN_PUBLIC);
	EXPECT_MEM_EQ(uuid, nil, 16);
}

static void test_7010_user(void **state)
{
	TEEC_Context *ctx = &xtest_fixture(state)->ctx;
	char name[32];

	snprintf(name, sizeof(name), "uid=%x", (unsigned int)geteuid());
	expect_identity(ctx, TEEC_LOGIN_USER, NULL, name);
}

static void test_7010_group(void **state)
{
	TEEC_Context *ctx = &xtest_fixture(state)->ctx;
	uint32_t gid = (uint32_t)getegid();
	gid_t groups[256];
	char name[32];
	int n;

	snprintf(name, sizeof(name), "gid=%x", gid);
	expect_identity(ctx, TEEC_LOGIN_GROUP, &gid, name);
	/* A supplementary group counts too. */
	n = getgroups(256, groups);
	if (n > 0 && groups[n - 1] != (gid_t)gid) {
		gid = (uint32_t)groups[n - 1];
		snprintf(name, sizeof(name), "gid=%x", gid);
		expect_identity(ctx, TEEC_LOGIN_GROUP, &gid, name);
	}
}

/* A group this process is not in. */
static uint32_t foreign_group(void)
{
	gid_t groups[256];
	uint32_t g;
	int n = getgroups(256, groups), i;

	for (g = 54321;; g++) {
		bool mine = g == (uint32_t)getegid();

		for (i = 0; i < n; i++)
			mine |= groups[i] == (gid_t)g;
		if (!mine)
			return g;
	}
}

static void test_7010_not_member(void **state)
{
	TEEC_Context *ctx = &xtest_fixture(state)->ctx;
	uint32_t gid = foreign_group(), login, origin;
	uint8_t uuid[16];
	char text[80];
	TEEC_Result res;

	res = login_identity(ctx, TEEC_LOGIN_GROUP, &gid, &login, uuid, text,
			     sizeof(text), &origin);
	xtest_assert_result("TEEC_LOGIN_GROUP of a group not ours", res,
			    origin, TEEC_ERROR_ACCESS_DENIED, TEEC_ORIGIN_TEE);
	res = login_identity(ctx, TEEC_LOGIN_GROUP_APPLICATION, &gid, &login,
			     uuid, text, sizeof(text), &origin);
	xtest_assert_result("TEEC_LOGIN_GROUP_APPLICATION of a group not ours",
			    res, origin, TEEC_ERROR_ACCESS_DENIED,
			    TEEC_ORIGIN_TEE);
}

static void test_7010_application(void **state)
{
	TEEC_Context *ctx = &xtest_fixture(state)->ctx;
	char exe[PATH_MAX], name[PATH_MAX + 32];
	uint32_t gid = (uint32_t)getegid();

	tcf_self_exe(exe, sizeof(exe));
	snprintf(name, sizeof(name), "app=%s", exe);
	expect_identity(ctx, TEEC_LOGIN_APPLICATION, NULL, name);
	snprintf(name, sizeof(name), "uid=%x:app=%s", (unsigned int)geteuid(),
		 exe);
	expect_identity(ctx, TEEC_LOGIN_USER_APPLICATION, NULL, name);
	snprintf(name, sizeof(name), "gid=%x:app=%s", gid, exe);
	expect_identity(ctx, TEEC_LOGIN_GROUP_APPLICATION, &gid, name);
}

static void test_7010_bad_methods(void **state)
{
	TEEC_Context *ctx = &xtest_fixture(state)->ctx;
	static const uint32_t bad[] = { 3, 7, 8, 0x80000000, 0xf0000000 };
	TEEC_Session s;
	uint32_t origin;
	TEEC_Result res;
	char what[64];
	size_t i;

	res = TEEC_OpenSession(ctx, &s, &tcf_test_uuid, TEEC_LOGIN_GROUP,
			       NULL, NULL, &origin);
	xtest_assert_result("TEEC_LOGIN_GROUP with no group", res, origin,
			    TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	for (i = 0; i < XTEST_ARRAY_SIZE(bad); i++) {
		res = TEEC_OpenSession(ctx, &s, &tcf_test_uuid, bad[i], NULL,
				       NULL, &origin);
		snprintf(what, sizeof(what), "login method %#x",
			 (unsigned int)bad[i]);
		xtest_assert_result(what, res, origin,
				    TEEC_ERROR_BAD_PARAMETERS,
				    TEEC_ORIGIN_API);
	}
}

static void test_7010_string_form(void **state)
{
	TEEC_Context *ctx = &xtest_fixture(state)->ctx;
	uint8_t uuid[16];
	char text[80], want[80], name[32];
	uint32_t login, origin;

	snprintf(name, sizeof(name), "uid=%x", (unsigned int)geteuid());
	tcf_client_uuid(name, uuid);
	snprintf(want, sizeof(want),
		 "1:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x", uuid[0], uuid[1], uuid[2],
		 uuid[3], uuid[4], uuid[5], uuid[6], uuid[7], uuid[8],
		 uuid[9], uuid[10], uuid[11], uuid[12], uuid[13], uuid[14],
		 uuid[15]);
	ASSERT_RESULT(login_identity(ctx, TEEC_LOGIN_USER, NULL, &login,
				     uuid, text, sizeof(text), &origin),
		      TEEC_SUCCESS);
	assert_string_equal(text, want);
}

static const struct xtest_sub subs_7010[] = {
	{ 1, "TEEC_LOGIN_PUBLIC: login 0 and the nil UUID", test_7010_public },
	{ 2, "TEEC_LOGIN_USER: UUIDv5 of uid=<the client's uid>",
	  test_7010_user,
	  .flags = XTEST_NEEDS_CORE_LOGIN },
	{ 3, "TEEC_LOGIN_GROUP: UUIDv5 of gid=<group>, effective or supplementary",
	  test_7010_group,
	  .flags = XTEST_NEEDS_CORE_LOGIN },
	{ 4, "a group the client is not in gives ACCESS_DENIED from the TEE",
	  test_7010_not_member,
	  .flags = XTEST_NEEDS_CORE_LOGIN },
	{ 5, "APPLICATION, USER_APPLICATION, GROUP_APPLICATION name the executable",
	  test_7010_application,
	  .flags = XTEST_NEEDS_CORE_LOGIN },
	{ 6, "unknown methods, or GROUP without a group, are refused by the API",
	  test_7010_bad_methods },
	{ 7, "gpd.client.identity reads as \"<login>:<uuid>\"",
	  test_7010_string_form },
};

XTEST_CASE(case_7010, .id = "7010", .suite = "regression",
	   .title = "Login methods and client identities", .context = true,
	   .subs = subs_7010, .nsubs = XTEST_ARRAY_SIZE(subs_7010));

/* ---- 7011: identities of other users (root) ----------------------------- */

#define OTHER_UID	4444
#define OTHER_GID	4343
#define OTHER_GROUP	4242

/*
 * In a child that became OTHER_UID (in OTHER_GID, with OTHER_GROUP as a
 * supplementary group): opens sessions on the case's core and checks what
 * the TA sees. Exit status: 0, or the number of the failed check.
 */
static int other_user_child(const char *socket)
{
	static const struct {
		uint32_t method;
		uint32_t group;
		const char *name;
		TEEC_Result res;
	} checks[] = {
		{ TEEC_LOGIN_USER, 0, "uid=115c", TEEC_SUCCESS },
		{ TEEC_LOGIN_GROUP, OTHER_GID, "gid=10f7", TEEC_SUCCESS },
		{ TEEC_LOGIN_GROUP, OTHER_GROUP, "gid=1092", TEEC_SUCCESS },
		{ TEEC_LOGIN_GROUP, 0, NULL, TEEC_ERROR_ACCESS_DENIED },
	};
	static const uint32_t app_groups[] = { OTHER_GROUP, OTHER_GID };
	gid_t groups[1] = { OTHER_GROUP };
	char exe[PATH_MAX], name[PATH_MAX + 32];
	uint8_t uuid[16], want[16];
	uint32_t login, origin;
	TEEC_Context ctx;
	char text[80];
	ssize_t n;
	size_t i;

	if (setgroups(1, groups) || setgid(OTHER_GID) || setuid(OTHER_UID))
		return 100;
	if (TEEC_InitializeContext(socket, &ctx))
		return 101;
	for (i = 0; i < XTEST_ARRAY_SIZE(checks); i++) {
		if (login_identity(&ctx, checks[i].method, &checks[i].group,
				   &login, uuid, text, sizeof(text),
				   &origin) != checks[i].res)
			return 1 + (int)i;
		if (!checks[i].name)
			continue;
		tcf_client_uuid(checks[i].name, want);
		if (login != checks[i].method || memcmp(uuid, want, 16))
			return 1 + (int)i;
	}
	/*
	 * GROUP_APPLICATION names the group asked for, a supplementary one
	 * as well as the effective one: an identity derived from the
	 * effective gid fails the first of these.
	 */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return 102;
	exe[n] = '\0';
	for (i = 0; i < XTEST_ARRAY_SIZE(app_groups); i++) {
		snprintf(name, sizeof(name), "gid=%x:app=%s", app_groups[i],
			 exe);
		if (login_identity(&ctx, TEEC_LOGIN_GROUP_APPLICATION,
				   &app_groups[i], &login, uuid, text,
				   sizeof(text), &origin) != TEEC_SUCCESS)
			return 10 + (int)i;
		tcf_client_uuid(name, want);
		if (login != TEEC_LOGIN_GROUP_APPLICATION ||
		    memcmp(uuid, want, 16))
			return 10 + (int)i;
	}
	TEEC_FinalizeContext(&ctx);
	return 0;
}

static void core_stop(void *pc)
{
	private_core_stop(pc);
}

static void test_7011_other_user(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct private_core *pc = xtest_fx_alloc(fx, sizeof(*pc));
	int status;
	pid_t pid;

	tcf_core_start(pc, NULL);
	xtest_fx_defer(fx, core_stop, pc);
	/* The other user must reach the socket of the case's core. */
	if (chmod(pc->dir, 0711) || chmod(pc->socket, 0666))
		xtest_fail("cannot open the case's core to other users");
	fflush(stdout);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (!pid)
		_exit(other_user_child(pc->socket));
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	xtest_fx_release(fx, pc);	/* the core stops */
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		xtest_fail("as uid %d: check %d failed (status %#x)",
			   OTHER_UID, WIFEXITED(status) ?
			   WEXITSTATUS(status) : -1, status);
}

static const struct xtest_sub subs_7011[] = {
	{ 1, "a client that became another uid and gid gets their identities; "
	     "GROUP and GROUP_APPLICATION of a supplementary group name it",
	  test_7011_other_user },
};

XTEST_CASE(case_7011, .id = "7011", .suite = "regression",
	   .title = "Login identities of another user and group (root)",
	   .flags = XTEST_NEEDS_ROOT | XTEST_NEEDS_CORE_LOGIN |
		    XTEST_NEEDS_CORE_PROC | XTEST_OWN_CORE,
	   .subs = subs_7011, .nsubs = XTEST_ARRAY_SIZE(subs_7011));

/* ---- 7012: TEEC_RequestCancellation ------------------------------------- */

static void test_7012_invoke(void **state)
{
	TEEC_Session *s = &xtest_fixture(state)->sess;
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));
	struct tcf_canceller c;
	uint32_t origin;
	TEEC_Result res;
	long long start;

	op.params[0].value.a = 10000;
	op.params[0].value.b = 1;
	start = tcf_now_ms();
	tcf_cancel_later(&c, &op, 100);
	res = TEEC_InvokeCommand(s, TCF_CMD_WAIT, &op, &origin);
	tcf_cancel_join(&c);
	/* The TA saw it: TEE_Wait's CANCEL is the TA's answer. */
	xtest_assert_result("an invoke cancelled from another thread", res,
			    origin, TEEC_ERROR_CANCEL,
			    TEEC_ORIGIN_TRUSTED_APP);
	if (tcf_now_ms() - start > 2000)
		xtest_fail("the cancelled invoke took %lld ms",
			   tcf_now_ms() - start);
}

static void test_7012_open(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));
	struct teecheck_core_stats base;
	struct tcf_canceller c;
	TEEC_SharedMemory *shm;
	TEEC_Session *s;
	uint32_t origin;
	TEEC_Result res;

	tcf_stats(&fx->ctx, &base);
	shm = xtest_fx_shm_alloc(fx, &fx->ctx, 1,
				 TEEC_MEM_INPUT | TEEC_MEM_OUTPUT);
	*(volatile uint8_t *)shm->buffer = 0;
	op.paramTypes = TCF_TYPES(VALUE_INPUT, VALUE_OUTPUT, MEMREF_WHOLE,
				  NONE);
	op.params[0].value.a = TCF_OPEN_WAIT;
	op.params[0].value.b = 10000;
	op.params[2].memref.parent = shm;
	/* Cancelled once the TA waits, however slowly its instance
	 * started: not after a delay that a slow start outruns. */
	tcf_cancel_on(&c, &op, shm->buffer);
	res = xtest_fx_open_session(fx, &fx->ctx, &s, &tcf_test_mi_uuid,
				    TEEC_LOGIN_PUBLIC, NULL, &op, &origin);
	tcf_cancel_join(&c);
	xtest_assert_result("an open session cancelled from another thread",
			    res, origin, TEEC_ERROR_CANCEL,
			    TEEC_ORIGIN_TRUSTED_APP);
	xtest_fx_release(fx, shm);
	tcf_wait_stats(&fx->ctx, &base);
}

static void test_7012_before_start(void **state)
{
	TEEC_Session *s = &xtest_fixture(state)->sess;
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_OUTPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));
	struct tcf_info before, after;
	uint32_t origin;
	TEEC_Result res;

	tcf_info(s, &before);
	op.started = 0;
	TEEC_RequestCancellation(&op);
	res = TEEC_InvokeCommand(s, TCF_CMD_INFO, &op, &origin);
	xtest_assert_result("an invoke cancelled before it started", res,
			    origin, TEEC_ERROR_CANCEL, TEEC_ORIGIN_COMMS);
	tcf_info(s, &after);
	/* It never reached the TA. */
	ASSERT_EQ(after.invokes, before.invokes + 1);
	/* Used again (started set to 0 again), it runs. */
	op.started = 0;
	res = TEEC_InvokeCommand(s, TCF_CMD_INFO, &op, &origin);
	xtest_assert_result("the same operation used again", res, origin,
			    TEEC_SUCCESS, XTEST_ORIGIN_ANY);
}

struct waiter {
	TEEC_Session *s;
	uint32_t ms;
	TEEC_Result res;
	uint32_t origin;
};

static void *waiter_run(void *arg)
{
	struct waiter *w = arg;
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));

	op.params[0].value.a = w->ms;
	op.params[0].value.b = 1;
	w->res = TEEC_InvokeCommand(w->s, TCF_CMD_WAIT, &op, &w->origin);
	return NULL;
}

static void test_7012_while_waiting(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_OUTPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));
	struct waiter w = { .ms = 600 };
	struct tcf_info before, after;
	struct tcf_canceller c;
	TEEC_Session *queued;
	uint32_t origin;
	TEEC_Result res;
	pthread_t t;

	w.s = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	queued = xtest_fx_session(fx, &fx->ctx, &tcf_test_uuid);
	tcf_info(queued, &before);
	ASSERT_EQ(pthread_create(&t, NULL, waiter_run, &w), 0);
	usleep(100000);
	/* The single instance is busy: this call waits, and is cancelled. */
	tcf_cancel_later(&c, &op, 100);
	res = TEEC_InvokeCommand(queued, TCF_CMD_INFO, &op, &origin);
	tcf_cancel_join(&c);
	pthread_join(t, NULL);
	xtest_assert_result("a call cancelled while waiting for its TA", res,
			    origin, TEEC_ERROR_CANCEL, TEEC_ORIGIN_TEE);
	ASSERT_RESULT(w.res, TEEC_SUCCESS);
	tcf_info(queued, &after);
	/* The TA served the waiter and the two INFOs, not the cancelled. */
	ASSERT_EQ(after.invokes, before.invokes + 2);
}

static void test_7012_after(void **state)
{
	TEEC_Session *s = &xtest_fixture(state)->sess;
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_OUTPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));

	xtest_invoke_ok(s, TCF_CMD_INFO, &op);
	/* Done: cancelling it now changes nothing, not even the next use. */
	TEEC_RequestCancellation(&op);
	xtest_invoke_ok(s, TCF_CMD_INFO, &op);
	TEEC_RequestCancellation(NULL);
}

static const struct xtest_sub subs_7012[] = {
	{ 1, "an invoke in progress is cancelled from another thread",
	  test_7012_invoke },
	{ 2, "an open session in progress is cancelled; no session remains",
	  test_7012_open,
	  .flags = XTEST_NEEDS_CORE_STATS },
	{ 3, "cancelled before it started: CANCEL from COMMS, no TA reached",
	  test_7012_before_start },
	{ 4, "cancelled while waiting for a busy TA: CANCEL from the TEE",
	  test_7012_while_waiting,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
	{ 5, "a cancellation after the call returned changes nothing",
	  test_7012_after },
};

XTEST_CASE(case_7012, .id = "7012", .suite = "regression",
	   .title = "TEEC_RequestCancellation", .ta = &tcf_test_mi_uuid,
	   .flags = XTEST_NEEDS_IDLE,
	   .subs = subs_7012, .nsubs = XTEST_ARRAY_SIZE(subs_7012));

/* ---- 7013, 7014: threads -------------------------------------------------- */

#define THREADS	8

struct thread_job {
	pthread_t thread;
	unsigned int index;
	unsigned int iterations;
	TEEC_Context *ctx;
	TEEC_Session *session;		/* shared, or NULL: its own */
	bool churn;			/* allocate and release memory too */
	bool failed;
	char failure[160];
};

static void *thread_run(void *arg)
{
	struct thread_job *j = arg;
	TEEC_Session own, *s = j->session;
	TEEC_SharedMemory shm;
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result res;
	unsigned int it;

	if (!s) {
		res = xtest_open_session_result(j->ctx, &own, &tcf_peer_uuid,
						&origin);
		if (res) {
			snprintf(j->failure, sizeof(j->failure),
				 "thread %u: open: 0x%08x", j->index, res);
			j->failed = true;
			return NULL;
		}
		s = &own;
	}
	for (it = 0; it < j->iterations && !j->failed; it++) {
		memset(&shm, 0, sizeof(shm));
		shm.size = 64 + (it * 97) % 9000;
		shm.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
		if (j->churn &&
		    TEEC_AllocateSharedMemory(j->ctx, &shm) != TEEC_SUCCESS) {
			snprintf(j->failure, sizeof(j->failure),
				 "thread %u: allocate %zu", j->index, shm.size);
			j->failed = true;
			break;
		}
		op = xtest_operation(j->churn ?
				     TCF_TYPES(VALUE_INPUT, MEMREF_WHOLE, NONE,
					       NONE) :
				     TCF_TYPES(VALUE_INOUT, NONE, NONE, NONE));
		if (j->churn) {
			op.params[1].memref.parent = &shm;
			op.params[0].value.a = (uint32_t)shm.size;
			op.params[0].value.b = (uint8_t)(j->index + it);
			res = TEEC_InvokeCommand(s, TCF_PEER_CMD_FILL, &op,
						 &origin);
			if (!res && ((uint8_t *)shm.buffer)[shm.size - 1] !=
				    (uint8_t)(j->index + it))
				res = TEEC_ERROR_GENERIC;
			TEEC_ReleaseSharedMemory(&shm);
		} else {
			res = TEEC_InvokeCommand(s, TCF_PEER_CMD_COUNT, &op,
						 &origin);
		}
		if (res) {
			snprintf(j->failure, sizeof(j->failure),
				 "thread %u, iteration %u: 0x%08x from %u",
				 j->index, it, res, origin);
			j->failed = true;
		}
	}
	if (s == &own)
		TEEC_CloseSession(&own);
	return NULL;
}

static void threads_run(struct thread_job *jobs, size_t n)
{
	size_t i, started = 0;
	int rc = 0;

	for (i = 0; i < n && !rc; i++) {
		jobs[i].index = (unsigned int)i;
		rc = pthread_create(&jobs[i].thread, NULL, thread_run,
				    jobs + i);
		if (!rc)
			started++;
	}
	for (i = 0; i < started; i++)
		pthread_join(jobs[i].thread, NULL);
	if (rc)
		xtest_fail("pthread_create: %s", strerror(rc));
	/* Every thread's failure is worth reading. */
	for (i = 0; i < n; i++)
		if (jobs[i].failed)
			xtest_expect_fail("%s", jobs[i].failure);
}

static void test_7013_own_sessions(void **state)
{
	struct thread_job jobs[THREADS];
	size_t i;

	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < THREADS; i++) {
		jobs[i].ctx = &xtest_fixture(state)->ctx;
		jobs[i].iterations = 100 * (1 + xtest_level);
	}
	threads_run(jobs, THREADS);
}

static void test_7013_shared_session(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INOUT, NONE, NONE,
						      NONE));
	TEEC_Session *s = xtest_fx_session(fx, &fx->ctx, &tcf_peer_uuid);
	struct thread_job jobs[THREADS];
	size_t i;

	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < THREADS; i++) {
		jobs[i].ctx = &fx->ctx;
		jobs[i].session = s;
		jobs[i].iterations = 100 * (1 + xtest_level);
	}
	threads_run(jobs, THREADS);
	/* Every call was counted, once. */
	xtest_invoke_ok(s, TCF_PEER_CMD_COUNT, &op);
	ASSERT_EQ(op.params[0].value.a, THREADS * 100 * (1 + xtest_level) + 1);
}

static void test_7013_churn(void **state)
{
	struct thread_job jobs[THREADS];
	size_t i;

	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < THREADS; i++) {
		jobs[i].ctx = &xtest_fixture(state)->ctx;
		jobs[i].churn = true;
		jobs[i].iterations = 50 * (1 + xtest_level);
	}
	threads_run(jobs, THREADS);
}

static const struct xtest_sub subs_7013[] = {
	{ 1, "8 threads of one context, each with its own session",
	  test_7013_own_sessions },
	{ 2, "8 threads sharing one session: every call counted once",
	  test_7013_shared_session },
	{ 3, "8 threads allocating, using and releasing shared memory",
	  test_7013_churn },
};

XTEST_CASE(case_7013, .id = "7013", .suite = "regression",
	   .title = "One context, many threads", .context = true,
	   .subs = subs_7013, .nsubs = XTEST_ARRAY_SIZE(subs_7013));

struct ctx_job {
	pthread_t thread;
	unsigned int rounds;
	bool failed;
	TEEC_Result res;
};

/* Creates and ends contexts while the others do the same. */
static void *ctx_run(void *arg)
{
	struct ctx_job *j = arg;
	TEEC_Operation op;
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin;
	unsigned int r;

	for (r = 0; r < j->rounds && !j->failed; r++) {
		j->res = TEEC_InitializeContext(NULL, &ctx);
		if (j->res) {
			j->failed = true;
			break;
		}
		j->res = xtest_open_session_result(&ctx, &s, &tcf_peer_uuid,
						   &origin);
		if (!j->res) {
			op = xtest_operation(TCF_TYPES(VALUE_INOUT, NONE, NONE,
						       NONE));
			j->res = TEEC_InvokeCommand(&s, TCF_PEER_CMD_COUNT,
						    &op, &origin);
			TEEC_CloseSession(&s);
		}
		j->failed = j->res != TEEC_SUCCESS;
		TEEC_FinalizeContext(&ctx);
	}
	return NULL;
}

static void test_7014_contexts(void **state)
{
	TEEC_Context *ctx = &xtest_fixture(state)->ctx;
	struct ctx_job jobs[THREADS];
	struct teecheck_core_stats base;
	size_t i, started = 0;
	int rc = 0;

	tcf_stats(ctx, &base);
	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < THREADS && !rc; i++) {
		jobs[i].rounds = 10 * (1 + xtest_level);
		rc = pthread_create(&jobs[i].thread, NULL, ctx_run, jobs + i);
		if (!rc)
			started++;
	}
	for (i = 0; i < started; i++)
		pthread_join(jobs[i].thread, NULL);
	if (rc)
		xtest_fail("pthread_create: %s", strerror(rc));
	for (i = 0; i < THREADS; i++)
		if (jobs[i].failed)
			xtest_expect_fail("thread %zu: 0x%08x", i,
					  jobs[i].res);
	tcf_wait_stats(ctx, &base);
}

static const struct xtest_sub subs_7014[] = {
	{ 1, "8 threads creating, using and finalizing contexts at once",
	  test_7014_contexts,
	  .flags = XTEST_NEEDS_CORE_STATS },
};

XTEST_CASE(case_7014, .id = "7014", .suite = "regression",
	   .title = "Many contexts, made and ended concurrently",
	   .context = true,
	   .flags = XTEST_NEEDS_IDLE,
	   .subs = subs_7014, .nsubs = XTEST_ARRAY_SIZE(subs_7014));
