/*
 * A minimal runner for gpgen's tests: lists or runs the cases generated
 * files register. xtest does this for real.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xtest_case.h"

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
