/*
 * Helpers of the 4000 (cryptography) and 4100 (arithmetic) series: the
 * crypto_test TAs, the vector files of xtest/vectors (built into xtest),
 * and one record of a file run as one operation in the TA.
 */
#ifndef XTEST_CRYPTO_HELPERS_H
#define XTEST_CRYPTO_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <crypto_test_ta.h>
#include <tee_api_types.h>

#include "xtest_helpers.h"

extern const TEEC_UUID crypto_test_uuid;
extern const TEEC_UUID crypto_test_gp11_uuid;

/* The vector files, embedded at build time (out/gen/xtest/ct_vectors.c). */
struct ct_vector_file {
	const char *name;
	const char *text;
};
extern const struct ct_vector_file ct_vector_files[];
extern const size_t ct_vector_nfiles;

#define CT_REC_MAX_FIELDS	24

/* One record: name = value lines; hex and "text" values decoded. */
struct ct_field {
	char name[24];
	char text[64];		/* the value as written (names, numbers) */
	uint8_t *bytes;		/* decoded hex or text */
	size_t len;
};

struct ct_rec {
	const char *file;
	unsigned int line;	/* where the record starts */
	size_t nfields;
	struct ct_field f[CT_REC_MAX_FIELDS];
};

/* Calls fn for each record of the named file; fails if it is missing. */
void ct_vectors_each_at(const char *file, int line, const char *name,
			void (*fn)(const struct ct_rec *rec, void *arg),
			void *arg);
#define ct_vectors_each(name, fn, arg) \
	ct_vectors_each_at(__FILE__, __LINE__, (name), (fn), (arg))

const struct ct_field *ct_rec_get(const struct ct_rec *r, const char *name);

/* A request blob for CT_CMD_RUN (crypto_test_ta.h). */
struct ct_blob {
	uint8_t *buf;
	size_t len, cap;
};

void ct_blob_add(struct ct_blob *b, uint32_t tag, const void *val,
		 size_t len);
void ct_blob_u32(struct ct_blob *b, uint32_t tag, uint32_t v);
void ct_blob_free(struct ct_blob *b);

/* The GP value of a name without its prefix: "AES_CBC_NOPAD", "AES". */
uint32_t ct_alg_value(const char *name);
uint32_t ct_type_value(const char *name);
TEEC_Result ct_result_value(const char *name);

/* Opens a session on the TA, failing the sub-case if it does not open. */
void ct_open_at(const char *file, int line, TEEC_Context *ctx,
		TEEC_Session *sess, const TEEC_UUID *uuid);
#define ct_open(ctx, sess, uuid) ct_open_at(__FILE__, __LINE__, (ctx), \
					    (sess), (uuid))

/*
 * CT_CMD_RUN: alg, mode, blob, input; out (of *out_len bytes) gets the
 * result and *out_len its size (or the size needed). Returns the TA's
 * result; origin in *origin.
 */
TEEC_Result ct_run(TEEC_Session *s, uint32_t alg, uint32_t mode,
		   const struct ct_blob *b, const void *in, size_t in_len,
		   void *out, size_t *out_len, uint32_t *origin);

/*
 * Runs every record of a vector file on the TA, checking its answers; a
 * wrong record is reported and the rest still run (the sub-case fails at
 * its end).
 */
void ct_run_file_at(const char *file, int line, const TEEC_UUID *uuid,
		    const char *name);
#define ct_run_file(uuid, name) ct_run_file_at(__FILE__, __LINE__, (uuid), \
					       (name))

/* A command that must end the TA with a panic (TARGET_DEAD from the TEE). */
void ct_expect_panic_at(const char *file, int line, const TEEC_UUID *uuid,
			uint32_t cmd, TEEC_Operation *op);
#define ct_expect_panic(uuid, cmd, op) \
	ct_expect_panic_at(__FILE__, __LINE__, (uuid), (cmd), (op))

/*
 * CT_CMD_SELFTEST check on the TA: a failure is reported with the TA's line
 * and result, and the sub-case goes on to its next check.
 */
void ct_selftest_at(const char *file, int line, const TEEC_UUID *uuid,
		    uint32_t check);
#define ct_selftest(uuid, check) \
	ct_selftest_at(__FILE__, __LINE__, (uuid), (check))

/* An algorithm's name in the vector files ("AES_XTS"), or "?". */
const char *ct_alg_name(uint32_t alg);

/*
 * Whether NOT_SUPPORTED from the TA is an answer GP allows: the algorithm
 * is one GP makes optional and the TEE's own TEE_IsAlgorithmSupported
 * (with element, a curve or TEE_CRYPTO_ELEMENT_NONE) says it is missing.
 */
bool ct_unsupported_ok(uint32_t alg, uint32_t element, TEEC_Result res,
		       uint32_t origin);

/* Hex of buf into a static string (for messages). */
const char *ct_hex(const void *buf, size_t len);

#endif
