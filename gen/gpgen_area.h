/*
 * Areas: what gpgen knows about one GP suite (Client API, TCF, Time, ...),
 * read from the table in the area's stylesheet gen/NAME.xsl.
 */
#ifndef GPGEN_AREA_H
#define GPGEN_AREA_H

#include <stddef.h>

#include "gpgen_diag.h"

#define GPGEN_AREA_NS		"urn:teecheck:gpgen:area"
#define GPGEN_MAX_SLOTS		4

enum gpgen_effect {
	GPGEN_USE,		/* must be live */
	GPGEN_CREATE,		/* must not be live; live after success */
	GPGEN_DESTROY,		/* must be live; dead afterwards */
	GPGEN_BIND,		/* operation parameter `slot` now refers to `ref` */
	GPGEN_UNBIND,		/* operation parameter `slot` refers to nothing */
	GPGEN_TYPES,		/* args first.. are the operation's parameter types */
	GPGEN_PASS,		/* the operation goes to the TEE with this step */
};

enum gpgen_expect {
	GPGEN_EXPECT_REQUIRED,
	GPGEN_EXPECT_NONE,
	GPGEN_EXPECT_OPTIONAL,
};

struct gpgen_kind {
	char *name;
	char **prefixes;	/* a variable is PREFIX followed by digits */
	size_t nprefixes;
	char *type;		/* C type of the variable's object */
	char *init;		/* set: declared as `type NAME = init` */
	char *parent_name;
	const struct gpgen_kind *parent;
	char *created;		/* words for messages: "opened" */
	char *destroyed;	/* "closed" */
	char *live;		/* "open" */
	char *release;		/* operation that releases it; NULL: untracked */
	int end_is_error;	/* left live at the end: error, not cleanup */
	unsigned int slots;	/* parameters it carries (operations) */
};

struct gpgen_rule {
	unsigned int pos;	/* 1-based argument position */
	char *kind_name;
	const struct gpgen_kind *kind;
	enum gpgen_effect effect;
	int parent;		/* this argument is the parent of what the step creates */
	unsigned int slot;	/* BIND/UNBIND: argument holding the parameter index */
	unsigned int ref;	/* BIND: argument naming what the parameter refers to */
	unsigned int first;	/* TYPES: argument holding parameter 0's type */
};

struct gpgen_op {
	char *name;
	int is_prefix;		/* matches every operation starting with name */
	unsigned int nargs;	/* arguments before the expected result */
	enum gpgen_expect expect;
	struct gpgen_rule *rules;
	size_t nrules;
};

struct gpgen_match {
	char *file;		/* the input's base name, exactly */
	char *contains;		/* in the base name or the package name */
};

struct gpgen_area {
	char *name;
	char *stylesheet;
	struct gpgen_kind *kinds;
	size_t nkinds;
	struct gpgen_op *ops;
	size_t nops;
	char **success;
	size_t nsuccess;
	char **memref_types;
	size_t nmemref_types;
	struct gpgen_match *matches;
	size_t nmatches;
};

/* Loads datadir/NAME.xsl and the tables of the stylesheets it imports. */
int gpgen_area_load(const char *datadir, const char *name,
		    struct gpgen_diag *d, struct gpgen_area **out);
void gpgen_area_free(struct gpgen_area *a);

/* Names of every area in datadir, sorted; free with gpgen_area_names_free. */
int gpgen_area_names(const char *datadir, struct gpgen_diag *d, char ***names,
		     size_t *n);
void gpgen_area_names_free(char **names, size_t n);

const struct gpgen_op *gpgen_area_op(const struct gpgen_area *a,
				     const char *name);
const struct gpgen_kind *gpgen_area_kind_of(const struct gpgen_area *a,
					    const char *value);
int gpgen_area_is_success(const struct gpgen_area *a, const char *value);
int gpgen_area_is_memref(const struct gpgen_area *a, const char *type);
int gpgen_area_matches(const struct gpgen_area *a, const char *base,
		       const char *package);

#endif
