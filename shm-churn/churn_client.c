/*
 * An SHM-churn client process: one guest (a TEEC context) whose threads
 * each hold a session on the shm_churn TA and loop over random shared
 * memory work, checking every byte that crosses in either direction; one
 * thread instead drives a raw guest of its own with scattered page lists.
 * It runs until SIGTERM (or until the driver kills it).
 */
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <shm_churn_ta.h>
#include <tee_client_api.h>

#include "../xtest/xtestsupport.h"
#include "churn.h"

#define PG		4096u
#define KEPT		4		/* long-lived blocks per thread */
#define SENTINEL_MAX	(256u * 1024)	/* bytes checked around a range */
#define RAW_PAGES	256u

static const TEEC_UUID churn_uuid = TA_SHM_CHURN_UUID;
#define INOUT		(TEEC_MEM_INPUT | TEEC_MEM_OUTPUT)

static volatile sig_atomic_t churn_stop;
static atomic_uint churn_failed;	/* in this process */

struct worker {
	const struct churn_cfg *cfg;
	struct churn_counts *counts;
	TEEC_Context *ctx;
	TEEC_Session sess;
	bool have_sess;
	uint64_t rnd;
	unsigned int id;
	TEEC_SharedMemory kept[KEPT];
	void *kept_heap[KEPT];
};

static void fail(struct worker *w, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "shm-churn: client %d thread %u: %s\n", (int)getpid(),
		w->id, msg);
	atomic_fetch_add(&w->counts->failures, 1);
	atomic_fetch_add(&churn_failed, 1);
}

static void counted(struct worker *w, size_t bytes)
{
	atomic_fetch_add(&w->counts->ops, 1);
	atomic_fetch_add(&w->counts->bytes, bytes);
}

/* 0, 1, a page less one, a page, a page and one, up to 64 KiB, or MiBs. */
static size_t pick_size(struct worker *w)
{
	uint64_t r = churn_below(&w->rnd, 100);

	if (r < 8)
		return 0;
	if (r < 16)
		return 1;
	if (r < 24)
		return PG - 1;
	if (r < 32)
		return PG;
	if (r < 40)
		return PG + 1;
	if (r < 97 || !w->cfg->big_mib)
		return 1 + churn_below(&w->rnd, 64 * 1024);
	return ((1 + churn_below(&w->rnd, w->cfg->big_mib)) << 20) +
	       churn_below(&w->rnd, PG);
}

static uint32_t pick_flags(struct worker *w)
{
	static const uint32_t f[] = { TEEC_MEM_INPUT, TEEC_MEM_OUTPUT,
				      TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };

	return f[churn_below(&w->rnd, 3)];
}

/* One command with a memref; the TA's check must come back clean. */
static bool invoke(struct worker *w, uint32_t cmd, uint32_t type,
		   TEEC_Parameter mem, uint32_t seed, uint32_t seed2,
		   size_t len)
{
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	bool checks = cmd == SHM_CHURN_CMD_CHECK ||
		      cmd == SHM_CHURN_CMD_XFORM;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(type, TEEC_VALUE_INPUT,
					 checks ? TEEC_VALUE_OUTPUT : TEEC_NONE,
					 TEEC_NONE);
	op.params[0] = mem;
	op.params[1].value.a = seed;
	op.params[1].value.b = seed2;
	res = TEEC_InvokeCommand(&w->sess, cmd, &op, &origin);
	if (res) {
		fail(w, "command %u, memref type %u, %zu bytes: 0x%08x from "
		     "origin %u", cmd, type, len, res, origin);
		return false;
	}
	if (checks && op.params[2].value.a) {
		fail(w, "command %u, memref type %u: the TA found byte %u of "
		     "%zu wrong", cmd, type, op.params[2].value.b, len);
		return false;
	}
	counted(w, len);
	return true;
}

static void expect_pattern(struct worker *w, const uint8_t *buf, size_t len,
			   uint32_t seed, const char *what)
{
	size_t bad = shm_churn_mismatch(buf, len, seed);

	if (bad != len)
		fail(w, "%s: byte %zu of %zu is not what the TA wrote", what,
		     bad, len);
}

static TEEC_Parameter whole(TEEC_SharedMemory *shm)
{
	TEEC_Parameter p = { .memref = { .parent = shm } };

	return p;
}

static TEEC_Parameter partial(TEEC_SharedMemory *shm, size_t off, size_t len)
{
	TEEC_Parameter p = {
		.memref = { .parent = shm, .offset = off, .size = len },
	};

	return p;
}

