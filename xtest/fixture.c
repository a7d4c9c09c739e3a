/*
 * The fixture of the running sub-case: what it was set up with and what it
 * took since, released last in, first out when it ends. A case process runs
 * one sub-case at a time, so there is one fixture, in static storage: an
 * assertion that leaves the body leaves this intact for the teardown.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xtest_fixture.h"
#include "xtest_helpers.h"

enum fixture_kind {
	FIXTURE_CONTEXT,
	FIXTURE_SESSION,
	FIXTURE_SHM,
	FIXTURE_CALL,
};

struct fixture_entry {
	enum fixture_kind kind;
	void *obj;		/* the object, or the deferred call's argument */
	void (*fn)(void *arg);	/* FIXTURE_CALL */
	bool live;		/* obj is open or registered: release it */
	bool heap;		/* obj was allocated here: free it */
};

static struct {
	struct xtest_fixture fx;
	const struct xtest_case *tc;
	struct fixture_entry entries[XTEST_FX_MAX];
	size_t n;
	bool cleanup_due;	/* .setup started, so .cleanup runs */
	unsigned int expect_failures;
	const char *expect_file;	/* where the last one failed */
	int expect_line;
} fixture_now;

static struct fixture_entry *fixture_push(const char *file, int line,
					  enum fixture_kind kind, void *obj,
					  bool heap)
{
	struct fixture_entry *e;

	if (fixture_now.n == XTEST_FX_MAX) {
		if (heap)
			free(obj);
		xtest_fail_at(file, line, "a sub-case holds at most %d fixture "
			      "objects and deferred calls", XTEST_FX_MAX);
	}
	e = &fixture_now.entries[fixture_now.n++];
	*e = (struct fixture_entry){ .kind = kind, .obj = obj, .heap = heap };
	return e;
}

static void fixture_release_entry(const struct fixture_entry *e)
{
	if (e->live) {
		switch (e->kind) {
		case FIXTURE_CONTEXT:
			TEEC_FinalizeContext(e->obj);
			break;
		case FIXTURE_SESSION:
			TEEC_CloseSession(e->obj);
			break;
		case FIXTURE_SHM:
			TEEC_ReleaseSharedMemory(e->obj);
			break;
		case FIXTURE_CALL:
			e->fn(e->obj);
			break;
		}
	}
	if (e->heap)
		free(e->obj);
}

/* Releases everything the fixture holds, newest first. */
static void fixture_release_all(void)
{
	while (fixture_now.n) {
		struct fixture_entry e = fixture_now.entries[--fixture_now.n];

		fixture_release_entry(&e);
	}
}

static void *fixture_alloc(const char *file, int line, size_t size)
{
	return xtest_alloc_at(file, line, size);
}

void xtest_fx_defer_at(const char *file, int line, struct xtest_fixture *fx,
		       void (*fn)(void *arg), void *arg)
{
	struct fixture_entry *e;

	(void)fx;
	e = fixture_push(file, line, FIXTURE_CALL, arg, false);
	e->fn = fn;
	e->live = true;
}

void *xtest_fx_alloc_at(const char *file, int line, struct xtest_fixture *fx,
			size_t size)
{
	void *p = xtest_alloc_at(file, line, size);

	xtest_fx_defer_at(file, line, fx, free, p);
	return p;
}

static void fixture_unlink(void *path)
{
	unlink(path);
	free(path);
}

void xtest_fx_unlink_at(const char *file, int line, struct xtest_fixture *fx,
			const char *path)
{
	size_t len = strlen(path) + 1;
	char *copy = xtest_alloc_at(file, line, len);

	memcpy(copy, path, len);
	xtest_fx_defer_at(file, line, fx, fixture_unlink, copy);
}

static void fixture_context_open(const char *file, int line, TEEC_Context *ctx,
				 bool heap, const char *name)
{
	struct fixture_entry *e;
	TEEC_Result res;

	e = fixture_push(file, line, FIXTURE_CONTEXT, ctx, heap);
	res = TEEC_InitializeContext(name, ctx);
	e->live = res == TEEC_SUCCESS;
	xtest_assert_result_at(file, line, "TEEC_InitializeContext", res,
			       XTEST_ORIGIN_ANY, TEEC_SUCCESS,
			       XTEST_ORIGIN_ANY);
}

