/*
 * Commands of GP's test TAs that need more than one Client API call, laid
 * out as the TAs' protocol expects, checking what comes back.
 */
#include <string.h>

#include "gp_runtime.h"

TEEC_Result gp_tta_invoke(TEEC_Session *sess, uint32_t cmd)
{
	TEEC_Operation op;
	uint32_t origin;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_NONE,
					 TEEC_NONE);
	return TEEC_InvokeCommand(sess, cmd, &op, &origin);
}

TEEC_Result gp_tta_invoke_value(TEEC_Session *sess, uint32_t cmd, uint32_t a,
				uint32_t b)
{
	TEEC_Operation op;
	uint32_t origin;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = a;
	op.params[0].value.b = b;
	return TEEC_InvokeCommand(sess, cmd, &op, &origin);
}

/* TTA_TCF fills `size` bytes with the byte *fill: both as values. */
TEEC_Result gp_tcf_mem_fill(TEEC_Session *sess, uint32_t cmd, uint32_t size,
			    const uint8_t *fill)
{
	TEEC_Operation op;
	uint32_t origin;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_INPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = size;
	op.params[1].value.a = *fill;
	return TEEC_InvokeCommand(sess, cmd, &op, &origin);
}

/* The string, its terminating NUL included, is the instance data. */
TEEC_Result gp_tcf_set_instance_data(TEEC_Session *sess, uint32_t cmd,
				     const char *data)
{
	TEEC_Operation op;
	uint32_t origin;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)data;
	op.params[0].tmpref.size = strlen(data) + 1;
	return TEEC_InvokeCommand(sess, cmd, &op, &origin);
}

TEEC_Result gp_tcf_get_instance_data(const char *file, int line,
				     TEEC_Session *sess, uint32_t cmd,
				     const char *data)
{
	char buf[BIG_SIZE];
	size_t len = strlen(data) + 1;
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;

	memset(&op, 0, sizeof(op));
	memset(buf, 0, sizeof(buf));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = sizeof(buf);
	res = TEEC_InvokeCommand(sess, cmd, &op, &origin);
	if (res != TEEC_SUCCESS)
		return res;
	gp_expect_u32(file, line, "instance data size", (uint32_t)len,
		      (uint32_t)op.params[0].tmpref.size);
	if (memcmp(buf, data, len))
		gp_fail(file, line, "instance data is not \"%s\"", data);
	return res;
}

TEEC_Result gp_tta_invoke_values(TEEC_Session *sess, uint32_t cmd, size_t n,
				 const uint32_t *a)
{
	uint32_t t[TEEC_CONFIG_PAYLOAD_REF_COUNT] = { 0 };
	TEEC_Operation op;
	uint32_t origin;
	size_t i;

	memset(&op, 0, sizeof(op));
	for (i = 0; i < n && i < TEEC_CONFIG_PAYLOAD_REF_COUNT; i++) {
		t[i] = TEEC_VALUE_INPUT;
		op.params[i].value.a = a[i];
	}
	op.paramTypes = TEEC_PARAM_TYPES(t[0], t[1], t[2], t[3]);
	return TEEC_InvokeCommand(sess, cmd, &op, &origin);
}

/* TTA_TCF answers the sign of TEE_MemCompare in value 2's a. */
TEEC_Result gp_tcf_mem_compare(const char *file, int line, TEEC_Session *sess,
			       uint32_t cmd, uint32_t size, uint32_t which,
			       uint32_t result)
{
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	int32_t got;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_INPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE);
	op.params[0].value.a = size;
	op.params[1].value.a = which;
	res = TEEC_InvokeCommand(sess, cmd, &op, &origin);
	if (res != TEEC_SUCCESS)
		return res;
	got = (int32_t)op.params[2].value.a;
	if ((result == RESULT_EQUAL && got != 0) ||
	    (result == RESULT_INTEGER_GREATER_THAN_ZERO && got <= 0) ||
	    (result == RESULT_INTEGER_LOWER_THAN_ZERO && got >= 0))
		gp_fail(file, line, "TEE_MemCompare gave %d", (int)got);
	return res;
}

/*
 * A property by name: the property set in value 0, the name in input
 * memref 1, the value as text in output memref 2 (a one-byte buffer for
 * TOO_SHORT_BUFFER). expected NULL: the text is not checked.
 */
