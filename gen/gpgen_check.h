/* The sequencing check of one scenario, driven by the area's table. */
#ifndef GPGEN_CHECK_H
#define GPGEN_CHECK_H

#include <libxml/tree.h>

#include "gpgen_area.h"
#include "gpgen_diag.h"

#define GPGEN_NS	"urn:teecheck:gpgen"

/*
 * Checks scenario scn of file and, for the stylesheets, annotates it in
 * namespace ns: each step's number, line, argument count and expected
 * result, the variables the scenario names, and the cleanup steps gpgen
 * adds. Returns 0, -EINVAL when it reported errors, or -ENOMEM.
 */
int gpgen_check_scenario(const struct gpgen_area *a, xmlNodePtr scn,
			 xmlNsPtr ns, const char *file, const char *name,
			 struct gpgen_diag *d);

#endif
