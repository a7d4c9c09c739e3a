/*
 * Scenario identity: the code "xx-yy-zz" ending a scenario's name, the
 * stable test ID made from it, exclusion lists and duplicate codes.
 */
#ifndef GPGEN_SCENARIO_H
#define GPGEN_SCENARIO_H

#include <stddef.h>

#include "gpgen_diag.h"

/*
 * Splits "Human name (xx-yy-zz)" into the code, lower case, and the human
 * name. Returns -EINVAL when the name does not end with a code.
 */
int gpgen_scenario_code(const char *name, char **code, char **title);

/* Whether s is a scenario code: three groups of letters and digits. */
int gpgen_code_valid(const char *s);

struct gpgen_code_use {
	char *code;
	char *file;
	long line;
	int used;		/* exclusions: a scenario had this code */
};

/* A set of codes with where each came from. */
struct gpgen_codes {
	struct gpgen_code_use *v;
	size_t n;
};

/* Adds code; if it is already there returns 1 and the first use in *prev. */
int gpgen_codes_add(struct gpgen_codes *c, const char *code, const char *file,
		    long line, const struct gpgen_code_use **prev);
struct gpgen_code_use *gpgen_codes_find(struct gpgen_codes *c,
					const char *code);
void gpgen_codes_free(struct gpgen_codes *c);

/* Reads an exclusion list: one code a line, '#' starts a comment. */
int gpgen_exclusions_load(struct gpgen_codes *x, const char *path,
			  struct gpgen_diag *d);

#endif
