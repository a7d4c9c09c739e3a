/*
 * 6000: trusted storage (GP Internal Core API v1.3.1, chapter 5, and the
 * v1.1 forms): persistent objects, data streams, sharing rules,
 * enumerators, attributes, isolation between TAs, the quota, and the
 * secure format's answer to tampering (docs/STORAGE.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "storage_helpers.h"

/* A context and a session on a storage TA, owned by the sub-case. */
struct st_fixture {
	TEEC_Context *ctx;
	TEEC_Session *s;
};

static struct st_fixture *st_begin(void **state, const TEEC_UUID *uuid)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct st_fixture *f = xtest_fx_alloc(fx, sizeof(*f));

	f->ctx = xtest_fx_context(fx);
	f->s = xtest_fx_session(fx, f->ctx, uuid);
	return f;
}

static void t_create_open_delete(void **state)
{
	struct st_fixture *f = st_begin(state, &storage_test_uuid);
	const char data[] = "persistent bytes";
	struct st_info info;
	uint64_t h, h2;

	st_remove(f->s, "6001.a");
	st_expect("open before create", st_open(f->s, "6001.a",
		  TEE_DATA_FLAG_ACCESS_READ, &h), TEEC_ERROR_ITEM_NOT_FOUND);
	st_ok("create", st_create(f->s, "6001.a", ST_ALL, data,
				  sizeof(data), &h));
	st_ok("info", st_info(f->s, h, &info));
	ASSERT_EQ(info.type, TEE_TYPE_DATA);
	ASSERT_EQ(info.data_size, sizeof(data));
	ASSERT_EQ(info.data_pos, 0);
	ASSERT_EQ(info.flags, TEE_HANDLE_FLAG_PERSISTENT |
			 TEE_HANDLE_FLAG_INITIALIZED | ST_ALL);
	st_ok("close", st_cmd_h(f->s, ST_CMD_CLOSE, h));
	st_ok("open", st_open(f->s, "6001.a", TEE_DATA_FLAG_ACCESS_READ |
			      TEE_DATA_FLAG_ACCESS_WRITE_META, &h2));
	st_check_data(f->s, h2, data, sizeof(data));
	st_ok("close and delete", st_cmd_h(f->s, ST_CMD_CLOSE_DELETE, h2));
	st_expect("open after delete", st_open(f->s, "6001.a",
		  TEE_DATA_FLAG_ACCESS_READ, &h), TEEC_ERROR_ITEM_NOT_FOUND);
	/* Created without a handle, deleted with the v1.0 function. */
	st_ok("create, no handle", st_create_ex(f->s, TEE_STORAGE_PRIVATE,
		  "6001.b", 6, 0, ST_ATTRS_NONE, NULL, 0, NULL));
	st_ok("open", st_open(f->s, "6001.b",
			      TEE_DATA_FLAG_ACCESS_WRITE_META, &h));
	st_ok("v1.0 delete", st_cmd_h(f->s, ST_CMD_CLOSE_DELETE_V10, h));
	st_expect("gone", st_open(f->s, "6001.b", 0, &h),
		  TEEC_ERROR_ITEM_NOT_FOUND);
}

static void t_storage_ids(void **state)
{
	struct st_fixture *f = st_begin(state, &storage_test_uuid);
	uint8_t id[TEE_OBJECT_ID_MAX_LEN];
	uint64_t h, e;

	/*
	 * GP defines TEE_STORAGE_PRIVATE only; whether the REE and RPMB
	 * storage IDs (extensions) exist is the TEE's choice (OP-TEE has
	 * them): checked against this core only.
	 */
	if (!(xtest_tee_lacks & XTEST_NEEDS_CORE_CHOICE)) {
		st_expect("REE storage", st_create_ex(f->s,
			  TEE_STORAGE_PRIVATE_REE, "x", 1, ST_ALL, 0, NULL, 0,
			  &h), TEEC_ERROR_ITEM_NOT_FOUND);
		st_expect("RPMB storage", st_open_ex(f->s,
			  TEE_STORAGE_PRIVATE_RPMB, "x", 1, 0, &h),
			  TEEC_ERROR_ITEM_NOT_FOUND);
		st_ok("enumerator", st_enum_alloc(f->s, &e));
		st_expect("enumerate REE", st_enum_start(f->s, e,
			  TEE_STORAGE_PRIVATE_REE), TEEC_ERROR_ITEM_NOT_FOUND);
	}
	/* The longest ID, every byte value in it. */
	xtest_fill(id, sizeof(id), 6002);
	st_ok("max-length ID", st_create_ex(f->s, TEE_STORAGE_PRIVATE, id,
		  sizeof(id), ST_ALL | TEE_DATA_FLAG_OVERWRITE, 0, "v", 1,
		  &h));
	st_ok("close", st_cmd_h(f->s, ST_CMD_CLOSE, h));
	st_ok("open by it", st_open_ex(f->s, TEE_STORAGE_PRIVATE, id,
		  sizeof(id), ST_ALL, &h));
	st_ok("delete", st_cmd_h(f->s, ST_CMD_CLOSE_DELETE, h));
}