/* The whole block in each direction it allows, then a partial range. */
static void exercise(struct worker *w, TEEC_SharedMemory *shm)
{
	uint8_t *buf = shm->buffer;
	size_t n = shm->size, off, len, i;
	uint32_t seed = (uint32_t)churn_rand(&w->rnd);

	if (shm->flags == TEEC_MEM_INPUT) {
		shm_churn_fill(buf, n, seed);
		invoke(w, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_WHOLE, whole(shm),
		       seed, 0, n);
	} else if (shm->flags == TEEC_MEM_OUTPUT) {
		if (invoke(w, SHM_CHURN_CMD_FILL, TEEC_MEMREF_WHOLE,
			   whole(shm), seed, 0, n))
			expect_pattern(w, buf, n, seed, "whole output");
	} else {
		shm_churn_fill(buf, n, seed);
		if (invoke(w, SHM_CHURN_CMD_XFORM, TEEC_MEMREF_WHOLE,
			   whole(shm), seed, seed + 1, n))
			expect_pattern(w, buf, n, seed + 1, "whole in/out");
	}
	off = churn_below(&w->rnd, n + 1);
	len = churn_below(&w->rnd, n - off + 1);
	seed += 2;
	if ((shm->flags & TEEC_MEM_INPUT) &&
	    (shm->flags == TEEC_MEM_INPUT || churn_below(&w->rnd, 2))) {
		shm_churn_fill(buf + off, len, seed);
		invoke(w, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_PARTIAL_INPUT,
		       partial(shm, off, len), seed, 0, len);
		return;
	}
	if (n <= SENTINEL_MAX)
		memset(buf, 0x5a, n);
	if (!invoke(w, SHM_CHURN_CMD_FILL, TEEC_MEMREF_PARTIAL_OUTPUT,
		    partial(shm, off, len), seed, 0, len))
		return;
	expect_pattern(w, buf + off, len, seed, "partial output");
	for (i = 0; n <= SENTINEL_MAX && i < n; i++) {
		if ((i < off || i >= off + len) && buf[i] != 0x5a) {
			fail(w, "partial output at %zu+%zu of %zu: byte %zu "
			     "outside it changed", off, len, n, i);
			break;
		}
	}
}

static bool shm_ok(struct worker *w, TEEC_Result res, const char *what,
		   size_t size)
{
	if (res)
		fail(w, "%s of %zu bytes: 0x%08x", what, size, res);
	else
		atomic_fetch_add(&w->counts->registrations, 1);
	return !res;
}

static void op_allocate(struct worker *w)
{
	TEEC_SharedMemory shm = { .size = pick_size(w),
				  .flags = pick_flags(w) };

	if (!shm_ok(w, TEEC_AllocateSharedMemory(w->ctx, &shm), "allocate",
		    shm.size))
		return;
	exercise(w, &shm);
	TEEC_ReleaseSharedMemory(&shm);
}

/* The application's heap at an odd address: shared through a shadow. */
static void op_register_heap(struct worker *w)
{
	size_t size = pick_size(w), skew = churn_below(&w->rnd, 16);
	uint8_t *heap = malloc(size + skew + 1);
	TEEC_SharedMemory shm = { .buffer = heap + skew, .size = size,
				  .flags = pick_flags(w) };

	if (heap && shm_ok(w, TEEC_RegisterSharedMemory(w->ctx, &shm),
			   "register heap", size)) {
		exercise(w, &shm);
		TEEC_ReleaseSharedMemory(&shm);
	}
	free(heap);
}

/* A range of allocated memory registered again: zero copy, unaligned. */
static void op_register_inside(struct worker *w)
{
	TEEC_SharedMemory arena = { .size = 3 * PG + pick_size(w) % (64 * 1024),
				    .flags = INOUT };
	TEEC_SharedMemory shm = { .flags = pick_flags(w) };
	size_t off;

	if (!shm_ok(w, TEEC_AllocateSharedMemory(w->ctx, &arena),
		    "allocate arena", arena.size))
		return;
	off = churn_below(&w->rnd, arena.size);
	shm.buffer = (uint8_t *)arena.buffer + off;
	shm.size = churn_below(&w->rnd, arena.size - off + 1);
	if (shm_ok(w, TEEC_RegisterSharedMemory(w->ctx, &shm),
		   "register inside", shm.size)) {
		exercise(w, &shm);
		TEEC_ReleaseSharedMemory(&shm);
	}
	TEEC_ReleaseSharedMemory(&arena);
}

