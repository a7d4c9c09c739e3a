/*
 * The sequencing check: follows each variable a scenario names through
 * the steps that create, use and destroy it, and adds cleanup steps.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpgen_check.h"
#include "gpgen_xml.h"

enum res_state { RES_NEVER, RES_LIVE, RES_DEAD };

struct check_res {
	char *name;
	const struct gpgen_kind *kind;
	enum res_state state;
	unsigned int step;	/* step of the last create or destroy */
	long line;
	int by_cleanup;		/* destroyed by a cleanup step gpgen added */
	struct check_res *parent;
	unsigned long order;	/* creation order, for cleanup */
	struct check_res *slot_ref[GPGEN_MAX_SLOTS];
	int slot_unused[GPGEN_MAX_SLOTS];	/* typed as no registered memref */
};

struct check_arg {
	char *param;
	char *value;
};

struct check_step {
	xmlNodePtr node;
	unsigned int num;
	long line;
	const struct gpgen_op *op;
	struct check_arg *args;
	size_t nargs;		/* arguments before the expected result */
	size_t nall;
	const char *expected;
	int success;
};

/* A resource of the step and the context it belongs to. */
struct check_claim {
	struct check_res *ctx;
	struct check_res *who;	/* NULL: the step names ctx itself */
	struct check_res *via;	/* operation carrying who, or NULL */
	unsigned int slot;
};

struct check {
	const struct gpgen_area *a;
	struct gpgen_diag *d;
	struct gpgen_where w;
	xmlNodePtr scn;
	xmlNsPtr ns;
	struct check_res **res;
	size_t nres;
	unsigned long order;
	int nomem;
};

static void check_err(struct check *c, const struct check_step *s,
		      const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void check_warn(struct check *c, unsigned int step, long line,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void check_err(struct check *c, const struct check_step *s,
		      const char *fmt, ...)
{
	struct gpgen_where w = c->w;
	char *msg;
	va_list ap;
	int n;

	w.line = s->line;
	w.step = s->num;
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0) {
		c->nomem = 1;
		gpgen_diag_error(c->d, &w, "out of memory");
		return;
	}
	gpgen_diag_error(c->d, &w, "%s", msg);
	free(msg);
}

static void check_warn(struct check *c, unsigned int step, long line,
		       const char *fmt, ...)
{
	struct gpgen_where w = c->w;
	char *msg;
	va_list ap;
	int n;

	w.line = line;
	w.step = step;
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0) {
		c->nomem = 1;
		return;
	}
	gpgen_diag_warning(c->d, &w, "%s", msg);
	free(msg);
}

static struct check_res *check_res_get(struct check *c, const char *name,
				       const struct gpgen_kind *kind)
{
	struct check_res **v, *r;
	size_t i;

	for (i = 0; i < c->nres; i++)
		if (!strcmp(c->res[i]->name, name))
			return c->res[i];
	v = realloc(c->res, (c->nres + 1) * sizeof(*v));
	if (!v)
		goto nomem;
	c->res = v;
	r = calloc(1, sizeof(*r));
	if (!r)
		goto nomem;
	r->name = strdup(name);
	if (!r->name) {
		free(r);
		goto nomem;
	}
	r->kind = kind;
	c->res[c->nres++] = r;
	return r;
nomem:
	c->nomem = 1;
	return NULL;
}

/* The resource a value names, if it names one of the area's kinds. */
static struct check_res *check_res_of(struct check *c, const char *value)
{
	const struct gpgen_kind *k = gpgen_area_kind_of(c->a, value);

	return k ? check_res_get(c, value, k) : NULL;
}

/* Like check_res_of, for kinds whose life is followed; NULL otherwise. */
static struct check_res *check_tracked(struct check *c, const char *value)
{
	struct check_res *r = check_res_of(c, value);

	return r && r->kind->release ? r : NULL;
}