static void t_id_too_long_panics(void **state)
{
	struct st_fixture *f = st_begin(state, &storage_test_uuid);
	uint8_t id[TEE_OBJECT_ID_MAX_LEN + 1] = { 0 };
	uint64_t h;

	st_expect("65-byte ID", st_open_ex(f->s, TEE_STORAGE_PRIVATE, id,
		  sizeof(id), 0, &h), TEEC_ERROR_TARGET_DEAD);
}

static void t_read_write_seek(void **state)
{
	struct st_fixture *f = st_begin(state, &storage_test_uuid);
	uint8_t exp[300], buf[300];
	struct st_info info;
	size_t n;
	uint64_t h;

	st_ok("create", st_create(f->s, "6003", ST_ALL |
				  TEE_DATA_FLAG_OVERWRITE, "0123456789", 10,
				  &h));
	/* Reading at the end gives nothing; past it too. */
	st_ok("seek end", st_seek(f->s, h, 0, ST_SEEK_END));
	st_ok("read at end", st_read(f->s, h, buf, 10, &n));
	ASSERT_EQ(n, 0);
	st_ok("seek past end", st_seek(f->s, h, 90, ST_SEEK_CUR));
	st_ok("info", st_info(f->s, h, &info));
	ASSERT_EQ(info.data_pos, 100);
	ASSERT_EQ(info.data_size, 10);
	/* Writing past the end fills the gap with zeros. */
	st_ok("write at 100", st_write(f->s, h, "Z", 1));
	memset(exp, 0, sizeof(exp));
	memcpy(exp, "0123456789", 10);
	exp[100] = 'Z';
	st_check_data(f->s, h, exp, 101);
	/* A negative position is the start. */
	st_ok("seek before start", st_seek(f->s, h, -1000,
					    ST_SEEK_CUR));
	st_ok("read 4", st_read(f->s, h, buf, 4, &n));
	ASSERT_EQ(n, 4);
	ASSERT_MEM_EQ(buf, "0123", 4);
	st_ok("seek -2 from end", st_seek(f->s, h, -2, ST_SEEK_END));
	st_ok("read", st_read(f->s, h, buf, 10, &n));
	ASSERT_EQ(n, 2);
	ASSERT_EQ(buf[1], 'Z');
	/* Overwriting in the middle. */
	st_ok("seek 3", st_seek(f->s, h, 3, ST_SEEK_SET));
	st_ok("overwrite", st_write(f->s, h, "abc", 3));
	memcpy(exp + 3, "abc", 3);
	st_check_data(f->s, h, exp, 101);
	/* Past TEE_DATA_MAX_POSITION: overflow, the position stays. */
	st_ok("seek 5", st_seek(f->s, h, 5, ST_SEEK_SET));
	st_expect("seek beyond max", st_seek(f->s, h,
		  (int64_t)TEE_DATA_MAX_POSITION, ST_SEEK_CUR),
		  TEEC_ERROR_OVERFLOW);
	st_ok("info", st_info(f->s, h, &info));
	ASSERT_EQ(info.data_pos, 5);
	st_ok("seek to max", st_seek(f->s, h, TEE_DATA_MAX_POSITION,
				     ST_SEEK_SET));
	st_expect("write beyond max", st_write(f->s, h, "x", 1),
		  TEEC_ERROR_OVERFLOW);
	/* Truncate shrinks and grows with zeros; the position stays. */
	st_ok("seek 50", st_seek(f->s, h, 50, ST_SEEK_SET));
	st_ok("truncate 4", st_truncate(f->s, h, 4));
	st_ok("info", st_info(f->s, h, &info));
	ASSERT_EQ(info.data_size, 4);
	ASSERT_EQ(info.data_pos, 50);
	st_ok("truncate 8", st_truncate(f->s, h, 8));
	memcpy(exp, "012a\0\0\0\0", 8);
	st_check_data(f->s, h, exp, 8);
	st_ok("truncate 0", st_truncate(f->s, h, 0));
	st_check_data(f->s, h, exp, 0);
	st_ok("delete", st_cmd_h(f->s, ST_CMD_CLOSE_DELETE, h));
}