static void op_temporary(struct worker *w)
{
	static const uint32_t types[] = { TEEC_MEMREF_TEMP_INPUT,
					  TEEC_MEMREF_TEMP_OUTPUT,
					  TEEC_MEMREF_TEMP_INOUT };
	size_t size = pick_size(w) % (1u << 20), skew = churn_below(&w->rnd, 8);
	uint32_t type = types[churn_below(&w->rnd, 3)];
	uint32_t seed = (uint32_t)churn_rand(&w->rnd);
	uint8_t *heap = malloc(size + skew + 1), *buf;
	TEEC_Parameter p;

	if (!heap)
		return;
	buf = heap + skew;
	p.tmpref.buffer = buf;
	p.tmpref.size = size;
	if (type == TEEC_MEMREF_TEMP_INPUT) {
		shm_churn_fill(buf, size, seed);
		invoke(w, SHM_CHURN_CMD_CHECK, type, p, seed, 0, size);
	} else if (type == TEEC_MEMREF_TEMP_OUTPUT) {
		if (invoke(w, SHM_CHURN_CMD_FILL, type, p, seed, 0, size))
			expect_pattern(w, buf, size, seed, "temporary output");
	} else {
		shm_churn_fill(buf, size, seed);
		if (invoke(w, SHM_CHURN_CMD_XFORM, type, p, seed, seed + 1,
			   size))
			expect_pattern(w, buf, size, seed + 1,
				       "temporary in/out");
	}
	free(heap);
}

/* Blocks kept across iterations: TA hosts keep them mapped meanwhile. */
static void op_kept(struct worker *w)
{
	unsigned int k = (unsigned int)churn_below(&w->rnd, KEPT);
	TEEC_SharedMemory *shm = &w->kept[k];

	if (shm->imp.ctx && churn_below(&w->rnd, 4)) {
		exercise(w, shm);
		return;
	}
	if (shm->imp.ctx) {
		TEEC_ReleaseSharedMemory(shm);
		free(w->kept_heap[k]);
		w->kept_heap[k] = NULL;
		return;
	}
	memset(shm, 0, sizeof(*shm));
	shm->size = pick_size(w) % (256 * 1024);
	shm->flags = pick_flags(w);
	if (churn_below(&w->rnd, 2)) {
		shm_ok(w, TEEC_AllocateSharedMemory(w->ctx, shm), "keep",
		       shm->size);
		return;
	}
	w->kept_heap[k] = malloc(shm->size + 1);
	shm->buffer = w->kept_heap[k];
	if (!shm->buffer || !shm_ok(w, TEEC_RegisterSharedMemory(w->ctx, shm),
				    "keep heap", shm->size)) {
		free(w->kept_heap[k]);
		w->kept_heap[k] = NULL;
		memset(shm, 0, sizeof(*shm));
	}
}

