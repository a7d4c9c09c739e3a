/*
 * Emission: runs an area's stylesheet over the annotated document, with no
 * right to write files or use the network, and reports what libxslt says.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "gpgen_emit.h"

/* libxslt reports in printf fragments; they are gathered, then split. */
struct emit_log {
	char *text;
	size_t len;
};

static void emit_log_add(void *arg, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void emit_log_add(void *arg, const char *fmt, ...)
{
	struct emit_log *log = arg;
	char *s, *p;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	p = realloc(log->text, log->len + (size_t)n + 1);
	if (p) {
		memcpy(p + log->len, s, (size_t)n + 1);
		log->text = p;
		log->len += (size_t)n;
	}
	free(s);
}

static void emit_log_begin(struct emit_log *log)
{
	memset(log, 0, sizeof(*log));
	xsltSetGenericErrorFunc(log, emit_log_add);
	xmlSetGenericErrorFunc(log, emit_log_add);
}

/* Reports what was logged; returns how many messages there were. */
static int emit_log_end(struct emit_log *log, const char *path,
			struct gpgen_diag *d)
{
	struct gpgen_where w = { .file = path };
	char *line, *save = NULL;
	int n = 0;

	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	if (!log->text)
		return 0;
	for (line = strtok_r(log->text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!*line)
			continue;
		gpgen_diag_error(d, &w, "XSLT: %s", line);
		n++;
	}
	free(log->text);
	log->text = NULL;
	return n;
}

int gpgen_emit_load(const char *path, struct gpgen_diag *d,
		    xsltStylesheetPtr *style)
{
	struct gpgen_where w = { .file = path };
	struct emit_log log;

	emit_log_begin(&log);
	*style = xsltParseStylesheetFile((const xmlChar *)path);
	if (emit_log_end(&log, path, d) || !*style) {
		if (*style)
			xsltFreeStylesheet(*style);
		else
			gpgen_diag_error(d, &w, "cannot load the stylesheet");
		*style = NULL;
		return -EINVAL;
	}
	return 0;
}

static xsltSecurityPrefsPtr emit_prefs(void)
{
	xsltSecurityPrefsPtr p = xsltNewSecurityPrefs();

	if (!p)
		return NULL;
	if (xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_FILE,
				 xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(p, XSLT_SECPREF_CREATE_DIRECTORY,
				 xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_NETWORK,
				 xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_NETWORK,
				 xsltSecurityForbid)) {
		xsltFreeSecurityPrefs(p);
		return NULL;
	}
	return p;
}

int gpgen_emit_run(xsltStylesheetPtr style, const char *path, xmlDocPtr doc,
		   struct gpgen_diag *d, char **text, size_t *len)
{
	struct gpgen_where w = { .file = path };
	xsltTransformContextPtr ctxt = NULL;
	xsltSecurityPrefsPtr prefs = NULL;
	xmlDocPtr out = NULL;
	xmlChar *buf = NULL;
	unsigned int errors = d->errors;
	struct emit_log log;
	int n = 0, res = 0;

	*text = NULL;
	*len = 0;
	emit_log_begin(&log);
	prefs = emit_prefs();
	ctxt = xsltNewTransformContext(style, doc);
	if (!prefs || !ctxt || xsltSetCtxtSecurityPrefs(prefs, ctxt)) {
		res = -ENOMEM;
		goto out;
	}
	out = xsltApplyStylesheetUser(style, doc, NULL, NULL, NULL, ctxt);
	if (!out || ctxt->state != XSLT_STATE_OK) {
		res = -EINVAL;
		goto out;
	}
	if (xsltSaveResultToString(&buf, &n, out, style) || n < 0) {
		res = -ENOMEM;
		goto out;
	}
	*text = malloc((size_t)n + 1);
	if (!*text) {
		res = -ENOMEM;
		goto out;
	}
	if (n)
		memcpy(*text, buf, (size_t)n);
	(*text)[n] = '\0';
	*len = (size_t)n;
out:
	xmlFree(buf);
	xmlFreeDoc(out);
	xsltFreeTransformContext(ctxt);
	xsltFreeSecurityPrefs(prefs);
	if (emit_log_end(&log, path, d) && !res)
		res = -EINVAL;
	if (res) {
		if (res == -ENOMEM)
			gpgen_diag_error(d, &w, "out of memory");
		else if (d->errors == errors)
			gpgen_diag_error(d, &w, "XSLT: the transformation failed");
		free(*text);
		*text = NULL;
		*len = 0;
	}
	return res;
}
