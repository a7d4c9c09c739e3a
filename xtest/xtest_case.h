/*
 * How a test case declares itself to xtest. Hand-written series and the
 * gpgen-generated GP suite use the same declaration; the runner finds every
 * case through the "xtest_cases" linker section, so adding a file adds its
 * cases with no central list to edit.
 *
 * A case runs in its own process, forked by the runner, with the environment
 * pointing libteec at the core under test. Its sub-cases run in order as one
 * cmocka group; cmocka's assert_* stop the sub-case and fail it.
 */
#ifndef XTEST_CASE_H
#define XTEST_CASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

struct xtest_sub {
	unsigned int num;		/* k of "ID.k", 1-based */
	const char *title;		/* says what the sub-case checks */
	void (*fn)(void **state);
};

#define XTEST_NEEDS_ROOT	(1u << 0)	/* skipped, with a reason, if not root */
#define XTEST_SLOW		(1u << 1)	/* only at level >= 1 */
#define XTEST_NEEDS_IDLE	(1u << 2)	/* measures the core: with --stress,
						   runs once the load has stopped */

struct xtest_case {
	const char *id;			/* "1001", "gp.01-02-03" */
	const char *suite;		/* "regression", "gp", ... */
	const char *title;
	unsigned int timeout_s;		/* 0: the runner's default */
	unsigned int flags;		/* XTEST_* */
	const struct xtest_sub *subs;
	size_t nsubs;
};

/*
 * XTEST_CASE(sym, .id = "1001", .suite = "regression", .title = "...",
 *            .subs = subs_1001, .nsubs = XTEST_ARRAY_SIZE(subs_1001));
 */
#define XTEST_CASE(sym, ...)						\
	static const struct xtest_case sym = { __VA_ARGS__ };		\
	static const struct xtest_case *const sym##_reg			\
		__attribute__((used, section("xtest_cases"))) = &sym

#define XTEST_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* The run's settings, readable by cases. */
extern unsigned int xtest_level;	/* -l LEVEL, default 0 */

/* Paths of the build output (out/ by default, $TEECHECK_OUT otherwise). */
const char *xtest_out_dir(void);

/*
 * Records that the running sub-case skips itself. cmocka does not tell which
 * sub-cases of a group skipped, so xtest_skip() tells the runner.
 */
void xtest_note_skip(void);

/* Skip the current sub-case, printing why. */
#define xtest_skip(...)							\
	do {								\
		print_message("skipped: " __VA_ARGS__);		\
		print_message("\n");					\
		xtest_note_skip();					\
		skip();							\
	} while (0)

#endif
