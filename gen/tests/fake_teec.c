/*
 * A Client API that only records ("teec: NAME") and succeeds, for linking
 * generated cases in gpgen's tests.
 */
#include <stdio.h>
#include <stdlib.h>

#include <tee_client_api.h>

static void fake_trace(const char *name)
{
	printf("teec: %s\n", name);
	fflush(stdout);
}

TEEC_Result TEEC_InitializeContext(const char *name, TEEC_Context *context)
{
	(void)name;
	(void)context;
	fake_trace("InitializeContext");
	return TEEC_SUCCESS;
}

void TEEC_FinalizeContext(TEEC_Context *context)
{
	(void)context;
	fake_trace("FinalizeContext");
}

TEEC_Result TEEC_RegisterSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *sharedMem)
{
	(void)context;
	sharedMem->imp.allocated = 0;
	fake_trace("RegisterSharedMemory");
	return TEEC_SUCCESS;
}

TEEC_Result TEEC_AllocateSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *sharedMem)
{
	(void)context;
	sharedMem->buffer = calloc(1, sharedMem->size ? sharedMem->size : 1);
	if (!sharedMem->buffer)
		return TEEC_ERROR_OUT_OF_MEMORY;
	sharedMem->imp.allocated = 1;
	fake_trace("AllocateSharedMemory");
	return TEEC_SUCCESS;
}

void TEEC_ReleaseSharedMemory(TEEC_SharedMemory *sharedMem)
{
	if (sharedMem->imp.allocated)
		free(sharedMem->buffer);
	sharedMem->imp.allocated = 0;
	fake_trace("ReleaseSharedMemory");
}

TEEC_Result TEEC_OpenSession(TEEC_Context *context, TEEC_Session *session,
			     const TEEC_UUID *destination,
			     uint32_t connectionMethod,
			     const void *connectionData,
			     TEEC_Operation *operation, uint32_t *returnOrigin)
{
	(void)context;
	(void)session;
	(void)destination;
	(void)connectionMethod;
	(void)connectionData;
	(void)operation;
	if (returnOrigin)
		*returnOrigin = TEEC_ORIGIN_TRUSTED_APP;
	fake_trace("OpenSession");
	return TEEC_SUCCESS;
}

void TEEC_CloseSession(TEEC_Session *session)
{
	(void)session;
	fake_trace("CloseSession");
}

TEEC_Result TEEC_InvokeCommand(TEEC_Session *session, uint32_t commandID,
			       TEEC_Operation *operation,
			       uint32_t *returnOrigin)
{
	(void)session;
	(void)operation;
	if (returnOrigin)
		*returnOrigin = TEEC_ORIGIN_TRUSTED_APP;
	printf("teec: InvokeCommand 0x%x\n", commandID);
	fflush(stdout);
	return TEEC_SUCCESS;
}

void TEEC_RequestCancellation(TEEC_Operation *operation)
{
	(void)operation;
	fake_trace("RequestCancellation");
}
