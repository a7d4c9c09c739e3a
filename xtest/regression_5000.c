/*
 * 5001-5006: shared memory data paths. Registered, allocated and
 * temporary memory reaches the TA and comes back byte for byte, at every
 * size and edge; what is out of bounds, of another guest or read-only is
 * refused; an input buffer cannot be written by the TA.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <shm_churn_ta.h>

#include "shm_helpers.h"

#define PG	4096u
#define INOUT	(TEEC_MEM_INPUT | TEEC_MEM_OUTPUT)

static TEEC_Parameter whole(TEEC_SharedMemory *shm)
{
	TEEC_Parameter p = { .memref = { .parent = shm } };

	return p;
}

static TEEC_Parameter partial(TEEC_SharedMemory *shm, size_t off,
			      size_t size)
{
	TEEC_Parameter p = {
		.memref = { .parent = shm, .offset = off, .size = size },
	};

	return p;
}

static TEEC_Parameter temp(void *buf, size_t size)
{
	TEEC_Parameter p = { .tmpref = { .buffer = buf, .size = size } };

	return p;
}

/* size bytes of the application's heap, freed when the sub-case ends. */
static void *heap_buffer(struct xtest_fixture *fx, size_t size)
{
	void *p = xtest_alloc(size);

	xtest_fx_defer(fx, free, p);
	return p;
}

