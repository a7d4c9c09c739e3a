/*
 * The 1000 series: the core and framework seen through the GP Client API,
 * with the os_test TAs (ta/os_test/include/os_test_ta.h) as counterpart.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <os_test_ta.h>
#include <teecheck/ta_abi.h>

#include "xtest_helpers.h"

static const TEEC_UUID os_test_uuid = TA_OS_TEST_UUID;
static const TEEC_UUID os_test_mi_uuid = TA_OS_TEST_MI_UUID;

#define VALUES_TYPES	TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, \
					 TEEC_VALUE_INOUT, TEEC_NONE)
#define MEMREFS_TYPES	TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,	\
					 TEEC_MEMREF_TEMP_OUTPUT,	\
					 TEEC_MEMREF_TEMP_INOUT, TEEC_NONE)

/* What OS_TEST_CMD_SESSION_INFO reports about a session's TA instance. */
struct session_info {
	uint32_t sessions;
	uint32_t instance;
};

static void session_info_at(const char *file, int line, TEEC_Session *sess,
			    struct session_info *info)
{
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT,
							     TEEC_NONE,
							     TEEC_NONE,
							     TEEC_NONE));

	xtest_invoke_ok_at(file, line, sess, OS_TEST_CMD_SESSION_INFO, &op);
	info->sessions = op.params[0].value.a;
	info->instance = op.params[0].value.b;
}

#define session_info(sess, info) session_info_at(__FILE__, __LINE__, sess, info)

/* OS_TEST_CMD_VALUES with one input pair; fails unless the TA computed it. */
static void values_roundtrip_at(const char *file, int line, TEEC_Session *sess,
				uint32_t a, uint32_t b)
{
	TEEC_Operation op = xtest_operation(VALUES_TYPES);

	op.params[0].value.a = a;
	op.params[0].value.b = b;
	op.params[2].value.a = b;
	op.params[2].value.b = a;
	xtest_invoke_ok_at(file, line, sess, OS_TEST_CMD_VALUES, &op);
	if (op.params[1].value.a != a + b || op.params[1].value.b != (a ^ b) ||
	    op.params[2].value.a != b + 1 || op.params[2].value.b != a * 2)
		xtest_fail_at(file, line,
			      "OS_TEST_CMD_VALUES(%#x, %#x) gave out (%#x, %#x) "
			      "inout (%#x, %#x)", a, b, op.params[1].value.a,
			      op.params[1].value.b, op.params[2].value.a,
			      op.params[2].value.b);
}

#define values_roundtrip(sess, a, b) \
	values_roundtrip_at(__FILE__, __LINE__, sess, a, b)

/* ---- 1001: sessions ---------------------------------------------------- */

static void test_1001_open_close(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);

	xtest_fx_release(fx, xtest_fx_session(fx, &fx->ctx, &os_test_uuid));
}

/*
 * GP Client API v1.0 does not say which origin reports a TA that does not
 * exist. The TEE is the one that looked for it and failed, so teecheck's core
 * answers TEEC_ORIGIN_TEE, and this case holds it to that.
 */
static void test_1001_unknown_uuid(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *sess;
	TEEC_UUID nobody;
	uint32_t origin;

	xtest_uuid_random(&nobody);
	ASSERT_RESULT_ORIGIN(xtest_fx_open_session(fx, &fx->ctx, &sess, &nobody,
						   TEEC_LOGIN_PUBLIC, NULL,
						   NULL, &origin),
			     origin, TEEC_ERROR_ITEM_NOT_FOUND,
			     TEEC_ORIGIN_TEE);
}

static void test_1001_reopen(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *sess;

	sess = xtest_fx_session(fx, &fx->ctx, &os_test_uuid);
	values_roundtrip(sess, 1, 2);
	xtest_fx_release(fx, sess);
	sess = xtest_fx_session(fx, &fx->ctx, &os_test_uuid);
	values_roundtrip(sess, 3, 4);
}

static const struct xtest_sub subs_1001[] = {
	{ 1, "a session on os_test opens and closes", test_1001_open_close },
	{ 2, "an unknown UUID gives ITEM_NOT_FOUND from the TEE",
	  test_1001_unknown_uuid },
	{ 3, "a session opened again after close serves commands",
	  test_1001_reopen },
};

