/*
 * The helper layer of the xtest cases: Client API calls and file chores that
 * fail the running sub-case at the caller's file and line, so a case body
 * holds only the behaviour under test.
 *
 * Failing helpers use cmocka's assertions, which jump out of the sub-case:
 * call them from the case's own thread only, never from threads it starts.
 */
#ifndef XTEST_HELPERS_H
#define XTEST_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tee_client_api.h>

#include "xtest_case.h"
#include "xtest_fixture.h"

/* An expected origin that matches any origin. */
#define XTEST_ORIGIN_ANY	0xffffffffu

#define XTEST_UUID_STRLEN	37	/* "xxxxxxxx-...-xxxxxxxxxxxx" and NUL */

/* "TEEC_ERROR_BAD_PARAMETERS", or NULL for a code the header does not name. */
const char *xtest_result_name(TEEC_Result res);
const char *xtest_origin_name(uint32_t origin);

/* Fails the running sub-case with a message, reported at file:line. */
void xtest_fail_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

#define xtest_fail(...)	xtest_fail_at(__FILE__, __LINE__, __VA_ARGS__)

/*
 * Fails unless res and origin are the expected ones. exp_origin
 * XTEST_ORIGIN_ANY accepts any origin; origin XTEST_ORIGIN_ANY says the call
 * has none.
 */
void xtest_assert_result_at(const char *file, int line, const char *what,
			    TEEC_Result res, uint32_t origin,
			    TEEC_Result exp_res, uint32_t exp_origin);

#define xtest_assert_result(what, res, origin, exp_res, exp_origin)	\
	xtest_assert_result_at(__FILE__, __LINE__, (what), (res), (origin), \
			       (exp_res), (exp_origin))

/*
 * ASSERT_* stop the sub-case at a mismatch; EXPECT_* report it at the
 * caller's line and go on, and the sub-case fails when its body ends. Use
 * EXPECT_* where the checks after a mismatch still tell something (the other
 * fields of one reply), ASSERT_* where they would only repeat it.
 *
 * The integer forms compare any two integers by value, signed or not.
 * The _RESULT forms name the call, the results and origins in the report.
 */
bool xtest_check_result_at(const char *file, int line, bool fatal,
			   const char *what, TEEC_Result res, uint32_t origin,
			   TEEC_Result exp_res, uint32_t exp_origin);
void xtest_check_int_at(const char *file, int line, bool fatal,
			const char *expr, __int128 a, __int128 b);
void xtest_check_mem_at(const char *file, int line, bool fatal,
			const char *expr, const void *a, const void *b,
			size_t len);

