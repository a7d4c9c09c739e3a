/*
 * A generated GP scenario that fails halfway leaves nothing behind: the
 * made-up gx-f1-01 (gen/tests/xml/fail_midway.xml, through gpgen and the
 * runtime) opens a context, a session and shared memory on a private core
 * and fails at an invoke. Run by xtest's runner as sub-case 1 of a case
 * whose .cleanup notes what the core held when the scenario stopped, and
 * whose sub-case 2, in the same case process, finds the core's sessions,
 * guests and shared memory objects back at the baseline taken before.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include <teecheck/teec_ext.h>

#include "private_core.h"
#include "proc.h"
#include "results.h"
#include "runner.h"
#include "select.h"
#include "settings.h"
#include "xtest_helpers.h"

extern const struct xtest_case *const __start_xtest_cases[];
extern const struct xtest_case *const __stop_xtest_cases[];

/* The core's counts that the scenario must leave as it found them. */
struct gp_counts {
	uint32_t sessions;
	uint32_t guests;
	uint32_t shm_objects;
};

/* Shared with the case process. */
static struct {
	struct gp_counts base;		/* the observer the only guest */
	struct gp_counts held;		/* when the scenario stopped */
	int held_read;
} *shared;

static struct private_core core;
static TEEC_Context observer;

static void counts_read(TEEC_Context *ctx, struct gp_counts *c)
{
	struct teecheck_core_stats st;
	struct teecheck_shm_stats shm;

	ASSERT_RESULT(teecheck_core_stats(ctx, &st), TEEC_SUCCESS);
	ASSERT_RESULT(teecheck_shm_stats(ctx, TEECHECK_SHM_TOTAL, &shm),
		      TEEC_SUCCESS);
	c->sessions = st.sessions;
	c->guests = st.guests;
	c->shm_objects = shm.objects;
}

/* A guest ends a moment after its connection closes: wait (10 s at most). */
static void counts_settle(TEEC_Context *ctx, const struct gp_counts *want,
			  struct gp_counts *now)
{
	int i;

	for (i = 0; i < 1000; i++) {
		counts_read(ctx, now);
		if (!memcmp(now, want, sizeof(*now)))
			return;
		usleep(10000);
	}
}

static void setup_nothing(struct xtest_fixture *fx)
{
	(void)fx;
}

/*
 * Runs before the fixture releases what the sub-case took: after sub-case
 * 1, the core still holds what the scenario opened (seen from a context of
 * this call's own, one guest more).
 */
static void cleanup_note_held(struct xtest_fixture *fx)
{
	TEEC_Context ctx;

	(void)fx;
	if (shared->held_read)
		return;
	shared->held_read = 1;
	if (TEEC_InitializeContext(NULL, &ctx) != TEEC_SUCCESS)
		return;
	counts_read(&ctx, &shared->held);
	TEEC_FinalizeContext(&ctx);
}

/* Only the fixture's own context is open, in this same case process. */
static void sub_back_at_base(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct gp_counts want = shared->base, now;

	want.guests++;
	counts_settle(&fx->ctx, &want, &now);
	EXPECT_EQ(now.sessions, shared->base.sessions);
	EXPECT_EQ(now.guests, shared->base.guests + 1);
	EXPECT_EQ(now.shm_objects, shared->base.shm_objects);
}

static struct xtest_sub subs[2];
static struct xtest_case c_fail = {
	.id = "1", .suite = "selftest", .title = "gx-f1-01, then the baseline",
	.subs = subs, .nsubs = XTEST_ARRAY_SIZE(subs), .context = true,
	.setup = setup_nothing, .cleanup = cleanup_note_held,
};

static const struct xtest_case *generated(const char *id)
{
	const struct xtest_case *const *c;

	for (c = __start_xtest_cases; c < __stop_xtest_cases; c++)
		if (!strcmp((*c)->id, id))
			return *c;
	return NULL;
}

static void test_failed_scenario_leaves_nothing(void **state)
{
	const struct xtest_case *gen = generated("gp.gx-f1-01");
	const struct xtest_case *const table[] = { &c_fail };
	const char *ids[] = { "1" };
	struct select_filter f = { .ids = ids, .nids = 1 };
	struct runner_config cfg = { .timeout_s = 60, .repeat = 1 };
	struct gp_counts alone = { .guests = 1 }, after;
	struct select_plan plan;
	struct results res;
	char err[128];

	(void)state;
	assert_non_null(gen);
	assert_int_equal(gen->nsubs, 1);
	subs[0] = (struct xtest_sub){ 1, "the scenario fails at its invoke",
				      gen->subs[0].fn };
	subs[1] = (struct xtest_sub){ 2, "finds the core at the baseline",
				      sub_back_at_base };
	counts_settle(&observer, &alone, &shared->base);
	assert_memory_equal(&shared->base, &alone, sizeof(alone));

	assert_int_equal(select_plan_build(table, XTEST_ARRAY_SIZE(table), &f,
					   &plan, err, sizeof(err)), 0);
	assert_int_equal(runner_run(&plan, &cfg, &res), 0);
	select_plan_free(&plan);
	assert_int_equal(res.ncases, 1);
	assert_int_equal(res.cases[0].nsubs, 2);
	/* 1 failed at the XML line of its invoke; 2 found nothing left. */
	assert_true(res.cases[0].subs[0].failed);
	assert_non_null(strstr(res.cases[0].output,
			       "gen/tests/xml/fail_midway.xml:64: expected "
			       "TEEC_ERROR_GENERIC got 0x00000000"));
	assert_true(res.cases[0].subs[1].passed);
	/* The scenario held a session and one shared memory when it stopped
	 * (the other it released itself), on its context and the case's. */
	assert_int_equal(shared->held_read, 1);
	assert_int_equal(shared->held.sessions, shared->base.sessions + 1);
	assert_int_equal(shared->held.guests, shared->base.guests + 3);
	assert_int_equal(shared->held.shm_objects,
			 shared->base.shm_objects + 1);
	results_free(&res);
	counts_settle(&observer, &shared->base, &after);
	assert_memory_equal(&after, &shared->base, sizeof(after));
}

static int core_up(void **state)
{
	char ta_dir[PATH_MAX];
	int rc;

	(void)state;
	snprintf(ta_dir, sizeof(ta_dir), "%s/ta", xtest_out_dir());
	rc = private_core_start(&core, settings_bin_dir(), ta_dir, false);
	if (rc)
		return rc;
	if (setenv("TEECHECK_CORE", core.socket, 1) ||
	    TEEC_InitializeContext(NULL, &observer) != TEEC_SUCCESS) {
		private_core_stop(&core);
		return -EIO;
	}
	return 0;
}

static int core_down(void **state)
{
	(void)state;
	TEEC_FinalizeContext(&observer);
	private_core_stop(&core);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_failed_scenario_leaves_nothing),
	};

	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED || proc_signals_init()) {
		fprintf(stderr, "cannot set up the test\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, core_up, core_down);
}