/* Runs cmd and fails unless it succeeds with a clean check. */
static void churn_ok_at(const char *file, int line, TEEC_Session *sess,
			uint32_t cmd, uint32_t type, TEEC_Parameter mem,
			uint32_t seed, uint32_t seed2)
{
	TEEC_Value out = { 0 };
	uint32_t origin;
	TEEC_Result res;

	res = xshm_invoke(sess, cmd, type, mem, seed, seed2, &out, &origin);
	xtest_assert_result_at(file, line, "shm_churn command", res, origin,
			       TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	if (cmd != SHM_CHURN_CMD_FILL && out.a)
		xtest_fail_at(file, line, "the TA found a wrong byte at "
			      "offset %u", out.b);
}

#define churn_ok(sess, cmd, type, mem, seed, seed2) \
	churn_ok_at(__FILE__, __LINE__, (sess), (cmd), (type), (mem), \
		    (seed), (seed2))

static void assert_pattern_at(const char *file, int line, const void *buf,
			      size_t len, uint32_t seed)
{
	size_t bad = shm_churn_mismatch(buf, len, seed);

	if (bad != len)
		xtest_fail_at(file, line, "byte %zu of %zu is not the TA's",
			      bad, len);
}

#define assert_pattern(buf, len, seed) \
	assert_pattern_at(__FILE__, __LINE__, (buf), (len), (seed))

/* The core reads the block, through its window, as buf holds it. */
static void assert_core_digest_at(const char *file, int line,
				  TEEC_SharedMemory *shm, const void *buf,
				  size_t len)
{
	uint64_t d = 0, want = shm_raw_local_digest(buf, len);

	xtest_assert_result_at(file, line, "teecheck_shm_digest",
			       teecheck_shm_digest(shm, &d), XTEST_ORIGIN_ANY,
			       TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	if (d != want)
		xtest_check_int_at(file, line, true,
				   "the core's digest == the local one", d,
				   want);
}

#define assert_core_digest(shm, buf, len) \
	assert_core_digest_at(__FILE__, __LINE__, (shm), (buf), (len))

/* 5001: each direction, registered, allocated and temporary. */

static void test_5001_registered_input(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	uint8_t *buf = heap_buffer(fx, 10000);
	TEEC_SharedMemory *shm;

	shm_churn_fill(buf, 10000, 11);
	shm = xtest_fx_shm_register(fx, &fx->ctx, buf, 10000, TEEC_MEM_INPUT);
	churn_ok(&fx->sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_WHOLE, whole(shm),
		 11, 0);
	churn_ok(&fx->sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_PARTIAL_INPUT,
		 partial(shm, 0, 9999), 11, 0);
}

static void test_5001_registered_output(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	uint8_t *buf = heap_buffer(fx, 10000);
	TEEC_SharedMemory *shm;

	shm = xtest_fx_shm_register(fx, &fx->ctx, buf, 10000,
				    TEEC_MEM_OUTPUT);
	churn_ok(&fx->sess, SHM_CHURN_CMD_FILL, TEEC_MEMREF_WHOLE, whole(shm),
		 22, 0);
	assert_pattern(buf, 10000, 22);
}

static void test_5001_registered_inout(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	uint8_t *buf = heap_buffer(fx, 10000);
	TEEC_SharedMemory *shm;

	shm_churn_fill(buf, 10000, 33);
	shm = xtest_fx_shm_register(fx, &fx->ctx, buf, 10000, INOUT);
	churn_ok(&fx->sess, SHM_CHURN_CMD_XFORM, TEEC_MEMREF_WHOLE, whole(shm),
		 33, 44);
	assert_pattern(buf, 10000, 44);
	churn_ok(&fx->sess, SHM_CHURN_CMD_XFORM, TEEC_MEMREF_PARTIAL_INOUT,
		 partial(shm, 0, 10000), 44, 45);
	assert_pattern(buf, 10000, 45);
}

static void test_5001_allocated(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_SharedMemory *shm;

	shm = xtest_fx_shm_alloc(fx, &fx->ctx, 3 * PG + 100, INOUT);
	shm_churn_fill(shm->buffer, shm->size, 55);
	churn_ok(&fx->sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_WHOLE, whole(shm),
		 55, 0);
	churn_ok(&fx->sess, SHM_CHURN_CMD_FILL, TEEC_MEMREF_WHOLE, whole(shm),
		 66, 0);
	assert_pattern(shm->buffer, shm->size, 66);
	/* The core's window maps these very pages. */
	assert_core_digest(shm, shm->buffer, shm->size);
	xtest_fx_release_keep(fx, shm);
	ASSERT_TRUE(shm->buffer == NULL);
}

static void test_5001_temporary(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	uint8_t *buf = heap_buffer(fx, 3 * PG + 7);
	TEEC_SharedMemory *shm;

	shm_churn_fill(buf, 3 * PG + 7, 77);
	churn_ok(&fx->sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_TEMP_INPUT,
		 temp(buf, 3 * PG + 7), 77, 0);
	churn_ok(&fx->sess, SHM_CHURN_CMD_FILL, TEEC_MEMREF_TEMP_OUTPUT,
		 temp(buf + 1, 3 * PG), 78, 0);
	assert_pattern(buf + 1, 3 * PG, 78);
	/* A temporary memref inside shared memory needs no bounce. */
	shm = xtest_fx_shm_alloc(fx, &fx->ctx, 2 * PG, INOUT);
	churn_ok(&fx->sess, SHM_CHURN_CMD_FILL, TEEC_MEMREF_TEMP_INOUT,
		 temp((uint8_t *)shm->buffer + 5, PG), 79, 0);
	assert_pattern((uint8_t *)shm->buffer + 5, PG, 79);
}

static const struct xtest_sub subs_5001[] = {
	{ 1, "a registered input buffer reaches the TA intact",
	  test_5001_registered_input },
	{ 2, "a registered output buffer gets what the TA wrote",
	  test_5001_registered_output },
	{ 3, "a registered in/out buffer goes both ways",
	  test_5001_registered_inout },
	{ 4, "allocated shared memory is shared without a copy",
	  test_5001_allocated,
	  .flags = XTEST_NEEDS_CORE_HOOKS },
	{ 5, "temporary memrefs in and out, bounced or in shared memory",
	  test_5001_temporary },
};

XTEST_CASE(case_5001, .id = "5001", .suite = "regression",
	   .title = "Shared memory carries data in each direction",
	   .ta = &xshm_churn_uuid,
	   .subs = subs_5001, .nsubs = XTEST_ARRAY_SIZE(subs_5001));

/* 5002: sizes. */

/* PROBE of one memref: the TA sees an empty buffer. */
static void expect_empty_at(const char *file, int line, TEEC_Session *sess,
			    uint32_t type, TEEC_Parameter mem)
{
	TEEC_Value out = { 0 };
	uint32_t origin = 0;
	TEEC_Result res;

	res = xshm_invoke(sess, SHM_CHURN_CMD_PROBE, type, mem, 0, 0, &out,
			  &origin);
	if (xtest_check_result_at(file, line, false, "PROBE", res, origin,
				  TEEC_SUCCESS, XTEST_ORIGIN_ANY) && out.b)
		xtest_check_int_at(file, line, false, "the size the TA saw == 0",
				   out.b, 0);
}

#define expect_empty(sess, type, mem) \
	expect_empty_at(__FILE__, __LINE__, (sess), (type), (mem))

static void test_5002_zero_length(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct teecheck_shm_stats before, after;
	TEEC_SharedMemory *reg, *reg_null, *alloc;
	static uint8_t byte;

	xshm_stats(&fx->ctx, TEECHECK_SHM_SELF, &before);
	reg = xtest_fx_shm_register(fx, &fx->ctx, &byte, 0, INOUT);
	reg_null = xtest_fx_shm_register(fx, &fx->ctx, NULL, 0,
					 TEEC_MEM_INPUT);
	alloc = xtest_fx_shm_alloc(fx, &fx->ctx, 0, INOUT);
	ASSERT_TRUE(alloc->buffer != NULL);
	/* Nothing to map: the core holds no object for them. */
	xshm_stats(&fx->ctx, TEECHECK_SHM_SELF, &after);
	EXPECT_EQ(after.objects, before.objects);
	expect_empty(&fx->sess, TEEC_MEMREF_WHOLE, whole(reg));
	expect_empty(&fx->sess, TEEC_MEMREF_WHOLE, whole(reg_null));
	expect_empty(&fx->sess, TEEC_MEMREF_PARTIAL_OUTPUT,
		     partial(alloc, 0, 0));
}

/* Sizes around a page, at buffer offsets that are not page aligned. */
static void test_5002_sizes_at_odd_offsets(void **state)
{
	static const size_t sizes[] = { 1, PG - 1, PG, PG + 1, 2 * PG + 3 };
	static const size_t offs[] = { 0, 1, 3, PG - 1 };
	struct xtest_fixture *fx = xtest_fixture(state);
	uint8_t *heap = heap_buffer(fx, 4 * PG);
	TEEC_SharedMemory *arena, *shm;
	uint8_t *buf;
	uint32_t seed = 100;
	size_t s, o;
	int where;

	arena = xtest_fx_shm_alloc(fx, &fx->ctx, 4 * PG, INOUT);
	for (where = 0; where < 2; where++) {
		for (s = 0; s < XTEST_ARRAY_SIZE(sizes); s++) {
			for (o = 0; o < XTEST_ARRAY_SIZE(offs); o++) {
				/* The application's heap (shadowed), or
				 * shared memory registered again (not). */
				buf = (where ? (uint8_t *)arena->buffer :
				       heap) + offs[o];
				shm_churn_fill(buf, sizes[s], seed);
				shm = xtest_fx_shm_register(fx, &fx->ctx, buf,
							    sizes[s], INOUT);
				churn_ok(&fx->sess, SHM_CHURN_CMD_XFORM,
					 TEEC_MEMREF_WHOLE, whole(shm), seed,
					 seed + 1);
				assert_pattern(buf, sizes[s], seed + 1);
				if (where)
					assert_core_digest(shm, buf,
							   sizes[s]);
				xtest_fx_release(fx, shm);
				seed += 2;
			}
		}
	}
}

static void big_round_trip(struct xtest_fixture *fx, size_t size,
			   bool allocate, uint32_t seed)
{
	TEEC_SharedMemory *shm;
	uint8_t *buf;

	if (allocate) {
		shm = xtest_fx_shm_alloc(fx, &fx->ctx, size, INOUT);
		buf = shm->buffer;
	} else {
		buf = heap_buffer(fx, size);
		shm = xtest_fx_shm_register(fx, &fx->ctx, buf, size, INOUT);
	}
	shm_churn_fill(buf, size, seed);
	churn_ok(&fx->sess, SHM_CHURN_CMD_XFORM, TEEC_MEMREF_WHOLE, whole(shm),
		 seed, seed + 1);
	assert_pattern(buf, size, seed + 1);
	if (allocate)
		assert_core_digest(shm, buf, size);
	xtest_fx_release(fx, shm);
}

static void test_5002_big(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);

	big_round_trip(fx, 32 * 1024, true, 1);
	big_round_trip(fx, 32 * 1024, false, 2);
	big_round_trip(fx, 8u << 20, false, 3);
	big_round_trip(fx, 8u << 20, true, 4);
	big_round_trip(fx, TEEC_CONFIG_SHAREDMEM_MAX_SIZE, true, 5);
}

static void test_5002_impossible_size(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_SharedMemory shm;
	uint8_t byte;

	/* Refused, so nothing to release: the block stays on the stack. */
	memset(&shm, 0, sizeof(shm));
	shm.flags = INOUT;
	shm.size = TEEC_CONFIG_SHAREDMEM_MAX_SIZE + 1;
	EXPECT_RESULT(TEEC_AllocateSharedMemory(&fx->ctx, &shm),
		      TEEC_ERROR_OUT_OF_MEMORY);
	shm.size = SIZE_MAX;
	EXPECT_RESULT(TEEC_AllocateSharedMemory(&fx->ctx, &shm),
		      TEEC_ERROR_OUT_OF_MEMORY);
	shm.buffer = &byte;
	EXPECT_RESULT(TEEC_RegisterSharedMemory(&fx->ctx, &shm),
		      TEEC_ERROR_OUT_OF_MEMORY);
}

static const struct xtest_sub subs_5002[] = {
	{ 1, "zero-length blocks register and pass as empty memrefs",
	  test_5002_zero_length,
	  .flags = XTEST_NEEDS_CORE_STATS },
	{ 2, "1 byte to 2 pages and 3 bytes, at unaligned addresses",
	  test_5002_sizes_at_odd_offsets,
	  .flags = XTEST_NEEDS_CORE_HOOKS },
	{ 3, "32 KiB, 8 MiB and 32 MiB blocks, every byte both ways",
	  test_5002_big,
	  .flags = XTEST_NEEDS_CORE_HOOKS },
	{ 4, "an impossible size is TEEC_ERROR_OUT_OF_MEMORY",
	  test_5002_impossible_size },
};

XTEST_CASE(case_5002, .id = "5002", .suite = "regression",
	   .title = "Shared memory of every size", .ta = &xshm_churn_uuid,
	   .subs = subs_5002, .nsubs = XTEST_ARRAY_SIZE(subs_5002));

/* 5003: the same memory, twice. */

static void test_5003_registered_twice(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	struct teecheck_shm_stats base, now;
	TEEC_SharedMemory *a, *b, *x, *y;
	uint8_t *buf = heap_buffer(fx, 5000);

	xshm_stats(&fx->ctx, TEECHECK_SHM_SELF, &base);
	a = xtest_fx_shm_register(fx, &fx->ctx, buf, 5000, INOUT);
	b = xtest_fx_shm_register(fx, &fx->ctx, buf, 5000, INOUT);
	xshm_stats(&fx->ctx, TEECHECK_SHM_SELF, &now);
	EXPECT_EQ(now.objects, base.objects + 2);
	churn_ok(&fx->sess, SHM_CHURN_CMD_FILL, TEEC_MEMREF_WHOLE, whole(a), 1,
		 0);
	churn_ok(&fx->sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_WHOLE, whole(b), 1,
		 0);
	xtest_fx_release(fx, a);
	churn_ok(&fx->sess, SHM_CHURN_CMD_XFORM, TEEC_MEMREF_WHOLE, whole(b), 1,
		 2);
	assert_pattern(buf, 5000, 2);
	xtest_fx_release(fx, b);

	/* Shared memory registered twice maps the same pages three times. */
	x = xtest_fx_shm_alloc(fx, &fx->ctx, 2 * PG, INOUT);
	y = xtest_fx_shm_register(fx, &fx->ctx, x->buffer, 2 * PG, INOUT);
	a = xtest_fx_shm_register(fx, &fx->ctx, x->buffer, 2 * PG,
				  TEEC_MEM_INPUT);
	xshm_stats(&fx->ctx, TEECHECK_SHM_SELF, &now);
	EXPECT_EQ(now.objects, base.objects + 3);
	EXPECT_EQ(now.pages, base.pages + 6);
	churn_ok(&fx->sess, SHM_CHURN_CMD_FILL, TEEC_MEMREF_WHOLE, whole(y), 3,
		 0);
	assert_core_digest(x, x->buffer, 2 * PG);
	assert_core_digest(a, x->buffer, 2 * PG);
	churn_ok(&fx->sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_WHOLE, whole(a), 3,
		 0);
	xtest_fx_release(fx, y);
	xtest_fx_release(fx, a);
	xtest_fx_release(fx, x);
	xshm_stats(&fx->ctx, TEECHECK_SHM_SELF, &now);
	EXPECT_EQ(now.objects, base.objects);
	EXPECT_EQ(now.pages, base.pages);
}

static void test_5003_allocate_then_register(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_SharedMemory *x, *y;
	uint8_t *inner;

	x = xtest_fx_shm_alloc(fx, &fx->ctx, 4 * PG, INOUT);
	memset(x->buffer, 0xa5, 4 * PG);
	inner = (uint8_t *)x->buffer + 100;
	y = xtest_fx_shm_register(fx, &fx->ctx, inner, 5000, INOUT);
	churn_ok(&fx->sess, SHM_CHURN_CMD_FILL, TEEC_MEMREF_WHOLE, whole(y), 7,
		 0);
	/* Written through y, seen in x: one set of pages, no copy. */
	assert_pattern(inner, 5000, 7);
	EXPECT_EQ(((uint8_t *)x->buffer)[99], 0xa5);
	EXPECT_EQ(inner[5000], 0xa5);
	assert_core_digest(y, inner, 5000);
	churn_ok(&fx->sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_PARTIAL_INPUT,
		 partial(x, 100, 5000), 7, 0);
}

static const struct xtest_sub subs_5003[] = {
	{ 1, "the same memory registered twice is two working objects",
	  test_5003_registered_twice,
	  .flags = XTEST_NEEDS_CORE_HOOKS | XTEST_NEEDS_CORE_STATS },
	{ 2, "allocated memory registered again shares its pages",
	  test_5003_allocate_then_register,
	  .flags = XTEST_NEEDS_CORE_HOOKS },
};

XTEST_CASE(case_5003, .id = "5003", .suite = "regression",
	   .title = "The same memory registered more than once",
	   .ta = &xshm_churn_uuid,
	   .subs = subs_5003, .nsubs = XTEST_ARRAY_SIZE(subs_5003));

/* 5004: partial memrefs. */

static void partial_edges(TEEC_Session *sess, TEEC_SharedMemory *shm,
			  uint8_t *buf)
{
	const size_t n = shm->size;
	const size_t offs[] = { 0, 1, PG - 1, PG, PG + 1, n - 1, n };
	const size_t lens[] = { 0, 1, PG - 1, PG, PG + 1, n };
	uint32_t seed = 1000;
	size_t o, l, i;

	for (o = 0; o < XTEST_ARRAY_SIZE(offs); o++) {
		for (l = 0; l < XTEST_ARRAY_SIZE(lens); l++) {
			if (lens[l] > n - offs[o])
				continue;
			memset(buf, 0x5a, n);
			churn_ok(sess, SHM_CHURN_CMD_FILL,
				 TEEC_MEMREF_PARTIAL_OUTPUT,
				 partial(shm, offs[o], lens[l]), seed, 0);
			assert_pattern(buf + offs[o], lens[l], seed);
			/* Not one byte outside the range changed. */
			for (i = 0; i < n; i++)
				if ((i < offs[o] || i >= offs[o] + lens[l]) &&
				    buf[i] != 0x5a)
					xtest_fail("offset %zu, size %zu: byte "
						   "%zu changed", offs[o],
						   lens[l], i);
			churn_ok(sess, SHM_CHURN_CMD_CHECK,
				 TEEC_MEMREF_PARTIAL_INPUT,
				 partial(shm, offs[o], lens[l]), seed, 0);
			seed++;
		}
	}
}

static void test_5004_every_edge(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	uint8_t *heap = heap_buffer(fx, 3 * PG + 123);
	TEEC_SharedMemory *alloc, *reg;

	alloc = xtest_fx_shm_alloc(fx, &fx->ctx, 3 * PG + 123, INOUT);
	partial_edges(&fx->sess, alloc, alloc->buffer);
	reg = xtest_fx_shm_register(fx, &fx->ctx, heap, 3 * PG + 123, INOUT);
	partial_edges(&fx->sess, reg, heap);
}

/* libteec refuses the memref: BAD_PARAMETERS from the API. */
static void expect_refused_at(const char *file, int line, TEEC_Session *sess,
			      uint32_t cmd, uint32_t type, TEEC_Parameter mem)
{
	uint32_t origin = 0;
	TEEC_Result res;

	res = xshm_invoke(sess, cmd, type, mem, 1, 0, NULL, &origin);
	xtest_check_result_at(file, line, false, "invoke", res, origin,
			      TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
}

#define expect_refused(sess, cmd, type, mem) \
	expect_refused_at(__FILE__, __LINE__, (sess), (cmd), (type), (mem))

static void test_5004_one_byte_out(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_SharedMemory *shm, *in_only;

	shm = xtest_fx_shm_alloc(fx, &fx->ctx, 2 * PG, INOUT);
	expect_refused(&fx->sess, SHM_CHURN_CMD_FILL,
		       TEEC_MEMREF_PARTIAL_OUTPUT, partial(shm, 1, 2 * PG));
	expect_refused(&fx->sess, SHM_CHURN_CMD_FILL,
		       TEEC_MEMREF_PARTIAL_OUTPUT, partial(shm, 0, 2 * PG + 1));
	expect_refused(&fx->sess, SHM_CHURN_CMD_FILL,
		       TEEC_MEMREF_PARTIAL_OUTPUT, partial(shm, 2 * PG + 1, 0));
	expect_refused(&fx->sess, SHM_CHURN_CMD_FILL,
		       TEEC_MEMREF_PARTIAL_OUTPUT, partial(shm, SIZE_MAX, 2));
	/* The edge itself is fine. */
	churn_ok(&fx->sess, SHM_CHURN_CMD_FILL, TEEC_MEMREF_PARTIAL_OUTPUT,
		 partial(shm, 2 * PG - 1, 1), 9, 0);
	/* A direction the block was not registered for. */
	in_only = xtest_fx_shm_alloc(fx, &fx->ctx, PG, TEEC_MEM_INPUT);
	expect_refused(&fx->sess, SHM_CHURN_CMD_FILL,
		       TEEC_MEMREF_PARTIAL_OUTPUT, partial(in_only, 0, 1));
}

/* What libteec never sends, sent by a guest of our own. */
static void test_5004_core_checks(void **state)
{
	static const uint64_t pfns[] = { 4, 5 };
	struct shm_raw *g = xshm_fx_raw_guest(xtest_fixture(state), 16);
	uint64_t cookie, in_only;
	TEEC_Value out;
	uint32_t sess;

	shm_churn_fill(g->ram + 4 * PG + 100, 5000, 21);
	ASSERT_RESULT(shm_raw_register(g, pfns, 2, 100, 5000,
				       TC_PARAM_MEM_INOUT, &cookie),
		      TEEC_SUCCESS);
	ASSERT_RESULT(shm_raw_register(g, pfns, 2, 100, 5000, TC_PARAM_MEM_IN,
				       &in_only), TEEC_SUCCESS);
	ASSERT_RESULT(shm_raw_open_session(g, &xshm_churn_uuid, &sess),
		      TEEC_SUCCESS);
	ASSERT_RESULT(shm_raw_invoke_rmem(g, sess, SHM_CHURN_CMD_CHECK,
					  TC_PARAM_RMEM_IN, cookie, 0, 5000,
					  21, &out), TEEC_SUCCESS);
	EXPECT_EQ(out.a, 0);
	EXPECT_RESULT(shm_raw_invoke_rmem(g, sess, SHM_CHURN_CMD_CHECK,
					  TC_PARAM_RMEM_IN, cookie, 1, 5000,
					  21, NULL), TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_RESULT(shm_raw_invoke_rmem(g, sess, SHM_CHURN_CMD_CHECK,
					  TC_PARAM_RMEM_IN, cookie, 5001, 0,
					  21, NULL), TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_RESULT(shm_raw_invoke_rmem(g, sess, SHM_CHURN_CMD_FILL,
					  TC_PARAM_RMEM_OUT, in_only, 0, 10,
					  21, NULL), TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_RESULT(shm_raw_invoke_rmem(g, sess, SHM_CHURN_CMD_CHECK,
					  TC_PARAM_RMEM_IN, cookie + 1000, 0,
					  10, 21, NULL),
		      TEEC_ERROR_BAD_PARAMETERS);
	/* A frame beyond the guest's RAM, a size its pages cannot hold. */
	EXPECT_RESULT(shm_raw_register(g, (const uint64_t[]){ 16 }, 1, 0, 10,
				       TC_PARAM_MEM_IN, &in_only),
		      TEEC_ERROR_BAD_PARAMETERS);
	EXPECT_RESULT(shm_raw_register(g, pfns, 2, 100, 9000, TC_PARAM_MEM_IN,
				       &in_only), TEEC_ERROR_BAD_FORMAT);
}

/*
 * The core's own bounds check of registered-memory references, a second
 * time: another object, smaller than its page, an output in place of an
 * input, one byte and many pages too far; next to the largest reference
 * that fits.
 */
static void test_5004_core_bounds_again(void **state)
{
	static const uint64_t pfn[] = { 7 };
	const uint64_t size = 3000;	/* its page holds more */
	struct shm_raw g;
	uint64_t cookie;
	uint32_t sess;

	(void)state;
	xshm_raw_open(&g, 16);
	assert_int_equal(shm_raw_register(&g, pfn, 1, 0, size,
					   TC_PARAM_MEM_INOUT, &cookie),
			 TEEC_SUCCESS);
	assert_int_equal(shm_raw_open_session(&g, &xshm_churn_uuid, &sess),
			 TEEC_SUCCESS);
	assert_int_equal(shm_raw_invoke_rmem(&g, sess, SHM_CHURN_CMD_FILL,
					      TC_PARAM_RMEM_OUT, cookie,
					      size - 200, 200, 5, NULL),
			 TEEC_SUCCESS);
	/* Past the object but inside its page: only the object's size
	 * says no, not the pages a TA host could map. */
	assert_int_equal(shm_raw_invoke_rmem(&g, sess, SHM_CHURN_CMD_FILL,
					      TC_PARAM_RMEM_OUT, cookie,
					      size - 200, 201, 5, NULL),
			 TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(shm_raw_invoke_rmem(&g, sess, SHM_CHURN_CMD_FILL,
					      TC_PARAM_RMEM_OUT, cookie,
					      size + 1, 0, 5, NULL),
			 TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(shm_raw_invoke_rmem(&g, sess, SHM_CHURN_CMD_FILL,
					      TC_PARAM_RMEM_OUT, cookie, 0,
					      16 * PG, 5, NULL),
			 TEEC_ERROR_BAD_PARAMETERS);
	shm_raw_close(&g);
}

static const struct xtest_sub subs_5004[] = {
	{ 1, "partial memrefs at every edge see exactly their bytes",
	  test_5004_every_edge },
	{ 2, "one byte beyond a block or the wrong direction is refused",
	  test_5004_one_byte_out },
	{ 3, "the core checks bounds, direction, cookie and pages itself",
	  test_5004_core_checks,
	  .flags = XTEST_NEEDS_CORE_HOOKS },
	{ 4, "the core refuses references one byte past another object, "
	     "and far past it", test_5004_core_bounds_again,
	  .flags = XTEST_NEEDS_CORE_HOOKS },
};

XTEST_CASE(case_5004, .id = "5004", .suite = "regression",
	   .title = "Partial memrefs and their bounds", .ta = &xshm_churn_uuid,
	   .subs = subs_5004, .nsubs = XTEST_ARRAY_SIZE(subs_5004));

/* 5005: NULL memrefs. */

static void test_5005_null_temporary(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Value out;
	uint32_t origin;

	ASSERT_RESULT_ORIGIN(xshm_invoke(&fx->sess, SHM_CHURN_CMD_PROBE,
					 TEEC_MEMREF_TEMP_INPUT, temp(NULL, 0),
					 0, 0, &out, &origin),
			     origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	EXPECT_EQ(out.a, 1);
	EXPECT_EQ(out.b, 0);
	/* An output buffer of NULL asks for the size only. */
	ASSERT_RESULT_ORIGIN(xshm_invoke(&fx->sess, SHM_CHURN_CMD_PROBE,
					 TEEC_MEMREF_TEMP_OUTPUT,
					 temp(NULL, 100), 0, 0, &out, &origin),
			     origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	EXPECT_EQ(out.a, 1);
	EXPECT_EQ(out.b, 100);
}

static void test_5005_no_parent(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);

	expect_refused(&fx->sess, SHM_CHURN_CMD_PROBE, TEEC_MEMREF_WHOLE,
		       whole(NULL));
	expect_refused(&fx->sess, SHM_CHURN_CMD_PROBE,
		       TEEC_MEMREF_PARTIAL_INPUT, partial(NULL, 0, 0));
}

static void test_5005_other_context(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Context *other = xtest_fx_context(fx);
	TEEC_SharedMemory *shm;

	shm = xtest_fx_shm_alloc(fx, other, PG, INOUT);
	expect_refused(&fx->sess, SHM_CHURN_CMD_FILL, TEEC_MEMREF_WHOLE,
		       whole(shm));
}

static const struct xtest_sub subs_5005[] = {
	{ 1, "a NULL temporary memref reaches the TA as NULL",
	  test_5005_null_temporary,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
	{ 2, "a registered memref without its block is refused",
	  test_5005_no_parent },
	{ 3, "a block of another context is refused",
	  test_5005_other_context },
};

XTEST_CASE(case_5005, .id = "5005", .suite = "regression",
	   .title = "NULL memrefs and blocks of another context",
	   .ta = &xshm_churn_uuid,
	   .subs = subs_5005, .nsubs = XTEST_ARRAY_SIZE(subs_5005));

/* 5006: access rights. */

static void unmap_two_pages(void *p)
{
	munmap(p, 2 * PG);
}

/*
 * Two pages filled with seed's pattern, then made read-only; unmapped when
 * the sub-case ends.
 */
static uint8_t *read_only_pages(struct xtest_fixture *fx, uint32_t seed)
{
	uint8_t *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_TRUE(p != MAP_FAILED);
	xtest_fx_defer(fx, unmap_two_pages, p);
	shm_churn_fill(p, 2 * PG, seed);
	ASSERT_EQ(mprotect(p, 2 * PG, PROT_READ), 0);
	return p;
}

static void test_5006_read_only_input(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	uint8_t *ro = read_only_pages(fx, 5);
	TEEC_Session *sess = xtest_fx_session(fx, &fx->ctx, &xshm_churn_uuid);
	TEEC_SharedMemory *shm;

	shm = xtest_fx_shm_register(fx, &fx->ctx, ro, 2 * PG, TEEC_MEM_INPUT);
	churn_ok(sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_PARTIAL_INPUT,
		 partial(shm, 0, 2 * PG - 1), 5, 0);
	xtest_fx_release(fx, shm);
	churn_ok(sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_TEMP_INPUT,
		 temp(ro, 2 * PG), 5, 0);
}

static void test_5006_read_only_output(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	uint8_t *ro = read_only_pages(fx, 6);
	TEEC_SharedMemory shm;

	/* Refused, so nothing to release: the block stays on the stack. */
	memset(&shm, 0, sizeof(shm));
	shm.buffer = ro;
	shm.size = 2 * PG;
	shm.flags = TEEC_MEM_OUTPUT;
	EXPECT_RESULT(TEEC_RegisterSharedMemory(&fx->ctx, &shm),
		      TEEC_ERROR_BAD_PARAMETERS);
	shm.flags = INOUT;
	EXPECT_RESULT(TEEC_RegisterSharedMemory(&fx->ctx, &shm),
		      TEEC_ERROR_BAD_PARAMETERS);
}

/* The TA writes one byte of an input memref: it dies of it. */
static void expect_poke_kills_at(const char *file, int line,
				 struct xtest_fixture *fx, uint32_t type,
				 TEEC_Parameter mem)
{
	TEEC_Session *sess = xtest_fx_session_at(file, line, fx, &fx->ctx,
						 &xshm_churn_uuid);
	uint32_t origin = 0;
	TEEC_Result res;

	res = xshm_invoke(sess, SHM_CHURN_CMD_POKE, type, mem, 10, 0, NULL,
			  &origin);
	xtest_check_result_at(file, line, false, "POKE", res, origin,
			      TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	xtest_fx_release_at(file, line, fx, sess);
}

#define expect_poke_kills(fx, type, mem) \
	expect_poke_kills_at(__FILE__, __LINE__, (fx), (type), (mem))

static void test_5006_input_read_only_in_ta(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_SharedMemory *in, *inout;
	uint8_t buf[64];

	in = xtest_fx_shm_alloc(fx, &fx->ctx, PG, TEEC_MEM_INPUT);
	inout = xtest_fx_shm_alloc(fx, &fx->ctx, PG, INOUT);
	expect_poke_kills(fx, TEEC_MEMREF_WHOLE, whole(in));
	/* Access follows the parameter, not the block. */
	expect_poke_kills(fx, TEEC_MEMREF_PARTIAL_INPUT, partial(inout, 0, PG));
	expect_poke_kills(fx, TEEC_MEMREF_TEMP_INPUT, temp(buf, 64));
	expect_poke_kills(fx, TEEC_MEMREF_TEMP_INPUT, temp(inout->buffer, 64));
}

/*
 * Access lasts for the call only: a memref of an earlier call is gone, and
 * memory written in one call is read-only when the next passes it as input.
 */
static void test_5006_access_per_call(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_SharedMemory *shm;
	TEEC_Session *sess;
	TEEC_Operation op;
	uint32_t origin = 0;
	uint8_t buf[64];
	int kind;

	shm = xtest_fx_shm_alloc(fx, &fx->ctx, 2 * PG, INOUT);
	for (kind = 0; kind < 3; kind++) {
		sess = xtest_fx_session(fx, &fx->ctx, &xshm_churn_uuid);
		ASSERT_RESULT_ORIGIN(xshm_invoke(sess, SHM_CHURN_CMD_KEEP,
						 kind == 2 ?
						 TEEC_MEMREF_TEMP_INPUT :
						 TEEC_MEMREF_PARTIAL_INPUT,
						 kind == 2 ?
						 temp(buf, sizeof(buf)) :
						 partial(shm, kind * PG, PG),
						 0, 0, NULL, &origin),
				     origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
		/* A call with other memory, then one with none. */
		churn_ok(sess, SHM_CHURN_CMD_FILL, TEEC_MEMREF_PARTIAL_OUTPUT,
			 partial(shm, (1 - kind % 2) * PG, 10), 1, 0);
		op = xtest_operation(TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT,
						      TEEC_NONE, TEEC_NONE,
						      TEEC_NONE));
		EXPECT_RESULT_ORIGIN(TEEC_InvokeCommand(sess,
							SHM_CHURN_CMD_PEEK,
							&op, &origin),
				     origin, TEEC_ERROR_TARGET_DEAD,
				     TEEC_ORIGIN_TEE);
		xtest_fx_release(fx, sess);
	}
	/* Written in one call, read-only in the next. */
	sess = xtest_fx_session(fx, &fx->ctx, &xshm_churn_uuid);
	churn_ok(sess, SHM_CHURN_CMD_FILL, TEEC_MEMREF_PARTIAL_INOUT,
		 partial(shm, 0, PG), 2, 0);
	ASSERT_RESULT_ORIGIN(xshm_invoke(sess, SHM_CHURN_CMD_POKE,
					 TEEC_MEMREF_PARTIAL_INPUT,
					 partial(shm, 0, PG), 10, 0, NULL,
					 &origin),
			     origin, TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
}

/*
 * The TA host keeps a temporary memref's mapping for the next call with the
 * same pages (libteec reuses its bounce pages), so: the kept mapping is
 * gone for a call that does not pass those pages, and an input memref is
 * read-only even where an earlier call had the same pages for output.
 */
static void test_5006_kept_temp_mapping(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	const size_t size = 16 * PG;
	uint8_t *buf = heap_buffer(fx, size);
	TEEC_Session *sess;
	TEEC_Operation op;
	uint32_t origin = 0;
	int round;

	shm_churn_fill(buf, size, 3);
	sess = xtest_fx_session(fx, &fx->ctx, &xshm_churn_uuid);
	/* The same bounced buffer three times: mapped once, then reused. */
	for (round = 0; round < 3; round++)
		churn_ok(sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_TEMP_INPUT,
			 temp(buf, size), 3, 0);
	ASSERT_RESULT_ORIGIN(xshm_invoke(sess, SHM_CHURN_CMD_KEEP,
					 TEEC_MEMREF_TEMP_INPUT,
					 temp(buf, size), 0, 0, NULL, &origin),
			     origin, TEEC_SUCCESS, XTEST_ORIGIN_ANY);
	op = xtest_operation(TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE,
					      TEEC_NONE, TEEC_NONE));
	EXPECT_RESULT_ORIGIN(TEEC_InvokeCommand(sess, SHM_CHURN_CMD_PEEK, &op,
						&origin),
			     origin, TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	xtest_fx_release(fx, sess);

	/* Written through in one call, read-only in the next. */
	sess = xtest_fx_session(fx, &fx->ctx, &xshm_churn_uuid);
	churn_ok(sess, SHM_CHURN_CMD_FILL, TEEC_MEMREF_TEMP_INOUT,
		 temp(buf, size), 4, 0);
	churn_ok(sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_TEMP_INPUT,
		 temp(buf, size), 4, 0);
	ASSERT_RESULT_ORIGIN(xshm_invoke(sess, SHM_CHURN_CMD_POKE,
					 TEEC_MEMREF_TEMP_INPUT,
					 temp(buf, size), 10, 0, NULL,
					 &origin),
			     origin, TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	xtest_fx_release(fx, sess);

	/* Other contents in the same pages: the TA sees the new ones. */
	sess = xtest_fx_session(fx, &fx->ctx, &xshm_churn_uuid);
	for (round = 0; round < 3; round++) {
		shm_churn_fill(buf, size, 20 + round);
		churn_ok(sess, SHM_CHURN_CMD_CHECK, TEEC_MEMREF_TEMP_INPUT,
			 temp(buf, size), 20 + round, 0);
	}
}

static const struct xtest_sub subs_5006[] = {
	{ 1, "read-only client memory can be shared for input",
	  test_5006_read_only_input },
	{ 2, "read-only client memory cannot be registered for output",
	  test_5006_read_only_output },
	{ 3, "the TA cannot write an input memref",
	  test_5006_input_read_only_in_ta,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
	{ 4, "a memref is accessible for its own call only",
	  test_5006_access_per_call,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
	{ 5, "a reused temporary memref mapping serves its own call only",
	  test_5006_kept_temp_mapping,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
};

XTEST_CASE(case_5006, .id = "5006", .suite = "regression",
	   .title = "Read-only memory and input memrefs", .context = true,
	   .subs = subs_5006, .nsubs = XTEST_ARRAY_SIZE(subs_5006));
