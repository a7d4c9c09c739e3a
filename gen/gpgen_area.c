/*
 * Area tables: loads the table of an area stylesheet and of those it
 * imports, checks it, and answers the sequencing check's questions.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/uri.h>

#include "gpgen_area.h"
#include "gpgen_xml.h"

#define XSLT_NS			"http://www.w3.org/1999/XSL/Transform"
#define AREA_MAX_DEPTH		8

struct area_load {
	struct gpgen_area *a;
	struct gpgen_diag *d;
	const char *path;	/* file being read */
	int top;		/* reading the area's own stylesheet */
	int is_area;
	int failed;
};

static int area_grow(void **arr, size_t *n, size_t size)
{
	void *p = realloc(*arr, (*n + 1) * size);

	if (!p)
		return -ENOMEM;
	memset((char *)p + *n * size, 0, size);
	*arr = p;
	(*n)++;
	return 0;
}

static int area_push_str(char ***arr, size_t *n, char *s)
{
	if (!s || area_grow((void **)arr, n, sizeof(**arr))) {
		free(s);
		return -ENOMEM;
	}
	(*arr)[*n - 1] = s;
	return 0;
}

static void area_err(struct area_load *ld, xmlNodePtr n, const char *fmt,
		     const char *arg);
static char *area_need(struct area_load *ld, xmlNodePtr n, const char *name);

/* Adds attribute "value" of n to a list; a missing one is reported. */
static int area_push_value(struct area_load *ld, char ***arr, size_t *n,
			   xmlNodePtr node)
{
	char *v = area_need(ld, node, "value");

	return v ? area_push_str(arr, n, v) : 0;
}

static void area_strs_free(char **s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

static void area_kind_free(struct gpgen_kind *k)
{
	area_strs_free(k->prefixes, k->nprefixes);
	free(k->name);
	free(k->type);
	free(k->init);
	free(k->parent_name);
	free(k->created);
	free(k->destroyed);
	free(k->live);
	free(k->release);
	memset(k, 0, sizeof(*k));
}

static void area_op_free(struct gpgen_op *op)
{
	size_t i;

	for (i = 0; i < op->nrules; i++)
		free(op->rules[i].kind_name);
	free(op->rules);
	free(op->name);
	memset(op, 0, sizeof(*op));
}

void gpgen_area_free(struct gpgen_area *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nkinds; i++)
		area_kind_free(a->kinds + i);
	for (i = 0; i < a->nops; i++)
		area_op_free(a->ops + i);
	for (i = 0; i < a->nmatches; i++) {
		free(a->matches[i].file);
		free(a->matches[i].contains);
	}
	free(a->kinds);
	free(a->ops);
	free(a->matches);
	area_strs_free(a->success, a->nsuccess);
	area_strs_free(a->memref_types, a->nmemref_types);
	free(a->name);
	free(a->stylesheet);
	free(a);
}

static void area_err(struct area_load *ld, xmlNodePtr n, const char *fmt,
		     const char *arg)
{
	struct gpgen_where w = { .file = ld->path, .line = gpgen_xml_line(n) };

	gpgen_diag_error(ld->d, &w, fmt, arg);
	ld->failed = 1;
}

static int area_is(xmlNodePtr n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns &&
	       !strcmp((const char *)n->ns->href, ns) &&
	       !strcmp((const char *)n->name, name);
}

/* A number attribute from 0 to 64; 0 when absent, -1 when bad. */
static long area_num(xmlNodePtr n, const char *name)
{
	char *s = gpgen_xml_prop(n, name);
	char *end;
	long v;

	if (!s)
		return 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || v < 0 || v > 64)
		v = -1;
	free(s);
	return v;
}

static char *area_need(struct area_load *ld, xmlNodePtr n, const char *name)
{
	char *s = gpgen_xml_prop(n, name);

	if (!s || !*s) {
		area_err(ld, n, "area table: missing attribute \"%s\"", name);
		free(s);
		return NULL;
	}
	return s;
}