/* Reports a failed check: stops the sub-case if fatal, else counts it. */
void xtest_check_failed_at(const char *file, int line, bool fatal,
			   const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A failed expectation with a message of the caller's: the sub-case goes on. */
#define xtest_expect_fail(...) \
	xtest_check_failed_at(__FILE__, __LINE__, false, __VA_ARGS__)

#define XTEST_CMP(fatal, a, op, b)					\
	do {								\
		__int128 xtest_a_ = (__int128)(a);			\
		__int128 xtest_b_ = (__int128)(b);			\
		if (!(xtest_a_ op xtest_b_))				\
			xtest_check_int_at(__FILE__, __LINE__, (fatal),	\
					   #a " " #op " " #b,		\
					   xtest_a_, xtest_b_);		\
	} while (0)

#define XTEST_COND(fatal, cond, want)					\
	do {								\
		if (!(cond) != !(want))					\
			xtest_check_failed_at(__FILE__, __LINE__, (fatal), \
					      "%s is %s, expected %s",	\
					      #cond, (want) ? "false" :	\
					      "true", (want) ? "true" :	\
					      "false");			\
	} while (0)

#define ASSERT_EQ(a, b)		XTEST_CMP(true, a, ==, b)
#define ASSERT_NE(a, b)		XTEST_CMP(true, a, !=, b)
#define ASSERT_LT(a, b)		XTEST_CMP(true, a, <, b)
#define ASSERT_LE(a, b)		XTEST_CMP(true, a, <=, b)
#define ASSERT_GT(a, b)		XTEST_CMP(true, a, >, b)
#define ASSERT_GE(a, b)		XTEST_CMP(true, a, >=, b)
#define ASSERT_TRUE(cond)	XTEST_COND(true, cond, true)
#define ASSERT_FALSE(cond)	XTEST_COND(true, cond, false)

#define EXPECT_EQ(a, b)		XTEST_CMP(false, a, ==, b)
#define EXPECT_NE(a, b)		XTEST_CMP(false, a, !=, b)
#define EXPECT_LT(a, b)		XTEST_CMP(false, a, <, b)
#define EXPECT_LE(a, b)		XTEST_CMP(false, a, <=, b)
#define EXPECT_GT(a, b)		XTEST_CMP(false, a, >, b)
#define EXPECT_GE(a, b)		XTEST_CMP(false, a, >=, b)
#define EXPECT_TRUE(cond)	XTEST_COND(false, cond, true)
#define EXPECT_FALSE(cond)	XTEST_COND(false, cond, false)

#define ASSERT_MEM_EQ(a, b, len) \
	xtest_check_mem_at(__FILE__, __LINE__, true, #a " == " #b, (a), (b), (len))
#define EXPECT_MEM_EQ(a, b, len) \
	xtest_check_mem_at(__FILE__, __LINE__, false, #a " == " #b, (a), (b), (len))

/* A call without an origin (or whose origin does not matter). */
#define ASSERT_RESULT(call, exp)					\
	xtest_check_result_at(__FILE__, __LINE__, true, #call, (call),	\
			      XTEST_ORIGIN_ANY, (exp), XTEST_ORIGIN_ANY)
#define EXPECT_RESULT(call, exp)					\
	xtest_check_result_at(__FILE__, __LINE__, false, #call, (call),	\
			      XTEST_ORIGIN_ANY, (exp), XTEST_ORIGIN_ANY)

/* call's result, then origin (read after the call), against the expected. */
#define XTEST_RESULT_ORIGIN(fatal, call, origin, exp, exp_origin)	\
	do {								\
		TEEC_Result xtest_res_ = (call);			\
		xtest_check_result_at(__FILE__, __LINE__, (fatal), #call, \
				      xtest_res_, (origin), (exp),	\
				      (exp_origin));			\
	} while (0)
#define ASSERT_RESULT_ORIGIN(call, origin, exp, exp_origin) \
	XTEST_RESULT_ORIGIN(true, call, origin, exp, exp_origin)
#define EXPECT_RESULT_ORIGIN(call, origin, exp, exp_origin) \
	XTEST_RESULT_ORIGIN(false, call, origin, exp, exp_origin)

/* A zeroed operation with the given parameter types. */
static inline TEEC_Operation xtest_operation(uint32_t param_types)
{
	TEEC_Operation op = { .paramTypes = param_types };

	return op;
}

/* TEEC_InitializeContext(NULL, ctx): the core the run's environment names. */
void xtest_context_init_at(const char *file, int line, TEEC_Context *ctx);
#define xtest_context_init(ctx) xtest_context_init_at(__FILE__, __LINE__, (ctx))

/* TEEC_OpenSession with TEEC_LOGIN_PUBLIC and no operation. */
TEEC_Result xtest_open_session_result(TEEC_Context *ctx, TEEC_Session *sess,
				      const TEEC_UUID *uuid, uint32_t *origin);

/* The same, failing the sub-case unless the session opens. */
void xtest_open_session_at(const char *file, int line, TEEC_Context *ctx,
			   TEEC_Session *sess, const TEEC_UUID *uuid);
#define xtest_open_session(ctx, sess, uuid) \
	xtest_open_session_at(__FILE__, __LINE__, (ctx), (sess), (uuid))

/* TEEC_InvokeCommand, failing the sub-case unless it returns TEEC_SUCCESS. */
void xtest_invoke_ok_at(const char *file, int line, TEEC_Session *sess,
			uint32_t cmd, TEEC_Operation *op);
#define xtest_invoke_ok(sess, cmd, op) \
	xtest_invoke_ok_at(__FILE__, __LINE__, (sess), (cmd), (op))

/* calloc() that fails the sub-case instead of returning NULL. */
void *xtest_alloc_at(const char *file, int line, size_t size);
#define xtest_alloc(size) xtest_alloc_at(__FILE__, __LINE__, (size))

/* A whole file in memory (free() it), or the sub-case fails. */
void *xtest_read_file_at(const char *file, int line, const char *path,
			 size_t *len);
#define xtest_read_file(path, len) \
	xtest_read_file_at(__FILE__, __LINE__, (path), (len))

/* Creates or replaces path with buf, or the sub-case fails. */
void xtest_write_file_at(const char *file, int line, const char *path,
			 const void *buf, size_t len);
#define xtest_write_file(path, buf, len) \
	xtest_write_file_at(__FILE__, __LINE__, (path), (buf), (len))

/* Runs argv[0] (a path) and fails the sub-case unless it exits with 0. */
void xtest_run_at(const char *file, int line, char *const argv[]);
#define xtest_run(argv) xtest_run_at(__FILE__, __LINE__, (argv))

/* A random (version 4) UUID that names no TA. */
void xtest_uuid_random_at(const char *file, int line, TEEC_UUID *uuid);
#define xtest_uuid_random(uuid) xtest_uuid_random_at(__FILE__, __LINE__, (uuid))

/* The canonical lowercase text form, as TA file names use it. */
void xtest_uuid_string(const TEEC_UUID *uuid, char str[XTEST_UUID_STRLEN]);

/* "DIR/<uuid>.EXT" into path, or the sub-case fails. */
void xtest_ta_path_at(const char *file, int line, char *path, size_t len,
		      const char *dir, const TEEC_UUID *uuid, const char *ext);
#define xtest_ta_path(path, len, dir, uuid, ext) \
	xtest_ta_path_at(__FILE__, __LINE__, (path), (len), (dir), (uuid), (ext))

/*
 * The TA directory a case may write to, which the supplicant also serves
 * ($XTEST_TA_EXTRA_DIR); the sub-case is skipped when there is none.
 */
const char *xtest_ta_extra_dir_at(const char *file, int line);
#define xtest_ta_extra_dir() xtest_ta_extra_dir_at(__FILE__, __LINE__)

/* Fills buf with bytes that depend on seed and position. */
void xtest_fill(void *buf, size_t len, uint32_t seed);

#endif
