/* Helpers of the Trusted Core Framework and Client API cases. */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <openssl/evp.h>

#include "tcf_helpers.h"

const TEEC_UUID tcf_test_uuid = TA_TCF_TEST_UUID;
const TEEC_UUID tcf_test_mi_uuid = TA_TCF_TEST_MI_UUID;
const TEEC_UUID tcf_keepalive_uuid = TA_TCF_KEEPALIVE_UUID;
const TEEC_UUID tcf_single_uuid = TA_TCF_SINGLE_UUID;
const TEEC_UUID tcf_create_fail_uuid = TA_TCF_CREATE_FAIL_UUID;
const TEEC_UUID tcf_create_panic_uuid = TA_TCF_CREATE_PANIC_UUID;
const TEEC_UUID tcf_peer_uuid = TA_TCF_PEER_UUID;

/* 58ac9ca0-2086-4683-a1b8-ec4bc08e01b6: the Linux TEE client name space. */
static const uint8_t tcf_client_ns[16] = {
	0x58, 0xac, 0x9c, 0xa0, 0x20, 0x86, 0x46, 0x83,
	0xa1, 0xb8, 0xec, 0x4b, 0xc0, 0x8e, 0x01, 0xb6,
};

long long tcf_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void tcf_info_at(const char *file, int line, TEEC_Session *sess,
		 struct tcf_info *info)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_OUTPUT,
						      VALUE_OUTPUT, NONE,
						      NONE));

	xtest_invoke_ok_at(file, line, sess, TCF_CMD_INFO, &op);
	info->sessions = op.params[0].value.a;
	info->instance = op.params[0].value.b;
	info->invokes = op.params[1].value.a;
	info->session_invokes = op.params[1].value.b;
}

void tcf_invoke_expect_at(const char *file, int line, TEEC_Session *sess,
			  uint32_t cmd, TEEC_Operation *op, TEEC_Result res,
			  uint32_t origin)
{
	uint32_t got_origin = 0;
	TEEC_Result got;
	char what[48];

	got = TEEC_InvokeCommand(sess, cmd, op, &got_origin);
	snprintf(what, sizeof(what), "TEEC_InvokeCommand(command %u)",
		 (unsigned int)cmd);
	xtest_assert_result_at(file, line, what, got, got_origin, res, origin);
}

void tcf_steps_ok_at(const char *file, int line, TEEC_Session *sess,
		     uint32_t cmd, const char *what)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_OUTPUT, NONE,
						      NONE, NONE));

	op.params[0].value.a = 0xffffffff;
	xtest_invoke_ok_at(file, line, sess, cmd, &op);
	if (op.params[0].value.a)
		xtest_fail_at(file, line, "%s: the TA's check %u failed", what,
			      (unsigned int)op.params[0].value.a);
}

TEEC_Session *tcf_open_expect_at(const char *file, int line,
				 struct xtest_fixture *fx, TEEC_Context *ctx,
				 const TEEC_UUID *uuid, TEEC_Operation *op,
				 TEEC_Result res, uint32_t origin)
{
	char what[80], u[XTEST_UUID_STRLEN];
	uint32_t got_origin;
	TEEC_Session *sess;
	TEEC_Result got;

	got = xtest_fx_open_session_at(file, line, fx, ctx, &sess, uuid,
				       TEEC_LOGIN_PUBLIC, NULL, op,
				       &got_origin);
	xtest_uuid_string(uuid, u);
	snprintf(what, sizeof(what), "TEEC_OpenSession(%s)", u);
	xtest_assert_result_at(file, line, what, got, got_origin, res, origin);
	return sess;
}

static void tcf_stats_read(const char *file, int line, TEEC_Context *ctx,
			   struct teecheck_core_stats *st)
{
	xtest_assert_result_at(file, line, "teecheck_core_stats",
			       teecheck_core_stats(ctx, st), TEEC_ORIGIN_API,
			       TEEC_SUCCESS, XTEST_ORIGIN_ANY);
}

/*
 * Counts that hold still: what earlier sub-cases ended (contexts finalize
 * asynchronously in the core) has finished ending.
 */
void tcf_stats_at(const char *file, int line, TEEC_Context *ctx,
		  struct teecheck_core_stats *st)
{
	struct teecheck_core_stats next;
	int i;

	tcf_stats_read(file, line, ctx, st);
	for (i = 0; i < 100; i++) {
		usleep(10000);
		tcf_stats_read(file, line, ctx, &next);
		if (!memcmp(&next, st, sizeof(next)))
			return;
		*st = next;
	}
}