static void t_access_panics(void **state)
{
	struct st_fixture *f = st_begin(state, &storage_test_uuid);
	uint8_t buf[4];
	size_t n;
	uint64_t h;

	st_ok("create", st_create(f->s, "6004", TEE_DATA_FLAG_ACCESS_WRITE |
				  TEE_DATA_FLAG_OVERWRITE, "x", 1, &h));
	st_expect("read without ACCESS_READ", st_read(f->s, h, buf, 1, &n),
		  TEEC_ERROR_TARGET_DEAD);
	f = st_begin(state, &storage_test_uuid);
	st_ok("open read-only", st_open(f->s, "6004",
					TEE_DATA_FLAG_ACCESS_READ, &h));
	st_expect("write without ACCESS_WRITE", st_write(f->s, h, "y", 1),
		  TEEC_ERROR_TARGET_DEAD);
	f = st_begin(state, &storage_test_uuid);
	st_ok("open read-only", st_open(f->s, "6004",
					TEE_DATA_FLAG_ACCESS_READ, &h));
	st_expect("delete without WRITE_META",
		  st_cmd_h(f->s, ST_CMD_CLOSE_DELETE, h),
		  TEEC_ERROR_TARGET_DEAD);
	f = st_begin(state, &storage_test_uuid);
	st_remove(f->s, "6004");
}

/* One row of GP's sharing rules: a second open beside a first. */
struct share_row {
	uint32_t first, second;
	TEEC_Result res;
};

static void t_sharing(void **state)
{
	static const struct share_row rows[] = {
		{ TEE_DATA_FLAG_ACCESS_READ, TEE_DATA_FLAG_ACCESS_READ,
		  TEEC_ERROR_ACCESS_CONFLICT },
		{ TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_SHARE_READ,
		  TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_SHARE_READ,
		  TEEC_SUCCESS },
		{ TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_SHARE_READ,
		  TEE_DATA_FLAG_ACCESS_READ, TEEC_ERROR_ACCESS_CONFLICT },
		{ TEE_DATA_FLAG_ACCESS_WRITE | TEE_DATA_FLAG_SHARE_WRITE,
		  TEE_DATA_FLAG_ACCESS_WRITE | TEE_DATA_FLAG_SHARE_WRITE,
		  TEEC_SUCCESS },
		{ TEE_DATA_FLAG_ACCESS_WRITE | TEE_DATA_FLAG_SHARE_READ,
		  TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_SHARE_READ,
		  TEEC_ERROR_ACCESS_CONFLICT },
		{ TEE_DATA_FLAG_SHARE_READ | TEE_DATA_FLAG_SHARE_WRITE,
		  ST_RW | TEE_DATA_FLAG_SHARE_READ | TEE_DATA_FLAG_SHARE_WRITE,
		  TEEC_SUCCESS },
		{ 0, TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_SHARE_READ,
		  TEEC_ERROR_ACCESS_CONFLICT },
		{ 0, 0, TEEC_SUCCESS },
		{ TEE_DATA_FLAG_ACCESS_WRITE_META | TEE_DATA_FLAG_SHARE_READ |
		  TEE_DATA_FLAG_SHARE_WRITE, TEE_DATA_FLAG_SHARE_READ |
		  TEE_DATA_FLAG_SHARE_WRITE, TEEC_ERROR_ACCESS_CONFLICT },
	};
	struct st_fixture *f = st_begin(state, &storage_test_uuid);
	uint64_t h, h1, h2;
	char what[80];
	size_t i;

	st_ok("create", st_create(f->s, "6005", TEE_DATA_FLAG_OVERWRITE,
				  "s", 1, &h));
	st_ok("close", st_cmd_h(f->s, ST_CMD_CLOSE, h));
	for (i = 0; i < XTEST_ARRAY_SIZE(rows); i++) {
		snprintf(what, sizeof(what), "row %zu: first open", i);
		st_ok(what, st_open(f->s, "6005", rows[i].first, &h1));
		snprintf(what, sizeof(what), "row %zu: 0x%x beside 0x%x", i,
			 rows[i].second, rows[i].first);
		st_expect(what, st_open(f->s, "6005", rows[i].second, &h2),
			  rows[i].res);
		if (!rows[i].res)
			st_cmd_h(f->s, ST_CMD_CLOSE, h2);
		st_cmd_h(f->s, ST_CMD_CLOSE, h1);
	}
	/* Creating over an open object conflicts, even with OVERWRITE. */
	st_ok("open", st_open(f->s, "6005", TEE_DATA_FLAG_SHARE_READ, &h1));
	st_expect("create over an open object", st_create(f->s, "6005",
		  TEE_DATA_FLAG_OVERWRITE, "t", 1, &h2),
		  TEEC_ERROR_ACCESS_CONFLICT);
	st_cmd_h(f->s, ST_CMD_CLOSE, h1);
	st_expect("create without OVERWRITE", st_create(f->s, "6005", 0, "t",
		  1, &h2), TEEC_ERROR_ACCESS_CONFLICT);
	st_ok("create with OVERWRITE", st_create(f->s, "6005", ST_ALL |
		  TEE_DATA_FLAG_OVERWRITE, "new", 3, &h2));
	st_check_data(f->s, h2, "new", 3);
	st_cmd_h(f->s, ST_CMD_CLOSE_DELETE, h2);
}

