/*
 * The inside of a case process. cmocka reports a group's failures as a count,
 * so each sub-case runs through a trampoline that records in shared memory
 * whether it returned; a sub-case that skips says so through xtest_skip().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_exec.h"
#include "results.h"
#include "xtest_fixture.h"

struct case_exec_slot {
	const struct xtest_case *tc;
	const struct xtest_sub *sub;
	volatile int *status;
};

unsigned int xtest_tee_lacks;

const char *xtest_needs_reason(unsigned int missing)
{
	if (missing & XTEST_NEEDS_CORE_STATS)
		return "needs the bundled core's statistics";
	if (missing & XTEST_NEEDS_CORE_HOOKS)
		return "needs the bundled core's test commands";
	if (missing & XTEST_NEEDS_CORE_TA)
		return "needs a TA only the bundled core loads";
	if (missing & XTEST_NEEDS_CORE_PROC)
		return "needs the bundled core's own processes";
	if (missing & XTEST_NEEDS_CORE_LOGIN)
		return "needs the bundled core's login identities";
	if (missing & XTEST_NEEDS_CORE_CHOICE)
		return "checks the bundled core's choice where GP leaves one";
	return "needs what this TEE lacks";
}

/* The slot of the sub-case running now: this process runs one at a time. */
static volatile int *case_exec_current;

void xtest_note_skip(void)
{
	if (case_exec_current)
		*case_exec_current = RESULTS_SKIPPED;
}

static void case_exec_trampoline(void **state)
{
	struct case_exec_slot *slot = *state;

	case_exec_current = slot->status;
	*slot->status = RESULTS_RUNNING;
	if (slot->sub->flags & xtest_tee_lacks)
		xtest_skip("%s", xtest_needs_reason(slot->sub->flags &
						     xtest_tee_lacks));
	fixture_run(slot->tc, slot->sub);
	*slot->status = RESULTS_PASSED;
	case_exec_current = NULL;
}

/*
 * cmocka runs this after the sub-case however it ended. A clean-up that
 * fails leaves the slot RUNNING, which the count below turns into FAILED.
 */
static int case_exec_teardown(void **state)
{
	struct case_exec_slot *slot = *state;
	int status = *slot->status;

	*slot->status = RESULTS_RUNNING;
	fixture_teardown();
	*slot->status = status;
	return 0;
}

int case_exec(const struct xtest_case *tc, const struct xtest_sub *const *subs,
	      size_t n, volatile int *slots)
{
	struct CMUnitTest *tests = calloc(n, sizeof(*tests));
	struct case_exec_slot *st = calloc(n, sizeof(*st));
	char **names = calloc(n, sizeof(*names));
	int failed, rc = CASE_EXEC_FAILED;
	bool any_passed = false;
	size_t i;

	if (!tests || !st || !names) {
		fprintf(stderr, "xtest: %s: out of memory\n", tc->id);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (asprintf(&names[i], "%s.%u %s", tc->id, subs[i]->num,
			     subs[i]->title) < 0) {
			names[i] = NULL;
			fprintf(stderr, "xtest: %s: out of memory\n", tc->id);
			goto out;
		}
		st[i].tc = tc;
		st[i].sub = subs[i];
		st[i].status = slots + i;
		tests[i].name = names[i];
		tests[i].test_func = case_exec_trampoline;
		tests[i].teardown_func = case_exec_teardown;
		tests[i].initial_state = st + i;
	}

	/*
	 * cmocka_run_group_tests_name() takes sizeof() of a static array; this
	 * one is built at run time, so call the function that macro expands to.
	 */
	failed = _cmocka_run_group_tests(tc->id, tests, n, NULL, NULL);

	/*
	 * A sub-case that did not return either failed or skipped itself with
	 * a bare skip(), which leaves no trace: cmocka's count settles it when
	 * nothing failed.
	 */
	for (i = 0; i < n; i++) {
		if (slots[i] == RESULTS_RUNNING)
			slots[i] = failed ? RESULTS_FAILED : RESULTS_SKIPPED;
		if (slots[i] == RESULTS_PASSED)
			any_passed = true;
	}
	if (failed)
		rc = CASE_EXEC_FAILED;
	else
		rc = any_passed ? CASE_EXEC_PASSED : CASE_EXEC_SKIPPED;
out:
	for (i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
	free(st);
	free(tests);
	return rc;
}