XTEST_CASE(case_1001, .id = "1001", .suite = "regression",
	   .title = "Open and close sessions", .context = true,
	   .subs = subs_1001, .nsubs = XTEST_ARRAY_SIZE(subs_1001));

/* ---- 1002: value parameters -------------------------------------------- */

/*
 * One OS_TEST_CMD_VALUES call: the input pair, the inout pair, and what the
 * TA must answer (out = a + b, a ^ b; inout = a + 1, b * 2, all mod 2^32).
 */
struct values_vector {
	uint32_t in_a, in_b, io_a, io_b;
	uint32_t out_a, out_b, io_a_after, io_b_after;
};

static const struct values_vector values_plain[] = {
	{ 0, 0, 0, 0, 0, 0, 1, 0 },
	{ 1, 2, 3, 4, 3, 3, 4, 8 },
	{ 0x12345678, 0x01020304, 0x100, 0x40000000,
	  0x1336597c, 0x1336557c, 0x101, 0x80000000 },
};

static const struct values_vector values_wrap[] = {
	{ 0xffffffff, 1, 0xffffffff, 0x80000000,
	  0, 0xfffffffe, 0, 0 },
	{ 0xffffffff, 0xffffffff, 0xfffffffe, 0xffffffff,
	  0xfffffffe, 0, 0xffffffff, 0xfffffffe },
	{ 0x80000000, 0x80000000, 0x7fffffff, 0x80000001,
	  0, 0, 0x80000000, 2 },
};

static void values_check(TEEC_Session *sess, const struct values_vector *v)
{
	TEEC_Operation op = xtest_operation(VALUES_TYPES);

	op.params[0].value.a = v->in_a;
	op.params[0].value.b = v->in_b;
	/* Garbage the TA must overwrite. */
	op.params[1].value.a = 0xdeadbeef;
	op.params[1].value.b = 0xdeadbeef;
	op.params[2].value.a = v->io_a;
	op.params[2].value.b = v->io_b;
	xtest_invoke_ok(sess, OS_TEST_CMD_VALUES, &op);

	EXPECT_EQ(op.params[1].value.a, v->out_a);
	EXPECT_EQ(op.params[1].value.b, v->out_b);
	EXPECT_EQ(op.params[2].value.a, v->io_a_after);
	EXPECT_EQ(op.params[2].value.b, v->io_b_after);
	/* An input value is not written back. */
	EXPECT_EQ(op.params[0].value.a, v->in_a);
	EXPECT_EQ(op.params[0].value.b, v->in_b);
}

/* The sub-case's row: a table of vectors, checked in one session. */
struct values_table {
	const struct values_vector *v;
	size_t n;
};

static void test_1002_values(void **state)
{
	const struct values_table *t = xtest_param(state, struct values_table);
	size_t i;

	for (i = 0; i < t->n; i++)
		values_check(&xtest_fixture(state)->sess, t->v + i);
}

static const uint32_t values_bad_types[] = {
	TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_NONE, TEEC_NONE),
	TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_VALUE_INPUT, TEEC_VALUE_INOUT,
			 TEEC_NONE),
	TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_VALUE_OUTPUT, TEEC_VALUE_INOUT,
			 TEEC_NONE),
	TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_VALUE_INOUT,
			 TEEC_VALUE_INPUT),
	TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE,
			 TEEC_NONE),
	TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_VALUE_OUTPUT,
			 TEEC_VALUE_INOUT, TEEC_NONE),
};

static void test_1002_bad_types(void **state)
{
	TEEC_Session *sess = &xtest_fixture(state)->sess;
	uint8_t buf[8] = { 0 };
	uint32_t origin;
	TEEC_Result res;
	char what[64];
	size_t i;

	for (i = 0; i < XTEST_ARRAY_SIZE(values_bad_types); i++) {
		TEEC_Operation op = xtest_operation(values_bad_types[i]);

		op.params[0].tmpref.buffer = buf;	/* for the memref one */
		op.params[0].tmpref.size = sizeof(buf);
		origin = 0;
		res = TEEC_InvokeCommand(sess, OS_TEST_CMD_VALUES, &op,
					 &origin);
		snprintf(what, sizeof(what), "VALUES with types %#06x",
			 (unsigned int)values_bad_types[i]);
		xtest_check_result_at(__FILE__, __LINE__, false, what, res,
				      origin, TEEC_ERROR_BAD_PARAMETERS,
				      TEEC_ORIGIN_TRUSTED_APP);
	}
	/* The session survives a refused command. */
	values_roundtrip(sess, 5, 6);
}