static void t_shared_writes(void **state)
{
	struct st_fixture *f = st_begin(state, &storage_test_uuid);
	uint32_t fl = ST_RW | TEE_DATA_FLAG_SHARE_READ |
		      TEE_DATA_FLAG_SHARE_WRITE;
	uint64_t a, b;

	st_ok("create", st_create(f->s, "6006", fl | TEE_DATA_FLAG_OVERWRITE,
				  "aaaa", 4, &a));
	st_ok("second handle", st_open(f->s, "6006", fl, &b));
	st_ok("write through the second", st_write(f->s, b, "bb", 2));
	st_check_data(f->s, a, "bbaa", 4);	/* positions are per handle */
	st_ok("write through the first", st_write(f->s, a, "c", 1));
	st_check_data(f->s, b, "bbaac", 5);
	st_cmd_h(f->s, ST_CMD_CLOSE, a);
	st_cmd_h(f->s, ST_CMD_CLOSE, b);
	st_remove(f->s, "6006");
}

/* Two sessions are two instances of the TA: they share its objects. */
static void t_instances(void **state)
{
	struct st_fixture *a = st_begin(state, &storage_test_uuid);
	struct st_fixture *b = st_begin(state, &storage_test_uuid);
	uint32_t fl = ST_RW | TEE_DATA_FLAG_SHARE_READ |
		      TEE_DATA_FLAG_SHARE_WRITE;
	uint64_t ha, hb;

	st_ok("create in instance 1", st_create(a->s, "6003.4", fl |
		  TEE_DATA_FLAG_OVERWRITE, "1111", 4, &ha));
	st_expect("exclusive open in instance 2", st_open(b->s, "6003.4",
		  TEE_DATA_FLAG_ACCESS_READ, &hb), TEEC_ERROR_ACCESS_CONFLICT);
	st_ok("shared open in instance 2", st_open(b->s, "6003.4", fl, &hb));
	st_ok("write in instance 2", st_write(b->s, hb, "22", 2));
	st_check_data(a->s, ha, "2211", 4);
	st_cmd_h(b->s, ST_CMD_CLOSE, hb);
	st_cmd_h(a->s, ST_CMD_CLOSE, ha);
	st_remove(a->s, "6003.4");
}

/* A TA that dies leaves no handle behind to conflict with. */
static void t_dead_instance(void **state)
{
	struct st_fixture *a = st_begin(state, &storage_test_uuid);
	struct st_fixture *b;
	uint64_t h, h2;

	st_ok("exclusive create", st_create(a->s, "6003.5",
		  TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_OVERWRITE, "x", 1,
		  &h));
	st_expect("the TA panics", st_write(a->s, h, "y", 1),
		  TEEC_ERROR_TARGET_DEAD);
	b = st_begin(state, &storage_test_uuid);
	st_ok("exclusive open after the panic", st_open(b->s, "6003.5",
		  ST_ALL, &h2));
	st_check_data(b->s, h2, "x", 1);
	st_cmd_h(b->s, ST_CMD_CLOSE_DELETE, h2);
}

