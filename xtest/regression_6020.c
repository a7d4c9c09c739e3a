/*
 * 6020: crash consistency and failed writes. A core of the case's own runs
 * a stream of storage updates while its supplicant injects, at every step
 * of the writes in turn, one fault: it kills itself, kills the core
 * (SIGKILL), writes half a file, or fails with ENOSPC or EIO. After each,
 * with the dead restarted, every object must be readable and the whole
 * set as it was before the update or as the update made it. Higher -l
 * levels run longer streams.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "private_core.h"
#include "storage_helpers.h"

#define CR_OBJS		4
#define CR_MAX		3000

struct cr_obj {
	bool present;
	size_t len;
	uint8_t data[CR_MAX];
};

struct cr_model {
	struct cr_obj o[CR_OBJS];
};

struct crash {
	struct private_core pc;
	char root[PATH_MAX];
	char state[PATH_MAX + 8];
	char storage[PATH_MAX + 8];
	char bin[PATH_MAX];
	char ta[PATH_MAX];
	bool up;			/* context and session open */
	TEEC_Context ctx;
	TEEC_Session s;
	struct cr_model m;
	unsigned int points;		/* faults that fired */
	unsigned int committed;		/* ... after which the update held */
};

static const char *cr_id(unsigned int i)
{
	static const char *const ids[CR_OBJS] = { "crash.0", "crash.1",
						  "crash.2", "crash.3" };
	return ids[i];
}

static void cr_disconnect(struct crash *c)
{
	if (!c->up)
		return;
	TEEC_CloseSession(&c->s);
	TEEC_FinalizeContext(&c->ctx);
	c->up = false;
}

