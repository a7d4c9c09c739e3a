/*
 * gpgen's XML input: GP files read without network or entities, with line
 * numbers, validated against the schema; only gen/ files may be loaded.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "gpgen_xml.h"

/* Far above any GP package file; stops a runaway input early. */
#define GPGEN_XML_MAX_SIZE	(64L * 1024 * 1024)

static char *xml_allowed_dir;
static xmlExternalEntityLoader xml_default_loader;
static int xml_refused;		/* the loader said no since last reset */

static xmlParserInputPtr xml_loader(const char *url, const char *id,
				    xmlParserCtxtPtr ctxt)
{
	const char *path = url;
	char *real;
	size_t n;
	int ok;

	xml_refused = 1;
	if (!url || !xml_allowed_dir)
		return NULL;
	if (!strncmp(path, "file://", 7))
		path += 7;
	if (strstr(path, "://"))
		return NULL;
	real = realpath(path, NULL);
	if (!real)
		return NULL;
	n = strlen(xml_allowed_dir);
	ok = !strncmp(real, xml_allowed_dir, n) && real[n] == '/';
	free(real);
	if (!ok)
		return NULL;
	xml_refused = 0;
	return xml_default_loader(url, id, ctxt);
}

int gpgen_xml_restrict(const char *datadir)
{
	char *real = realpath(datadir, NULL);

	if (!real)
		return -errno;
	free(xml_allowed_dir);
	xml_allowed_dir = real;
	if (!xml_default_loader) {
		xml_default_loader = xmlGetExternalEntityLoader();
		xmlSetExternalEntityLoader(xml_loader);
	}
	return 0;
}

struct xml_report {
	struct gpgen_diag *d;
	const char *file;
	const char *what;
	int first_only;
	int seen;
};

static void xml_error(void *arg, xmlErrorPtr e)
{
	struct xml_report *r = arg;
	struct gpgen_where w = { .file = r->file, .line = e->line };
	char *msg;
	size_t n;

	if (r->first_only && r->seen)
		return;
	r->seen++;
	msg = strdup(e->message ? e->message : "unknown error");
	if (!msg) {
		gpgen_diag_error(r->d, &w, "%s: out of memory", r->what);
		return;
	}
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (e->level == XML_ERR_WARNING)
		gpgen_diag_warning(r->d, &w, "%s: %s", r->what, msg);
	else
		gpgen_diag_error(r->d, &w, "%s: %s", r->what, msg);
	free(msg);
}

/* libxml2's own complaint about a refused file says less than ours. */
static void xml_refused_error(void *arg, xmlErrorPtr e)
{
	if (!xml_refused)
		xml_error(arg, e);
}

static int xml_read_all(const char *path, char **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long size;
	int res = 0;

	if (!f)
		return -errno;
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		res = -errno;
		goto out;
	}
	if (size > GPGEN_XML_MAX_SIZE || size > INT_MAX) {
		res = -EFBIG;
		goto out;
	}
	p = malloc((size_t)size + 1);
	if (!p) {
		res = -ENOMEM;
		goto out;
	}
	if (fread(p, 1, (size_t)size, f) != (size_t)size) {
		res = ferror(f) ? -EIO : -EAGAIN;
		goto out;
	}
	p[size] = '\0';
	*buf = p;
	*len = (size_t)size;
	p = NULL;
out:
	free(p);
	fclose(f);
	return res;
}

/* Entities would let a file pull in text gpgen has not read. */
static xmlNodePtr xml_find_entity(xmlNodePtr node)
{
	for (; node; node = node->next) {
		xmlNodePtr hit;

		if (node->type == XML_ENTITY_REF_NODE ||
		    node->type == XML_ENTITY_DECL)
			return node;
		if (node->type != XML_ELEMENT_NODE && node->type != XML_DTD_NODE)
			continue;
		hit = xml_find_entity(node->children);
		if (hit)
			return hit;
	}
	return NULL;
}