static const struct xtest_sub subs_1002[] = {
	XTEST_SUB_ROW(1, "VALUE_INPUT, VALUE_OUTPUT and VALUE_INOUT carry "
		      "their values", test_1002_values, struct values_table,
		      values_plain, XTEST_ARRAY_SIZE(values_plain)),
	XTEST_SUB_ROW(2, "values wrap modulo 2^32 (0, 0xffffffff, 0x80000000)",
		      test_1002_values, struct values_table,
		      values_wrap, XTEST_ARRAY_SIZE(values_wrap)),
	{ 3, "wrong parameter types give BAD_PARAMETERS from the TA",
	  test_1002_bad_types },
};

XTEST_CASE(case_1002, .id = "1002", .suite = "regression",
	   .title = "Value parameters", .ta = &os_test_uuid,
	   .subs = subs_1002, .nsubs = XTEST_ARRAY_SIZE(subs_1002));

/* ---- 1003: temporary memory references --------------------------------- */

static const size_t memref_sizes[] = { 1, 17, 4096, 4097, 1024 * 1024 };

/* The first byte where buf differs from want, or n. */
static size_t memref_mismatch(const uint8_t *buf, const uint8_t *want,
			      size_t n)
{
	size_t i;

	for (i = 0; i < n && buf[i] == want[i]; i++)
		;
	return i;
}

static void memref_expect_at(const char *file, int line, const char *what,
			     size_t n, const uint8_t *buf, const uint8_t *want)
{
	size_t i = memref_mismatch(buf, want, n);

	if (i < n)
		xtest_fail_at(file, line, "%zu bytes: %s byte %zu is 0x%02x, "
			      "expected 0x%02x", n, what, i, buf[i], want[i]);
}

#define memref_expect(what, n, buf, want) \
	memref_expect_at(__FILE__, __LINE__, what, n, buf, want)

static void memref_roundtrip(struct xtest_fixture *fx, size_t n)
{
	uint8_t *in = xtest_fx_alloc(fx, n), *out = xtest_fx_alloc(fx, n);
	uint8_t *io = xtest_fx_alloc(fx, n), *want = xtest_fx_alloc(fx, n);
	TEEC_Operation op = xtest_operation(MEMREFS_TYPES);
	size_t i;

	xtest_fill(in, n, (uint32_t)n);
	memset(out, 0xa5, n);
	xtest_fill(io, n, (uint32_t)n + 1);
	op.params[0].tmpref.buffer = in;
	op.params[0].tmpref.size = n;
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = n;
	op.params[2].tmpref.buffer = io;
	op.params[2].tmpref.size = n;
	xtest_invoke_ok(&fx->sess, OS_TEST_CMD_MEMREFS, &op);

	EXPECT_EQ(op.params[1].tmpref.size, n);
	EXPECT_EQ(op.params[2].tmpref.size, n);
	xtest_fill(want, n, (uint32_t)n);
	memref_expect("input", n, in, want);
	for (i = 0; i < n; i++)
		want[i] = in[n - 1 - i];
	memref_expect("output", n, out, want);
	xtest_fill(want, n, (uint32_t)n + 1);
	for (i = 0; i < n; i++)
		want[i]++;
	memref_expect("inout", n, io, want);
	xtest_fx_release(fx, want);
	xtest_fx_release(fx, io);
	xtest_fx_release(fx, out);
	xtest_fx_release(fx, in);
}

static void test_1003_sizes(void **state)
{
	size_t i;

	for (i = 0; i < XTEST_ARRAY_SIZE(memref_sizes); i++)
		memref_roundtrip(xtest_fixture(state), memref_sizes[i]);
}