TEEC_Context *xtest_fx_context_at(const char *file, int line,
				  struct xtest_fixture *fx, const char *name)
{
	TEEC_Context *ctx = fixture_alloc(file, line, sizeof(*ctx));

	(void)fx;
	fixture_context_open(file, line, ctx, true, name);
	return ctx;
}

static TEEC_Result fixture_session_open(const char *file, int line,
					TEEC_Context *ctx, TEEC_Session *sess,
					bool heap, const TEEC_UUID *uuid,
					uint32_t login, const void *conn_data,
					TEEC_Operation *op, uint32_t *origin)
{
	struct fixture_entry *e;
	TEEC_Result res;

	/* Owned first, so that the memory outlives a failed assertion. */
	e = fixture_push(file, line, FIXTURE_SESSION, sess, heap);
	*origin = 0;
	res = TEEC_OpenSession(ctx, sess, uuid, login, conn_data, op, origin);
	e->live = res == TEEC_SUCCESS;
	return res;
}

static void fixture_session_ok(const char *file, int line, TEEC_Context *ctx,
			       TEEC_Session *sess, bool heap,
			       const TEEC_UUID *uuid)
{
	char what[80], u[XTEST_UUID_STRLEN];
	uint32_t origin;
	TEEC_Result res;

	res = fixture_session_open(file, line, ctx, sess, heap, uuid,
				   TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	xtest_uuid_string(uuid, u);
	snprintf(what, sizeof(what), "TEEC_OpenSession(%s)", u);
	xtest_assert_result_at(file, line, what, res, origin, TEEC_SUCCESS,
			       XTEST_ORIGIN_ANY);
}

TEEC_Session *xtest_fx_session_at(const char *file, int line,
				  struct xtest_fixture *fx, TEEC_Context *ctx,
				  const TEEC_UUID *uuid)
{
	TEEC_Session *sess = fixture_alloc(file, line, sizeof(*sess));

	(void)fx;
	fixture_session_ok(file, line, ctx, sess, true, uuid);
	return sess;
}

TEEC_Result xtest_fx_open_session_at(const char *file, int line,
				     struct xtest_fixture *fx,
				     TEEC_Context *ctx, TEEC_Session **sess,
				     const TEEC_UUID *uuid, uint32_t login,
				     const void *conn_data, TEEC_Operation *op,
				     uint32_t *origin)
{
	(void)fx;
	*sess = fixture_alloc(file, line, sizeof(**sess));
	return fixture_session_open(file, line, ctx, *sess, true, uuid, login,
				    conn_data, op, origin);
}

static TEEC_SharedMemory *fixture_shm(const char *file, int line,
				      TEEC_Context *ctx, bool reg, void *buf,
				      size_t size, uint32_t flags)
{
	TEEC_SharedMemory *shm = fixture_alloc(file, line, sizeof(*shm));
	struct fixture_entry *e;
	TEEC_Result res;

	e = fixture_push(file, line, FIXTURE_SHM, shm, true);
	shm->buffer = buf;
	shm->size = size;
	shm->flags = flags;
	if (reg) {
		res = TEEC_RegisterSharedMemory(ctx, shm);
		e->live = res == TEEC_SUCCESS;
		xtest_assert_result_at(file, line, "TEEC_RegisterSharedMemory",
				       res, XTEST_ORIGIN_ANY, TEEC_SUCCESS,
				       XTEST_ORIGIN_ANY);
	} else {
		res = TEEC_AllocateSharedMemory(ctx, shm);
		e->live = res == TEEC_SUCCESS;
		xtest_assert_result_at(file, line, "TEEC_AllocateSharedMemory",
				       res, XTEST_ORIGIN_ANY, TEEC_SUCCESS,
				       XTEST_ORIGIN_ANY);
	}
	return shm;
}

TEEC_SharedMemory *xtest_fx_shm_alloc_at(const char *file, int line,
					 struct xtest_fixture *fx,
					 TEEC_Context *ctx, size_t size,
					 uint32_t flags)
{
	(void)fx;
	return fixture_shm(file, line, ctx, false, NULL, size, flags);
}

TEEC_SharedMemory *xtest_fx_shm_register_at(const char *file, int line,
					    struct xtest_fixture *fx,
					    TEEC_Context *ctx, void *buf,
					    size_t size, uint32_t flags)
{
	(void)fx;
	if (!buf && size)
		xtest_fail_at(file, line, "registering %zu bytes at NULL", size);
	return fixture_shm(file, line, ctx, true, buf, size, flags);
}

void xtest_fx_release_at(const char *file, int line, struct xtest_fixture *fx,
			 void *obj)
{
	size_t i;

	(void)fx;
	for (i = fixture_now.n; i-- > 0;) {
		struct fixture_entry e = fixture_now.entries[i];

		if (e.obj != obj)
			continue;
		memmove(fixture_now.entries + i, fixture_now.entries + i + 1,
			(fixture_now.n - i - 1) * sizeof(e));
		fixture_now.n--;
		fixture_release_entry(&e);
		return;
	}
	xtest_fail_at(file, line, "%p is not held by the sub-case's fixture",
		      obj);
}

void xtest_fx_release_keep_at(const char *file, int line,
			      struct xtest_fixture *fx, void *obj)
{
	struct fixture_entry now;
	size_t i;

	(void)fx;
	for (i = fixture_now.n; i-- > 0;) {
		struct fixture_entry *e = &fixture_now.entries[i];

		if (e->kind == FIXTURE_CALL || e->obj != obj || !e->live)
			continue;
		/* Released now; the entry stays, to free the memory at the end. */
		now = *e;
		now.heap = false;
		e->live = false;
		fixture_release_entry(&now);
		return;
	}
	xtest_fail_at(file, line, "%p is not held by the sub-case's fixture",
		      obj);
}

void fixture_note_expect_failure_at(const char *file, int line)
{
	fixture_now.expect_failures++;
	fixture_now.expect_file = file;
	fixture_now.expect_line = line;
}

/* Fails the sub-case if expectations failed since the last check. */
static void fixture_check_expectations(void)
{
	unsigned int n = fixture_now.expect_failures;

	if (!n)
		return;
	fixture_now.expect_failures = 0;
	xtest_fail_at(fixture_now.expect_file, fixture_now.expect_line,
		      "%u expectation%s failed, the last one here", n,
		      n == 1 ? "" : "s");
}

/*
 * A .cleanup that fails leaves the teardown before the release: what is left
 * goes before the next sub-case or when the case process exits, and only in
 * the process that took it (not in a child a body forked).
 */
static pid_t fixture_owner;

static void fixture_release_at_exit(void)
{
	if (getpid() == fixture_owner)
		fixture_release_all();
}

void fixture_run(const struct xtest_case *tc, const struct xtest_sub *sub)
{
	struct xtest_fixture *fx = &fixture_now.fx;
	void *state = fx;

	if (!fixture_owner) {
		fixture_owner = getpid();
		atexit(fixture_release_at_exit);
	}
	fixture_release_all();
	memset(&fixture_now, 0, sizeof(fixture_now));
	fixture_now.tc = tc;
	fx->param = sub->param;
	if (tc->ta || tc->context)
		fixture_context_open(__FILE__, __LINE__, &fx->ctx, false,
				     NULL);
	if (tc->ta)
		fixture_session_ok(__FILE__, __LINE__, &fx->ctx, &fx->sess,
				   false, tc->ta);
	if (tc->setup) {
		fixture_now.cleanup_due = true;
		tc->setup(fx);
	}
	sub->fn(&state);
	fixture_check_expectations();
}

void fixture_teardown(void)
{
	const struct xtest_case *tc = fixture_now.tc;

	/* The body's failed expectations were reported, or it stopped. */
	fixture_now.expect_failures = 0;
	if (fixture_now.cleanup_due && tc && tc->cleanup) {
		fixture_now.cleanup_due = false;
		tc->cleanup(&fixture_now.fx);
	}
	fixture_release_all();
	fixture_now.tc = NULL;
	fixture_check_expectations();
}
