/* Helpers of the 8000 (pager) series; see pager_helpers.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pager_helpers.h"
#include "xtest_fixture.h"
#include "xtestsupport.h"

const TEEC_UUID pager_test_uuid = TA_PAGER_TEST_UUID;

/* The case's core, stopped at exit if a failed sub-case left it running. */
static struct private_core *pager_running;
static char *pager_saved_core;

static void pager_core_atexit(void)
{
	if (pager_running)
		pager_core_stop(pager_running);
}

void pager_core_start_at(const char *file, int line, struct private_core *pc,
			 const char *core_name, const char *const *args)
{
	static bool registered;
	struct private_core_opts opts = {
		.core_name = core_name,
		.core_args = args,
	};
	const char *now = getenv("TEECHECK_CORE");
	char ta_dir[PATH_MAX];
	int rc;

	/* A sub-case that failed may have left its core running. */
	if (pager_running)
		pager_core_stop(pager_running);
	snprintf(ta_dir, sizeof(ta_dir), "%s/ta", xtest_out_dir());
	rc = private_core_start_opts(pc, settings_bin_dir(), ta_dir, false,
				     &opts);
	if (rc)
		xtest_fail_at(file, line, "cannot start %s: %s",
			      core_name ? core_name : "tee-core",
			      strerror(-rc));
	if (!registered) {
		atexit(pager_core_atexit);
		registered = true;
	}
	free(pager_saved_core);
	pager_saved_core = now ? strdup(now) : NULL;
	pager_running = pc;
	setenv("TEECHECK_CORE", pc->socket, 1);
}

void pager_core_stop(struct private_core *pc)
{
	private_core_stop(pc);
	if (pager_running != pc)
		return;
	pager_running = NULL;
	if (pager_saved_core)
		setenv("TEECHECK_CORE", pager_saved_core, 1);
	else
		unsetenv("TEECHECK_CORE");
}

bool pager_core_log_has(const struct private_core *pc, const char *text)
{
	struct stat st;
	bool found = false;
	char *log;
	int fd;

	fd = open(pc->core_log, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (!fstat(fd, &st) && st.st_size > 0) {
		log = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE,
			   fd, 0);
		if (log != MAP_FAILED) {
			found = memmem(log, (size_t)st.st_size, text,
				       strlen(text)) != NULL;
			munmap(log, (size_t)st.st_size);
		}
	}
	close(fd);
	return found;
}

uint32_t pager_instance_pages(uint32_t ta_share, uint32_t ta_stack_size)
{
	long page = sysconf(_SC_PAGESIZE);
	/* The TA's stack with the host's 64 KiB reserve, whole pages. */
	uint64_t stack = (ta_stack_size + 64 * 1024 + (uint64_t)page - 1) /
			 (uint64_t)page;

	return ta_share + (uint32_t)stack;
}

TEEC_Result pt_cmd_result(TEEC_Session *sess, uint32_t cmd, uint32_t a,
			  uint32_t b, uint32_t *origin)
{
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
		TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE));

	op.params[0].value.a = a;
	op.params[0].value.b = b;
	return TEEC_InvokeCommand(sess, cmd, &op, origin);
}

void pt_cmd_at(const char *file, int line, TEEC_Session *sess, uint32_t cmd,
	       uint32_t a, uint32_t b, uint32_t *out_a, uint32_t *out_b)
{
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
		TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE));

	op.params[0].value.a = a;
	op.params[0].value.b = b;
	xtest_invoke_ok_at(file, line, sess, cmd, &op);
	if (out_a)
		*out_a = op.params[1].value.a;
	if (out_b)
		*out_b = op.params[1].value.b;
}

uint64_t pt_addr_at(const char *file, int line, TEEC_Session *sess,
		    uint32_t area, uint32_t index)
{
	uint32_t lo, hi;

	pt_cmd_at(file, line, sess, PT_CMD_ADDR, area, index, &lo, &hi);
	return (uint64_t)hi << 32 | lo;
}

void pager_view_at(const char *file, int line, TEEC_Context *ctx,
		   const TEEC_UUID *uuid, struct pager_view *v)
{
	struct tc_pager_stats_rec *recs;
	uint8_t want[16];
	TEEC_Result res;
	size_t n, i, live = 0;

	memset(v, 0, sizeof(*v));
	res = stats_pager_fetch(ctx, &v->budget, &recs, &n);
	if (res)
		xtest_fail_at(file, line, "pager statistics: %s (0x%08x)",
			      xtest_result_name(res) ? xtest_result_name(res) :
			      "?", res);
	stats_pager_sum(recs, n, ~0u, &v->total);
	if (uuid)
		xtest_uuid_to_bytes(uuid, want);
	for (i = 0; i < n; i++) {
		if (recs[i].kind == TC_PAGER_PROC_CORE)
			v->core = recs[i];
		else if (recs[i].kind == TC_PAGER_PROC_ENDED)
			v->ended = recs[i];
		else if (recs[i].kind == TC_PAGER_PROC_TA && uuid &&
			 !memcmp(recs[i].uuid, want, 16))
			recs[live++] = recs[i];
	}
	stats_pager_sum(recs, live, 1u << TC_PAGER_PROC_TA, &v->ta);
	v->ta_count = (unsigned int)live;
	free(recs);
}

static void pager_core_stop_deferred(void *pc)
{
	pager_core_stop(pc);
}

struct pager_case *pager_case_start_at(const char *file, int line,
				       struct xtest_fixture *fx,
				       const char *core_name,
				       const char *const *args, bool context,
				       bool session)
{
	static struct pager_case c;	/* one sub-case at a time per process */

	memset(&c, 0, sizeof(c));
	fx->data = &c;
	pager_core_start_at(file, line, &c.pc, core_name, args);
	xtest_fx_defer(fx, pager_core_stop_deferred, &c.pc);
	if (context || session)
		c.ctx = xtest_fx_context(fx);
	if (session)
		c.sess = xtest_fx_session(fx, c.ctx, &pager_test_uuid);
	return &c;
}
