/*
 * gpgen diagnostics: errors and warnings in one form,
 * `file:LINE: scenario "NAME": step N: message`, collected for the caller.
 */
#ifndef GPGEN_DIAG_H
#define GPGEN_DIAG_H

#include <stdio.h>

/* Where a message points; fields left 0/NULL are left out of the prefix. */
struct gpgen_where {
	const char *file;
	long line;
	const char *scenario;	/* the scenario's name attribute, as written */
	unsigned int step;	/* 1-based step within the scenario */
};

struct gpgen_diag {
	char *text;		/* every message so far, one per line */
	size_t len;
	size_t cap;
	unsigned int errors;
	unsigned int warnings;
	int out_of_memory;	/* some message text could not be kept */
	FILE *echo;		/* when set, each message is also written here */
};

void gpgen_diag_error(struct gpgen_diag *d, const struct gpgen_where *w,
		      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void gpgen_diag_warning(struct gpgen_diag *d, const struct gpgen_where *w,
			const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void gpgen_diag_free(struct gpgen_diag *d);

#endif
