/*
 * JUnit XML output for CI dashboards, written with libxml2's text writer so
 * escaping and encoding are libxml2's business.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/encoding.h>
#include <libxml/xmlstring.h>
#include <libxml/xmlwriter.h>

#include "../common/tc_file.h"
#include "junit.h"

#define JUNIT_X(s) ((const xmlChar *)(s))

/* xmlTextWriter calls return < 0 on error; collect them in one flag. */
struct junit {
	xmlTextWriterPtr w;
	int err;
};

static void junit_check(struct junit *j, int rc)
{
	if (rc < 0)
		j->err = -EIO;
}

static void junit_attr(struct junit *j, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void junit_attr(struct junit *j, const char *name, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = xmlTextWriterWriteVFormatAttribute(j->w, JUNIT_X(name), fmt, ap);
	va_end(ap);
	junit_check(j, rc);
}

static void junit_start(struct junit *j, const char *name)
{
	junit_check(j, xmlTextWriterStartElement(j->w, JUNIT_X(name)));
}

static void junit_end(struct junit *j)
{
	junit_check(j, xmlTextWriterEndElement(j->w));
}

/* A case's output may hold anything; XML takes only valid characters. */
static char *junit_clean_text(const char *s, size_t len)
{
	char *t = malloc(len + 1);
	size_t i;

	if (!t)
		return NULL;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		t[i] = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		       c == 0x7f ? '?' : (char)c;
	}
	t[len] = '\0';
	if (!xmlCheckUTF8((const unsigned char *)t)) {
		for (i = 0; i < len; i++) {
			if ((unsigned char)t[i] >= 0x80)
				t[i] = '?';
		}
	}
	return t;
}

static void junit_output(struct junit *j, const struct results_case *rc)
{
	char *text;

	if (!rc->output)
		return;
	text = junit_clean_text(rc->output, rc->output_len);
	if (!text) {
		j->err = -ENOMEM;
		return;
	}
	junit_check(j, xmlTextWriterWriteElement(j->w, JUNIT_X("system-out"),
						 JUNIT_X(text)));
	free(text);
}

static void junit_message(struct junit *j, const char *elem, const char *msg)
{
	junit_start(j, elem);
	junit_check(j, xmlTextWriterWriteAttribute(j->w, JUNIT_X("message"),
						   JUNIT_X(msg)));
	junit_end(j);
}

static void junit_sub(struct junit *j, const struct results_case *rc,
		      const struct results_sub *s, bool with_output)
{
	char msg[200];

	junit_start(j, "testcase");
	junit_attr(j, "classname", "%s.%s", rc->tc->suite, rc->tc->id);
	junit_attr(j, "name", "%s.%u %s", rc->tc->id, s->sub->num,
		   s->sub->title);
	if (s->failed) {
		snprintf(msg, sizeof(msg), "failed in %u of %u runs%s%s",
			 s->failed, rc->runs, rc->reason[0] ? ": " : "",
			 rc->reason);
		junit_message(j, "failure", msg);
	} else if (!s->passed && s->skipped) {
		junit_message(j, "skipped", rc->reason[0] ? rc->reason :
			      "skipped by the test");
	} else if (!s->passed) {
		snprintf(msg, sizeof(msg), "not run: %s ended before it",
			 rc->tc->id);
		junit_message(j, "skipped", msg);
	}
	if (with_output)
		junit_output(j, rc);
	junit_end(j);
}

/* The first sub-case that failed, or nsubs. */
static size_t junit_first_failed(const struct results_case *rc)
{
	size_t i;

	for (i = 0; i < rc->nsubs && !rc->subs[i].failed; i++)
		;
	return i;
}

static bool junit_any_sub_failed(const struct results_case *rc)
{
	return junit_first_failed(rc) < rc->nsubs;
}

/* A case the run's deadline left out: each sub-case is reported skipped. */
static void junit_not_run(struct junit *j, const struct results *r,
			  const struct results_case *rc)
{
	char msg[200];
	size_t i;

	snprintf(msg, sizeof(msg), "not run: %s", r->not_run_reason);
	for (i = 0; i < rc->nsubs; i++) {
		junit_start(j, "testcase");
		junit_attr(j, "classname", "%s.%s", rc->tc->suite, rc->tc->id);
		junit_attr(j, "name", "%s.%u %s", rc->tc->id,
			   rc->subs[i].sub->num, rc->subs[i].sub->title);
		junit_message(j, "skipped", msg);
		junit_end(j);
	}
}