static void memref_short(struct xtest_fixture *fx, size_t n, size_t out_size)
{
	uint8_t *in = xtest_fx_alloc(fx, n), *out = xtest_fx_alloc(fx, n);
	uint8_t *io = xtest_fx_alloc(fx, n), *want = xtest_fx_alloc(fx, n);
	TEEC_Operation op = xtest_operation(MEMREFS_TYPES);
	uint32_t origin = 0;
	TEEC_Result res;
	char what[64];

	xtest_fill(in, n, 7);
	xtest_fill(io, n, 8);
	op.params[0].tmpref.buffer = in;
	op.params[0].tmpref.size = n;
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = out_size;
	op.params[2].tmpref.buffer = io;
	op.params[2].tmpref.size = n;
	res = TEEC_InvokeCommand(&fx->sess, OS_TEST_CMD_MEMREFS, &op, &origin);
	snprintf(what, sizeof(what), "MEMREFS, %zu bytes into %zu", n,
		 out_size);
	xtest_assert_result(what, res, origin, TEEC_ERROR_SHORT_BUFFER,
			    TEEC_ORIGIN_TRUSTED_APP);
	/* The size the output needs comes back in the output's size. */
	EXPECT_EQ(op.params[1].tmpref.size, n);
	xtest_fill(want, n, 8);
	memref_expect("untouched inout", n, io, want);
}

static void test_1003_short_buffer(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);

	memref_short(fx, 17, 16);
	memref_short(fx, 4097, 4096);
	memref_short(fx, 4097, 1);
	/* After the refusal the same session works with a large enough one. */
	memref_roundtrip(fx, 4097);
}

static void test_1003_sum(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	const size_t n = 4 * 1024 * 1024;
	uint8_t *buf = xtest_fx_alloc(fx, n);
	TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
		TEEC_MEMREF_TEMP_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE,
		TEEC_NONE));
	uint32_t sum = 0;
	size_t i;

	xtest_fill(buf, n, 1003);
	for (i = 0; i < n; i++)
		sum += buf[i];
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = n;
	xtest_invoke_ok(&fx->sess, OS_TEST_CMD_SUM, &op);
	EXPECT_EQ(op.params[1].value.a, sum);
	EXPECT_EQ(op.params[1].value.b, n);
}

static const struct xtest_sub subs_1003[] = {
	{ 1, "temporary memrefs of 1, 17, 4096, 4097 and 1 MiB bytes, every byte checked",
	  test_1003_sizes },
	{ 2, "a too small output gives SHORT_BUFFER and the size needed",
	  test_1003_short_buffer },
	{ 3, "a 4 MiB input arrives whole (OS_TEST_CMD_SUM)", test_1003_sum },
};

XTEST_CASE(case_1003, .id = "1003", .suite = "regression",
	   .title = "Temporary memory references", .ta = &os_test_uuid,
	   .subs = subs_1003, .nsubs = XTEST_ARRAY_SIZE(subs_1003));

/* ---- 1004: TA image signatures ----------------------------------------- */

/*
 * Each refusal below has one flaw only. The tampered image is os_test signed
 * anew for a fresh UUID with the dev kit's own tool and key, so its name,
 * header and .ta_head agree and only the changed byte is wrong; 1004.1 shows
 * that such an image opens when left alone.
 */