TEEC_Result gp_tcf_get_property(const char *file, int line, TEEC_Session *sess,
				uint32_t cmd, uint32_t propset,
				const char *name, uint32_t kind,
				const char *expected)
{
	char out[BIG_SIZE];
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;

	memset(&op, 0, sizeof(op));
	memset(out, 0, sizeof(out));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
					 TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE);
	op.params[0].value.a = propset;
	op.params[1].tmpref.buffer = (void *)name;
	op.params[1].tmpref.size = strlen(name) + 1;
	op.params[2].tmpref.buffer = out;
	op.params[2].tmpref.size = kind == TOO_SHORT_BUFFER ? 1 : sizeof(out);
	res = TEEC_InvokeCommand(sess, cmd, &op, &origin);
	if (res != TEEC_SUCCESS || !expected)
		return res;
	gp_expect_u32(file, line, "property text size",
		      (uint32_t)strlen(expected) + 1,
		      (uint32_t)op.params[2].tmpref.size);
	if (memcmp(out, expected, strlen(expected) + 1))
		gp_fail(file, line, "property %s is \"%.*s\", not \"%s\"", name,
			(int)sizeof(out), out, expected);
	return res;
}

TEEC_Result gp_tcf_allocate_enumerator(TEEC_Session *sess, uint32_t cmd,
				       uint32_t *enumerator)
{
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	res = TEEC_InvokeCommand(sess, cmd, &op, &origin);
	if (res == TEEC_SUCCESS)
		*enumerator = op.params[0].value.a;
	return res;
}

/* The enumerator's current property name, NUL included, in memref 1. */
TEEC_Result gp_tcf_get_property_name(const char *file, int line,
				     TEEC_Session *sess, uint32_t cmd,
				     uint32_t enumerator, const char *expected,
				     uint32_t kind)
{
	char out[BIG_SIZE];
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t origin;
	size_t len;

	memset(&op, 0, sizeof(op));
	memset(out, 0, sizeof(out));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].value.a = enumerator;
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = kind == TOO_SHORT_BUFFER ? 1 : sizeof(out);
	res = TEEC_InvokeCommand(sess, cmd, &op, &origin);
	if (res != TEEC_SUCCESS)
		return res;
	len = op.params[1].tmpref.size;
	if (!len || len > sizeof(out) || out[len - 1])
		gp_fail(file, line, "the property name is not one string of "
			"%zu bytes", len);
	if (expected && strcmp(out, expected))
		gp_fail(file, line, "the property name is \"%s\", not \"%s\"",
			out, expected);
	return res;
}

/*
 * TEE_CheckMemoryAccessRights on a BIG_SIZE buffer of the client, passed
 * as a temporary memref of the direction a TEEC_MEMREF_PARTIAL_* names.
 */
TEEC_Result gp_tcf_check_access(TEEC_Session *sess, uint32_t cmd,
				uint32_t memref_type, uint32_t flags)
{
	uint8_t buf[BIG_SIZE];
	TEEC_Operation op;
	uint32_t origin;
	uint32_t t;

	switch (memref_type) {
	case TEEC_MEMREF_PARTIAL_INPUT:
		t = TEEC_MEMREF_TEMP_INPUT;
		break;
	case TEEC_MEMREF_PARTIAL_OUTPUT:
		t = TEEC_MEMREF_TEMP_OUTPUT;
		break;
	default:
		t = TEEC_MEMREF_TEMP_INOUT;
		break;
	}
	memset(&op, 0, sizeof(op));
	memset(buf, 0, sizeof(buf));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, t, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].value.a = flags;
	op.params[1].tmpref.buffer = buf;
	op.params[1].tmpref.size = sizeof(buf);
	return TEEC_InvokeCommand(sess, cmd, &op, &origin);
}

/*
 * TTA_TCF opens a session on the TA of uuid (memref 1) and, for a case
 * other than CASE_SUCCESS, invokes it; value 2's a is the origin the TA
 * got, checked as a return origin.
 */
TEEC_Result gp_tcf_ta_open_session(const char *file, int line,
				   TEEC_Session *sess, uint32_t cmd,
				   uint32_t which, const TEEC_UUID *uuid,
				   uint32_t origin, const char *origin_name)
{
	TEEC_Operation op;
	TEEC_Result res;
	uint32_t got;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
					 TEEC_MEMREF_TEMP_INPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE);
	op.params[0].value.a = which;
	op.params[1].tmpref.buffer = (void *)uuid;
	op.params[1].tmpref.size = sizeof(*uuid);
	res = TEEC_InvokeCommand(sess, cmd, &op, &got);
	if (got == TEEC_ORIGIN_TRUSTED_APP)
		gp_expect_origin(file, line, origin_name, origin,
				 op.params[2].value.a);
	return res;
}
