/*
 * crypto_test's parts. The same sources build against the v1.3.1 API and,
 * with TEE_CORE_API_COMPAT_1_1, against v1.1: ct_len_t is the length type
 * of the API the TA is built for.
 */
#ifndef CT_H
#define CT_H

#include <stdbool.h>
#include <stdint.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

#include <crypto_test_ta.h>

/*
 * GP v1.3.1 names that a kit may lack (OP-TEE 4.10's has neither), with
 * GP's values, so that the TA builds with any kit; a TEE without the
 * feature answers TEE_ERROR_NOT_SUPPORTED, which the cases report.
 */
#ifndef TEE_USAGE_DEFAULT
#define TEE_USAGE_DEFAULT		0xFFFFFFFF
#endif
#ifndef TEE_ECC_CURVE_BSI_P256r1
#define TEE_ECC_CURVE_BSI_P256r1	0x00000104
#endif

/*
 * OP-TEE's kit says v1.1 with its own name (its headers, not this tree's,
 * are the ones included then): the code below asks for one name.
 */
#if defined(__OPTEE_CORE_API_COMPAT_1_1) && __OPTEE_CORE_API_COMPAT_1_1 && \
	!defined(TEE_CORE_API_COMPAT_1_1)
#define TEE_CORE_API_COMPAT_1_1 1
#endif

#ifdef TEE_CORE_API_COMPAT_1_1
typedef uint32_t ct_len_t;
#else
typedef size_t ct_len_t;
#endif

/* One record of a request blob. */
struct ct_tlv {
	uint32_t tag;
	uint32_t len;
	const uint8_t *val;
};

/* Walks blob: *pos is the offset; false at the end or on a bad record. */
bool ct_tlv_next(const void *blob, size_t size, size_t *pos,
		 struct ct_tlv *t);
/* The first record of tag, or false. */
bool ct_tlv_find(const void *blob, size_t size, uint32_t tag,
		 struct ct_tlv *t);
uint32_t ct_tlv_u32(const struct ct_tlv *t);

/*
 * TEE_FreeOperation of a handle that may be TEE_HANDLE_NULL (an allocation
 * that failed): v1.3.1 does nothing there, but v1.1 lists it as a panic
 * reason, and crypto_test_gp11 runs the same code.
 */
static inline void ct_free_op(TEE_OperationHandle op)
{
	if (op != TEE_HANDLE_NULL)
		TEE_FreeOperation(op);
}

TEE_Result ct_run(uint32_t types, TEE_Param p[4]);
TEE_Result ct_selftest(uint32_t types, TEE_Param p[4]);
TEE_Result ct_misuse(uint32_t types, TEE_Param p[4]);
TEE_Result ct_bigint(uint32_t types, TEE_Param p[4]);
TEE_Result ct_perf(void *sess, uint32_t types, TEE_Param p[4]);

/* Records a failed step of the running self test (ct_selftest.c). */
void ct_fail_step(uint32_t file, uint32_t line, uint32_t caller,
		  TEE_Result res);

/*
 * A step: a scenario goes on after a failure, so that one run reports every
 * step a TEE gets wrong (and cleans up). Each file that checks steps names
 * itself with CT_FILE before including this header. EXPECT_AT is a step in
 * a helper: at is the line that called the helper.
 */
#define EXPECT_AT(at_, expr_, want_)					\
	do {								\
		TEE_Result r_ = (expr_);				\
		if (r_ != (want_))					\
			ct_fail_step(CT_FILE, __LINE__, (at_), r_);	\
	} while (0)
#define EXPECT(expr_, want_)	EXPECT_AT(0, expr_, want_)
#define EXPECT_TRUE_AT(at_, cond) EXPECT_AT(at_, (cond) ? 0 : 1, 0)
#define EXPECT_TRUE(cond)	EXPECT((cond) ? 0 : 1, 0)

/* The arithmetic self tests (ct_bigint.c). */
void ct_bigint_selftest(uint32_t which);

#endif