/* Opens a session on uuid and expects the TEE to refuse the image. */
static void image_expect_refused(struct xtest_fixture *fx,
				 const TEEC_UUID *uuid, const char *what)
{
	TEEC_Session *sess;
	uint32_t origin;
	TEEC_Result res;

	res = xtest_fx_open_session(fx, &fx->ctx, &sess, uuid,
				    TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	xtest_assert_result(what, res, origin, TEEC_ERROR_SECURITY,
			    TEEC_ORIGIN_TEE);
}

/* os_test's signed image (ext "ta") or its unsigned ELF ("elf"). */
static void *image_read_os_test(struct xtest_fixture *fx, const char *ext,
				size_t *len)
{
	char dir[4096], path[4096];
	void *image;

	snprintf(dir, sizeof(dir), "%s/ta", xtest_out_dir());
	xtest_ta_path(path, sizeof(path), dir, &os_test_uuid, ext);
	image = xtest_read_file(path, len);
	xtest_fx_defer(fx, free, image);
	return image;
}

/* os_test's unsigned ELF with its .ta_head naming uuid instead. */
static void *image_elf_renamed(struct xtest_fixture *fx, const TEEC_UUID *uuid,
			       size_t *len)
{
	uint8_t *elf = image_read_os_test(fx, "elf", len);
	struct utee_ta_head head = {
		.magic = UTEE_TA_HEAD_MAGIC,
		.abi_version = UTEE_ABI_VERSION,
		.uuid_time_low = os_test_uuid.timeLow,
		.uuid_time_mid = os_test_uuid.timeMid,
		.uuid_time_hi_and_version = os_test_uuid.timeHiAndVersion,
	};
	const size_t id_len = offsetof(struct utee_ta_head, flags);
	uint8_t *at;

	memcpy(head.uuid_clock_seq_and_node, os_test_uuid.clockSeqAndNode, 8);
	at = memmem(elf, *len, &head, id_len);
	if (!at)
		xtest_fail("os_test's ELF holds no .ta_head with its UUID");
	head.uuid_time_low = uuid->timeLow;
	head.uuid_time_mid = uuid->timeMid;
	head.uuid_time_hi_and_version = uuid->timeHiAndVersion;
	memcpy(head.uuid_clock_seq_and_node, uuid->clockSeqAndNode, 8);
	memcpy(at, &head, id_len);
	return elf;
}

/*
 * Signs elf as the dev kit does into the extra TA directory as <uuid>.ta;
 * skips the sub-case when the build output has no signing tool and key.
 */
static void image_sign_install_with(struct xtest_fixture *fx, const void *elf,
				    size_t len, const TEEC_UUID *uuid,
				    char *path, size_t path_len,
				    const char *key_name)
{
	char signer[4096], key[4096], elf_path[4096];
	const char *dir = xtest_ta_extra_dir();

	snprintf(signer, sizeof(signer), "%s/bin/ta-sign", xtest_out_dir());
	snprintf(key, sizeof(key), "%s/keys/%s", xtest_out_dir(), key_name);
	if (access(signer, X_OK) || access(key, R_OK))
		xtest_skip("no TA signing tool and key in the build output");
	xtest_ta_path(elf_path, sizeof(elf_path), dir, uuid, "elf");
	xtest_ta_path(path, path_len, dir, uuid, "ta");
	xtest_fx_unlink(fx, elf_path);
	xtest_fx_unlink(fx, path);
	xtest_write_file(elf_path, elf, len);
	{
		char *argv[] = { signer, "-k", key, "-o", path, elf_path,
				 NULL };

		xtest_run(argv);
	}
	unlink(elf_path);
}

static void image_sign_install(struct xtest_fixture *fx, const void *elf,
			       size_t len, const TEEC_UUID *uuid, char *path,
			       size_t path_len)
{
	image_sign_install_with(fx, elf, len, uuid, path, path_len,
				"ta_sign_key.pem");
}

static void test_1004_resigned_opens(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	char path[4096];
	TEEC_UUID uuid;
	size_t len;
	void *elf;

	xtest_uuid_random(&uuid);
	elf = image_elf_renamed(fx, &uuid, &len);
	image_sign_install(fx, elf, len, &uuid, path, sizeof(path));
	values_roundtrip(xtest_fx_session(fx, &fx->ctx, &uuid), 13, 14);
}

static void test_1004_tampered(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	size_t ta_len, elf_len;
	uint8_t *ta, *elf, *at;
	char path[4096];
	TEEC_UUID uuid;

	xtest_uuid_random(&uuid);
	elf = image_elf_renamed(fx, &uuid, &elf_len);
	image_sign_install(fx, elf, elf_len, &uuid, path, sizeof(path));
	ta = xtest_read_file(path, &ta_len);
	xtest_fx_defer(fx, free, ta);
	at = memmem(ta, ta_len, elf, elf_len);
	if (!at)
		xtest_fail("the signed image does not hold its ELF verbatim");
	at[elf_len / 2] ^= 0xff;
	xtest_write_file(path, ta, ta_len);
	image_expect_refused(fx, &uuid,
			     "TEEC_OpenSession(one ELF byte changed)");
}

/* Installs image as the TA uuid, unsigned, in the writable TA directory. */
static void image_install_raw(struct xtest_fixture *fx, const void *image,
			      size_t len, const TEEC_UUID *uuid)
{
	const char *dir = xtest_ta_extra_dir();
	char path[4096];

	xtest_ta_path(path, sizeof(path), dir, uuid, "ta");
	xtest_fx_unlink(fx, path);
	xtest_write_file(path, image, len);
}

static void test_1004_unsigned(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_UUID uuid;
	size_t len;
	void *elf;

	xtest_uuid_random(&uuid);
	elf = image_elf_renamed(fx, &uuid, &len);
	image_install_raw(fx, elf, len, &uuid);
	image_expect_refused(fx, &uuid, "TEEC_OpenSession(unsigned ELF)");
}

static void test_1004_uuid_mismatch(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_UUID uuid;
	size_t len;
	void *ta;

	xtest_uuid_random(&uuid);
	ta = image_read_os_test(fx, "ta", &len);
	image_install_raw(fx, ta, len, &uuid);
	image_expect_refused(fx, &uuid,
			     "TEEC_OpenSession(os_test's image, other UUID)");
}

/*
 * Signed with a key the core does not hold: only the signature is wrong,
 * so only the verification's result refuses it (a second check beside
 * 1004.2, whose changed byte the signature alone catches too).
 */
static void test_1004_other_key(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	char path[4096];
	TEEC_UUID uuid;
	size_t len;
	void *elf;

	xtest_uuid_random(&uuid);
	elf = image_elf_renamed(fx, &uuid, &len);
	image_sign_install_with(fx, elf, len, &uuid, path, sizeof(path),
				"loader_test_other_key.pem");
	image_expect_refused(fx, &uuid, "TEEC_OpenSession(signed with another "
			     "key)");
}

static void test_1004_original_opens(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);

	values_roundtrip(xtest_fx_session(fx, &fx->ctx, &os_test_uuid), 7, 8);
}

