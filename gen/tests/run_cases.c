/*
 * A minimal runner for gpgen's tests: lists or runs the cases generated
 * files register. xtest does this for real.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xtest_case.h"
#include "xtest_fixture.h"

extern const struct xtest_case *const __start_xtest_cases[];
extern const struct xtest_case *const __stop_xtest_cases[];

static const struct xtest_case *run_find(const char *id)
{
	const struct xtest_case *const *c;

	for (c = __start_xtest_cases; c < __stop_xtest_cases; c++)
		if (!strcmp((*c)->id, id))
			return *c;
	return NULL;
}

/*
 * The fixture calls the runtime makes (xtest_fixture.h), as xtest's fixture
 * does them: deferred calls run last in, first out when the sub-case ends,
 * however it ended. The fixture itself is NULL here.
 */
#define RUN_DEFER_MAX	64

static struct {
	void (*fn)(void *arg);
	void *arg;
} run_deferred[RUN_DEFER_MAX];
static size_t run_ndeferred;

void xtest_fx_defer_at(const char *file, int line, struct xtest_fixture *fx,
		       void (*fn)(void *arg), void *arg)
{
	(void)fx;
	if (run_ndeferred == RUN_DEFER_MAX) {
		print_error("%s:%d: too many deferred calls\n", file, line);
		_fail(file, line);
	}
	run_deferred[run_ndeferred].fn = fn;
	run_deferred[run_ndeferred++].arg = arg;
}

void *xtest_fx_alloc_at(const char *file, int line, struct xtest_fixture *fx,
			size_t size)
{
	void *p = calloc(1, size);

	if (!p) {
		print_error("%s:%d: out of memory\n", file, line);
		_fail(file, line);
	}
	xtest_fx_defer_at(file, line, fx, free, p);
	return p;
}

static int run_teardown(void **state)
{
	(void)state;
	while (run_ndeferred > 0) {
		run_ndeferred--;
		run_deferred[run_ndeferred].fn(run_deferred[run_ndeferred].arg);
	}
	return 0;
}

static int run_case(const struct xtest_case *c)
{
	struct CMUnitTest *tests = calloc(c->nsubs, sizeof(*tests));
	size_t i;
	int failed;

	if (!tests)
		return 1;
	for (i = 0; i < c->nsubs; i++) {
		tests[i].name = c->subs[i].title;
		tests[i].test_func = c->subs[i].fn;
		tests[i].teardown_func = run_teardown;
	}
	failed = _cmocka_run_group_tests(c->id, tests, c->nsubs, NULL, NULL);
	free(tests);
	return failed;
}

int main(int argc, char **argv)
{
	const struct xtest_case *const *c;
	int i, failed = 0;

	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (c = __start_xtest_cases; c < __stop_xtest_cases; c++)
			printf("%s %s %s\n", (*c)->suite, (*c)->id,
			       (*c)->title);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		const struct xtest_case *tc = run_find(argv[i]);

		if (!tc) {
			fprintf(stderr, "no case %s\n", argv[i]);
			return 2;
		}
		failed += run_case(tc);
	}
	return failed ? 1 : 0;
}
