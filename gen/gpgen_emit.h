/* Turning an annotated GP document into C with an area's stylesheet. */
#ifndef GPGEN_EMIT_H
#define GPGEN_EMIT_H

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "gpgen_diag.h"

int gpgen_emit_load(const char *path, struct gpgen_diag *d,
		    xsltStylesheetPtr *style);

/* Applies style to doc; *text is malloc'ed C source on success. */
int gpgen_emit_run(xsltStylesheetPtr style, const char *path, xmlDocPtr doc,
		   struct gpgen_diag *d, char **text, size_t *len);

#endif