static const struct xtest_sub subs_1004[] = {
	{ 1, "os_test signed anew for a fresh UUID opens (control for 1004.2)",
	  test_1004_resigned_opens,
	  .flags = XTEST_NEEDS_CORE_TA },
	{ 2, "a signed image with one byte of its ELF changed gives SECURITY",
	  test_1004_tampered,
	  .flags = XTEST_NEEDS_CORE_TA },
	{ 3, "an unsigned ELF gives SECURITY", test_1004_unsigned,
	  .flags = XTEST_NEEDS_CORE_TA },
	{ 4, "a signed image under another UUID's name gives SECURITY",
	  test_1004_uuid_mismatch,
	  .flags = XTEST_NEEDS_CORE_TA },
	{ 5, "the untouched os_test still opens", test_1004_original_opens },
	{ 6, "an image signed with a key the core does not hold gives "
	     "SECURITY", test_1004_other_key,
	  .flags = XTEST_NEEDS_CORE_TA },
};

XTEST_CASE(case_1004, .id = "1004", .suite = "regression",
	   .title = "TA images are verified before use", .context = true,
	   .subs = subs_1004, .nsubs = XTEST_ARRAY_SIZE(subs_1004));

/* ---- 1005: many sessions ------------------------------------------------ */

#define MANY_SESSIONS	32
#define MANY_THREADS	8

/*
 * The counts are exact: this assumes no other client holds sessions on
 * os_test meanwhile, as with the private core of a run.
 */
static void test_1005_single_instance(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *sess[MANY_SESSIONS];
	struct session_info info;
	uint32_t instance = 0;
	size_t i;

	for (i = 0; i < MANY_SESSIONS; i++) {
		sess[i] = xtest_fx_session(fx, &fx->ctx, &os_test_uuid);
		session_info(sess[i], &info);
		if (!i)
			instance = info.instance;
		/* One instance serves them all; every session counts. */
		ASSERT_EQ(info.instance, instance);
		ASSERT_EQ(info.sessions, i + 1);
	}
	for (i = 0; i + 1 < MANY_SESSIONS; i++) {
		xtest_fx_release(fx, sess[i]);
		session_info(sess[MANY_SESSIONS - 1], &info);
		ASSERT_EQ(info.instance, instance);
		ASSERT_EQ(info.sessions, MANY_SESSIONS - 1 - i);
	}
}