static int check_set(struct check *c, xmlNodePtr n, const char *name,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int check_set(struct check *c, xmlNodePtr n, const char *name,
		     const char *fmt, ...)
{
	char *v;
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vasprintf(&v, fmt, ap);
	va_end(ap);
	if (len < 0 || !xmlSetNsProp(n, c->ns, (const xmlChar *)name,
				     (const xmlChar *)v)) {
		if (len >= 0)
			free(v);
		c->nomem = 1;
		return -ENOMEM;
	}
	free(v);
	return 0;
}

/* Every operation of the scenario, in document order: the run order. */
static int check_collect(xmlNodePtr n, xmlNodePtr **ops, size_t *nops)
{
	for (n = n->children; n; n = n->next) {
		xmlNodePtr *v;

		if (n->type != XML_ELEMENT_NODE || n->ns)
			continue;
		if (!gpgen_xml_is(n, "operation")) {
			if (check_collect(n, ops, nops))
				return -ENOMEM;
			continue;
		}
		v = realloc(*ops, (*nops + 1) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		*ops = v;
		v[(*nops)++] = n;
	}
	return 0;
}

static void check_step_free(struct check_step *s)
{
	size_t i;

	for (i = 0; i < s->nall; i++) {
		free(s->args[i].param);
		free(s->args[i].value);
	}
	free(s->args);
	memset(s, 0, sizeof(*s));
}

static int check_step_read(struct check *c, xmlNodePtr node,
			   struct check_step *s)
{
	xmlNodePtr a;

	for (a = node->children; a; a = a->next) {
		struct check_arg *v;
		xmlNodePtr p, val;

		if (!gpgen_xml_is(a, "argument"))
			continue;
		v = realloc(s->args, (s->nall + 1) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->args = v;
		v += s->nall++;
		p = gpgen_xml_child(a, "parameter");
		val = gpgen_xml_child(a, "value");
		v->param = p ? gpgen_xml_prop(p, "name") : NULL;
		v->value = val ? gpgen_xml_prop(val, "name") : NULL;
		if (!v->param || !v->value)
			return -ENOMEM;	/* the schema makes both present */
	}
	s->nargs = s->nall;
	if (s->nall && strstr(s->args[s->nall - 1].param, "xpected")) {
		s->nargs--;
		s->expected = s->args[s->nall - 1].value;
	}
	s->success = !s->expected ||
		     gpgen_area_is_success(c->a, s->expected);
	return 0;
}

static const char *check_arg(const struct check_step *s, unsigned int pos)
{
	return pos && pos <= s->nargs ? s->args[pos - 1].value : NULL;
}

static xmlNodePtr check_cleanup_node(struct check *c, struct check_res *r,
				     unsigned int step, long line)
{
	xmlNodePtr op, arg;

	op = xmlNewNode(NULL, (const xmlChar *)"operation");
	if (!op)
		goto nomem;
	arg = xmlNewChild(op, NULL, (const xmlChar *)"argument", NULL);
	if (!xmlNewProp(op, (const xmlChar *)"name",
			(const xmlChar *)r->kind->release) || !arg ||
	    !xmlNewProp(xmlNewChild(arg, NULL, (const xmlChar *)"parameter",
				    NULL), (const xmlChar *)"name",
			(const xmlChar *)"cleanup") ||
	    !xmlNewProp(xmlNewChild(arg, NULL, (const xmlChar *)"type", NULL),
			(const xmlChar *)"name",
			(const xmlChar *)r->kind->name) ||
	    !xmlNewProp(xmlNewChild(arg, NULL, (const xmlChar *)"value", NULL),
			(const xmlChar *)"name", (const xmlChar *)r->name) ||
	    check_set(c, op, "cleanup", "yes") ||
	    check_set(c, op, "step", "%u", step) ||
	    check_set(c, op, "line", "%ld", line) ||
	    check_set(c, op, "nargs", "1")) {
		xmlFreeNode(op);
		goto nomem;
	}
	return op;
nomem:
	c->nomem = 1;
	return NULL;
}

static struct check_res *check_newest_child(struct check *c,
					   const struct check_res *r)
{
	struct check_res *best = NULL;
	size_t i;

	for (i = 0; i < c->nres; i++) {
		struct check_res *ch = c->res[i];

		if (ch->parent == r && ch->state == RES_LIVE &&
		    (!best || ch->order > best->order))
			best = ch;
	}
	return best;
}

/*
 * r is being destroyed at step s: everything created in it that is still
 * live gets a cleanup step just before s, newest first.
 */
static void check_cleanup_children(struct check *c, struct check_res *r,
				   const struct check_step *s)
{
	struct check_res *ch;

	while ((ch = check_newest_child(c, r))) {
		xmlNodePtr op;

		check_cleanup_children(c, ch, s);
		check_warn(c, s->num, s->line, "%s is %s while %s is still "
			   "%s; generated cleanup calls %s first", r->name,
			   r->kind->destroyed, ch->name, ch->kind->live,
			   ch->kind->release);
		op = check_cleanup_node(c, ch, s->num, s->line);
		if (op && !xmlAddPrevSibling(s->node, op)) {
			xmlFreeNode(op);
			c->nomem = 1;
		}
		ch->state = RES_DEAD;
		ch->by_cleanup = 1;
		ch->step = s->num;
		ch->line = s->line;
	}
}

static int check_live(struct check *c, const struct check_step *s,
		      struct check_res *r, const char *verb)
{
	if (r->state == RES_LIVE)
		return 1;
	if (r->state == RES_NEVER)
		check_err(c, s, "%s is %s before it is %s", r->name, verb,
			  r->kind->created);
	else if (strcmp(verb, r->kind->destroyed))
		check_err(c, s, "%s is %s after it was %s %s step %u", r->name,
			  verb, r->kind->destroyed,
			  r->by_cleanup ? "by the cleanup before" : "at",
			  r->step);
	else
		check_err(c, s, "%s is %s again (already %s %s step %u)",
			  r->name, verb, r->kind->destroyed,
			  r->by_cleanup ? "by the cleanup before" : "at",
			  r->step);
	return 0;
}

static int check_slot(struct check *c, const struct check_step *s,
		      const struct check_res *op, unsigned int pos)
{
	const char *v = check_arg(s, pos);
	unsigned long n;
	char *end;

	n = strtoul(v, &end, 0);
	if (end == v || *end)
		return -1;	/* a symbolic index: not followed */
	if (n >= op->kind->slots) {
		check_err(c, s, "%s has no parameter %s (it has %u)", op->name,
			  v, op->kind->slots);
		return -1;
	}
	return (int)n;
}

static void check_describe(const struct check_claim *cl, char *buf,
			   size_t len)
{
	if (!cl->who)
		snprintf(buf, len, "the step uses %s", cl->ctx->name);
	else if (!cl->via)
		snprintf(buf, len, "%s belongs to %s", cl->who->name,
			 cl->ctx->name);
	else
		snprintf(buf, len, "%s (%s parameter %u) belongs to %s",
			 cl->who->name, cl->via->name, cl->slot,
			 cl->ctx->name);
}

/* All resources of one step must belong to the same context. */
static void check_claim(struct check *c, const struct check_step *s,
			struct check_claim *first, int *mismatch,
			const struct check_claim *cl)
{
	char a[256], b[256];

	if (!cl->ctx || *mismatch)
		return;
	if (!first->ctx) {
		*first = *cl;
		return;
	}
	if (first->ctx == cl->ctx)
		return;
	*mismatch = 1;
	check_describe(first, a, sizeof(a));
	check_describe(cl, b, sizeof(b));
	check_err(c, s, "%s but %s", a, b);
}

static int check_is_parent_kind(const struct check *c,
				const struct gpgen_kind *k)
{
	size_t i;

	for (i = 0; i < c->a->nkinds; i++)
		if (c->a->kinds[i].parent == k)
			return 1;
	return 0;
}

static void check_pass(struct check *c, const struct check_step *s,
		       struct check_res *op, struct check_claim *first,
		       int *mismatch)
{
	unsigned int i;

	for (i = 0; i < op->kind->slots; i++) {
		struct check_res *ref = op->slot_ref[i];
		struct check_claim cl = { .via = op, .slot = i };

		if (!ref || op->slot_unused[i])
			continue;
		if (ref->state == RES_NEVER) {
			check_err(c, s, "%s parameter %u refers to %s, which "
				  "is not %s", op->name, i, ref->name,
				  ref->kind->live);
			continue;
		}
		if (ref->state == RES_DEAD) {
			check_err(c, s, "%s parameter %u refers to %s, which "
				  "was %s %s step %u", op->name, i, ref->name,
				  ref->kind->destroyed, ref->by_cleanup ?
				  "by the cleanup before" : "at", ref->step);
			continue;
		}
		cl.ctx = ref->parent;
		cl.who = ref;
		check_claim(c, s, first, mismatch, &cl);
	}
}

/*
 * Applies the table's effects for one step. Uses and destroys are checked
 * against the state before the step; creates come last, so that the step's
 * parent (the context an OpenSession names) is known whatever the order of
 * the arguments, and a step that failed the check creates nothing.
 */
static void check_effects(struct check *c, struct check_step *s)
{
	const struct gpgen_op *op = s->op;
	unsigned int errors = c->d->errors;
	struct check_claim first = { 0 };
	struct check_res *parent = NULL;
	int mismatch = 0;
	size_t i;

	for (i = 0; i < op->nrules; i++) {
		const struct gpgen_rule *rule = op->rules + i;
		const char *v = check_arg(s, rule->pos);
		struct check_res *r = check_res_of(c, v);
		struct check_claim cl = { 0 };
		int slot;

		if (!r)
			continue;	/* NULL or a constant: nothing to follow */
		if (r->kind != rule->kind) {
			check_err(c, s, "argument %u of %s must be %s %s, not "
				  "%s", rule->pos, op->name,
				  strchr("aeiou", rule->kind->name[0]) ?
				  "an" : "a", rule->kind->name, v);
			continue;
		}
		if (rule->parent)
			parent = r;
		switch (rule->effect) {
		case GPGEN_USE:
		case GPGEN_DESTROY:
			/* Untracked kinds (no release) are always there. */
			if (r->kind->release &&
			    !check_live(c, s, r, rule->effect == GPGEN_USE ?
					"used" : r->kind->destroyed))
				break;
			if (check_is_parent_kind(c, r->kind))
				cl.ctx = r;
			else if (r->parent)
				cl = (struct check_claim){ r->parent, r, 0, 0 };
			check_claim(c, s, &first, &mismatch, &cl);
			/*
			 * A destroy step ends the resource whatever its
			 * result: JoinThread's result is the thread's.
			 */
			if (rule->effect == GPGEN_USE)
				break;
			check_cleanup_children(c, r, s);
			r->state = RES_DEAD;
			r->by_cleanup = 0;
			r->step = s->num;
			r->line = s->line;
			break;
		case GPGEN_CREATE:
			break;	/* once the step's parent is known, below */
		case GPGEN_BIND:
			slot = check_slot(c, s, r, rule->slot);
			if (slot >= 0)
				r->slot_ref[slot] = check_tracked(c,
						check_arg(s, rule->ref));
			break;
		case GPGEN_UNBIND:
			slot = check_slot(c, s, r, rule->slot);
			if (slot >= 0)
				r->slot_ref[slot] = NULL;
			break;
		case GPGEN_TYPES:
			for (slot = 0; slot < (int)r->kind->slots; slot++) {
				const char *t = check_arg(s, rule->first +
							  (unsigned int)slot);

				r->slot_unused[slot] = t &&
					!gpgen_area_is_memref(c->a, t);
			}
			break;
		case GPGEN_PASS:
			check_pass(c, s, r, &first, &mismatch);
			break;
		}
	}
	for (i = 0; i < op->nrules; i++) {
		const struct gpgen_rule *rule = op->rules + i;
		struct check_res *r;

		if (rule->effect != GPGEN_CREATE)
			continue;
		r = check_res_of(c, check_arg(s, rule->pos));
		if (!r || r->kind != rule->kind)
			continue;
		if (r->state == RES_LIVE) {
			check_err(c, s, "%s is %s again while still %s (%s at "
				  "step %u)", r->name, r->kind->created,
				  r->kind->live, r->kind->created, r->step);
			continue;
		}
		/* A step that failed the check creates nothing: no cascade. */
		if (!s->success || c->d->errors != errors)
			continue;
		r->state = RES_LIVE;
		r->by_cleanup = 0;
		r->step = s->num;
		r->line = s->line;
		r->order = ++c->order;
		r->parent = parent && r->kind->parent == parent->kind ?
			    parent : NULL;
		memset(r->slot_ref, 0, sizeof(r->slot_ref));
	}
}

static void check_step(struct check *c, struct check_step *s)
{
	char *name = gpgen_xml_prop(s->node, "name");
	const struct gpgen_op *op;
	size_t i;

	if (!name) {
		c->nomem = 1;
		return;
	}
	if (check_set(c, s->node, "step", "%u", s->num) ||
	    check_set(c, s->node, "line", "%ld", s->line) ||
	    check_set(c, s->node, "nargs", "%zu", s->nargs) ||
	    (s->expected && check_set(c, s->node, "expected", "%s",
				      s->expected)))
		goto out;
	/* Every variable is declared, named by a rule or not. */
	for (i = 0; i < s->nall; i++)
		check_res_of(c, s->args[i].value);
	op = gpgen_area_op(c->a, name);
	if (!op) {
		check_err(c, s, "unknown operation \"%s\" (area %s)", name,
			  c->a->name);
		goto out;
	}
	if (op->expect == GPGEN_EXPECT_REQUIRED && !s->expected) {
		check_err(c, s, "%s has no expected result (a last argument "
			  "whose parameter name contains \"xpected\")", name);
		goto out;
	}
	if (op->expect == GPGEN_EXPECT_NONE && s->expected) {
		check_err(c, s, "%s takes no expected result, but its last "
			  "argument %s is one", name,
			  s->args[s->nall - 1].param);
		goto out;
	}
	if (s->nargs != op->nargs) {
		check_err(c, s, "%s takes %u argument%s before the expected "
			  "result, not %zu", name, op->nargs,
			  op->nargs == 1 ? "" : "s", s->nargs);
		goto out;
	}
	s->op = op;
	check_effects(c, s);
out:
	free(name);
}

static int check_res_cmp(const void *x, const void *y)
{
	const struct check_res *a = *(struct check_res *const *)x;
	const struct check_res *b = *(struct check_res *const *)y;

	return strcmp(a->name, b->name);
}

/* What is still live gets a cleanup step at the end, newest first. */
static void check_end(struct check *c)
{
	struct check_step at = { 0 };
	xmlNodePtr box = NULL;
	size_t i;

	for (i = c->nres; i-- > 0;) {
		struct check_res *r = c->res[i];
		xmlNodePtr op;

		if (r->state != RES_LIVE)
			continue;
		at.num = r->step;
		at.line = r->line;
		if (r->kind->end_is_error) {
			check_err(c, &at, "%s is still %s at the end of the "
				  "scenario; it must be %s", r->name,
				  r->kind->live, r->kind->destroyed);
			continue;
		}
		check_warn(c, r->step, r->line, "%s is still %s at the end of "
			   "the scenario; generated cleanup calls %s", r->name,
			   r->kind->live, r->kind->release);
		if (!box)
			box = xmlNewChild(c->scn, c->ns,
					  (const xmlChar *)"cleanup", NULL);
		op = box ? check_cleanup_node(c, r, r->step, r->line) : NULL;
		if (!op || !xmlAddChild(box, op)) {
			xmlFreeNode(op);
			c->nomem = 1;
		}
	}
}

/* Creation order; resources never created sort first and stay dead. */
static int check_order_cmp(const void *x, const void *y)
{
	const struct check_res *a = *(struct check_res *const *)x;
	const struct check_res *b = *(struct check_res *const *)y;

	return (a->order > b->order) - (a->order < b->order);
}

static void check_vars(struct check *c)
{
	size_t i;

	if (c->nres)
		qsort(c->res, c->nres, sizeof(*c->res), check_res_cmp);
	for (i = 0; i < c->nres && !c->nomem; i++) {
		const struct check_res *r = c->res[i];
		xmlNodePtr v = xmlNewChild(c->scn, c->ns,
					   (const xmlChar *)"var", NULL);

		if (!v || !xmlNewProp(v, (const xmlChar *)"name",
				      (const xmlChar *)r->name) ||
		    !xmlNewProp(v, (const xmlChar *)"kind",
				(const xmlChar *)r->kind->name) ||
		    !xmlNewProp(v, (const xmlChar *)"type",
				(const xmlChar *)r->kind->type) ||
		    (r->kind->init &&
		     !xmlNewProp(v, (const xmlChar *)"init",
				 (const xmlChar *)r->kind->init)))
			c->nomem = 1;
	}
}

int gpgen_check_scenario(const struct gpgen_area *a, xmlNodePtr scn,
			 xmlNsPtr ns, const char *file, const char *name,
			 struct gpgen_diag *d)
{
	struct check c = {
		.a = a, .d = d, .scn = scn, .ns = ns,
		.w = { .file = file, .scenario = name },
	};
	unsigned int errors = d->errors;
	xmlNodePtr *ops = NULL;
	size_t nops = 0, i;
	int res;

	res = check_collect(scn, &ops, &nops);
	for (i = 0; !res && i < nops && !c.nomem; i++) {
		struct check_step s = {
			.node = ops[i],
			.num = (unsigned int)i + 1,
			.line = gpgen_xml_line(ops[i]),
		};

		if (check_step_read(&c, ops[i], &s))
			c.nomem = 1;
		else
			check_step(&c, &s);
		check_step_free(&s);
	}
	if (!res && !c.nomem) {
		if (c.nres)
			qsort(c.res, c.nres, sizeof(*c.res), check_order_cmp);
		check_end(&c);
		check_vars(&c);
	}
	for (i = 0; i < c.nres; i++) {
		free(c.res[i]->name);
		free(c.res[i]);
	}
	free(c.res);
	free(ops);
	if (res || c.nomem)
		return -ENOMEM;
	return d->errors == errors ? 0 : -EINVAL;
}
