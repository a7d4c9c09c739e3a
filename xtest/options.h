/* The xtest command line. */
#ifndef XTEST_OPTIONS_H
#define XTEST_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "select.h"

#define OPTIONS_DEFAULT_TIMEOUT_S	60
#define OPTIONS_DEFAULT_STRESS_ROUND_S	4
#define OPTIONS_JOBS_MAX		64

enum options_tee {
	OPTIONS_TEE_PRIVATE,		/* no --tee, or --tee sim */
	OPTIONS_TEE_UNIX,		/* --tee unix:PATH */
	OPTIONS_TEE_DEV,		/* --tee /dev/teeN: libteec's dev backend */
};

struct options {
	struct select_filter filter;
	bool help;
	bool list;
	bool verbose;
	bool tap;
	bool keep_tmp;
	const char *stats;		/* --stats KIND: "pager", "core", "shm",
					   NULL */
	const char *junit_path;		/* NULL: no JUnit file */
	enum options_tee tee;
	const char *tee_arg;		/* "unix:PATH" or "/dev/teeN" as given */
	unsigned int timeout_s;
	unsigned int repeat;
	unsigned int jobs;		/* -j N, 0: the number of online CPUs */
	unsigned int deadline_s;	/* --deadline S, 0: none */
	bool stress;			/* --stress */
	unsigned int stress_round_s;	/* --stress-round S: one driver run */
	/* Storage behind filter.ids and filter.excludes (strings are argv's). */
	const char **ids;
	const char **excludes;
};

/*
 * Parses argv into opts. Returns 0, or -EINVAL with a message in err. Strings
 * in opts point into argv. Free with options_free().
 */
int options_parse(int argc, char **argv, struct options *opts, char *err,
		  size_t errlen);

void options_free(struct options *opts);

void options_usage(FILE *f, const char *prog);

#endif