void tcf_wait_stats_at(const char *file, int line, TEEC_Context *ctx,
		       const struct teecheck_core_stats *base)
{
	struct teecheck_core_stats now;
	int i;

	for (i = 0; i < 1000; i++) {
		tcf_stats_read(file, line, ctx, &now);
		if (now.sessions == base->sessions &&
		    now.instances == base->instances &&
		    now.guests == base->guests)
			return;
		usleep(10000);
	}
	xtest_fail_at(file, line, "core still holds %u sessions, %u "
		      "instances and %u guests; expected %u, %u and %u",
		      now.sessions, now.instances, now.guests, base->sessions,
		      base->instances, base->guests);
}

static void *tcf_canceller_run(void *arg)
{
	struct tcf_canceller *c = arg;
	unsigned int waited = 0;

	if (!c->event)
		usleep(c->delay_ms * 1000u);
	while (c->event && !*c->event && waited++ < 30000)
		usleep(1000);
	TEEC_RequestCancellation(c->op);
	return NULL;
}

void tcf_cancel_on_at(const char *file, int line, struct tcf_canceller *c,
		      TEEC_Operation *op, const volatile uint8_t *event)
{
	int rc;

	c->op = op;
	c->delay_ms = 0;
	c->event = event;
	rc = pthread_create(&c->thread, NULL, tcf_canceller_run, c);
	c->started = !rc;
	if (rc)
		xtest_fail_at(file, line, "pthread_create: %s", strerror(rc));
}

void tcf_cancel_later_at(const char *file, int line, struct tcf_canceller *c,
			 TEEC_Operation *op, unsigned int delay_ms)
{
	int rc;

	c->op = op;
	c->delay_ms = delay_ms;
	c->event = NULL;
	rc = pthread_create(&c->thread, NULL, tcf_canceller_run, c);
	c->started = !rc;
	if (rc)
		xtest_fail_at(file, line, "pthread_create: %s", strerror(rc));
}

void tcf_cancel_join(struct tcf_canceller *c)
{
	if (c->started)
		pthread_join(c->thread, NULL);
	c->started = false;
}

void tcf_client_uuid_at(const char *file, int line, const char *name,
			uint8_t uuid[16])
{
	uint8_t md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok;

	ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) &&
	     EVP_DigestUpdate(ctx, tcf_client_ns, sizeof(tcf_client_ns)) &&
	     EVP_DigestUpdate(ctx, name, strlen(name)) &&
	     EVP_DigestFinal_ex(ctx, md, &len);
	EVP_MD_CTX_free(ctx);
	if (!ok || len < 16)
		xtest_fail_at(file, line, "SHA-1 of \"%s\" failed", name);
	memcpy(uuid, md, 16);
	uuid[6] = (uint8_t)((uuid[6] & 0x0f) | 0x50);	/* version 5 */
	uuid[8] = (uint8_t)((uuid[8] & 0x3f) | 0x80);	/* RFC 4122 */
}

void tcf_self_exe_at(const char *file, int line, char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);

	if (n <= 0)
		xtest_fail_at(file, line, "readlink /proc/self/exe: %s",
			      strerror(errno));
	buf[n] = 0;
}

void tcf_core_start_at(const char *file, int line, struct private_core *pc,
		       const char *state_dir)
{
	char ta_dir[PATH_MAX], bin_dir[PATH_MAX];
	int rc;

	snprintf(ta_dir, sizeof(ta_dir), "%s/ta", xtest_out_dir());
	snprintf(bin_dir, sizeof(bin_dir), "%s/bin", xtest_out_dir());
	rc = private_core_start_state(pc, bin_dir, ta_dir, false, state_dir);
	if (rc)
		xtest_fail_at(file, line, "cannot start a core of the case's "
			      "own: %s", strerror(-rc));
}

void tcf_mkdtemp_at(const char *file, int line, char *path, size_t len)
{
	const char *tmp = getenv("TMPDIR");

	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(path, len, "%s/xtest-tcf.XXXXXX", tmp);
	if (!mkdtemp(path))
		xtest_fail_at(file, line, "mkdtemp %s: %s", path,
			      strerror(errno));
}

static int tcf_rm(const char *path, const struct stat *st, int type,
		  struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

void tcf_rmdir_all(const char *path)
{
	nftw(path, tcf_rm, 16, FTW_DEPTH | FTW_PHYS);
}