static void cr_connect(struct crash *c)
{
	uint32_t origin;
	TEEC_Result res;

	res = TEEC_InitializeContext(c->pc.socket, &c->ctx);
	if (res)
		xtest_fail("context on the case's core: 0x%08x", res);
	res = TEEC_OpenSession(&c->ctx, &c->s, &storage_test_uuid,
			       TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	if (res) {
		TEEC_FinalizeContext(&c->ctx);
		xtest_fail("session on the case's core: 0x%08x", res);
	}
	c->up = true;
}

/* Starts core and supplicant (the latter with fault, or none). */
static void cr_start(struct crash *c, const char *fault)
{
	const char *supp[] = { "--fs-dir", c->storage, fault ? "--fs-fault" :
			       NULL, fault, NULL };
	struct private_core_opts o = { .state_dir = c->state,
				       .supp_args = supp,
				       .supp_restart = true };
	int rc;

	rc = private_core_start_opts(&c->pc, c->bin, c->ta, false, &o);
	if (rc)
		xtest_fail("cannot start the case's core: %s", strerror(-rc));
	cr_connect(c);
}

static void cr_stop(struct crash *c)
{
	cr_disconnect(c);
	private_core_stop(&c->pc);
}

static void cr_supp(struct crash *c, const char *fault)
{
	const char *supp[] = { "--fs-dir", c->storage, fault ? "--fs-fault" :
			       NULL, fault, NULL };
	int rc = private_core_supp_restart(&c->pc, c->bin, c->ta, supp);

	if (rc)
		xtest_fail("cannot restart the supplicant: %s", strerror(-rc));
}

/* How many faults the supplicant's log reports so far. */
static unsigned int cr_fired(struct crash *c)
{
	unsigned int n = 0;
	char line[512];
	FILE *f = fopen(c->pc.supp_log, "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, "fault injected") != NULL;
	fclose(f);
	return n;
}

static uint32_t cr_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

enum cr_kind { CR_CREATE, CR_WRITE, CR_TRUNCATE, CR_RENAME, CR_DELETE };

struct cr_op {
	enum cr_kind kind;
	unsigned int obj, to;
	size_t pos, len;
	uint8_t data[CR_MAX];
};

/* Update number n of the stream, on the model m (which it updates). */
static void cr_op_make(struct cr_op *op, unsigned int n, struct cr_model *m)
{
	uint32_t s = n * 2654435761u + 1;
	unsigned int i;

	op->kind = (enum cr_kind)(n % 5);	/* every kind, in turn */
	op->obj = cr_rand(&s) % CR_OBJS;
	op->to = (op->obj + 1 + cr_rand(&s) % (CR_OBJS - 1)) % CR_OBJS;
	op->len = cr_rand(&s) % 1500;
	op->pos = cr_rand(&s) % 1500;
	xtest_fill(op->data, op->len, n);
	if (!m->o[op->obj].present)
		op->kind = CR_CREATE;
	if (op->kind == CR_RENAME && m->o[op->to].present)
		op->kind = CR_WRITE;
	switch (op->kind) {
	case CR_CREATE:
		m->o[op->obj].present = true;
		m->o[op->obj].len = op->len;
		memcpy(m->o[op->obj].data, op->data, op->len);
		break;
	case CR_WRITE:
		i = op->obj;
		if (op->pos > m->o[i].len) {
			memset(m->o[i].data + m->o[i].len, 0,
			       op->pos - m->o[i].len);
		}
		memcpy(m->o[i].data + op->pos, op->data, op->len);
		if (op->pos + op->len > m->o[i].len ||
		    op->pos > m->o[i].len)
			m->o[i].len = op->pos + op->len;
		break;
	case CR_TRUNCATE:
		i = op->obj;
		if (op->len > m->o[i].len)
			memset(m->o[i].data + m->o[i].len, 0,
			       op->len - m->o[i].len);
		m->o[i].len = op->len;
		break;
	case CR_RENAME:
		m->o[op->to] = m->o[op->obj];
		m->o[op->obj].present = false;
		break;
	case CR_DELETE:
		m->o[op->obj].present = false;
		break;
	}
}

/* Runs the update through the TA; the first failure is the result. */
static TEEC_Result cr_op_run(struct crash *c, const struct cr_op *op)
{
	const char *id = cr_id(op->obj);
	TEEC_Result res;
	uint64_t h;

	if (op->kind == CR_CREATE) {
		res = st_create(&c->s, id, ST_ALL | TEE_DATA_FLAG_OVERWRITE,
				op->data, op->len, &h);
		if (!res)
			st_cmd_h(&c->s, ST_CMD_CLOSE, h);
		return res;
	}
	res = st_open(&c->s, id, ST_ALL, &h);
	if (res)
		return res;
	switch (op->kind) {
	case CR_WRITE:
		res = st_seek(&c->s, h, (int64_t)op->pos, ST_SEEK_SET);
		if (!res)
			res = st_write(&c->s, h, op->data, op->len);
		break;
	case CR_TRUNCATE:
		res = st_truncate(&c->s, h, op->len);
		break;
	case CR_RENAME:
		res = st_rename(&c->s, h, cr_id(op->to),
				strlen(cr_id(op->to)));
		break;
	default:
		return st_cmd_h(&c->s, ST_CMD_CLOSE_DELETE, h);
	}
	st_cmd_h(&c->s, ST_CMD_CLOSE, h);
	return res;
}

/* What the TA finds now; every object must be readable. */
static void cr_observe(struct crash *c, struct cr_model *seen)
{
	TEEC_Result res;
	unsigned int i;
	uint8_t *buf;
	size_t n;
	uint64_t h;

	buf = xtest_alloc(CR_MAX + 16);
	memset(seen, 0, sizeof(*seen));
	for (i = 0; i < CR_OBJS; i++) {
		res = st_open(&c->s, cr_id(i), TEE_DATA_FLAG_ACCESS_READ, &h);
		if (res == TEEC_ERROR_ITEM_NOT_FOUND)
			continue;
		if (!res)
			res = st_read(&c->s, h, buf, CR_MAX + 16, &n);
		if (res) {
			free(buf);
			xtest_fail("%s is unreadable after a fault: 0x%08x",
				   cr_id(i), res);
		}
		st_cmd_h(&c->s, ST_CMD_CLOSE, h);
		seen->o[i].present = true;
		seen->o[i].len = n;
		memcpy(seen->o[i].data, buf, n);
	}
	free(buf);
}

static bool cr_same(const struct cr_model *a, const struct cr_model *b)
{
	unsigned int i;

	for (i = 0; i < CR_OBJS; i++) {
		if (a->o[i].present != b->o[i].present)
			return false;
		if (a->o[i].present && (a->o[i].len != b->o[i].len ||
		    memcmp(a->o[i].data, b->o[i].data, a->o[i].len)))
			return false;
	}
	return true;
}

/* The objects are as before or as after the update; c->m becomes that. */
static void cr_verify(struct crash *c, const struct cr_model *before,
		      const struct cr_model *after, unsigned int n,
		      const char *fault)
{
	struct cr_model *seen = xtest_alloc(sizeof(*seen));

	cr_observe(c, seen);
	if (cr_same(seen, after)) {
		c->m = *after;
		c->committed++;
	} else if (cr_same(seen, before)) {
		c->m = *before;
	} else {
		free(seen);
		xtest_fail("update %u, fault %s: the objects are neither as "
			   "before nor as after it", n, fault);
	}
	free(seen);
}

/*
 * Update n at every step of the writes in turn with fault kind: until the
 * update runs to its end without the fault firing.
 */
static void cr_update(struct crash *c, unsigned int n, const char *kind)
{
	bool core_kill = !strcmp(kind, "kill-core");
	struct cr_model *before = xtest_alloc(sizeof(*before));
	struct cr_model *after = xtest_alloc(sizeof(*after));
	struct cr_op *op = xtest_alloc(sizeof(*op));
	unsigned int step, fired, now;
	char fault[64];
	TEEC_Result res;

	for (step = 1;; step++) {
		snprintf(fault, sizeof(fault), "%s@%u", kind, step);
		*before = c->m;
		*after = c->m;
		cr_op_make(op, n, after);
		if (core_kill) {
			cr_stop(c);
			cr_start(c, fault);
		} else {
			cr_supp(c, fault);
		}
		fired = cr_fired(c);
		res = cr_op_run(c, op);
		now = cr_fired(c);
		if (res == TEEC_ERROR_TARGET_DEAD && !core_kill)
			xtest_fail("update %u, fault %s: the TA panicked (a "
				   "result GP does not give?)", n, fault);
		if (now == fired && res)
			xtest_fail("update %u failed with no fault: 0x%08x",
				   n, res);
		if (core_kill && now != fired) {
			cr_stop(c);	/* the core is dead, or dying */
			cr_start(c, NULL);
		} else {
			cr_supp(c, NULL);
		}
		if (now == fired) {
			/* No step left to fault: the update is done. */
			cr_verify(c, after, after, n, fault);
			break;
		}
		c->points++;
		cr_verify(c, before, after, n, fault);
	}
	free(before);
	free(after);
	free(op);
}

static void cr_run(unsigned int updates, const char *kind)
{
	struct crash *c = xtest_alloc(sizeof(*c));
	const char *tmp = getenv("TMPDIR");
	unsigned int n;

	snprintf(c->bin, sizeof(c->bin), "%s/bin", xtest_out_dir());
	snprintf(c->ta, sizeof(c->ta), "%s/ta", xtest_out_dir());
	snprintf(c->root, sizeof(c->root), "%s/xtest-6020.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(c->root))
		xtest_fail("mkdtemp: %s", strerror(errno));
	snprintf(c->state, sizeof(c->state), "%s/state", c->root);
	snprintf(c->storage, sizeof(c->storage), "%s/storage", c->root);
	cr_start(c, NULL);
	for (n = 0; n < updates; n++)
		cr_update(c, n, kind);
	printf("6020: %s: %u updates, %u faults injected, the update held "
	       "after %u of them\n", kind, updates, c->points, c->committed);
	cr_stop(c);
	{
		char *rm[] = { "/bin/rm", "-rf", c->root, NULL };

		xtest_run(rm);
	}
	free(c);
}

static unsigned int cr_updates(unsigned int level0, unsigned int more)
{
	return xtest_level ? more * xtest_level : level0;
}

static void t_kill_supplicant(void **state)
{
	(void)state;
	cr_run(cr_updates(15, 40), "kill");
}

static void t_kill_core(void **state)
{
	(void)state;
	cr_run(cr_updates(6, 20), "kill-core");
}

static void t_short_write(void **state)
{
	(void)state;
	cr_run(cr_updates(5, 40), "short");
}

static void t_enospc(void **state)
{
	(void)state;
	cr_run(cr_updates(5, 40), "enospc");
}

static void t_eio(void **state)
{
	(void)state;
	cr_run(cr_updates(5, 40), "eio");
}

static const struct xtest_sub subs_6020[] = {
	{ 1, "the supplicant killed at every step of a stream of updates",
	  t_kill_supplicant },
	{ 2, "the core killed at every step of a stream of updates",
	  t_kill_core },
	{ 3, "a short write at every step", t_short_write },
	{ 4, "ENOSPC at every step", t_enospc },
	{ 5, "EIO at every step", t_eio },
};

/* It crashes and restarts cores of its own. */
XTEST_CASE(case_6020, .id = "6020", .suite = "regression",
	   .title = "Trusted storage: crashes and failed writes leave every "
		    "object old or new",
	   .timeout_s = 600,
	   .flags = XTEST_OWN_CORE | XTEST_NEEDS_CORE_PROC,
	   .subs = subs_6020, .nsubs = XTEST_ARRAY_SIZE(subs_6020));
