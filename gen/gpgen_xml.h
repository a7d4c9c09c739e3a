/* gpgen's XML input: safe reading with line numbers, and schema validation. */
#ifndef GPGEN_XML_H
#define GPGEN_XML_H

#include <libxml/tree.h>

#include "gpgen_diag.h"

/* Only files below datadir may be loaded as external resources. */
int gpgen_xml_restrict(const char *datadir);

/* Parses path; errors are reported, and *doc is NULL unless it returns 0. */
int gpgen_xml_read(const char *path, struct gpgen_diag *d, xmlDocPtr *doc);

/*
 * Reads one of gpgen's own files (a stylesheet) from the data directory;
 * NULL when it cannot, with the reason reported.
 */
xmlDocPtr gpgen_xml_read_own(const char *path, struct gpgen_diag *d);

/* Reports every place where doc does not follow the RELAX NG schema. */
int gpgen_xml_validate(xmlDocPtr doc, const char *schema, const char *file,
		       struct gpgen_diag *d);

long gpgen_xml_line(xmlNodePtr node);

/* An attribute without namespace, as a malloc'ed string (NULL if absent). */
char *gpgen_xml_prop(xmlNodePtr node, const char *name);

/* The first element child called name (NULL if none). */
xmlNodePtr gpgen_xml_child(xmlNodePtr node, const char *name);

int gpgen_xml_is(xmlNodePtr node, const char *name);

#endif
