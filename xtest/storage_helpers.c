/* Helpers of the 6000 (trusted storage) series (storage_helpers.h). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "storage_helpers.h"

#define T(a, b, c, d) \
	TEEC_PARAM_TYPES(TEEC_##a, TEEC_##b, TEEC_##c, TEEC_##d)

const TEEC_UUID storage_test_uuid = TA_STORAGE_TEST_UUID;
const TEEC_UUID storage_test2_uuid = TA_STORAGE_TEST2_UUID;
const TEEC_UUID storage_test_gp11_uuid = TA_STORAGE_TEST_GP11_UUID;

static void put_h(TEEC_Value *v, uint64_t h)
{
	v->a = (uint32_t)h;
	v->b = (uint32_t)(h >> 32);
}

static uint64_t get_h(const TEEC_Value *v)
{
	return ((uint64_t)v->b << 32) | v->a;
}

static TEEC_Result st_invoke(TEEC_Session *s, uint32_t cmd, TEEC_Operation *op)
{
	uint32_t origin;

	return TEEC_InvokeCommand(s, cmd, op, &origin);
}

TEEC_Result st_create_ex(TEEC_Session *s, uint32_t storage, const void *id,
			 size_t id_len, uint32_t flags, uint32_t attrs,
			 const void *data, size_t len, uint64_t *h)
{
	TEEC_Operation op = xtest_operation(T(VALUE_INPUT, MEMREF_TEMP_INPUT,
					      MEMREF_TEMP_INPUT,
					      VALUE_INOUT));
	TEEC_Result res;

	op.params[0].value.a = storage;
	op.params[0].value.b = flags;
	op.params[1].tmpref.buffer = (void *)id;
	op.params[1].tmpref.size = id_len;
	op.params[2].tmpref.buffer = (void *)data;
	op.params[2].tmpref.size = len;
	op.params[3].value.a = attrs;
	res = st_invoke(s, h ? ST_CMD_CREATE : ST_CMD_CREATE_NOHANDLE, &op);
	if (h)
		*h = get_h(&op.params[3].value);
	return res;
}

TEEC_Result st_create(TEEC_Session *s, const char *id, uint32_t flags,
		      const void *data, size_t len, uint64_t *h)
{
	return st_create_ex(s, TEE_STORAGE_PRIVATE, id, strlen(id), flags,
			    ST_ATTRS_NONE, data, len, h);
}

TEEC_Result st_open_ex(TEEC_Session *s, uint32_t storage, const void *id,
		       size_t id_len, uint32_t flags, uint64_t *h)
{
	TEEC_Operation op = xtest_operation(T(VALUE_INPUT, MEMREF_TEMP_INPUT,
					      VALUE_OUTPUT, NONE));
	TEEC_Result res;

	op.params[0].value.a = storage;
	op.params[0].value.b = flags;
	op.params[1].tmpref.buffer = (void *)id;
	op.params[1].tmpref.size = id_len;
	res = st_invoke(s, ST_CMD_OPEN, &op);
	*h = get_h(&op.params[2].value);
	return res;
}

TEEC_Result st_open(TEEC_Session *s, const char *id, uint32_t flags,
		    uint64_t *h)
{
	return st_open_ex(s, TEE_STORAGE_PRIVATE, id, strlen(id), flags, h);
}

TEEC_Result st_cmd_h(TEEC_Session *s, uint32_t cmd, uint64_t h)
{
	TEEC_Operation op = xtest_operation(T(VALUE_INPUT, NONE, NONE, NONE));

	put_h(&op.params[0].value, h);
	return st_invoke(s, cmd, &op);
}

TEEC_Result st_rename(TEEC_Session *s, uint64_t h, const void *id,
		      size_t id_len)
{
	TEEC_Operation op = xtest_operation(T(VALUE_INPUT, MEMREF_TEMP_INPUT,
					      NONE, NONE));

	put_h(&op.params[0].value, h);
	op.params[1].tmpref.buffer = (void *)id;
	op.params[1].tmpref.size = id_len;
	return st_invoke(s, ST_CMD_RENAME, &op);
}

TEEC_Result st_read(TEEC_Session *s, uint64_t h, void *buf, size_t len,
		    size_t *count)
{
	TEEC_Operation op = xtest_operation(T(VALUE_INPUT, MEMREF_TEMP_OUTPUT,
					      NONE, NONE));
	TEEC_Result res;

	put_h(&op.params[0].value, h);
	op.params[1].tmpref.buffer = buf;
	op.params[1].tmpref.size = len;
	res = st_invoke(s, ST_CMD_READ, &op);
	*count = op.params[1].tmpref.size;
	return res;
}

TEEC_Result st_write(TEEC_Session *s, uint64_t h, const void *buf, size_t len)
{
	TEEC_Operation op = xtest_operation(T(VALUE_INPUT, MEMREF_TEMP_INPUT,
					      NONE, NONE));

	put_h(&op.params[0].value, h);
	op.params[1].tmpref.buffer = (void *)buf;
	op.params[1].tmpref.size = len;
	return st_invoke(s, ST_CMD_WRITE, &op);
}

TEEC_Result st_truncate(TEEC_Session *s, uint64_t h, uint64_t size)
{
	TEEC_Operation op = xtest_operation(T(VALUE_INPUT, VALUE_INPUT,
					      NONE, NONE));

	put_h(&op.params[0].value, h);
	put_h(&op.params[1].value, size);
	return st_invoke(s, ST_CMD_TRUNCATE, &op);
}

TEEC_Result st_seek(TEEC_Session *s, uint64_t h, int64_t off, uint32_t whence)
{
	TEEC_Operation op = xtest_operation(T(VALUE_INPUT, VALUE_INPUT,
					      VALUE_INPUT, NONE));

	put_h(&op.params[0].value, h);
	put_h(&op.params[1].value, (uint64_t)off);
	op.params[2].value.a = whence;
	return st_invoke(s, ST_CMD_SEEK, &op);
}

TEEC_Result st_info(TEEC_Session *s, uint64_t h, struct st_info *info)
{
	TEEC_Operation op = xtest_operation(T(VALUE_INPUT, MEMREF_TEMP_OUTPUT,
					      NONE, NONE));

	put_h(&op.params[0].value, h);
	op.params[1].tmpref.buffer = info;
	op.params[1].tmpref.size = sizeof(*info);
	return st_invoke(s, ST_CMD_INFO, &op);
}

TEEC_Result st_get_attr(TEEC_Session *s, uint64_t h, uint32_t id, void *buf,
			size_t *len)
{
	TEEC_Operation op = xtest_operation(T(VALUE_INPUT, VALUE_INPUT,
					      MEMREF_TEMP_OUTPUT, NONE));
	TEEC_Result res;

	put_h(&op.params[0].value, h);
	op.params[1].value.a = id;
	op.params[2].tmpref.buffer = buf;
	op.params[2].tmpref.size = *len;
	res = st_invoke(s, ST_CMD_GET_ATTR, &op);
	*len = op.params[2].tmpref.size;
	return res;
}

TEEC_Result st_enum_alloc(TEEC_Session *s, uint64_t *e)
{
	TEEC_Operation op = xtest_operation(T(VALUE_OUTPUT, NONE, NONE, NONE));
	TEEC_Result res = st_invoke(s, ST_CMD_ENUM_ALLOC, &op);

	*e = get_h(&op.params[0].value);
	return res;
}

TEEC_Result st_enum_start(TEEC_Session *s, uint64_t e, uint32_t storage)
{
	TEEC_Operation op = xtest_operation(T(VALUE_INPUT, VALUE_INPUT, NONE,
					      NONE));

	put_h(&op.params[0].value, e);
	op.params[1].value.a = storage;
	return st_invoke(s, ST_CMD_ENUM_START, &op);
}

TEEC_Result st_enum_next(TEEC_Session *s, uint64_t e, void *id,
			 size_t *id_len, struct st_info *info)
{
	TEEC_Operation op = xtest_operation(T(VALUE_INPUT, MEMREF_TEMP_OUTPUT,
					      MEMREF_TEMP_OUTPUT, NONE));
	TEEC_Result res;

	put_h(&op.params[0].value, e);
	op.params[1].tmpref.buffer = id;
	op.params[1].tmpref.size = *id_len;
	op.params[2].tmpref.buffer = info;
	op.params[2].tmpref.size = sizeof(*info);
	res = st_invoke(s, ST_CMD_ENUM_NEXT, &op);
	*id_len = op.params[1].tmpref.size;
	return res;
}

void st_check_data_at(const char *file, int line, TEEC_Session *s,
		      uint64_t h, const void *exp, size_t len)
{
	uint8_t *buf = xtest_alloc_at(file, line, len + 16);
	TEEC_Result res;
	size_t n = 0;

	res = st_seek(s, h, 0, ST_SEEK_SET);
	if (!res)
		res = st_read(s, h, buf, len + 16, &n);
	if (res)
		xtest_fail_at(file, line, "reading the object back: 0x%08x",
			      res);
	if (n != len || memcmp(buf, exp, len)) {
		free(buf);
		xtest_fail_at(file, line, "the object holds %zu bytes, not "
			      "the %zu written, or other bytes", n, len);
	}
	free(buf);
}

void st_remove(TEEC_Session *s, const char *id)
{
	uint64_t h;

	if (!st_open(s, id, TEE_DATA_FLAG_ACCESS_WRITE_META, &h))
		st_cmd_h(s, ST_CMD_CLOSE_DELETE, h);
}

const char *st_storage_dir_at(const char *file, int line)
{
	static char dir[PATH_MAX];
	const char *sock = getenv("TEECHECK_CORE");
	const char *slash;

	(void)file;
	(void)line;
	if (!sock || sock[0] != '/' || !(slash = strrchr(sock, '/')))
		skip();
	snprintf(dir, sizeof(dir), "%.*s/storage", (int)(slash - sock), sock);
	return dir;
}

static void scan_dir(struct st_files *fs, const char *dir)
{
	struct dirent *d;
	struct stat st;
	char path[512];
	DIR *dp = opendir(dir);

	if (!dp)
		return;
	while ((d = readdir(dp)) && fs->n < 256) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (lstat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			scan_dir(fs, path);
			continue;
		}
		snprintf(fs->f[fs->n].path, sizeof(fs->f[0].path), "%s", path);
		fs->f[fs->n].size = st.st_size;
		fs->f[fs->n].mtime_ns = (long long)st.st_mtim.tv_sec *
					1000000000 + st.st_mtim.tv_nsec;
		fs->n++;
	}
	closedir(dp);
}

void st_files_scan(struct st_files *fs)
{
	fs->n = 0;
	scan_dir(fs, st_storage_dir());
}

void st_files_changed(const struct st_files *before,
		      const struct st_files *after, bool dir_record,
		      char *path, size_t len)
{
	size_t i, j;

	path[0] = 0;
	for (i = 0; i < after->n; i++) {
		const char *base = strrchr(after->f[i].path, '/') + 1;

		if (strstr(base, ".tmp") ||
		    !strcmp(base, "0000000000000000") != dir_record)
			continue;
		for (j = 0; j < before->n; j++)
			if (!strcmp(before->f[j].path, after->f[i].path) &&
			    before->f[j].size == after->f[i].size &&
			    before->f[j].mtime_ns == after->f[i].mtime_ns)
				break;
		if (j == before->n) {
			snprintf(path, len, "%s", after->f[i].path);
			return;
		}
	}
}
