/*
 * gpgen, the GP test-suite generator, as a library: the command line and
 * the unit tests drive the same code; nothing is written to disk here.
 */
#ifndef GPGEN_H
#define GPGEN_H

#include <stddef.h>
#include <stdio.h>

struct gpgen_opts {
	const char *datadir;	/* gp-suite.rng and the area stylesheets */
	const char *area;	/* NULL: chosen per file from its names */
	int check_only;		/* validate and check; generate nothing */
	FILE *echo;		/* diagnostics are also written here */
};

struct gpgen;

int gpgen_new(const struct gpgen_opts *opts, struct gpgen **out);
void gpgen_free(struct gpgen *g);

/* Scenarios whose codes the file lists are skipped. */
int gpgen_exclude(struct gpgen *g, const char *path);

/*
 * Scenarios whose codes the file lists declare XTEST_NEEDS_ALONE: under
 * xtest -j no other case uses the core while one runs.
 */
int gpgen_alone(struct gpgen *g, const char *path);

/*
 * Reads, validates and checks one XML file and generates its C. Returns 0,
 * or -EINVAL when the file had errors (reported in the diagnostics), or
 * another -errno. A file with errors produces no C.
 */
int gpgen_input(struct gpgen *g, const char *path);

/* Ends the run: warns about exclusions that matched no scenario. */
void gpgen_finish(struct gpgen *g);

const char *gpgen_diagnostics(const struct gpgen *g);
unsigned int gpgen_errors(const struct gpgen *g);
unsigned int gpgen_warnings(const struct gpgen *g);

/* The C generated for the i-th input that succeeded, in input order. */
size_t gpgen_outputs(const struct gpgen *g);
const char *gpgen_output(const struct gpgen *g, size_t i, const char **input,
			 size_t *len);

#endif
