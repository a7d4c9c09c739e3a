/* The end-of-run summary. Its layout is an interface: CI parsers read it. */
#include <signal.h>
#include <string.h>

#include "report.h"

#define REPORT_RULE "+-----------------------------------------------------"

static void report_suite(FILE *f, const struct results *r, const char *suite,
			 const char *filter)
{
	struct results_counts c;
	size_t i;

	fprintf(f, "%s\n", REPORT_RULE);
	if (filter && *filter)
		fprintf(f, "Result of testsuite %s filtered by \"%s\":\n", suite,
			filter);
	else
		fprintf(f, "Result of testsuite %s:\n", suite);
	for (i = 0; i < r->ncases; i++) {
		const struct results_case *rc = r->cases + i;

		if (strcmp(rc->tc->suite, suite) ||
		    (rc->status == RESULTS_NOT_RUN && !r->not_run_reason[0]))
			continue;
		fprintf(f, "%s %s\n", rc->tc->id, results_status_word(rc->status));
	}
	results_count(r, suite, &c);
	fprintf(f, "%s\n", REPORT_RULE);
	fprintf(f, "%u subtests of which %u failed\n", c.subs_run, c.subs_failed);
	fprintf(f, "%u test cases of which %u failed\n", c.passed + c.failed,
		c.failed);
	fprintf(f, "%u test cases were skipped\n", c.skipped);
	if (r->not_run_reason[0])
		fprintf(f, "%u test cases were not run\n", c.not_run);
}

/* Whether a case of suite that ran comes before cases[upto]. */
static bool report_suite_seen(const struct results *r, size_t upto,
			      const char *suite)
{
	size_t i;

	for (i = 0; i < upto; i++) {
		if (!strcmp(r->cases[i].tc->suite, suite) &&
		    (r->cases[i].status != RESULTS_NOT_RUN ||
		     r->not_run_reason[0]))
			return true;
	}
	return false;
}

void report_summary(FILE *f, const struct results *r, const char *filter)
{
	struct results_counts c;
	size_t i;

	/*
	 * A suite none of whose cases ran because the run was stopped is left
	 * out; cases the deadline left out are listed as not run.
	 */
	for (i = 0; i < r->ncases; i++) {
		if ((r->cases[i].status != RESULTS_NOT_RUN ||
		     r->not_run_reason[0]) &&
		    !report_suite_seen(r, i, r->cases[i].tc->suite))
			report_suite(f, r, r->cases[i].tc->suite, filter);
	}
	results_count(r, NULL, &c);
	if (!r->ncases)
		fprintf(f, "xtest: no test case selected\n");
	if (r->stop_signal)
		fprintf(f, "xtest: stopped by signal %d (%s); %u test cases not run\n",
			r->stop_signal, strsignal(r->stop_signal), c.not_run);
	else if (r->abort_reason[0])
		fprintf(f, "xtest: run aborted: %s; %u test cases not run\n",
			r->abort_reason, c.not_run);
	else if (r->not_run_reason[0])
		fprintf(f, "xtest: %s; %u test cases not run\n",
			r->not_run_reason, c.not_run);
	if (r->recoveries)
		fprintf(f, "xtest: the secure world was restored %u time%s "
			"after a case timed out or crashed\n", r->recoveries,
			r->recoveries == 1 ? "" : "s");
	if (r->not_run_reason[0])
		fprintf(f, "xtest: %u passed, %u failed, %u skipped, %u not "
			"run\n", c.passed, c.failed, c.skipped, c.not_run);
	else
		fprintf(f, "xtest: %u passed, %u failed, %u skipped\n",
			c.passed, c.failed, c.skipped);
}