static int area_add_kind(struct area_load *ld, xmlNodePtr n)
{
	struct gpgen_kind k = { 0 };
	struct gpgen_area *a = ld->a;
	char *prefixes, *tok, *save = NULL, *end;
	long slots = area_num(n, "slots");
	size_t i;
	int res = 0;

	k.name = area_need(ld, n, "name");
	prefixes = area_need(ld, n, "prefix");
	k.type = area_need(ld, n, "type");
	k.init = gpgen_xml_prop(n, "init");
	k.parent_name = gpgen_xml_prop(n, "parent");
	k.release = gpgen_xml_prop(n, "release");
	k.created = gpgen_xml_prop(n, "created");
	k.destroyed = gpgen_xml_prop(n, "destroyed");
	k.live = gpgen_xml_prop(n, "live");
	end = gpgen_xml_prop(n, "at-end");
	if (!k.name || !prefixes || !k.type)
		goto out;
	if (slots < 0 || slots > GPGEN_MAX_SLOTS) {
		area_err(ld, n, "area table: kind %s: slots must be 1 to 4",
			 k.name);
		goto out;
	}
	k.slots = (unsigned int)slots;
	if (k.release && (!k.created || !k.destroyed || !k.live)) {
		area_err(ld, n, "area table: kind %s has a release operation "
			 "but not all of created, destroyed and live", k.name);
		goto out;
	}
	if (end && strcmp(end, "cleanup") && strcmp(end, "error")) {
		area_err(ld, n, "area table: at-end must be cleanup or error, "
			 "not \"%s\"", end);
		goto out;
	}
	k.end_is_error = end && !strcmp(end, "error");
	for (tok = strtok_r(prefixes, " \t\n", &save); tok;
	     tok = strtok_r(NULL, " \t\n", &save)) {
		res = area_push_str(&k.prefixes, &k.nprefixes, strdup(tok));
		if (res)
			goto out;
	}
	for (i = 0; i < a->nkinds; i++) {
		if (!strcmp(a->kinds[i].name, k.name)) {
			area_kind_free(a->kinds + i);
			a->kinds[i] = k;
			memset(&k, 0, sizeof(k));
			goto out;
		}
	}
	res = area_grow((void **)&a->kinds, &a->nkinds, sizeof(k));
	if (!res) {
		a->kinds[a->nkinds - 1] = k;
		memset(&k, 0, sizeof(k));
	}
out:
	free(prefixes);
	free(end);
	area_kind_free(&k);
	return res;
}

static const struct {
	const char *name;
	enum gpgen_effect effect;
} area_effects[] = {
	{ "use", GPGEN_USE }, { "create", GPGEN_CREATE },
	{ "destroy", GPGEN_DESTROY }, { "bind", GPGEN_BIND },
	{ "unbind", GPGEN_UNBIND }, { "types", GPGEN_TYPES },
	{ "pass", GPGEN_PASS },
};

static int area_add_rule(struct area_load *ld, struct gpgen_op *op,
			 xmlNodePtr n)
{
	struct gpgen_rule r = { 0 };
	char *effect = area_need(ld, n, "effect");
	char *parent = gpgen_xml_prop(n, "parent");
	long pos = area_num(n, "pos");
	size_t i;
	int res = 0;

	r.kind_name = area_need(ld, n, "kind");
	r.slot = (unsigned int)area_num(n, "slot");
	r.ref = (unsigned int)area_num(n, "ref");
	r.first = (unsigned int)area_num(n, "first");
	r.parent = parent && !strcmp(parent, "yes");
	if (!effect || !r.kind_name)
		goto out;
	if (pos < 1 || (unsigned long)pos > op->nargs) {
		area_err(ld, n, "area table: operation %s: pos must name one "
			 "of its arguments", op->name);
		goto out;
	}
	r.pos = (unsigned int)pos;
	for (i = 0; i < sizeof(area_effects) / sizeof(area_effects[0]); i++)
		if (!strcmp(effect, area_effects[i].name))
			break;
	if (i == sizeof(area_effects) / sizeof(area_effects[0])) {
		area_err(ld, n, "area table: unknown effect \"%s\"", effect);
		goto out;
	}
	r.effect = area_effects[i].effect;
	if ((r.effect == GPGEN_BIND && (!r.slot || !r.ref)) ||
	    (r.effect == GPGEN_UNBIND && !r.slot) ||
	    (r.effect == GPGEN_TYPES && !r.first) ||
	    r.slot > op->nargs || r.ref > op->nargs || r.first > op->nargs) {
		area_err(ld, n, "area table: operation %s: slot, ref or first "
			 "missing or not one of its arguments", op->name);
		goto out;
	}
	res = area_grow((void **)&op->rules, &op->nrules, sizeof(r));
	if (!res) {
		op->rules[op->nrules - 1] = r;
		r.kind_name = NULL;
	}
out:
	free(r.kind_name);
	free(effect);
	free(parent);
	return res;
}

