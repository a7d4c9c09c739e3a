/* TAP output, for harnesses that read TAP rather than the xtest summary. */
#include <string.h>

#include "tap.h"

void tap_begin(FILE *f, size_t npoints)
{
	fprintf(f, "TAP version 14\n1..%zu\n", npoints);
}

void tap_comment(FILE *f, const char *buf, size_t len, bool *at_line_start)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (*at_line_start)
			fputs("# ", f);
		fputc(buf[i], f);
		*at_line_start = buf[i] == '\n';
	}
}

/* "ID[.k] title", with '#' and backslash escaped as TAP asks of descriptions. */
static void tap_desc(FILE *f, const char *id, unsigned int num,
		     const char *title)
{
	const char *p;

	fputs(id, f);
	if (num)
		fprintf(f, ".%u", num);
	fputc(' ', f);
	for (p = title; *p; p++) {
		if (*p == '#' || *p == '\\')
			fputc('\\', f);
		fputc(*p, f);
	}
}

static void tap_line(FILE *f, const char *indent, bool ok, unsigned int n,
		     const char *id, unsigned int num, const char *title,
		     const char *directive)
{
	fprintf(f, "%s%sok %u - ", indent, ok ? "" : "not ", n);
	tap_desc(f, id, num, title);
	if (directive)
		fprintf(f, " # %s", directive);
	fputc('\n', f);
}

void tap_point(FILE *f, unsigned int n, const struct xtest_case *tc,
	       const struct results_run *run)
{
	unsigned int k = 0;
	char skip[160];
	size_t i;

	for (i = 0; i < run->nsubs; i++)
		k += run->sub_status[i] != RESULTS_NOT_RUN;
	if (k && run->status != RESULTS_SKIPPED) {
		k = 0;
		fprintf(f, "    # Subtest: %s\n", tc->id);
		for (i = 0; i < run->nsubs; i++) {
			const struct xtest_sub *s = run->subs[i];
			int st = run->sub_status[i];

			if (st == RESULTS_NOT_RUN)
				continue;	/* the case ended before it */
			tap_line(f, "    ", st == RESULTS_PASSED ||
				 st == RESULTS_SKIPPED, ++k, tc->id, s->num,
				 s->title, st == RESULTS_SKIPPED ? "SKIP" : NULL);
		}
		fprintf(f, "    1..%u\n", k);
	}
	switch (run->status) {
	case RESULTS_PASSED:
		tap_line(f, "", true, n, tc->id, 0, tc->title, NULL);
		break;
	case RESULTS_NOT_RUN:
		/* Left out (the run's deadline): nothing of it ran. */
		snprintf(skip, sizeof(skip), "SKIP %s",
			 run->reason[0] ? run->reason : "not run");
		tap_line(f, "", true, n, tc->id, 0, tc->title, skip);
		break;
	case RESULTS_SKIPPED:
		snprintf(skip, sizeof(skip), "SKIP %s",
			 run->reason[0] ? run->reason : "all sub-cases skipped");
		tap_line(f, "", true, n, tc->id, 0, tc->title, skip);
		break;
	default:
		if (run->reason[0])
			fprintf(f, "# %s: %s\n", tc->id, run->reason);
		tap_line(f, "", false, n, tc->id, 0, tc->title, NULL);
		break;
	}
}
