/*
 * What a generated GP scenario creates belongs to the running sub-case's
 * fixture (xtest_fixture.h): its objects live in the fixture's memory, and
 * each context, session, shared memory, temporary buffer and thread that a
 * step creates is registered with the fixture, which releases what is
 * still open when the sub-case ends. A step that fails mid-scenario so
 * leaves nothing behind, while the scenario's own release steps run as
 * written (the fixture then skips what they released).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "gp_runtime.h"

enum gp_kind {
	GP_CONTEXT,
	GP_SESSION,
	GP_SHM,
	GP_TEMP,
	GP_THREAD,
};

/* One object a scenario created; registered with the fixture once. */
struct gp_owned {
	enum gp_kind kind;
	void *obj;
	void *buf;		/* GP_SHM: the buffer gp_register_shm gave it */
	bool live;
};

/* A scenario creates a handful of objects: 7 at most in GP's suite. */
#define GP_OWNED_MAX	32

/* One sub-case at a time per case process, as the fixture itself. */
static struct {
	struct xtest_fixture *fx;
	struct gp_owned owned[GP_OWNED_MAX];
	size_t n;
} gp_now;

static void gp_release_owned(void *arg)
{
	struct gp_owned *o = arg;
	struct gp_thread *t;

	if (!o->live)
		return;
	o->live = false;
	switch (o->kind) {
	case GP_CONTEXT:
		TEEC_FinalizeContext(o->obj);
		break;
	case GP_SESSION:
		TEEC_CloseSession(o->obj);
		break;
	case GP_SHM:
		TEEC_ReleaseSharedMemory(o->obj);
		free(o->buf);
		o->buf = NULL;
		break;
	case GP_TEMP:
		free(o->obj);
		break;
	case GP_THREAD:
		/* Its invoke may wait for a cancellation that never came. */
		t = o->obj;
		if (t->op)
			TEEC_RequestCancellation(t->op);
		pthread_join(t->tid, NULL);
		t->running = 0;
		break;
	}
}

static struct gp_owned *gp_find(enum gp_kind kind, const void *obj)
{
	size_t i;

	for (i = gp_now.n; i-- > 0;)
		if (gp_now.owned[i].kind == kind && gp_now.owned[i].obj == obj)
			return &gp_now.owned[i];
	return NULL;
}

/* obj was created: the fixture releases it unless a step does first. */
static void gp_own(const char *file, int line, enum gp_kind kind, void *obj,
		   void *buf)
{
	struct gp_owned *o = gp_find(kind, obj);

	if (!o) {
		if (gp_now.n == GP_OWNED_MAX)
			gp_fail(file, line, "a scenario creates at most %d "
				"objects", GP_OWNED_MAX);
		o = &gp_now.owned[gp_now.n++];
		*o = (struct gp_owned){ .kind = kind, .obj = obj };
		xtest_fx_defer_at(file, line, gp_now.fx, gp_release_owned, o);
	}
	o->buf = buf;
	o->live = true;
}

/* obj is released by a step: the fixture has nothing more to do. */
static struct gp_owned *gp_disown(enum gp_kind kind, const void *obj)
{
	struct gp_owned *o = gp_find(kind, obj);

	if (o && o->live) {
		o->live = false;
		return o;
	}
	return NULL;
}

struct xtest_fixture *gp_begin(void **state)
{
	memset(&gp_now, 0, sizeof(gp_now));
	gp_now.fx = xtest_fixture(state);
	return gp_now.fx;
}

void *gp_object_at(const char *file, int line, struct xtest_fixture *fx,
		   size_t size)
{
	return xtest_fx_alloc_at(file, line, fx, size);
}

TEEC_Result gp_initialize_context_at(const char *file, int line,
				     const char *name, TEEC_Context *ctx)
{
	TEEC_Result res = TEEC_InitializeContext(name, ctx);

	if (res == TEEC_SUCCESS)
		gp_own(file, line, GP_CONTEXT, ctx, NULL);
	return res;
}

void gp_finalize_context(TEEC_Context *ctx)
{
	gp_disown(GP_CONTEXT, ctx);
	TEEC_FinalizeContext(ctx);
}

void gp_open_session(const char *file, int line, TEEC_Context *ctx,
		     TEEC_Session *sess, const TEEC_UUID *uuid,
		     uint32_t method, const void *data, TEEC_Operation *op,
		     uint32_t origin, const char *origin_name, uint32_t exp,
		     const char *exp_name)
{
	uint32_t got_origin = 0;
	TEEC_Result res;

	res = TEEC_OpenSession(ctx, sess, uuid, method, data, op,
			       &got_origin);
	if (res == TEEC_SUCCESS)
		gp_own(file, line, GP_SESSION, sess, NULL);
	gp_expect_result(file, line, exp_name, exp, res);
	gp_expect_origin(file, line, origin_name, origin, got_origin);
}

void gp_close_session(TEEC_Session *sess)
{
	gp_disown(GP_SESSION, sess);
	TEEC_CloseSession(sess);
}

TEEC_Result gp_allocate_shm_at(const char *file, int line,
			       TEEC_Context *ctx, TEEC_SharedMemory *shm,
			       size_t size, uint32_t flags)
{
	TEEC_Result res;

	shm->size = size;
	shm->flags = flags;
	res = TEEC_AllocateSharedMemory(ctx, shm);
	if (res == TEEC_SUCCESS)
		gp_own(file, line, GP_SHM, shm, NULL);
	return res;
}

TEEC_Result gp_register_shm_at(const char *file, int line,
			       TEEC_Context *ctx, TEEC_SharedMemory *shm,
			       size_t size, uint32_t flags)
{
	TEEC_Result res;

	/* calloc(0) may return NULL; a zero-size block still has an address. */
	shm->buffer = calloc(1, size ? size : 1);
	if (!shm->buffer)
		return TEEC_ERROR_OUT_OF_MEMORY;
	shm->size = size;
	shm->flags = flags;
	res = TEEC_RegisterSharedMemory(ctx, shm);
	if (res != TEEC_SUCCESS) {
		free(shm->buffer);
		shm->buffer = NULL;
		return res;
	}
	gp_own(file, line, GP_SHM, shm, shm->buffer);
	return res;
}

void gp_release_shm(TEEC_SharedMemory *shm)
{
	struct gp_owned *o = gp_disown(GP_SHM, shm);

	TEEC_ReleaseSharedMemory(shm);
	if (o) {
		free(o->buf);
		o->buf = NULL;
	}
}

void *gp_alloc_temp(const char *file, int line, size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (!p)
		gp_fail(file, line, "cannot allocate %zu bytes", size);
	gp_own(file, line, GP_TEMP, p, NULL);
	return p;
}

void gp_free_temp(void **buf)
{
	gp_disown(GP_TEMP, *buf);
	free(*buf);
	*buf = NULL;
}

void gp_own_thread(const char *file, int line, struct gp_thread *t)
{
	gp_own(file, line, GP_THREAD, t, NULL);
}

void gp_disown_thread(struct gp_thread *t)
{
	gp_disown(GP_THREAD, t);
}
