/*
 * Commands of GP's test TAs that take more than a Client API call: each
 * lays out its parameters the way the TA's protocol header says, and checks
 * what comes back when the command returns data.
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