static void t_rename(void **state)
{
	struct st_fixture *f = st_begin(state, &storage_test_uuid);
	uint64_t h, o;

	st_remove(f->s, "6007.new");
	st_ok("create", st_create(f->s, "6007.old", ST_ALL |
				  TEE_DATA_FLAG_OVERWRITE, "r", 1, &h));
	st_ok("other", st_create(f->s, "6007.other", ST_ALL |
				 TEE_DATA_FLAG_OVERWRITE, "o", 1, &o));
	st_expect("rename onto another", st_rename(f->s, h, "6007.other",
		  10), TEEC_ERROR_ACCESS_CONFLICT);
	st_ok("rename", st_rename(f->s, h, "6007.new", 8));
	st_cmd_h(f->s, ST_CMD_CLOSE, h);
	st_expect("old name", st_open(f->s, "6007.old", 0, &h),
		  TEEC_ERROR_ITEM_NOT_FOUND);
	st_ok("new name", st_open(f->s, "6007.new", ST_ALL, &h));
	st_check_data(f->s, h, "r", 1);
	st_cmd_h(f->s, ST_CMD_CLOSE_DELETE, h);
	st_cmd_h(f->s, ST_CMD_CLOSE_DELETE, o);
	f = st_begin(state, &storage_test_uuid);
	st_ok("create", st_create(f->s, "6007.ro", ST_RW |
				  TEE_DATA_FLAG_OVERWRITE, "r", 1, &h));
	st_expect("rename without WRITE_META", st_rename(f->s, h, "z", 1),
		  TEEC_ERROR_TARGET_DEAD);
	f = st_begin(state, &storage_test_uuid);
	st_remove(f->s, "6007.ro");
}

static void t_enumerate(void **state)
{
	struct st_fixture *f = st_begin(state, &storage_test2_uuid);
	static const char *const ids[] = { "6008.a", "6008.b", "6008.c" };
	bool seen[3] = { false, false, false };
	struct st_info info;
	char id[TEE_OBJECT_ID_MAX_LEN];
	uint64_t e, h;
	size_t i, k, len, total = 0;

	for (i = 0; i < 3; i++) {
		st_ok("create", st_create(f->s, ids[i],
			  TEE_DATA_FLAG_OVERWRITE, ids[i], i + 1, &h));
		st_cmd_h(f->s, ST_CMD_CLOSE, h);
	}
	st_ok("allocate", st_enum_alloc(f->s, &e));
	len = sizeof(id);
	st_expect("next before start", st_enum_next(f->s, e, id, &len, &info),
		  TEEC_ERROR_ITEM_NOT_FOUND);
	st_ok("start", st_enum_start(f->s, e, TEE_STORAGE_PRIVATE));
	for (;;) {
		len = sizeof(id);
		if (st_enum_next(f->s, e, id, &len, &info))
			break;
		total++;
		for (k = 0; k < 3; k++) {
			if (len == strlen(ids[k]) && !memcmp(id, ids[k], len)) {
				seen[k] = true;
				ASSERT_EQ(info.data_size, k + 1);
				ASSERT_EQ(info.type, TEE_TYPE_DATA);
			}
		}
	}
	ASSERT_TRUE(seen[0] && seen[1] && seen[2]);
	st_ok("reset", st_cmd_h(f->s, ST_CMD_ENUM_RESET, e));
	len = sizeof(id);
	st_expect("next after reset", st_enum_next(f->s, e, id, &len, &info),
		  TEEC_ERROR_ITEM_NOT_FOUND);
	st_ok("start again", st_enum_start(f->s, e, TEE_STORAGE_PRIVATE));
	for (k = 0; k < total; k++) {
		len = sizeof(id);
		st_ok("next", st_enum_next(f->s, e, id, &len, &info));
	}
	len = sizeof(id);
	st_expect("past the last", st_enum_next(f->s, e, id, &len, &info),
		  TEEC_ERROR_ITEM_NOT_FOUND);
	{
		TEEC_Operation op = xtest_operation(TEEC_PARAM_TYPES(
			TEEC_VALUE_INPUT, TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
			TEEC_NONE));
		uint32_t origin;

		st_ok("start again", st_enum_start(f->s, e,
						   TEE_STORAGE_PRIVATE));
		op.params[0].value.a = (uint32_t)e;
		op.params[0].value.b = (uint32_t)(e >> 32);
		op.params[1].tmpref.buffer = id;
		op.params[1].tmpref.size = sizeof(id);
		st_ok("next without info", TEEC_InvokeCommand(f->s,
			  ST_CMD_ENUM_NEXT_NOINFO, &op, &origin));
		assert_in_range(op.params[1].tmpref.size, 1, sizeof(id));
	}
	st_ok("free", st_cmd_h(f->s, ST_CMD_ENUM_FREE, e));
	for (i = 0; i < 3; i++)
		st_remove(f->s, ids[i]);
}