static bool open_session(struct worker *w)
{
	uint32_t origin;
	TEEC_Result res;

	res = TEEC_OpenSession(w->ctx, &w->sess, &churn_uuid,
			       TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	if (res)
		fail(w, "open session: 0x%08x from origin %u", res, origin);
	w->have_sess = !res;
	return w->have_sess;
}

static void *worker_libteec(void *arg)
{
	struct worker *w = arg;
	unsigned int k;

	if (!open_session(w))
		return NULL;
	while (!churn_stop) {
		switch (churn_below(&w->rnd, 6)) {
		case 0:
			op_allocate(w);
			break;
		case 1:
			op_register_heap(w);
			break;
		case 2:
			op_register_inside(w);
			break;
		case 3:
			op_temporary(w);
			break;
		default:
			op_kept(w);
			break;
		}
		/* Now and then a new session: a new TA instance. */
		if (!churn_below(&w->rnd, 50)) {
			TEEC_CloseSession(&w->sess);
			if (!open_session(w))
				break;
		}
	}
	for (k = 0; k < KEPT; k++) {
		if (w->kept[k].imp.ctx)
			TEEC_ReleaseSharedMemory(&w->kept[k]);
		free(w->kept_heap[k]);
	}
	if (w->have_sess)
		TEEC_CloseSession(&w->sess);
	return NULL;
}

/* n distinct frames of the raw RAM, in random order. */
static void pick_frames(struct worker *w, uint64_t *pfns, uint32_t n)
{
	uint32_t i, k;

	for (i = 0; i < n; i++) {
		do {
			pfns[i] = churn_below(&w->rnd, RAW_PAGES);
			for (k = 0; k < i && pfns[k] != pfns[i]; k++)
				;
		} while (k < i);
	}
}

/* One scattered registration: the TA and the core see it in list order. */
static void raw_round(struct worker *w, struct shm_raw *g, uint32_t sess)
{
	uint64_t pfns[8], cookie, d;
	uint32_t n = 1 + (uint32_t)churn_below(&w->rnd, 8);
	uint32_t offs = (uint32_t)churn_below(&w->rnd, PG);
	uint64_t size = 1 + churn_below(&w->rnd, (uint64_t)n * PG - offs);
	uint32_t seed = (uint32_t)churn_rand(&w->rnd), off, len;
	uint8_t *flat = malloc(size);
	TEEC_Value out = { 0 };
	TEEC_Result res;
	uint64_t i;

	if (!flat)
		return;
	/* The list spans exactly the pages the bytes need. */
	n = (uint32_t)((offs + size + PG - 1) / PG);
	pick_frames(w, pfns, n);
	for (i = 0; i < size; i++)
		flat[i] = *shm_raw_byte(g, pfns, offs, i) =
			shm_churn_byte(seed, i);
	res = shm_raw_register(g, pfns, n, offs, size, TC_PARAM_MEM_INOUT,
			       &cookie);
	if (res) {
		fail(w, "raw register of %u pages: 0x%08x", n, res);
		goto out;
	}
	atomic_fetch_add(&w->counts->registrations, 1);
	res = shm_raw_invoke_rmem(g, sess, SHM_CHURN_CMD_CHECK,
				  TC_PARAM_RMEM_IN, cookie, 0, size, seed,
				  &out);
	if (res || out.a)
		fail(w, "raw check of %llu bytes in %u pages: 0x%08x, bad "
		     "byte %u", (unsigned long long)size, n, res,
		     out.a ? out.b : 0);
	else
		counted(w, size);
	if (!churn_below(&w->rnd, 4) &&
	    (shm_raw_digest(g, cookie, &d) ||
	     d != shm_raw_local_digest(flat, size)))
		fail(w, "the core's window does not show the scattered pages");
	off = (uint32_t)churn_below(&w->rnd, size + 1);
	len = (uint32_t)churn_below(&w->rnd, size - off + 1);
	res = shm_raw_invoke_rmem(g, sess, SHM_CHURN_CMD_FILL,
				  TC_PARAM_RMEM_OUT, cookie, off, len, seed + 1,
				  NULL);
	if (res) {
		fail(w, "raw fill at %u+%u: 0x%08x", off, len, res);
	} else {
		for (i = 0; i < len; i++) {
			if (*shm_raw_byte(g, pfns, offs + off, i) !=
			    shm_churn_byte(seed + 1, i)) {
				fail(w, "raw fill: byte %llu wrong",
				     (unsigned long long)i);
				break;
			}
		}
		counted(w, len);
	}
	res = shm_raw_unregister(g, cookie);
	if (res)
		fail(w, "raw unregister: 0x%08x", res);
out:
	free(flat);
}

static void *worker_raw(void *arg)
{
	struct worker *w = arg;
	struct shm_raw g;
	uint32_t sess;
	int rc;

	rc = shm_raw_open(&g, RAW_PAGES);
	if (rc) {
		fail(w, "raw guest: %s", strerror(-rc));
		return NULL;
	}
	if (shm_raw_open_session(&g, &churn_uuid, &sess)) {
		fail(w, "raw guest: no session");
		shm_raw_close(&g);
		return NULL;
	}
	while (!churn_stop)
		raw_round(w, &g, sess);
	shm_raw_close_session(&g, sess);
	shm_raw_close(&g);
	return NULL;
}

static void on_term(int sig)
{
	(void)sig;
	churn_stop = 1;
}

int churn_client(const struct churn_cfg *cfg, uint64_t seed,
		 struct churn_counts *counts)
{
	struct sigaction sa = { .sa_handler = on_term };
	struct worker *w;
	pthread_t *th;
	TEEC_Context ctx;
	unsigned int i;
	sigset_t term;

	/* The driver forked this client with SIGTERM blocked (spawn()). */
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	pthread_sigmask(SIG_UNBLOCK, &term, NULL);
	if (TEEC_InitializeContext(NULL, &ctx)) {
		fprintf(stderr, "shm-churn: client %d: no context\n",
			(int)getpid());
		atomic_fetch_add(&counts->failures, 1);
		return 2;
	}
	w = calloc(cfg->threads, sizeof(*w));
	th = calloc(cfg->threads, sizeof(*th));
	if (!w || !th)
		return 2;
	for (i = 0; i < cfg->threads; i++) {
		w[i].cfg = cfg;
		w[i].counts = counts;
		w[i].ctx = &ctx;
		w[i].id = i;
		w[i].rnd = seed + i * 0x632be59bd9b4e019ull;
		/* With two threads or more, one is a raw guest. */
		if (pthread_create(&th[i], NULL, i == 0 && cfg->threads > 1 ?
				   worker_raw : worker_libteec, &w[i]))
			return 2;
	}
	for (i = 0; i < cfg->threads; i++)
		pthread_join(th[i], NULL);
	TEEC_FinalizeContext(&ctx);
	free(w);
	free(th);
	return atomic_load(&churn_failed) ? 1 : 0;
}
