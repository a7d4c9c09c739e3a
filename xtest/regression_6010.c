/*
 * 6010: the secure format against an attacker who owns the normal world's
 * files (docs/STORAGE.md, "Threats"): every change to a TA's files is
 * refused with TEE_ERROR_CORRUPT_OBJECT, never answered with wrong data.
 * The cases work on the private core's storage directory (and 6010.8 on a
 * core of its own with a lying supplicant); against another TEE they are
 * skipped.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "private_core.h"
#include "storage_helpers.h"

#define TAMPER_MARK	"PLAINTEXT-MARK-6010"

struct tamper {
	TEEC_Context ctx;
	TEEC_Session s;
	char obj[512];		/* the object's file */
	char dir[512];		/* its TA's directory */
	char rec[540];		/* the TA's directory record */
};

/* Opens a session and creates id with data, finding its files. */
static struct tamper *tamper_begin(const TEEC_UUID *uuid, const char *id,
				   const char *data)
{
	struct tamper *t = xtest_alloc(sizeof(*t));
	struct st_files *before = xtest_alloc(sizeof(*before));
	struct st_files *after = xtest_alloc(sizeof(*after));
	uint64_t h;

	st_storage_dir();	/* skips against another TEE */
	xtest_context_init(&t->ctx);
	xtest_open_session(&t->ctx, &t->s, uuid);
	st_remove(&t->s, id);
	st_files_scan(before);
	st_ok("create", st_create(&t->s, id, ST_ALL, data, strlen(data), &h));
	st_ok("close", st_cmd_h(&t->s, ST_CMD_CLOSE, h));
	st_files_scan(after);
	st_files_changed(before, after, false, t->obj, sizeof(t->obj));
	if (!t->obj[0])
		xtest_fail("no new file for the object");
	snprintf(t->dir, sizeof(t->dir), "%.*s",
		 (int)(strrchr(t->obj, '/') - t->obj), t->obj);
	snprintf(t->rec, sizeof(t->rec), "%s/0000000000000000", t->dir);
	free(before);
	free(after);
	return t;
}

static void tamper_end(struct tamper *t, const char *id)
{
	uint64_t h;

	/* A corrupt object can still be replaced. */
	if (!st_create(&t->s, id, ST_ALL | TEE_DATA_FLAG_OVERWRITE, "", 0,
		       &h))
		st_cmd_h(&t->s, ST_CMD_CLOSE_DELETE, h);
	TEEC_CloseSession(&t->s);
	TEEC_FinalizeContext(&t->ctx);
	free(t);
}

static void expect_corrupt(struct tamper *t, const char *id)
{
	uint64_t h;

	st_expect("open after tampering", st_open(&t->s, id,
		  TEE_DATA_FLAG_ACCESS_READ, &h), TEE_ERROR_CORRUPT_OBJECT);
}

static void t_no_plaintext(void **state)
{
	struct tamper *t = tamper_begin(&storage_test_uuid, TAMPER_MARK,
					TAMPER_MARK TAMPER_MARK);
	struct st_files *fs = xtest_alloc(sizeof(*fs));
	size_t i, len, k;
	uint8_t *buf;

	(void)state;
	st_files_scan(fs);
	for (i = 0; i < fs->n; i++) {
		assert_null(strstr(fs->f[i].path, "6010"));
		assert_null(strstr(fs->f[i].path, "MARK"));
		buf = xtest_read_file(fs->f[i].path, &len);
		for (k = 0; k + 4 <= len; k++)
			if (!memcmp(buf + k, "MARK", 4))
				xtest_fail("%s holds plaintext",
					   fs->f[i].path);
		free(buf);
	}
	free(fs);
	tamper_end(t, TAMPER_MARK);
}

/* Flips one bit of path at offset (from the end if negative). */
static void flip_bit(const char *path, long offset)
{
	size_t len;
	uint8_t *buf = xtest_read_file(path, &len);

	buf[offset < 0 ? (long)len + offset : offset] ^= 0x10;
	xtest_write_file(path, buf, len);
	free(buf);
}

