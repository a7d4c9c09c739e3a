/*
 * How a test case declares itself to xtest. Hand-written series and the
 * gpgen-generated GP suite use the same declaration; the runner finds every
 * case through the "xtest_cases" linker section, so adding a file adds its
 * cases with no central list to edit.
 *
 * A case runs in its own process, forked by the runner, with the environment
 * pointing libteec at the core under test. Its sub-cases run in order as one
 * cmocka group; cmocka's assert_* stop the sub-case and fail it.
 *
 * A case may also name a fixture (xtest_fixture.h): a context, a session on a
 * TA, its own setup and cleanup, run around each of its sub-cases; cleanup
 * runs whether the sub-case passed, failed or stopped on an assertion.
 */
#ifndef XTEST_CASE_H
#define XTEST_CASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <tee_client_api.h>

/*
 * Sub-case tables are written positionally, { num, title, fn }, and fields
 * join the end of struct xtest_sub over time: leaving them out must stay
 * valid, so this warning, which only flags exactly that, is off where cases
 * are declared.
 */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

struct xtest_fixture;

struct xtest_sub {
	unsigned int num;		/* k of "ID.k", 1-based */
	const char *title;		/* says what the sub-case checks */
	void (*fn)(void **state);
	/*
	 * A table-driven sub-case's row: one function serves several rows,
	 * each its own sub-case ID (XTEST_SUB_ROW). The body reads it as
	 * xtest_fixture(state)->param.
	 */
	const void *param;
	/* XTEST_NEEDS_* of this sub-case alone, beyond its case's. */
	unsigned int flags;
};

/*
 * XTEST_SUB_ROW(4, "title", test_fn, struct my_row, .len = 16, .exp = ...):
 * a sub-case running test_fn with the row given by the trailing initializer.
 */
#define XTEST_SUB_ROW(num_, title_, fn_, type_, ...)			\
	{ .num = (num_), .title = (title_), .fn = (fn_),		\
	  .param = &(const type_){ __VA_ARGS__ } }

#define XTEST_NEEDS_ROOT	(1u << 0)	/* skipped, with a reason, if not root */
#define XTEST_SLOW		(1u << 1)	/* only at level >= 1 */
#define XTEST_NEEDS_IDLE	(1u << 2)	/* measures the core: with --stress,
						   runs once the load has stopped;
						   under -j, alone */
/*
 * Under xtest -j, no other case uses the run's core while this one runs:
 * it counts what the core holds (sessions, instances, shared memory,
 * descriptors), ends or holds to itself an instance of a single-instance
 * TA others use, cancels calls on one, or keeps state a TA shares (its
 * persistent time).
 */
#define XTEST_NEEDS_ALONE	(1u << 3)
/*
 * Works only on cores it starts itself, never the run's core: under -j it
 * may run beside a case that needs the run's core alone.
 */
#define XTEST_OWN_CORE		(1u << 4)

/*
 * What a case (its flags) or one sub-case (the sub's flags) needs beyond
 * GP. Against a TEE that lacks it (xtest --tee /dev/teeN: any TEE behind
 * the Linux TEE subsystem) it is skipped with the reason printed; against
 * the bundled core everything runs.
 */
#define XTEST_NEEDS_CORE_STATS	(1u << 8)	/* the bundled core's statistics */
#define XTEST_NEEDS_CORE_HOOKS	(1u << 9)	/* its test commands: tampering,
						   SHM probes, raw guests */
#define XTEST_NEEDS_CORE_TA	(1u << 10)	/* a TA image only it loads
						   (signed or crafted here) */
#define XTEST_NEEDS_CORE_PROC	(1u << 11)	/* its processes: private cores
						   started, stopped, restarted */
#define XTEST_NEEDS_CORE_LOGIN	(1u << 12)	/* its login identities (the
						   formula docs/CLIENT_API.md gives) */
#define XTEST_NEEDS_CORE_CHOICE	(1u << 13)	/* its choice where GP leaves one
						   (docs/TCF.md, CLIENT_API.md) */
#define XTEST_NEEDS_BEYOND_GP	(XTEST_NEEDS_CORE_STATS |		\
				 XTEST_NEEDS_CORE_HOOKS |		\
				 XTEST_NEEDS_CORE_TA |			\
				 XTEST_NEEDS_CORE_PROC |		\
				 XTEST_NEEDS_CORE_LOGIN |		\
				 XTEST_NEEDS_CORE_CHOICE)

struct xtest_case {
	const char *id;			/* "1001", "gp.01-02-03" */
	const char *suite;		/* "regression", "gp", ... */
	const char *title;
	unsigned int timeout_s;		/* 0: the runner's default */
	unsigned int flags;		/* XTEST_* */
	const struct xtest_sub *subs;
	size_t nsubs;

	/*
	 * The fixture, set up before each sub-case and released after it
	 * (xtest_fixture.h). .ta opens a context and a session on that TA;
	 * .context only the context. .setup runs after those are open, and
	 * .cleanup before they are closed, also when the sub-case or .setup
	 * itself failed: it must cope with a setup that stopped half-way.
	 */
	const TEEC_UUID *ta;
	bool context;
	void (*setup)(struct xtest_fixture *fx);
	void (*cleanup)(struct xtest_fixture *fx);
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
/* XTEST_NEEDS_* the TEE under test lacks: 0 for the bundled core. */
extern unsigned int xtest_tee_lacks;

/* Why a case or sub-case with these missing needs is skipped. */
const char *xtest_needs_reason(unsigned int missing);

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
