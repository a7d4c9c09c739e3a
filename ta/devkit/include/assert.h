/*
 * assert() for TAs: a failed assertion logs the expression and where it
 * failed, then panics the TA. NDEBUG compiles assertions out.
 */
#ifndef TEECHECK_DEVKIT_ASSERT_H
#define TEECHECK_DEVKIT_ASSERT_H

void __utee_assert_fail(const char *expr, const char *file, int line,
			const char *func) __attribute__((noreturn));

#ifdef NDEBUG
#define assert(expr)	((void)0)
#else
#define assert(expr)							\
	((expr) ? (void)0 :						\
	 __utee_assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#define static_assert	_Static_assert

#endif