static void t_object_bit_flip(void **state)
{
	static const long where[] = { 0, 20, 40, -1, -20 };
	size_t i;

	(void)state;
	for (i = 0; i < XTEST_ARRAY_SIZE(where); i++) {
		struct tamper *t = tamper_begin(&storage_test_uuid, "6010.f",
						"flip one bit of me");

		flip_bit(t->obj, where[i]);
		expect_corrupt(t, "6010.f");
		tamper_end(t, "6010.f");
	}
}

static void t_object_truncated(void **state)
{
	struct tamper *t = tamper_begin(&storage_test_uuid, "6010.t",
					"cut me short");

	(void)state;
	ASSERT_EQ(truncate(t->obj, 30), 0);
	expect_corrupt(t, "6010.t");
	ASSERT_EQ(truncate(t->obj, 0), 0);
	expect_corrupt(t, "6010.t");
	unlink(t->obj);
	expect_corrupt(t, "6010.t");
	tamper_end(t, "6010.t");
}

static void t_object_replayed(void **state)
{
	struct tamper *t = tamper_begin(&storage_test_uuid, "6010.r",
					"version one");
	struct st_files *before = xtest_alloc(sizeof(*before));
	struct st_files *after = xtest_alloc(sizeof(*after));
	char now[512];
	uint8_t *old;
	size_t len;
	uint64_t h;

	(void)state;
	old = xtest_read_file(t->obj, &len);
	st_files_scan(before);
	st_ok("open", st_open(&t->s, "6010.r", ST_ALL, &h));
	st_ok("write version two", st_write(&t->s, h, "VERSION TWO", 11));
	st_ok("close", st_cmd_h(&t->s, ST_CMD_CLOSE, h));
	st_files_scan(after);
	st_files_changed(before, after, false, now, sizeof(now));
	ASSERT_TRUE(now[0] && strcmp(now, t->obj));
	/* The old version back under its own name: a leftover, ignored. */
	xtest_write_file(t->obj, old, len);
	st_ok("open", st_open(&t->s, "6010.r", ST_ALL, &h));
	st_check_data(&t->s, h, "VERSION TWO", 11);
	st_ok("close", st_cmd_h(&t->s, ST_CMD_CLOSE, h));
	/* The old version in place of the new one. */
	xtest_write_file(now, old, len);
	expect_corrupt(t, "6010.r");
	free(old);
	free(before);
	free(after);
	tamper_end(t, "6010.r");
}

static void t_objects_swapped(void **state)
{
	struct tamper *a = tamper_begin(&storage_test_uuid, "6010.a", "AAAA");
	struct st_files *before = xtest_alloc(sizeof(*before));
	struct st_files *after = xtest_alloc(sizeof(*after));
	char b_obj[512];
	uint8_t *buf;
	size_t len;
	uint64_t h;

	(void)state;
	st_files_scan(before);
	st_ok("create B", st_create(&a->s, "6010.b", ST_ALL |
				    TEE_DATA_FLAG_OVERWRITE, "BBBB", 4, &h));
	st_ok("close", st_cmd_h(&a->s, ST_CMD_CLOSE, h));
	st_files_scan(after);
	st_files_changed(before, after, false, b_obj, sizeof(b_obj));
	buf = xtest_read_file(b_obj, &len);
	xtest_write_file(a->obj, buf, len);	/* B's file as A's */
	expect_corrupt(a, "6010.a");
	st_ok("B untouched", st_open(&a->s, "6010.b", ST_ALL, &h));
	st_check_data(&a->s, h, "BBBB", 4);
	st_ok("delete B", st_cmd_h(&a->s, ST_CMD_CLOSE_DELETE, h));
	free(buf);
	free(before);
	free(after);
	tamper_end(a, "6010.a");
}

