/*
 * A client written as for OP-TEE's libteec: the default TEE
 * (TEEC_InitializeContext(NULL, ...)), <tee_client_api.h>, -lteec. The dev
 * kit tests build it from the installed files only and run it against the
 * test TA: it prints what the TA answers, one "name=value" a line, and exits
 * 0 only if every call succeeded.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <tee_client_api.h>

#define OPTEE_TA_UUID_STR	"1760cbb6-52dd-4453-81fc-1ed04fef830e"

static const TEEC_UUID optee_ta_uuid = {
	0x1760cbb6, 0x52dd, 0x4453,
	{ 0x81, 0xfc, 0x1e, 0xd0, 0x4f, 0xef, 0x83, 0x0e }
};

static int check(const char *what, TEEC_Result res, uint32_t origin)
{
	if (res == TEEC_SUCCESS)
		return 0;
	fprintf(stderr, "%s: 0x%08" PRIx32 " (origin %" PRIu32 ")\n", what,
		res, origin);
	return 1;
}

static int invoke(TEEC_Session *s, uint32_t cmd, TEEC_Operation *op,
		  const char *what)
{
	uint32_t origin = TEEC_ORIGIN_API;
	TEEC_Result res = TEEC_InvokeCommand(s, cmd, op, &origin);

	return check(what, res, origin);
}

static int run(TEEC_Session *s)
{
	uint32_t values[5] = { 42, 7, 19, 3, 100 };
	char text[64];
	TEEC_Operation op;
	size_t i;

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	if (invoke(s, 0, &op, "info"))
		return 1;
	printf("magic=0x%" PRIx32 "\napi=%" PRIu32 "\n", op.params[0].value.a,
	       op.params[0].value.b);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = values;
	op.params[0].tmpref.size = sizeof(values);
	if (invoke(s, 1, &op, "sort"))
		return 1;
	printf("sorted=");
	for (i = 0; i < 5; i++)
		printf("%s%" PRIu32, i ? "," : "", values[i]);
	printf("\n");

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].value.a = 0x1;
	op.params[0].value.b = 0x2;
	op.params[1].tmpref.buffer = text;
	op.params[1].tmpref.size = sizeof(text);
	if (invoke(s, 2, &op, "format"))
		return 1;
	printf("format=%s\n", text);

	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE,
					 TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)OPTEE_TA_UUID_STR;
	op.params[0].tmpref.size = strlen(OPTEE_TA_UUID_STR);
	if (invoke(s, 3, &op, "is_me"))
		return 1;
	printf("is_me=%" PRIu32 "\n", op.params[1].value.a);
	return 0;
}

int main(void)
{
	TEEC_Context ctx;
	TEEC_Session sess;
	uint32_t origin = TEEC_ORIGIN_API;
	TEEC_Result res;
	int ret;

	res = TEEC_InitializeContext(NULL, &ctx);
	if (check("TEEC_InitializeContext", res, TEEC_ORIGIN_API))
		return 1;
	res = TEEC_OpenSession(&ctx, &sess, &optee_ta_uuid, TEEC_LOGIN_PUBLIC,
			       NULL, NULL, &origin);
	if (check("TEEC_OpenSession", res, origin)) {
		TEEC_FinalizeContext(&ctx);
		return 1;
	}
	ret = run(&sess);
	TEEC_CloseSession(&sess);
	TEEC_FinalizeContext(&ctx);
	return ret;
}
