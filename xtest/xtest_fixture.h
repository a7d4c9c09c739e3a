/*
 * Fixtures: what a sub-case works with (contexts, sessions, shared memory,
 * anything else with a release step) is owned by the fixture, which releases
 * it after the sub-case whatever happened there: passed, failed, stopped on
 * an assertion or skipped. A case body then holds no clean-up code and
 * leaves nothing behind in the core when it fails.
 *
 * The case declares the ready-made part (XTEST_CASE's .ta, .context, .setup,
 * .cleanup); the body takes more through the xtest_fx_* calls below. What
 * they return lives in memory the fixture owns, never in the body's stack
 * frame, because an assertion leaves that frame before clean-up runs.
 */
#ifndef XTEST_FIXTURE_H
#define XTEST_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include <tee_client_api.h>

#include "xtest_case.h"

struct xtest_fixture {
	TEEC_Context ctx;		/* open with .ta or .context */
	TEEC_Session sess;		/* open on .ta with .ta */
	const void *param;		/* the sub-case's row (XTEST_SUB_ROW) */
	void *data;			/* the case's own, from its .setup */
};

/* The fixture of the running sub-case, from the body's state argument. */
static inline struct xtest_fixture *xtest_fixture(void **state)
{
	return *state;
}

/* The running sub-case's row, as XTEST_SUB_ROW declared it. */
#define xtest_param(state, type) ((const type *)xtest_fixture(state)->param)

/*
 * Runs fn(arg) when the sub-case ends, after everything taken since (last
 * in, first out). At most XTEST_FX_MAX objects and deferred calls a
 * sub-case; more fails it.
 */
#define XTEST_FX_MAX	64

void xtest_fx_defer_at(const char *file, int line, struct xtest_fixture *fx,
		       void (*fn)(void *arg), void *arg);
#define xtest_fx_defer(fx, fn, arg) \
	xtest_fx_defer_at(__FILE__, __LINE__, (fx), (fn), (arg))

/* Zeroed memory, freed at the end. */
void *xtest_fx_alloc_at(const char *file, int line, struct xtest_fixture *fx,
			size_t size);
#define xtest_fx_alloc(fx, size) \
	xtest_fx_alloc_at(__FILE__, __LINE__, (fx), (size))

/* Removes the file at path (copied) at the end, if it is there then. */
void xtest_fx_unlink_at(const char *file, int line, struct xtest_fixture *fx,
			const char *path);
#define xtest_fx_unlink(fx, path) \
	xtest_fx_unlink_at(__FILE__, __LINE__, (fx), (path))

/*
 * One more context, finalized at the end: on the run's TEE, or on the TEE
 * name gives (as TEEC_InitializeContext takes it).
 */
TEEC_Context *xtest_fx_context_at(const char *file, int line,
				  struct xtest_fixture *fx, const char *name);
#define xtest_fx_context(fx) xtest_fx_context_at(__FILE__, __LINE__, (fx), NULL)
#define xtest_fx_context_named(fx, name) \
	xtest_fx_context_at(__FILE__, __LINE__, (fx), (name))

/* A session on uuid (TEEC_LOGIN_PUBLIC, no operation), closed at the end. */
TEEC_Session *xtest_fx_session_at(const char *file, int line,
				  struct xtest_fixture *fx, TEEC_Context *ctx,
				  const TEEC_UUID *uuid);
#define xtest_fx_session(fx, ctx, uuid) \
	xtest_fx_session_at(__FILE__, __LINE__, (fx), (ctx), (uuid))

/*
 * TEEC_OpenSession with every argument the caller's, into a session the
 * fixture owns: *sess is set either way, and closed at the end if it opened.
 */
TEEC_Result xtest_fx_open_session_at(const char *file, int line,
				     struct xtest_fixture *fx,
				     TEEC_Context *ctx, TEEC_Session **sess,
				     const TEEC_UUID *uuid, uint32_t login,
				     const void *conn_data, TEEC_Operation *op,
				     uint32_t *origin);
#define xtest_fx_open_session(fx, ctx, sess, uuid, login, conn, op, origin) \
	xtest_fx_open_session_at(__FILE__, __LINE__, (fx), (ctx), (sess), \
				 (uuid), (login), (conn), (op), (origin))

/* TEEC_AllocateSharedMemory of size bytes, released at the end. */
TEEC_SharedMemory *xtest_fx_shm_alloc_at(const char *file, int line,
					 struct xtest_fixture *fx,
					 TEEC_Context *ctx, size_t size,
					 uint32_t flags);
#define xtest_fx_shm_alloc(fx, ctx, size, flags) \
	xtest_fx_shm_alloc_at(__FILE__, __LINE__, (fx), (ctx), (size), (flags))

/*
 * TEEC_RegisterSharedMemory of the caller's buffer, released at the end.
 * A NULL buffer of size 0 registers too, as the Client API allows.
 */
TEEC_SharedMemory *xtest_fx_shm_register_at(const char *file, int line,
					    struct xtest_fixture *fx,
					    TEEC_Context *ctx, void *buf,
					    size_t size, uint32_t flags);
#define xtest_fx_shm_register(fx, ctx, buf, size, flags) \
	xtest_fx_shm_register_at(__FILE__, __LINE__, (fx), (ctx), (buf), \
				 (size), (flags))

/*
 * Releases obj now (a context, session, shared memory or memory the fixture
 * owns, fx->ctx and fx->sess included, or runs the call deferred with obj as
 * its argument) instead of at the end: for a body whose behaviour under test
 * is the release itself, or what comes after it.
 */
void xtest_fx_release_at(const char *file, int line, struct xtest_fixture *fx,
			 void *obj);
#define xtest_fx_release(fx, obj) \
	xtest_fx_release_at(__FILE__, __LINE__, (fx), (obj))

/*
 * The same, but obj's memory stays until the sub-case ends: for a body that
 * reads what the release left in it (an allocated block's buffer cleared),
 * or whose threads may still read it when the release returns (a call on
 * shared memory being released reads its flags after the reply).
 */
void xtest_fx_release_keep_at(const char *file, int line,
			      struct xtest_fixture *fx, void *obj);
#define xtest_fx_release_keep(fx, obj) \
	xtest_fx_release_keep_at(__FILE__, __LINE__, (fx), (obj))

/*
 * The fixture's side of a sub-case, for the case process (case_exec.c):
 * fixture_run() sets the fixture up and runs the body; fixture_teardown()
 * releases it and fails the sub-case for failed expectations. cmocka calls
 * the teardown after the body however the body ended.
 */
void fixture_run(const struct xtest_case *tc, const struct xtest_sub *sub);
void fixture_teardown(void);

/* Counts a failed EXPECT_* at file:line: the sub-case fails when it ends. */
void fixture_note_expect_failure_at(const char *file, int line);

#endif
