/*
 * gpgen diagnostics: formats each message with its location and keeps the
 * text, so the command line and the unit tests see the same lines.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gpgen_diag.h"

static void diag_append(struct gpgen_diag *d, const char *s, size_t n)
{
	if (d->len + n + 1 > d->cap) {
		size_t cap = d->cap ? d->cap : 256;
		char *p;

		while (d->len + n + 1 > cap)
			cap *= 2;
		p = realloc(d->text, cap);
		if (!p) {
			d->out_of_memory = 1;
			return;
		}
		d->text = p;
		d->cap = cap;
	}
	memcpy(d->text + d->len, s, n);
	d->len += n;
	d->text[d->len] = '\0';
}

static void diag_vreport(struct gpgen_diag *d, const struct gpgen_where *w,
			 const char *kind, const char *fmt, va_list ap)
{
	char *prefix = NULL;
	char *msg = NULL;
	char *line = NULL;
	int n;

	if (!w->file)
		n = asprintf(&prefix, "gpgen: ");
	else if (w->line <= 0)
		n = asprintf(&prefix, "%s: ", w->file);
	else if (!w->scenario)
		n = asprintf(&prefix, "%s:%ld: ", w->file, w->line);
	else if (!w->step)
		n = asprintf(&prefix, "%s:%ld: scenario \"%s\": ", w->file,
			     w->line, w->scenario);
	else
		n = asprintf(&prefix, "%s:%ld: scenario \"%s\": step %u: ",
			     w->file, w->line, w->scenario, w->step);
	if (n < 0) {
		prefix = NULL;
		goto out;
	}
	if (vasprintf(&msg, fmt, ap) < 0) {
		msg = NULL;
		goto out;
	}
	n = asprintf(&line, "%s%s%s\n", prefix, kind, msg);
	if (n < 0) {
		line = NULL;
		goto out;
	}
	diag_append(d, line, (size_t)n);
	if (d->echo) {
		fputs(line, d->echo);
		fflush(d->echo);
	}
out:
	if (!line)
		d->out_of_memory = 1;
	free(line);
	free(msg);
	free(prefix);
}

void gpgen_diag_error(struct gpgen_diag *d, const struct gpgen_where *w,
		      const char *fmt, ...)
{
	va_list ap;

	d->errors++;
	va_start(ap, fmt);
	diag_vreport(d, w, "", fmt, ap);
	va_end(ap);
}

void gpgen_diag_warning(struct gpgen_diag *d, const struct gpgen_where *w,
			const char *fmt, ...)
{
	va_list ap;

	d->warnings++;
	va_start(ap, fmt);
	diag_vreport(d, w, "warning: ", fmt, ap);
	va_end(ap);
}

void gpgen_diag_free(struct gpgen_diag *d)
{
	free(d->text);
	d->text = NULL;
	d->len = 0;
	d->cap = 0;
}