static int area_add_op(struct area_load *ld, xmlNodePtr n)
{
	struct gpgen_op op = { 0 };
	struct gpgen_area *a = ld->a;
	char *prefix = gpgen_xml_prop(n, "prefix");
	char *expect = gpgen_xml_prop(n, "expect");
	long nargs = area_num(n, "args");
	xmlNodePtr c;
	size_t i;
	int res = 0;

	op.name = prefix ? prefix : gpgen_xml_prop(n, "name");
	op.is_prefix = prefix != NULL;
	prefix = NULL;
	if (!op.name || !*op.name) {
		area_err(ld, n, "area table: operation without %s",
			 "name or prefix");
		goto out;
	}
	if (nargs < 0) {
		area_err(ld, n, "area table: operation %s: bad args", op.name);
		goto out;
	}
	op.nargs = (unsigned int)nargs;
	if (!expect || !strcmp(expect, "none")) {
		op.expect = GPGEN_EXPECT_NONE;
	} else if (!strcmp(expect, "required")) {
		op.expect = GPGEN_EXPECT_REQUIRED;
	} else if (!strcmp(expect, "optional")) {
		op.expect = GPGEN_EXPECT_OPTIONAL;
	} else {
		area_err(ld, n, "area table: expect must be required, none or "
			 "optional, not \"%s\"", expect);
		goto out;
	}
	for (c = n->children; c && !res; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (area_is(c, GPGEN_AREA_NS, "arg"))
			res = area_add_rule(ld, &op, c);
		else
			area_err(ld, c, "area table: unexpected element %s",
				 (const char *)c->name);
	}
	if (res)
		goto out;
	for (i = 0; i < a->nops; i++) {
		if (strcmp(a->ops[i].name, op.name) ||
		    a->ops[i].is_prefix != op.is_prefix)
			continue;
		area_op_free(a->ops + i);
		a->ops[i] = op;
		memset(&op, 0, sizeof(op));
		goto out;
	}
	res = area_grow((void **)&a->ops, &a->nops, sizeof(op));
	if (!res) {
		a->ops[a->nops - 1] = op;
		memset(&op, 0, sizeof(op));
	}
out:
	free(expect);
	area_op_free(&op);
	return res;
}

static int area_add_match(struct area_load *ld, xmlNodePtr n)
{
	struct gpgen_area *a = ld->a;
	struct gpgen_match m = {
		.file = gpgen_xml_prop(n, "file"),
		.contains = gpgen_xml_prop(n, "contains"),
	};

	int res = 0;

	if (!m.file == !m.contains) {
		area_err(ld, n, "area table: a match has %s",
			 "exactly one of file and contains");
		goto out;
	}
	res = area_grow((void **)&a->matches, &a->nmatches, sizeof(m));
	if (!res) {
		a->matches[a->nmatches - 1] = m;
		return 0;
	}
out:
	free(m.file);
	free(m.contains);
	return res;
}

static int area_read(struct area_load *ld, const char *path, int depth);

static int area_import(struct area_load *ld, xmlDocPtr doc, xmlNodePtr n,
		       int depth)
{
	struct area_load sub = *ld;
	xmlChar *href = xmlGetNoNsProp(n, (const xmlChar *)"href");
	xmlChar *uri = NULL;
	int res = 0;

	if (!href) {
		area_err(ld, n, "stylesheet %s without href", "import");
		return 0;
	}
	uri = xmlBuildURI(href, doc->URL);
	if (!uri) {
		res = -ENOMEM;
		goto out;
	}
	sub.top = 0;
	res = area_read(&sub, (const char *)uri, depth + 1);
	ld->failed |= sub.failed;
out:
	xmlFree(uri);
	xmlFree(href);
	return res;
}

static int area_read(struct area_load *ld, const char *path, int depth)
{
	struct gpgen_where w = { .file = path };
	xmlDocPtr doc;
	xmlNodePtr root, n;
	int res = 0;

	if (depth > AREA_MAX_DEPTH) {
		gpgen_diag_error(ld->d, &w, "stylesheet imports nest too deep");
		ld->failed = 1;
		return 0;
	}
	doc = gpgen_xml_read_own(path, ld->d);
	if (!doc) {
		ld->failed = 1;
		return 0;
	}
	ld->path = path;
	root = xmlDocGetRootElement(doc);
	if (!root || (!area_is(root, XSLT_NS, "stylesheet") &&
		      !area_is(root, XSLT_NS, "transform"))) {
		gpgen_diag_error(ld->d, &w, "not an XSLT stylesheet");
		ld->failed = 1;
		goto out;
	}
	for (n = root->children; n && !res; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || !n->ns)
			continue;
		ld->path = path;
		if (area_is(n, XSLT_NS, "import") ||
		    area_is(n, XSLT_NS, "include"))
			res = area_import(ld, doc, n, depth);
		else if (strcmp((const char *)n->ns->href, GPGEN_AREA_NS))
			continue;
		else if (area_is(n, GPGEN_AREA_NS, "area"))
			ld->is_area |= ld->top;
		else if (area_is(n, GPGEN_AREA_NS, "match"))
			res = ld->top ? area_add_match(ld, n) : 0;
		else if (area_is(n, GPGEN_AREA_NS, "kind"))
			res = area_add_kind(ld, n);
		else if (area_is(n, GPGEN_AREA_NS, "op"))
			res = area_add_op(ld, n);
		else if (area_is(n, GPGEN_AREA_NS, "success"))
			res = area_push_value(ld, &ld->a->success,
					      &ld->a->nsuccess, n);
		else if (area_is(n, GPGEN_AREA_NS, "memref-type"))
			res = area_push_value(ld, &ld->a->memref_types,
					      &ld->a->nmemref_types, n);
		else
			area_err(ld, n, "area table: unknown element %s",
				 (const char *)n->name);
	}
