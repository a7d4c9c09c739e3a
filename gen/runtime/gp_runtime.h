/*
 * What gpgen-generated GP cases call: expectations that report the XML
 * location, Client API steps, threads, and the test TAs' commands.
 */
#ifndef GP_RUNTIME_H
#define GP_RUNTIME_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include <tee_client_api.h>

#include "gp_names.h"
#include "xtest_case.h"
#include "xtest_fixture.h"

#define GP_MAYBE_UNUSED		__attribute__((unused))

/* returnOrigin NULL in the XML: the origin is not checked. */
#define GP_ORIGIN_ANY		0u

/*
 * Each generated step is one line of C right after a #line directive naming
 * its XML line, so __FILE__ and __LINE__ in the macros below are the XML
 * location, and a failure reads
 * "file.xml:LINE: expected TEEC_SUCCESS got 0xffff0008".
 */

/* Reports "file:line: what" as a failure of the running case; no return. */
void gp_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

void gp_expect_result(const char *file, int line, const char *exp_name,
		      uint32_t exp, uint32_t got);
void gp_expect_origin(const char *file, int line, const char *exp_name,
		      uint32_t exp, uint32_t got);
void gp_expect_u32(const char *file, int line, const char *what,
		   uint32_t exp, uint32_t got);

#define GP_EXPECT_RESULT(exp, got)					\
	gp_expect_result(__FILE__, __LINE__, #exp, (exp), (got))

/*
 * The objects of a scenario and what its steps create belong to the running
 * sub-case's fixture (gp_fixture.c): what a failed step leaves open is
 * released when the sub-case ends. gp_begin() starts the scenario (the
 * fixture it returns is NULL outside xtest); GP_OBJECT is a zeroed object
 * in the fixture's memory.
 */
struct xtest_fixture *gp_begin(void **state);
void *gp_object_at(const char *file, int line, struct xtest_fixture *fx,
		   size_t size);
#define GP_OBJECT(fx, type)						\
	((type *)gp_object_at(__FILE__, __LINE__, (fx), sizeof(type)))

/* Client API steps. */
TEEC_Result gp_initialize_context_at(const char *file, int line,
				     const char *name, TEEC_Context *ctx);
void gp_finalize_context(TEEC_Context *ctx);
void gp_close_session(TEEC_Session *sess);

#define GP_INITIALIZE_CONTEXT(name, ctx)				\
	gp_initialize_context_at(__FILE__, __LINE__, (name), (ctx))

void gp_open_session(const char *file, int line, TEEC_Context *ctx,
		     TEEC_Session *sess, const TEEC_UUID *uuid,
		     uint32_t method, const void *data, TEEC_Operation *op,
		     uint32_t origin, const char *origin_name, uint32_t exp,
		     const char *exp_name);
void gp_invoke(const char *file, int line, TEEC_Session *sess, uint32_t cmd,
	       TEEC_Operation *op, uint32_t origin, const char *origin_name,
	       uint32_t exp, const char *exp_name);

#define GP_OPEN_SESSION(ctx, sess, uuid, method, data, op, origin, exp)	\
	gp_open_session(__FILE__, __LINE__, (ctx), (sess), (uuid),	\
			(method), (data), (op), (origin), #origin, (exp), #exp)
#define GP_INVOKE(sess, cmd, op, origin, exp)				\
	gp_invoke(__FILE__, __LINE__, (sess), (cmd), (op), (origin),	\
		  #origin, (exp), #exp)

TEEC_Result gp_allocate_shm_at(const char *file, int line,
			       TEEC_Context *ctx, TEEC_SharedMemory *shm,
			       size_t size, uint32_t flags);
TEEC_Result gp_register_shm_at(const char *file, int line,
			       TEEC_Context *ctx, TEEC_SharedMemory *shm,
			       size_t size, uint32_t flags);
void gp_release_shm(TEEC_SharedMemory *shm);

#define GP_ALLOCATE_SHM(ctx, shm, size, flags)				\
	gp_allocate_shm_at(__FILE__, __LINE__, (ctx), (shm), (size), (flags))
#define GP_REGISTER_SHM(ctx, shm, size, flags)				\
	gp_register_shm_at(__FILE__, __LINE__, (ctx), (shm), (size), (flags))

void gp_set_value(const char *file, int line, TEEC_Operation *op,
		  uint32_t n, uint32_t a, uint32_t b);
void gp_set_memref(const char *file, int line, TEEC_Operation *op,
		   uint32_t n, TEEC_SharedMemory *shm, size_t offset,
		   size_t size);
void gp_set_tmpref(const char *file, int line, TEEC_Operation *op,
		   uint32_t n, void *buf, size_t size);
void gp_fill_shm(const char *file, int line, TEEC_SharedMemory *shm,
		 uint32_t value, size_t size);
void gp_check_shm(const char *file, int line, const TEEC_Operation *op,
		  uint32_t n, const TEEC_SharedMemory *shm, uint32_t value,
		  size_t size);
void gp_check_value(const char *file, int line, const TEEC_Operation *op,
		    uint32_t n, uint32_t a, uint32_t b);
void gp_fill_temp(const char *file, int line, void *buf, uint32_t value,
		  size_t size);
void gp_check_temp(const char *file, int line, const TEEC_Operation *op,
		   uint32_t n, const void *buf, uint32_t value, size_t size);
void *gp_alloc_temp(const char *file, int line, size_t size);
void gp_free_temp(void **buf);

#define GP_SET_VALUE(op, n, a, b)					\
	gp_set_value(__FILE__, __LINE__, (op), (n), (a), (b))
#define GP_SET_MEMREF(op, n, shm, offset, size)				\
	gp_set_memref(__FILE__, __LINE__, (op), (n), (shm), (offset), (size))
#define GP_SET_TMPREF(op, n, buf, size)					\
	gp_set_tmpref(__FILE__, __LINE__, (op), (n), (buf), (size))
#define GP_FILL_SHM(shm, value, size)					\
	gp_fill_shm(__FILE__, __LINE__, (shm), (value), (size))
#define GP_CHECK_SHM(op, n, shm, value, size)				\
	gp_check_shm(__FILE__, __LINE__, (op), (n), (shm), (value), (size))
#define GP_CHECK_VALUE(op, n, a, b)					\
	gp_check_value(__FILE__, __LINE__, (op), (n), (a), (b))
#define GP_FILL_TEMP(buf, value, size)					\
	gp_fill_temp(__FILE__, __LINE__, (buf), (value), (size))
#define GP_CHECK_TEMP(op, n, buf, value, size)				\
	gp_check_temp(__FILE__, __LINE__, (op), (n), (buf), (value), (size))
#define GP_ALLOC_TEMP(size)	gp_alloc_temp(__FILE__, __LINE__, (size))

/* An invoke running on a thread of its own, so the case can cancel it. */
struct gp_thread {
	pthread_t tid;
	int running;
	TEEC_Session *sess;
	uint32_t cmd;
	TEEC_Operation *op;
	TEEC_Result res;
	uint32_t origin;
};

/* A thread started (or joined) by a step: the fixture joins it if need be. */
void gp_own_thread(const char *file, int line, struct gp_thread *t);
void gp_disown_thread(struct gp_thread *t);

/* The client waits: a command on another thread gets to the TA. */
void gp_sleep_ms(uint32_t ms);

void gp_thread_start_invoke(const char *file, int line, struct gp_thread *t,
			    TEEC_Session *sess, uint32_t cmd,
			    TEEC_Operation *op);
void gp_thread_join(const char *file, int line, struct gp_thread *t,
		    uint32_t origin, const char *origin_name, uint32_t exp,
		    const char *exp_name);

#define GP_THREAD_START_INVOKE(t, sess, cmd, op)			\
	gp_thread_start_invoke(__FILE__, __LINE__, (t), (sess), (cmd), (op))
#define GP_THREAD_JOIN(t, origin, exp)					\
	gp_thread_join(__FILE__, __LINE__, (t), (origin), #origin,	\
		       (exp), #exp)

/*
 * Commands of GP's test TAs, laid out as the TAs' protocol expects. Each
 * returns the TA's result; those that also check what the TA returned
 * report a mismatch at the step.
 */
TEEC_Result gp_tta_invoke(TEEC_Session *sess, uint32_t cmd);
TEEC_Result gp_tta_invoke_value(TEEC_Session *sess, uint32_t cmd, uint32_t a,
				uint32_t b);
TEEC_Result gp_tta_invoke_values(TEEC_Session *sess, uint32_t cmd, size_t n,
				 const uint32_t *a);
TEEC_Result gp_tcf_mem_compare(const char *file, int line, TEEC_Session *sess,
			       uint32_t cmd, uint32_t size, uint32_t which,
			       uint32_t result);
TEEC_Result gp_tcf_get_property(const char *file, int line, TEEC_Session *sess,
				uint32_t cmd, uint32_t propset,
				const char *name, uint32_t kind,
				const char *expected);
TEEC_Result gp_tcf_allocate_enumerator(TEEC_Session *sess, uint32_t cmd,
				       uint32_t *enumerator);
TEEC_Result gp_tcf_get_property_name(const char *file, int line,
				     TEEC_Session *sess, uint32_t cmd,
				     uint32_t enumerator, const char *expected,
				     uint32_t kind);
TEEC_Result gp_tcf_check_access(TEEC_Session *sess, uint32_t cmd,
				uint32_t memref_type, uint32_t flags);
TEEC_Result gp_tcf_ta_open_session(const char *file, int line,
				   TEEC_Session *sess, uint32_t cmd,
				   uint32_t which, const TEEC_UUID *uuid,
				   uint32_t origin, const char *origin_name);
TEEC_Result gp_tcf_mem_fill(TEEC_Session *sess, uint32_t cmd, uint32_t size,
			    const uint8_t *fill);
TEEC_Result gp_tcf_set_instance_data(TEEC_Session *sess, uint32_t cmd,
				     const char *data);
TEEC_Result gp_tcf_get_instance_data(const char *file, int line,
				     TEEC_Session *sess, uint32_t cmd,
				     const char *data);

#endif
