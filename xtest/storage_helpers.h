/*
 * Helpers of the 6000 (trusted storage) series: one call each to the
 * storage_test TA's commands, reporting the TA's result, and the files of
 * the private core's storage directory for the tamper cases.
 */
#ifndef XTEST_STORAGE_HELPERS_H
#define XTEST_STORAGE_HELPERS_H

#include <stdbool.h>
#include <stdint.h>

#include <storage_test_ta.h>
#include <tee_api_defines.h>

#include "xtest_helpers.h"

extern const TEEC_UUID storage_test_uuid;
extern const TEEC_UUID storage_test2_uuid;
extern const TEEC_UUID storage_test_gp11_uuid;

#define ST_RW	(TEE_DATA_FLAG_ACCESS_READ | TEE_DATA_FLAG_ACCESS_WRITE)
/* TEE_Whence (tee_api_types.h is the TA side's). */
#define ST_SEEK_SET	0
#define ST_SEEK_CUR	1
#define ST_SEEK_END	2

#define ST_ALL	(ST_RW | TEE_DATA_FLAG_ACCESS_WRITE_META)

/* Each returns the TA's result; handles are 64-bit values. */
TEEC_Result st_create(TEEC_Session *s, const char *id, uint32_t flags,
		      const void *data, size_t len, uint64_t *h);
TEEC_Result st_create_ex(TEEC_Session *s, uint32_t storage, const void *id,
			 size_t id_len, uint32_t flags, uint32_t attrs,
			 const void *data, size_t len, uint64_t *h);
TEEC_Result st_open(TEEC_Session *s, const char *id, uint32_t flags,
		    uint64_t *h);
TEEC_Result st_open_ex(TEEC_Session *s, uint32_t storage, const void *id,
		       size_t id_len, uint32_t flags, uint64_t *h);
TEEC_Result st_cmd_h(TEEC_Session *s, uint32_t cmd, uint64_t h);
TEEC_Result st_rename(TEEC_Session *s, uint64_t h, const void *id,
		      size_t id_len);
TEEC_Result st_read(TEEC_Session *s, uint64_t h, void *buf, size_t len,
		    size_t *count);
TEEC_Result st_write(TEEC_Session *s, uint64_t h, const void *buf,
		     size_t len);
TEEC_Result st_truncate(TEEC_Session *s, uint64_t h, uint64_t size);
TEEC_Result st_seek(TEEC_Session *s, uint64_t h, int64_t off,
		    uint32_t whence);
TEEC_Result st_info(TEEC_Session *s, uint64_t h, struct st_info *info);
TEEC_Result st_get_attr(TEEC_Session *s, uint64_t h, uint32_t id, void *buf,
			size_t *len);
TEEC_Result st_enum_alloc(TEEC_Session *s, uint64_t *e);
TEEC_Result st_enum_start(TEEC_Session *s, uint64_t e, uint32_t storage);
TEEC_Result st_enum_next(TEEC_Session *s, uint64_t e, void *id,
			 size_t *id_len, struct st_info *info);

/* Fails the sub-case at the caller unless res is exp. */
#define st_expect(what, res, exp) \
	xtest_assert_result((what), (res), XTEST_ORIGIN_ANY, (exp), \
			    XTEST_ORIGIN_ANY)
#define st_ok(what, res) st_expect((what), (res), TEEC_SUCCESS)

/* Reads the whole object from position 0 and compares it with exp. */
void st_check_data_at(const char *file, int line, TEEC_Session *s,
		      uint64_t h, const void *exp, size_t len);
#define st_check_data(s, h, exp, len) \
	st_check_data_at(__FILE__, __LINE__, (s), (h), (exp), (len))

/* Deletes the object id if it exists. */
void st_remove(TEEC_Session *s, const char *id);

/*
 * The private core's storage directory (beside its socket); the sub-case
 * is skipped against another TEE.
 */
const char *st_storage_dir_at(const char *file, int line);
#define st_storage_dir() st_storage_dir_at(__FILE__, __LINE__)

/* Every file below the storage directory, with its size and mtime. */
struct st_files {
	size_t n;
	struct st_file {
		char path[512];
		long long size;
		long long mtime_ns;
	} f[256];
};
void st_files_scan(struct st_files *fs);
/* The file of after that is new or changed since before, not named
   0000000000000000 unless dir_record; "" if none. */
void st_files_changed(const struct st_files *before,
		      const struct st_files *after, bool dir_record,
		      char *path, size_t len);

#endif