out:
	xmlFreeDoc(doc);
	return res;
}

static const struct gpgen_kind *area_kind(const struct gpgen_area *a,
					  const char *name)
{
	size_t i;

	for (i = 0; i < a->nkinds; i++)
		if (!strcmp(a->kinds[i].name, name))
			return a->kinds + i;
	return NULL;
}

static void area_resolve_err(struct gpgen_area *a, struct gpgen_diag *d,
			     const char *fmt, const char *x, const char *y)
{
	struct gpgen_where w = { .file = a->stylesheet };

	gpgen_diag_error(d, &w, fmt, x, y);
}

/* Links names to kinds and checks what only the whole table can tell. */
static int area_resolve(struct gpgen_area *a, struct gpgen_diag *d)
{
	unsigned int before = d->errors;
	size_t i, j;

	for (i = 0; i < a->nkinds; i++) {
		struct gpgen_kind *k = a->kinds + i;
		const struct gpgen_op *rel;

		if (k->parent_name) {
			k->parent = area_kind(a, k->parent_name);
			if (!k->parent)
				area_resolve_err(a, d, "area table: kind %s: "
						 "unknown parent kind %s",
						 k->name, k->parent_name);
		}
		if (!k->release || k->end_is_error)
			continue;
		rel = gpgen_area_op(a, k->release);
		if (!rel || rel->nargs != 1 || rel->nrules < 1 ||
		    rel->rules[0].effect != GPGEN_DESTROY ||
		    strcmp(rel->rules[0].kind_name, k->name) ||
		    rel->expect == GPGEN_EXPECT_REQUIRED)
			area_resolve_err(a, d, "area table: kind %s: release "
					 "operation %s must take one argument "
					 "that it destroys and no expected "
					 "result", k->name, k->release);
	}
	for (i = 0; i < a->nops; i++) {
		struct gpgen_op *op = a->ops + i;

		for (j = 0; j < op->nrules; j++) {
			struct gpgen_rule *r = op->rules + j;

			r->kind = area_kind(a, r->kind_name);
			if (!r->kind) {
				area_resolve_err(a, d, "area table: operation "
						 "%s: unknown kind %s",
						 op->name, r->kind_name);
				continue;
			}
			if ((r->effect == GPGEN_CREATE ||
			     r->effect == GPGEN_DESTROY) && !r->kind->release)
				area_resolve_err(a, d, "area table: operation "
						 "%s: kind %s has no release "
						 "operation, so it cannot be "
						 "created or destroyed",
						 op->name, r->kind_name);
			if ((r->effect == GPGEN_BIND ||
			     r->effect == GPGEN_UNBIND ||
			     r->effect == GPGEN_TYPES ||
			     r->effect == GPGEN_PASS) && !r->kind->slots)
				area_resolve_err(a, d, "area table: operation "
						 "%s: kind %s carries no "
						 "parameters", op->name,
						 r->kind_name);
		}
	}
	return d->errors == before ? 0 : -EINVAL;
}

int gpgen_area_load(const char *datadir, const char *name,
		    struct gpgen_diag *d, struct gpgen_area **out)
{
	struct gpgen_where w = { 0 };
	struct area_load ld = { .d = d, .top = 1 };
	struct gpgen_area *a;
	const char *c;
	int res;

