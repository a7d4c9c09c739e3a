/*
 * One gpgen run: read, validate, pick the area, identify and check each
 * scenario, and only when all passed let the area's stylesheet write the C.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libgen.h>
#include <libxml/parser.h>
#include <libxslt/xsltInternals.h>

#include "gpgen.h"
#include "gpgen_area.h"
#include "gpgen_check.h"
#include "gpgen_cstr.h"
#include "gpgen_diag.h"
#include "gpgen_emit.h"
#include "gpgen_scenario.h"
#include "gpgen_xml.h"

struct gpgen_loaded {
	struct gpgen_area *area;
	xsltStylesheetPtr style;	/* compiled when first needed */
};

struct gpgen_out {
	char *input;
	char *text;
	size_t len;
};

struct gpgen {
	struct gpgen_opts opts;
	char *datadir;
	char *schema;
	struct gpgen_diag diag;
	struct gpgen_codes codes;	/* every scenario code of the run */
	struct gpgen_codes excluded;
	struct gpgen_codes alone;	/* scenarios that run alone under -j */
	struct gpgen_loaded **areas;	/* stable: callers keep pointers */
	size_t nareas;
	struct gpgen_out *out;
	size_t nout;
};

static int run_area(struct gpgen *g, const char *name,
		    struct gpgen_loaded **out)
{
	struct gpgen_loaded **v, *lo;
	struct gpgen_area *a;
	size_t i;
	int res;

	for (i = 0; i < g->nareas; i++) {
		if (!strcmp(g->areas[i]->area->name, name)) {
			*out = g->areas[i];
			return 0;
		}
	}
	res = gpgen_area_load(g->datadir, name, &g->diag, &a);
	if (res)
		return res;
	v = realloc(g->areas, (g->nareas + 1) * sizeof(*v));
	lo = calloc(1, sizeof(*lo));
	if (v)
		g->areas = v;
	if (!v || !lo) {
		free(lo);
		gpgen_area_free(a);
		return -ENOMEM;
	}
	lo->area = a;
	g->areas[g->nareas++] = lo;
	*out = lo;
	return 0;
}

int gpgen_new(const struct gpgen_opts *opts, struct gpgen **out)
{
	struct gpgen_where w = { 0 };
	struct gpgen_loaded *lo;
	struct gpgen *g;
	int res;

	*out = NULL;
	g = calloc(1, sizeof(*g));
	if (!g)
		return -ENOMEM;
	g->opts = *opts;
	g->diag.echo = opts->echo;
	g->datadir = strdup(opts->datadir);
	if (!g->datadir || asprintf(&g->schema, "%s/gp-suite.rng",
				    g->datadir) < 0) {
		g->schema = NULL;
		res = -ENOMEM;
		goto fail;
	}
	res = gpgen_xml_restrict(g->datadir);
	if (res) {
		gpgen_diag_error(&g->diag, &w, "data directory %s: %s",
				 g->datadir, strerror(-res));
		goto fail;
	}
	if (opts->area) {
		res = run_area(g, opts->area, &lo);
		if (res)
			goto fail;
	}
	*out = g;
	return 0;
fail:
	*out = g;	/* so the caller can still read the diagnostics */
	return res;
}

void gpgen_free(struct gpgen *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->nareas; i++) {
		if (g->areas[i]->style)
			xsltFreeStylesheet(g->areas[i]->style);
		gpgen_area_free(g->areas[i]->area);
		free(g->areas[i]);
	}
	for (i = 0; i < g->nout; i++) {
		free(g->out[i].input);
		free(g->out[i].text);
	}
	free(g->areas);
	free(g->out);
	gpgen_codes_free(&g->codes);
	gpgen_codes_free(&g->excluded);
	gpgen_codes_free(&g->alone);
	gpgen_diag_free(&g->diag);
	free(g->schema);
	free(g->datadir);
	free(g);
}

int gpgen_exclude(struct gpgen *g, const char *path)
{
	return gpgen_exclusions_load(&g->excluded, path, &g->diag);
}

int gpgen_alone(struct gpgen *g, const char *path)
{
	return gpgen_exclusions_load(&g->alone, path, &g->diag);
}