static void test_1005_multi_instance(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	uint32_t instance[MANY_SESSIONS];
	struct session_info info;
	TEEC_Session *sess;
	size_t i, k;

	for (i = 0; i < MANY_SESSIONS; i++) {
		sess = xtest_fx_session(fx, &fx->ctx, &os_test_mi_uuid);
		session_info(sess, &info);
		/* A session of its own on an instance of its own. */
		ASSERT_EQ(info.sessions, 1);
		instance[i] = info.instance;
		for (k = 0; k < i; k++) {
			if (instance[k] == instance[i])
				xtest_fail("sessions %zu and %zu share instance %#x",
					   k, i, instance[i]);
		}
	}
}

/*
 * One thread's work in 1005.3. Threads must not use cmocka's assertions, so
 * each records its first failure here for the case's thread to report.
 */
struct many_job {
	pthread_t thread;
	unsigned int index;
	unsigned int iterations;
	bool failed;
	char failure[160];
};

static void many_job_fail(struct many_job *job, const char *step,
			  TEEC_Result res, uint32_t origin)
{
	const char *name = xtest_result_name(res);

	job->failed = true;
	snprintf(job->failure, sizeof(job->failure),
		 "thread %u: %s: %s (0x%08x), origin %u", job->index, step,
		 name ? name : "unknown code", (unsigned int)res,
		 (unsigned int)origin);
}

static bool many_job_invoke(struct many_job *job, TEEC_Session *sess,
			    const char *ta, unsigned int it)
{
	TEEC_Operation op = xtest_operation(VALUES_TYPES);
	uint32_t a = job->index << 24 | it, b = it * 2654435761u;
	uint32_t origin = 0;
	TEEC_Result res;

	op.params[0].value.a = a;
	op.params[0].value.b = b;
	op.params[2].value.a = it;
	op.params[2].value.b = job->index;
	res = TEEC_InvokeCommand(sess, OS_TEST_CMD_VALUES, &op, &origin);
	if (res != TEEC_SUCCESS) {
		many_job_fail(job, ta, res, origin);
		return false;
	}
	if (op.params[1].value.a != a + b || op.params[1].value.b != (a ^ b) ||
	    op.params[2].value.a != it + 1 ||
	    op.params[2].value.b != job->index * 2) {
		job->failed = true;
		snprintf(job->failure, sizeof(job->failure),
			 "thread %u: %s: iteration %u: wrong values back",
			 job->index, ta, it);
		return false;
	}
	return true;
}

static void *many_job_run(void *arg)
{
	struct many_job *job = arg;
	TEEC_Session single, multi;
	TEEC_Context ctx;
	uint32_t origin;
	TEEC_Result res;
	unsigned int it;

	res = TEEC_InitializeContext(NULL, &ctx);
	if (res != TEEC_SUCCESS) {
		many_job_fail(job, "TEEC_InitializeContext", res, 0);
		return NULL;
	}
	res = xtest_open_session_result(&ctx, &single, &os_test_uuid, &origin);
	if (res != TEEC_SUCCESS) {
		many_job_fail(job, "open os_test", res, origin);
		goto out_ctx;
	}
	res = xtest_open_session_result(&ctx, &multi, &os_test_mi_uuid,
					&origin);
	if (res != TEEC_SUCCESS) {
		many_job_fail(job, "open os_test_mi", res, origin);
		goto out_single;
	}
	for (it = 0; it < job->iterations; it++) {
		if (!many_job_invoke(job, &single, "os_test", it) ||
		    !many_job_invoke(job, &multi, "os_test_mi", it))
			break;
	}
	TEEC_CloseSession(&multi);
out_single:
	TEEC_CloseSession(&single);
out_ctx:
	TEEC_FinalizeContext(&ctx);
	return NULL;
}

static void test_1005_threads(void **state)
{
	struct many_job jobs[MANY_THREADS];
	size_t i, started = 0;
	int rc = 0;

	(void)state;
	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < MANY_THREADS && !rc; i++) {
		jobs[i].index = (unsigned int)i;
		jobs[i].iterations = 200 * (1 + xtest_level);
		rc = pthread_create(&jobs[i].thread, NULL, many_job_run,
				    jobs + i);
		if (!rc)
			started++;
	}
	for (i = 0; i < started; i++)
		pthread_join(jobs[i].thread, NULL);
	if (rc)
		xtest_fail("pthread_create: %s", strerror(rc));
	for (i = 0; i < MANY_THREADS; i++) {
		if (jobs[i].failed)
			xtest_fail("%s", jobs[i].failure);
	}
}