static void t_attributes(void **state)
{
	struct st_fixture *f = st_begin(state, &storage_test_uuid);
	uint8_t key[32], exp[16];
	struct st_info info;
	size_t len, i;
	uint64_t h;

	st_ok("create with a key", st_create_ex(f->s, TEE_STORAGE_PRIVATE,
		  "6009", 4, ST_ALL | TEE_DATA_FLAG_OVERWRITE, ST_ATTRS_AES,
		  "d", 1, &h));
	st_cmd_h(f->s, ST_CMD_CLOSE, h);
	st_ok("open", st_open(f->s, "6009", ST_ALL, &h));
	st_ok("info", st_info(f->s, h, &info));
	ASSERT_EQ(info.type, TEE_TYPE_AES);
	ASSERT_EQ(info.size, 128);
	ASSERT_EQ(info.data_size, 1);
	len = sizeof(key);
	st_ok("the key's value", st_get_attr(f->s, h, TEE_ATTR_SECRET_VALUE,
					     key, &len));
	for (i = 0; i < 16; i++)
		exp[i] = (uint8_t)(ST_AES_BYTE0 + i);
	ASSERT_EQ(len, 16);
	ASSERT_MEM_EQ(key, exp, 16);
	st_cmd_h(f->s, ST_CMD_CLOSE_DELETE, h);
}

static void t_isolation(void **state)
{
	struct st_fixture *a = st_begin(state, &storage_test_uuid);
	struct st_fixture *b = st_begin(state, &storage_test2_uuid);
	uint64_t h, h2;

	st_remove(b->s, "6010");
	st_ok("create in TA 1", st_create(a->s, "6010", ST_ALL |
		  TEE_DATA_FLAG_OVERWRITE, "mine", 4, &h));
	st_expect("TA 2 does not see it", st_open(b->s, "6010", 0, &h2),
		  TEEC_ERROR_ITEM_NOT_FOUND);
	st_ok("TA 2's own of that name", st_create(b->s, "6010", ST_ALL,
		  "yours", 5, &h2));
	st_check_data(a->s, h, "mine", 4);
	st_check_data(b->s, h2, "yours", 5);
	st_cmd_h(a->s, ST_CMD_CLOSE_DELETE, h);
	st_cmd_h(b->s, ST_CMD_CLOSE_DELETE, h2);
}

static void t_quota(void **state)
{
	struct st_fixture *f = st_begin(state, &storage_test2_uuid);
	size_t big = 10u << 20;
	uint8_t *buf = xtest_alloc(big);
	uint64_t h, h2;

	xtest_fill(buf, big, 6011);
	st_ok("10 MiB object", st_create(f->s, "6011.a", ST_ALL |
		  TEE_DATA_FLAG_OVERWRITE, buf, big, &h));
	st_expect("another 10 MiB", st_create(f->s, "6011.b", ST_ALL |
		  TEE_DATA_FLAG_OVERWRITE, buf, big, &h2),
		  TEEC_ERROR_STORAGE_NO_SPACE);
	st_expect("nothing of it", st_open(f->s, "6011.b", 0, &h2),
		  TEEC_ERROR_ITEM_NOT_FOUND);
	st_ok("seek end", st_seek(f->s, h, 0, ST_SEEK_END));
	st_expect("growing past the quota", st_write(f->s, h, buf, 7u << 20),
		  TEEC_ERROR_STORAGE_NO_SPACE);
	st_check_data(f->s, h, buf, big);	/* nothing half-written */
	st_ok("delete", st_cmd_h(f->s, ST_CMD_CLOSE_DELETE, h));
	st_ok("room again", st_create(f->s, "6011.b", ST_ALL, buf, big, &h2));
	st_ok("delete", st_cmd_h(f->s, ST_CMD_CLOSE_DELETE, h2));
	free(buf);
}