static void junit_case(struct junit *j, const struct results *r,
		       const struct results_case *rc)
{
	size_t i, first_failed = junit_first_failed(rc);

	if (rc->status == RESULTS_NOT_RUN) {
		if (r->not_run_reason[0])
			junit_not_run(j, r, rc);
		return;
	}
	/* The case's output goes with the first failure. */
	for (i = 0; i < rc->nsubs; i++)
		junit_sub(j, rc, rc->subs + i, i == first_failed);
	/* A failure no sub-case accounts for gets a testcase of its own. */
	if (rc->status == RESULTS_FAILED && !junit_any_sub_failed(rc)) {
		junit_start(j, "testcase");
		junit_attr(j, "classname", "%s.%s", rc->tc->suite, rc->tc->id);
		junit_attr(j, "name", "%s %s", rc->tc->id, rc->tc->title);
		junit_message(j, "failure", rc->reason[0] ? rc->reason : "failed");
		junit_output(j, rc);
		junit_end(j);
	}
}

static void junit_count_suite(const struct results *r, const char *suite,
			      unsigned int *tests, unsigned int *failures,
			      unsigned int *skipped, double *seconds)
{
	size_t i, k;

	*tests = *failures = *skipped = 0;
	*seconds = 0;
	for (i = 0; i < r->ncases; i++) {
		const struct results_case *rc = r->cases + i;

		if (suite && strcmp(rc->tc->suite, suite))
			continue;
		if (rc->status == RESULTS_NOT_RUN) {
			if (r->not_run_reason[0]) {
				*tests += (unsigned int)rc->nsubs;
				*skipped += (unsigned int)rc->nsubs;
			}
			continue;
		}
		*seconds += rc->seconds;
		for (k = 0; k < rc->nsubs; k++) {
			(*tests)++;
			if (rc->subs[k].failed)
				(*failures)++;
			else if (!rc->subs[k].passed)
				(*skipped)++;
		}
		if (rc->status == RESULTS_FAILED && !junit_any_sub_failed(rc)) {
			(*tests)++;
			(*failures)++;
		}
	}
}

static void junit_counts_attrs(struct junit *j, const struct results *r,
			       const char *suite)
{
	unsigned int tests, failures, skipped;
	double seconds;

	junit_count_suite(r, suite, &tests, &failures, &skipped, &seconds);
	junit_attr(j, "tests", "%u", tests);
	junit_attr(j, "failures", "%u", failures);
	junit_attr(j, "errors", "0");
	junit_attr(j, "skipped", "%u", skipped);
	junit_attr(j, "time", "%.3f", seconds);
}

static void junit_suites(struct junit *j, const struct results *r)
{
	size_t i, k;

	junit_start(j, "testsuites");
	junit_attr(j, "name", "xtest");
	junit_counts_attrs(j, r, NULL);
	for (i = 0; i < r->ncases; i++) {
		const char *suite = r->cases[i].tc->suite;
		bool seen = false;

		for (k = 0; k < i && !seen; k++)
			seen = !strcmp(r->cases[k].tc->suite, suite);
		if (seen)
			continue;
		junit_start(j, "testsuite");
		junit_attr(j, "name", "%s", suite);
		junit_counts_attrs(j, r, suite);
		for (k = i; k < r->ncases; k++) {
			if (!strcmp(r->cases[k].tc->suite, suite))
				junit_case(j, r, r->cases + k);
		}
		junit_end(j);
	}
	junit_end(j);
}

/* Written whole, and through a device or link rather than over it
 * (common/tc_file.h): --junit /dev/stdout works. */
int junit_write(const char *path, const struct results *r)
{
	struct junit j = { .err = 0 };
	char why[TC_FILE_WHY_LEN];
	xmlBufferPtr buf = xmlBufferCreate();
	int res = -EIO;

	j.w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	if (!j.w) {
		fprintf(stderr, "xtest: --junit %s: out of memory\n", path);
		goto out;
	}
	junit_check(&j, xmlTextWriterSetIndent(j.w, 1));
	junit_check(&j, xmlTextWriterStartDocument(j.w, NULL, "UTF-8", NULL));
	junit_suites(&j, r);
	junit_check(&j, xmlTextWriterEndDocument(j.w));
	xmlFreeTextWriter(j.w);
	if (j.err) {
		fprintf(stderr, "xtest: --junit %s: writing the XML failed\n", path);
		goto out;
	}
	res = tc_file_write(path, xmlBufferContent(buf),
			    (size_t)xmlBufferLength(buf), why, sizeof(why));
	if (res)
		fprintf(stderr, "xtest: --junit %s: %s\n", path, why);
out:
	if (buf)
		xmlBufferFree(buf);
	return res;
}