static const struct xtest_sub subs_1005[] = {
	{ 1, "32 sessions on single-instance os_test share one instance",
	  test_1005_single_instance },
	{ 2, "32 sessions on multi-instance os_test_mi get 32 instances",
	  test_1005_multi_instance },
	{ 3, "8 threads, each with its own context, invoke both TAs at once",
	  test_1005_threads },
};

XTEST_CASE(case_1005, .id = "1005", .suite = "regression",
	   .title = "Many sessions and concurrent clients", .context = true,
	   .flags = XTEST_NEEDS_ALONE,	/* counts os_test's sessions */
	   .subs = subs_1005, .nsubs = XTEST_ARRAY_SIZE(subs_1005));

/* ---- 1007: TA panic ----------------------------------------------------- */

/* Makes the TA behind sess panic; the call must report the TA dead. */
static void panic_invoke(TEEC_Session *sess)
{
	TEEC_Operation op = xtest_operation(0);
	uint32_t origin = 0;
	TEEC_Result res;

	res = TEEC_InvokeCommand(sess, OS_TEST_CMD_PANIC, &op, &origin);
	xtest_assert_result("OS_TEST_CMD_PANIC", res, origin,
			    TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
}

static void dead_invoke(TEEC_Session *sess, const char *what)
{
	TEEC_Operation op = xtest_operation(VALUES_TYPES);
	uint32_t origin = 0;
	TEEC_Result res;

	res = TEEC_InvokeCommand(sess, OS_TEST_CMD_VALUES, &op, &origin);
	xtest_assert_result(what, res, origin, TEEC_ERROR_TARGET_DEAD,
			    TEEC_ORIGIN_TEE);
}

static void test_1007_panic(void **state)
{
	TEEC_Session *sess = &xtest_fixture(state)->sess;

	panic_invoke(sess);
	dead_invoke(sess, "VALUES on the session that panicked");
}

static void test_1007_other_session_dead(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *bystander = xtest_fx_session(fx, &fx->ctx, &os_test_uuid);

	values_roundtrip(bystander, 1, 1);
	panic_invoke(&fx->sess);
	dead_invoke(bystander, "VALUES on another session of the instance");
}

static void test_1007_new_session(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct session_info before, after;
	TEEC_Session *fresh;

	session_info(&fx->sess, &before);
	panic_invoke(&fx->sess);
	fresh = xtest_fx_session(fx, &fx->ctx, &os_test_uuid);
	values_roundtrip(fresh, 9, 10);
	session_info(fresh, &after);
	/* A new instance, holding only the new session. */
	if (after.instance == before.instance)
		xtest_fail("the session opened after the panic is on the dead "
			   "instance %#x", before.instance);
	ASSERT_EQ(after.sessions, 1);
}

static void test_1007_multi_instance_unaffected(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct session_info before, after;
	TEEC_Session *other;

	other = xtest_fx_session(fx, &fx->ctx, &os_test_mi_uuid);
	session_info(other, &before);
	panic_invoke(&fx->sess);
	values_roundtrip(other, 11, 12);
	session_info(other, &after);
	ASSERT_EQ(after.instance, before.instance);
}

static const struct xtest_sub subs_1007[] = {
	{ 1, "a TA panic gives TARGET_DEAD from the TEE", test_1007_panic },
	{ 2, "another session on the panicked instance gets TARGET_DEAD",
	  test_1007_other_session_dead },
	{ 3, "a new session after the panic gets a new, working instance",
	  test_1007_new_session },
	{ 4, "a session on os_test_mi opened before the panic still works",
	  test_1007_multi_instance_unaffected },
};

XTEST_CASE(case_1007, .id = "1007", .suite = "regression",
	   .title = "A TA panic kills its instance only", .ta = &os_test_uuid,
	   .flags = XTEST_NEEDS_ALONE,	/* ends the os_test instance others use */
	   .subs = subs_1007, .nsubs = XTEST_ARRAY_SIZE(subs_1007));