/* The directory record's attacks, undone with its last good copy. */
static void t_record_attacks(void **state)
{
	struct tamper *t = tamper_begin(&storage_test2_uuid, "6010.d",
					"one");
	uint8_t *old, *good;
	size_t old_len, good_len;
	uint64_t h;

	(void)state;
	old = xtest_read_file(t->rec, &old_len);
	st_ok("open", st_open(&t->s, "6010.d", ST_ALL, &h));
	st_ok("write", st_write(&t->s, h, "two", 3));
	st_ok("close", st_cmd_h(&t->s, ST_CMD_CLOSE, h));
	good = xtest_read_file(t->rec, &good_len);

	flip_bit(t->rec, 40);
	expect_corrupt(t, "6010.d");
	xtest_write_file(t->rec, good, good_len);

	xtest_write_file(t->rec, old, old_len);	/* rolled back */
	expect_corrupt(t, "6010.d");
	xtest_write_file(t->rec, good, good_len);

	ASSERT_EQ(truncate(t->rec, good_len - 1), 0);
	expect_corrupt(t, "6010.d");
	unlink(t->rec);
	expect_corrupt(t, "6010.d");
	xtest_write_file(t->rec, good, good_len);

	st_ok("the good record back", st_open(&t->s, "6010.d", ST_ALL, &h));
	st_check_data(&t->s, h, "two", 3);
	st_cmd_h(&t->s, ST_CMD_CLOSE, h);
	free(old);
	free(good);
	tamper_end(t, "6010.d");
}

static void t_tas_swapped(void **state)
{
	struct tamper *a = tamper_begin(&storage_test_uuid, "6010.x", "ta1");
	struct tamper *b = tamper_begin(&storage_test2_uuid, "6010.x", "ta2");
	uint8_t *ra, *rb, *oa;
	size_t la, lb, lo;
	char obj_in_b[1100];
	uint64_t h;

	(void)state;
	ra = xtest_read_file(a->rec, &la);
	rb = xtest_read_file(b->rec, &lb);
	oa = xtest_read_file(a->obj, &lo);
	/* TA 1's record and object file in TA 2's directory. */
	snprintf(obj_in_b, sizeof(obj_in_b), "%s/%s", b->dir,
		 strrchr(a->obj, '/') + 1);
	xtest_write_file(obj_in_b, oa, lo);
	xtest_write_file(b->rec, ra, la);
	expect_corrupt(b, "6010.x");
	xtest_write_file(b->rec, rb, lb);
	st_ok("TA 2's own back", st_open(&b->s, "6010.x", ST_ALL, &h));
	st_check_data(&b->s, h, "ta2", 3);
	st_cmd_h(&b->s, ST_CMD_CLOSE, h);
	st_ok("TA 1 untouched", st_open(&a->s, "6010.x", ST_ALL, &h));
	st_check_data(&a->s, h, "ta1", 3);
	st_cmd_h(&a->s, ST_CMD_CLOSE, h);
	free(ra);
	free(rb);
	free(oa);
	tamper_end(a, "6010.x");
	tamper_end(b, "6010.x");
}

/* A session on pc's core, or the sub-case fails. */
static void liar_session(struct private_core *pc, TEEC_Context *ctx,
			 TEEC_Session *s)
{
	uint32_t origin;

	if (TEEC_InitializeContext(pc->socket, ctx))
		xtest_fail("no context on the case's core");
	if (TEEC_OpenSession(ctx, s, &storage_test_uuid, TEEC_LOGIN_PUBLIC,
			     NULL, NULL, &origin))
		xtest_fail("no session on the case's core");
}