/* The area named on the command line, or the one whose names match. */
static int run_pick_area(struct gpgen *g, const char *path,
			 const char *package, struct gpgen_loaded **out)
{
	struct gpgen_where w = { .file = path };
	char *copy = strdup(path);
	char **names = NULL, *list = NULL;
	size_t n = 0, i, hits = 0;
	const char *base;
	int res;

	*out = NULL;
	if (!copy)
		return -ENOMEM;
	if (g->opts.area) {
		res = run_area(g, g->opts.area, out);
		goto out;
	}
	base = basename(copy);
	res = gpgen_area_names(g->datadir, &g->diag, &names, &n);
	for (i = 0; !res && i < n; i++) {
		struct gpgen_loaded *lo;
		char *l;

		res = run_area(g, names[i], &lo);
		if (res || !gpgen_area_matches(lo->area, base, package))
			continue;
		if (asprintf(&l, "%s%s%s", list ? list : "", list ? ", " : "",
			     names[i]) < 0) {
			res = -ENOMEM;
			break;
		}
		free(list);
		list = l;
		hits++;
		*out = lo;
	}
	if (res)
		goto out;
	if (hits != 1) {
		char *all = NULL;

		for (i = 0; i < n; i++) {
			char *l;

			if (asprintf(&l, "%s%s%s", all ? all : "",
				     all ? ", " : "", names[i]) < 0) {
				res = -ENOMEM;
				break;
			}
			free(all);
			all = l;
		}
		if (!hits)
			gpgen_diag_error(&g->diag, &w, "no area matches the "
					 "file or package name; choose one "
					 "with --area (%s)", all ? all : "");
		else
			gpgen_diag_error(&g->diag, &w, "the file or package "
					 "name matches areas %s; choose one "
					 "with --area", list);
		free(all);
		*out = NULL;
		res = res ? res : -EINVAL;
	}
out:
	gpgen_area_names_free(names, n);
	free(list);
	free(copy);
	return res;
}

static int run_set(xmlNodePtr n, xmlNsPtr ns, const char *name,
		   const char *value)
{
	if (!value || !xmlSetNsProp(n, ns, (const xmlChar *)name,
				    (const xmlChar *)value))
		return -ENOMEM;
	return 0;
}

/* The attributes the stylesheets use to declare the scenario's case. */
static int run_annotate_scenario(xmlNodePtr scn, xmlNsPtr ns,
				 const char *code, const char *title,
				 long line)
{
	char *sym = strdup(code);
	char *lit = gpgen_cstr_literal(title);
	char id[64], ln[32], *c;
	int res = -ENOMEM;

	/* A code is at most three groups of 16 characters. */
	snprintf(id, sizeof(id), "gp.%s", code);
	snprintf(ln, sizeof(ln), "%ld", line);
	if (!sym || !lit)
		goto out;
	for (c = sym; *c; c++)
		if (*c == '-')
			*c = '_';
	if (!run_set(scn, ns, "code", code) && !run_set(scn, ns, "id", id) &&
	    !run_set(scn, ns, "symbol", sym) &&
	    !run_set(scn, ns, "title-c", lit) && !run_set(scn, ns, "line", ln))
		res = 0;
out:
	free(sym);
	free(lit);
	return res;
}

static int run_scenario(struct gpgen *g, const struct gpgen_area *a,
			xmlNodePtr scn, xmlNsPtr ns, const char *path)
{
	struct gpgen_where w = { .file = path, .line = gpgen_xml_line(scn) };
	const struct gpgen_code_use *prev;
	struct gpgen_code_use *ex;
	char *name = gpgen_xml_prop(scn, "name");
	char *code = NULL, *title = NULL;
	int res;

	if (!name)
		return -ENOMEM;
	w.scenario = name;
	res = gpgen_scenario_code(name, &code, &title);
	if (res == -EINVAL) {
		gpgen_diag_error(&g->diag, &w, "the name does not end with a "
				 "scenario code \"(xx-yy-zz)\"");
		res = 0;
		goto out;
	}
	if (res)
		goto out;
	res = gpgen_codes_add(&g->codes, code, path, w.line, &prev);
	if (res > 0) {
		gpgen_diag_error(&g->diag, &w, "scenario code %s is already "
				 "used at %s:%ld", code, prev->file,
				 prev->line);
		res = 0;
		goto out;
	}
	if (res)
		goto out;
	ex = gpgen_codes_find(&g->excluded, code);
	if (ex) {
		ex->used = 1;
		res = run_set(scn, ns, "excluded", "yes");
		goto out;
	}
	res = gpgen_check_scenario(a, scn, ns, path, name, &g->diag);
	if (res == -EINVAL)
		res = 0;	/* reported; the caller sees the error count */
	if (!res)
		res = run_annotate_scenario(scn, ns, code, title, w.line);
	ex = gpgen_codes_find(&g->alone, code);
	if (!res && ex) {
		ex->used = 1;
		res = run_set(scn, ns, "alone", "yes");
	}
out:
	free(code);
	free(title);
	free(name);
	return res;
}

