/*
 * libutee's side of the cryptographic syscalls: handles as the GP types
 * carry them, attributes in the ABI's form, and the rule that a result GP
 * does not allow for a function is a panic.
 */
#ifndef TEECHECK_DEVKIT_UTEE_CRYP_H
#define TEECHECK_DEVKIT_UTEE_CRYP_H

#include <tee_internal_api.h>
#include <teecheck/ta_abi.h>
#include <utee_syscalls.h>

/* Attributes a call may pass; the host refuses more. */
#define UTEE_CRYP_ATTRS_MAX	16

#define UTEE_CRYP_CALL(nr, a0, a1, a2, a3, a4, a5)			\
	utee_syscall_raw((nr), (uintptr_t)(a0), (uintptr_t)(a1),	\
			 (uintptr_t)(a2), (uintptr_t)(a3), (uintptr_t)(a4), \
			 (uintptr_t)(a5))

static inline uint64_t utee_obj_id(TEE_ObjectHandle o)
{
	return (uint64_t)(uintptr_t)o;
}

static inline uint64_t utee_op_id(TEE_OperationHandle op)
{
	return (uint64_t)(uintptr_t)op;
}

/* Panics with res unless it is TEE_SUCCESS or one of the codes allowed. */
static inline TEE_Result utee_cryp_allow(TEE_Result res, TEE_Result ok1,
					 TEE_Result ok2, TEE_Result ok3)
{
	if (res != TEE_SUCCESS && res != ok1 && res != ok2 && res != ok3)
		TEE_Panic(res);
	return res;
}

/* TEE_Attribute arrays of either API version into the ABI's form. */
void utee_attrs_from(struct utee_attr *out, const TEE_Attribute *in,
		     uint32_t count);
void utee_attrs_from_gp11(struct utee_attr *out,
			  const __GP11_TEE_Attribute *in, uint32_t count);

#endif