static void t_gp11(void **state)
{
	struct st_fixture *f = st_begin(state, &storage_test_gp11_uuid);
	struct st_info info;
	char id[TEE_OBJECT_ID_MAX_LEN];
	uint8_t buf[8];
	uint64_t h, e;
	size_t n, len;

	st_ok("create", st_create(f->s, "6012", ST_ALL |
				  TEE_DATA_FLAG_OVERWRITE, "gp11", 4, &h));
	st_ok("seek", st_seek(f->s, h, -2, ST_SEEK_END));
	st_ok("read", st_read(f->s, h, buf, sizeof(buf), &n));
	ASSERT_EQ(n, 2);
	ASSERT_MEM_EQ(buf, "11", 2);
	st_ok("truncate", st_truncate(f->s, h, 2));
	st_ok("info", st_info(f->s, h, &info));
	ASSERT_EQ(info.data_size, 2);
	ASSERT_EQ(info.data_pos, 4);
	st_ok("rename", st_rename(f->s, h, "6012.r", 6));
	st_ok("enumerator", st_enum_alloc(f->s, &e));
	st_ok("start", st_enum_start(f->s, e, TEE_STORAGE_PRIVATE));
	len = sizeof(id);
	st_ok("next", st_enum_next(f->s, e, id, &len, &info));
	ASSERT_EQ(len, 6);
	ASSERT_MEM_EQ(id, "6012.r", 6);
	st_ok("delete", st_cmd_h(f->s, ST_CMD_CLOSE_DELETE, h));
}

static const struct xtest_sub subs_6001[] = {
	{ 1, "create, close, open, read back, close and delete",
	  t_create_open_delete },
	{ 2, "storage IDs: REE and RPMB not found; a 64-byte ID works",
	  t_storage_ids },
	{ 3, "an ID over TEE_OBJECT_ID_MAX_LEN panics", t_id_too_long_panics },
};

static const struct xtest_sub subs_6002[] = {
	{ 1, "read, write, seek with every whence, truncate, overflow",
	  t_read_write_seek },
	{ 2, "a missing access right panics", t_access_panics },
};

static const struct xtest_sub subs_6003[] = {
	{ 1, "GP's sharing rules and ACCESS_CONFLICT", t_sharing },
	{ 2, "two handles see each other's writes", t_shared_writes },
	{ 3, "rename: conflict, old name gone, WRITE_META needed", t_rename },
	{ 4, "two instances of a TA share its objects", t_instances },
	{ 5, "a dead instance's handles are closed", t_dead_instance },
};

static const struct xtest_sub subs_6004[] = {
	{ 1, "enumerators: start, next, reset, end", t_enumerate },
	{ 2, "a key's attributes are stored with the object", t_attributes },
	{ 3, "two TAs do not see each other's objects", t_isolation },
	/* The quota is this core's (GP sets none): OP-TEE's REE FS takes
	 * what the disk holds, and refused the 10 MiB copy in one call. */
	{ 4, "the quota: STORAGE_NO_SPACE, nothing half-written", t_quota,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
	{ 5, "the v1.1 API", t_gp11 },
};

XTEST_CASE(case_6001, .id = "6001", .suite = "regression",
	   .title = "Trusted storage: persistent objects",
	   .flags = XTEST_NEEDS_ALONE,	/* storage_test's one object store */
	   .subs = subs_6001, .nsubs = XTEST_ARRAY_SIZE(subs_6001));
XTEST_CASE(case_6002, .id = "6002", .suite = "regression",
	   .title = "Trusted storage: data streams",
	   .flags = XTEST_NEEDS_ALONE,	/* storage_test's one object store */
	   .subs = subs_6002, .nsubs = XTEST_ARRAY_SIZE(subs_6002));
XTEST_CASE(case_6003, .id = "6003", .suite = "regression",
	   .title = "Trusted storage: sharing, handles, rename",
	   .flags = XTEST_NEEDS_ALONE,	/* storage_test's one object store */
	   .subs = subs_6003, .nsubs = XTEST_ARRAY_SIZE(subs_6003));
XTEST_CASE(case_6004, .id = "6004", .suite = "regression",
	   .title = "Trusted storage: enumerators, attributes, isolation, "
		    "quota, v1.1",
	   .flags = XTEST_NEEDS_ALONE,	/* enumerates and fills the store */
	   .subs = subs_6004, .nsubs = XTEST_ARRAY_SIZE(subs_6004));