static int run_scenarios(struct gpgen *g, const struct gpgen_area *a,
			 xmlNodePtr root, xmlNsPtr ns, const char *path)
{
	xmlNodePtr st, scn, next;
	int res = 0;

	for (st = root->children; st && !res; st = st->next) {
		if (!gpgen_xml_is(st, "initial-state"))
			continue;
		for (scn = st->children; scn && !res; scn = scn->next)
			if (gpgen_xml_is(scn, "scenario"))
				res = run_scenario(g, a, scn, ns, path);
	}
	if (res)
		return res;
	/* Excluded scenarios leave the document before it is emitted. */
	for (st = root->children; st; st = st->next) {
		if (!gpgen_xml_is(st, "initial-state"))
			continue;
		for (scn = st->children; scn; scn = next) {
			next = scn->next;
			if (scn->type == XML_ELEMENT_NODE &&
			    xmlHasNsProp(scn, (const xmlChar *)"excluded",
					 (const xmlChar *)GPGEN_NS)) {
				xmlUnlinkNode(scn);
				xmlFreeNode(scn);
			}
		}
	}
	return 0;
}

static int run_emit(struct gpgen *g, struct gpgen_loaded *lo, xmlDocPtr doc,
		    const char *path)
{
	struct gpgen_out *v;
	char *text;
	size_t len;
	int res;

	if (!lo->style) {
		res = gpgen_emit_load(lo->area->stylesheet, &g->diag,
				      &lo->style);
		if (res)
			return res;
	}
	res = gpgen_emit_run(lo->style, lo->area->stylesheet, doc, &g->diag,
			     &text, &len);
	if (res)
		return res;
	v = realloc(g->out, (g->nout + 1) * sizeof(*v));
	if (!v) {
		free(text);
		return -ENOMEM;
	}
	g->out = v;
	v += g->nout;
	v->input = strdup(path);
	if (!v->input) {
		free(text);
		return -ENOMEM;
	}
	v->text = text;
	v->len = len;
	g->nout++;
	return 0;
}

int gpgen_input(struct gpgen *g, const char *path)
{
	struct gpgen_where w = { .file = path };
	unsigned int errors = g->diag.errors;
	struct gpgen_loaded *lo = NULL;
	char *package = NULL, *lit = NULL, *comment = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	xmlNsPtr ns;
	int res;

	res = gpgen_xml_read(path, &g->diag, &doc);
	if (res)
		goto out;
	res = gpgen_xml_validate(doc, g->schema, path, &g->diag);
	if (res)
		goto out;
	root = xmlDocGetRootElement(doc);
	package = gpgen_xml_prop(root, "name");
	res = run_pick_area(g, path, package, &lo);
	if (res)
		goto out;
	ns = xmlNewNs(root, (const xmlChar *)GPGEN_NS,
		      (const xmlChar *)"gpgen");
	if (!ns) {
		/* The input declared the prefix for a namespace of its own. */
		gpgen_diag_error(&g->diag, &w, "the namespace prefix \"gpgen\" "
				 "is reserved for gpgen");
		res = -EINVAL;
		goto out;
	}
	res = run_scenarios(g, lo->area, root, ns, path);
	if (res)
		goto out;
	if (g->diag.errors != errors) {
		res = -EINVAL;
		goto out;
	}
	if (g->opts.check_only)
		goto out;
	lit = gpgen_cstr_literal(path);
	comment = gpgen_cstr_comment(path);
	if (run_set(root, ns, "source-c", lit) ||
	    run_set(root, ns, "source-comment", comment) ||
	    run_set(root, ns, "area", lo->area->name)) {
		res = -ENOMEM;
		goto out;
	}
	res = run_emit(g, lo, doc, path);
out:
	if (res == -ENOMEM)
		gpgen_diag_error(&g->diag, &w, "out of memory");
	if (!res && g->diag.errors != errors)
		res = -EINVAL;
	free(comment);
	free(lit);
	free(package);
	xmlFreeDoc(doc);
	return res;
}

/* A listed code no scenario has is a warning: the list went stale. */
static void run_warn_unused(struct gpgen *g, const struct gpgen_codes *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		const struct gpgen_code_use *u = c->v + i;
		struct gpgen_where w = { .file = u->file, .line = u->line };

		if (!u->used)
			gpgen_diag_warning(&g->diag, &w, "no scenario has "
					   "code %s", u->code);
	}
}

void gpgen_finish(struct gpgen *g)
{
	run_warn_unused(g, &g->excluded);
	run_warn_unused(g, &g->alone);
}

const char *gpgen_diagnostics(const struct gpgen *g)
{
	return g->diag.text ? g->diag.text : "";
}

unsigned int gpgen_errors(const struct gpgen *g)
{
	return g->diag.errors;
}

unsigned int gpgen_warnings(const struct gpgen *g)
{
	return g->diag.warnings;
}

size_t gpgen_outputs(const struct gpgen *g)
{
	return g->nout;
}

const char *gpgen_output(const struct gpgen *g, size_t i, const char **input,
			 size_t *len)
{
	if (i >= g->nout)
		return NULL;
	if (input)
		*input = g->out[i].input;
	if (len)
		*len = g->out[i].len;
	return g->out[i].text;
}