	*out = NULL;
	for (c = name; *c; c++) {
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-') {
			gpgen_diag_error(d, &w, "bad area name \"%s\"", name);
			return -EINVAL;
		}
	}
	a = calloc(1, sizeof(*a));
	if (!a)
		return -ENOMEM;
	a->name = strdup(name);
	if (!a->name || asprintf(&a->stylesheet, "%s/%s.xsl", datadir,
				 name) < 0) {
		a->stylesheet = NULL;
		res = -ENOMEM;
		goto out;
	}
	ld.a = a;
	w.file = a->stylesheet;
	if (access(a->stylesheet, R_OK)) {
		gpgen_diag_error(d, &w, "no such area \"%s\"", name);
		res = -EINVAL;
		goto out;
	}
	res = area_read(&ld, a->stylesheet, 0);
	if (res)
		goto out;
	if (ld.failed) {
		res = -EINVAL;
		goto out;
	}
	if (!ld.is_area) {
		gpgen_diag_error(d, &w, "not an area stylesheet "
				 "(no area:area element)");
		res = -EINVAL;
		goto out;
	}
	res = area_resolve(a, d);
out:
	if (res)
		gpgen_area_free(a);
	else
		*out = a;
	return res;
}

static int area_name_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* An area stylesheet says so with a top-level area:area element. */
static int area_file_is_area(const char *path, struct gpgen_diag *d)
{
	xmlDocPtr doc = gpgen_xml_read_own(path, d);
	xmlNodePtr n;
	int yes = 0;

	if (!doc)
		return 0;
	n = xmlDocGetRootElement(doc);
	for (n = n ? n->children : NULL; n && !yes; n = n->next)
		yes = area_is(n, GPGEN_AREA_NS, "area");
	xmlFreeDoc(doc);
	return yes;
}

int gpgen_area_names(const char *datadir, struct gpgen_diag *d, char ***names,
		     size_t *n)
{
	DIR *dir = opendir(datadir);
	struct dirent *e;
	int res = 0;

	*names = NULL;
	*n = 0;
	if (!dir)
		return -errno;
	while (!res && (e = readdir(dir))) {
		size_t len = strlen(e->d_name);
		char *path;

		if (len < 5 || strcmp(e->d_name + len - 4, ".xsl"))
			continue;
		if (asprintf(&path, "%s/%s", datadir, e->d_name) < 0) {
			res = -ENOMEM;
			break;
		}
		if (area_file_is_area(path, d))
			res = area_push_str(names, n,
					    strndup(e->d_name, len - 4));
		free(path);
	}
	closedir(dir);
	if (res) {
		gpgen_area_names_free(*names, *n);
		*names = NULL;
		*n = 0;
		return res;
	}
	qsort(*names, *n, sizeof(**names), area_name_cmp);
	return 0;
}

void gpgen_area_names_free(char **names, size_t n)
{
	area_strs_free(names, n);
}

const struct gpgen_op *gpgen_area_op(const struct gpgen_area *a,
				     const char *name)
{
	const struct gpgen_op *best = NULL;
	size_t i;

	for (i = 0; i < a->nops; i++) {
		const struct gpgen_op *op = a->ops + i;

		if (!op->is_prefix) {
			if (!strcmp(op->name, name))
				return op;
			continue;
		}
		if (!strncmp(op->name, name, strlen(op->name)) &&
		    (!best || strlen(op->name) > strlen(best->name)))
			best = op;
	}
	return best;
}

const struct gpgen_kind *gpgen_area_kind_of(const struct gpgen_area *a,
					    const char *value)
{
	size_t i, j;

	for (i = 0; i < a->nkinds; i++) {
		const struct gpgen_kind *k = a->kinds + i;

		for (j = 0; j < k->nprefixes; j++) {
			size_t n = strlen(k->prefixes[j]);
			const char *c = value + n;

			if (strncmp(value, k->prefixes[j], n) || !*c)
				continue;
			while (isdigit((unsigned char)*c))
				c++;
			if (!*c)
				return k;
		}
	}
	return NULL;
}

static int area_in(char **list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

int gpgen_area_is_success(const struct gpgen_area *a, const char *value)
{
	return area_in(a->success, a->nsuccess, value);
}

int gpgen_area_is_memref(const struct gpgen_area *a, const char *type)
{
	return area_in(a->memref_types, a->nmemref_types, type);
}

int gpgen_area_matches(const struct gpgen_area *a, const char *base,
		       const char *package)
{
	size_t i;

	for (i = 0; i < a->nmatches; i++) {
		const struct gpgen_match *m = a->matches + i;

		if (m->file && !strcmp(m->file, base))
			return 1;
		if (m->contains && (strcasestr(base, m->contains) ||
				    (package && strcasestr(package,
							   m->contains))))
			return 1;
	}
	return 0;
}
