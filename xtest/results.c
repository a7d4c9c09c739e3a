/* The results of a run, accumulated over repeats. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"

int results_init(struct results *r, size_t ncases)
{
	memset(r, 0, sizeof(*r));
	r->cases = calloc(ncases ? ncases : 1, sizeof(*r->cases));
	if (!r->cases)
		return -ENOMEM;
	r->ncases = ncases;
	return 0;
}

int results_case_init(struct results_case *rc, const struct xtest_case *tc,
		      const struct xtest_sub *const *subs, size_t nsubs)
{
	size_t i;

	memset(rc, 0, sizeof(*rc));
	rc->tc = tc;
	rc->subs = calloc(nsubs ? nsubs : 1, sizeof(*rc->subs));
	if (!rc->subs)
		return -ENOMEM;
	for (i = 0; i < nsubs; i++)
		rc->subs[i].sub = subs[i];
	rc->nsubs = nsubs;
	return 0;
}

void results_free(struct results *r)
{
	size_t i;

	for (i = 0; r->cases && i < r->ncases; i++) {
		free(r->cases[i].subs);
		free(r->cases[i].output);
	}
	free(r->cases);
	r->cases = NULL;
	r->ncases = 0;
}

static void results_keep_reason(struct results_case *rc, const char *reason)
{
	size_t n = strlen(reason);

	if (n >= sizeof(rc->reason))
		n = sizeof(rc->reason) - 1;
	memcpy(rc->reason, reason, n);
	rc->reason[n] = '\0';
}

int results_add_run(struct results_case *rc, const struct results_run *run,
		    const char *output, size_t output_len)
{
	size_t i;

	rc->runs++;
	rc->seconds += run->seconds;
	for (i = 0; i < rc->nsubs && i < run->nsubs; i++) {
		switch (run->sub_status[i]) {
		case RESULTS_PASSED:
			rc->subs[i].passed++;
			break;
		case RESULTS_SKIPPED:
			rc->subs[i].skipped++;
			break;
		case RESULTS_RUNNING:
		case RESULTS_FAILED:
			rc->subs[i].failed++;
			break;
		default:
			break;
		}
	}

	switch (run->status) {
	case RESULTS_FAILED:
	case RESULTS_RUNNING:
		rc->runs_failed++;
		if (rc->status != RESULTS_FAILED)
			results_keep_reason(rc, run->reason);
		rc->status = RESULTS_FAILED;
		if (output) {
			char *copy = malloc(output_len + 1);

			if (!copy)
				return -ENOMEM;
			memcpy(copy, output, output_len);
			copy[output_len] = '\0';
			free(rc->output);
			rc->output = copy;
			rc->output_len = output_len;
		}
		break;
	case RESULTS_PASSED:
		if (rc->status != RESULTS_FAILED)
			rc->status = RESULTS_PASSED;
		break;
	case RESULTS_SKIPPED:
		if (rc->status == RESULTS_NOT_RUN) {
			rc->status = RESULTS_SKIPPED;
			results_keep_reason(rc, run->reason);
		}
		break;
	default:
		break;
	}
	return 0;
}

void results_count(const struct results *r, const char *suite,
		   struct results_counts *c)
{
	size_t i, j;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < r->ncases; i++) {
		const struct results_case *rc = r->cases + i;

		if (suite && strcmp(rc->tc->suite, suite))
			continue;
		for (j = 0; j < rc->nsubs; j++) {
			c->subs_run += rc->subs[j].passed + rc->subs[j].failed;
			c->subs_failed += rc->subs[j].failed;
		}
		switch (rc->status) {
		case RESULTS_PASSED:
			c->passed++;
			break;
		case RESULTS_FAILED:
			c->failed++;
			break;
		case RESULTS_SKIPPED:
			c->skipped++;
			break;
		default:
			c->not_run++;
			break;
		}
	}
}

const char *results_status_word(enum results_status st)
{
	switch (st) {
	case RESULTS_PASSED:
		return "OK";
	case RESULTS_SKIPPED:
		return "SKIPPED";
	case RESULTS_NOT_RUN:
		return "NOT RUN";
	default:
		return "FAILED";
	}
}