int gpgen_xml_read(const char *path, struct gpgen_diag *d, xmlDocPtr *out)
{
	struct gpgen_where w = { .file = path };
	struct xml_report r = {
		.d = d, .file = path, .what = "malformed XML", .first_only = 1,
	};
	xmlDocPtr doc = NULL;
	xmlNodePtr ent;
	char *buf = NULL;
	size_t len = 0;
	int res;

	*out = NULL;
	res = xml_read_all(path, &buf, &len);
	if (res) {
		gpgen_diag_error(d, &w, "cannot read: %s", strerror(-res));
		return res;
	}
	if (!len) {
		gpgen_diag_error(d, &w, "malformed XML: the file is empty");
		res = -EINVAL;
		goto out;
	}
	xmlSetStructuredErrorFunc(&r, xml_error);
	doc = xmlReadMemory(buf, (int)len, path, NULL,
			    XML_PARSE_NONET | XML_PARSE_BIG_LINES |
			    XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc || r.seen) {
		if (!r.seen)
			gpgen_diag_error(d, &w, "malformed XML");
		res = -EINVAL;
		goto out;
	}
	ent = xml_find_entity(doc->children);
	if (ent) {
		w.line = ent->type == XML_ENTITY_DECL ? 0 :
			 gpgen_xml_line(ent->parent);
		gpgen_diag_error(d, &w,
				 "entities are not accepted: gpgen reads plain XML only");
		res = -EINVAL;
		goto out;
	}
	*out = doc;
	doc = NULL;
out:
	xmlFreeDoc(doc);
	free(buf);
	return res;
}

xmlDocPtr gpgen_xml_read_own(const char *path, struct gpgen_diag *d)
{
	struct xml_report r = {
		.d = d, .file = path, .what = "XML", .first_only = 1,
	};
	struct gpgen_where w = { .file = path };
	xmlDocPtr doc;

	xml_refused = 0;
	xmlSetStructuredErrorFunc(&r, xml_refused_error);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc && xml_refused) {
		gpgen_diag_error(d, &w, "refused: gpgen reads no file outside "
				 "its data directory");
		return NULL;
	}
	if (doc && r.seen) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc && !r.seen)
		gpgen_diag_error(d, &w, "cannot read the file");
	return doc;
}

int gpgen_xml_validate(xmlDocPtr doc, const char *schema, const char *file,
		       struct gpgen_diag *d)
{
	struct gpgen_where w = { .file = schema };
	struct xml_report r = { .d = d, .file = schema, .what = "schema" };
	xmlRelaxNGParserCtxtPtr pctxt = NULL;
	xmlRelaxNGValidCtxtPtr vctxt = NULL;
	xmlRelaxNGPtr rng = NULL;
	int res = 0;

	pctxt = xmlRelaxNGNewParserCtxt(schema);
	if (!pctxt) {
		res = -ENOMEM;
		goto out;
	}
	xmlRelaxNGSetParserStructuredErrors(pctxt, xml_error, &r);
	rng = xmlRelaxNGParse(pctxt);
	if (!rng) {
		if (!r.seen)
			gpgen_diag_error(d, &w, "cannot load the schema");
		res = -EINVAL;
		goto out;
	}
	vctxt = xmlRelaxNGNewValidCtxt(rng);
	if (!vctxt) {
		res = -ENOMEM;
		goto out;
	}
	r.file = file;
	r.seen = 0;
	xmlRelaxNGSetValidStructuredErrors(vctxt, xml_error, &r);
	if (xmlRelaxNGValidateDoc(vctxt, doc) != 0) {
		if (!r.seen) {
			w.file = file;
			gpgen_diag_error(d, &w, "schema: the file does not validate");
		}
		res = -EINVAL;
	}
out:
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(rng);
	xmlRelaxNGFreeParserCtxt(pctxt);
	return res;
}

long gpgen_xml_line(xmlNodePtr node)
{
	return node ? xmlGetLineNo(node) : 0;
}

char *gpgen_xml_prop(xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(node, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	return s;
}

xmlNodePtr gpgen_xml_child(xmlNodePtr node, const char *name)
{
	xmlNodePtr c;

	for (c = node->children; c; c = c->next)
		if (gpgen_xml_is(c, name))
			return c;
	return NULL;
}

int gpgen_xml_is(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && !node->ns &&
	       !strcmp((const char *)node->name, name);
}