/* The supplicant's answers to reads falsified, one way at a time. */
static void t_lying_supplicant(void **state)
{
	static const struct { const char *lie; TEEC_Result res; } lies[] = {
		{ "size", TEE_ERROR_CORRUPT_OBJECT },
		{ "swap", TEE_ERROR_CORRUPT_OBJECT },
		{ "nofd", TEE_ERROR_STORAGE_NOT_AVAILABLE },
		{ "func", TEE_ERROR_STORAGE_NOT_AVAILABLE },
	};
	char root[PATH_MAX], st_dir[PATH_MAX + 8], fs_dir[PATH_MAX + 8];
	char bin[PATH_MAX], ta[PATH_MAX], why[200];
	const char *tmp = getenv("TMPDIR");
	const char *supp[] = { "--fs-dir", fs_dir, NULL, NULL, NULL };
	struct private_core_opts o = { .state_dir = st_dir,
				       .supp_args = supp,
				       .supp_restart = true };
	struct private_core pc;
	TEEC_Context ctx;
	TEEC_Session s;
	uint64_t h;
	size_t i;
	int rc;

	(void)state;
	snprintf(bin, sizeof(bin), "%s/bin", xtest_out_dir());
	snprintf(ta, sizeof(ta), "%s/ta", xtest_out_dir());
	snprintf(root, sizeof(root), "%s/xtest-6010.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root))
		xtest_fail("mkdtemp: %s", strerror(errno));
	snprintf(st_dir, sizeof(st_dir), "%s/state", root);
	snprintf(fs_dir, sizeof(fs_dir), "%s/fs", root);
	rc = private_core_start_opts(&pc, bin, ta, false, &o);
	if (rc)
		xtest_fail("cannot start a core: %s", strerror(-rc));
	liar_session(&pc, &ctx, &s);
	st_ok("create", st_create(&s, "6010.l", ST_ALL, "truth", 5, &h));
	st_ok("close", st_cmd_h(&s, ST_CMD_CLOSE, h));
	supp[2] = "--fs-lie";
	for (i = 0; i < XTEST_ARRAY_SIZE(lies); i++) {
		supp[3] = lies[i].lie;
		rc = private_core_supp_restart(&pc, bin, ta, supp);
		if (rc)
			xtest_fail("supplicant: %s", strerror(-rc));
		st_expect(lies[i].lie, st_open(&s, "6010.l",
			  TEE_DATA_FLAG_ACCESS_READ, &h), lies[i].res);
		if (private_core_check(&pc, why, sizeof(why)))
			xtest_fail("after the lie %s: %s", lies[i].lie, why);
	}
	supp[2] = NULL;
	rc = private_core_supp_restart(&pc, bin, ta, supp);
	if (rc)
		xtest_fail("supplicant: %s", strerror(-rc));
	st_ok("the truth again", st_open(&s, "6010.l", ST_ALL, &h));
	st_check_data(&s, h, "truth", 5);
	st_cmd_h(&s, ST_CMD_CLOSE_DELETE, h);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	private_core_stop(&pc);
	{
		char *rm[] = { "/bin/rm", "-rf", root, NULL };

		xtest_run(rm);
	}
}

static const struct xtest_sub subs_6010[] = {
	{ 1, "files hold no plaintext, names no object ID", t_no_plaintext },
	{ 2, "a bit flipped in an object's file", t_object_bit_flip },
	{ 3, "an object's file truncated or gone", t_object_truncated },
	{ 4, "an older version of an object's file replayed",
	  t_object_replayed },
	{ 5, "two objects' files swapped", t_objects_swapped },
	{ 6, "the directory record flipped, rolled back, truncated, gone",
	  t_record_attacks },
	{ 7, "one TA's files in another TA's directory", t_tas_swapped },
	{ 8, "a supplicant lying about a file: size, contents, descriptor, "
	     "function", t_lying_supplicant },
};

/* It tampers with this core's own files and starts cores of its own. */
XTEST_CASE(case_6010, .id = "6010", .suite = "regression",
	   .title = "Trusted storage: tampering is detected",
	   /* tampers with the store's files */
	   .flags = XTEST_NEEDS_ALONE | XTEST_NEEDS_CORE_HOOKS |
		    XTEST_NEEDS_CORE_PROC,
	   .subs = subs_6010, .nsubs = XTEST_ARRAY_SIZE(subs_6010));
