/*
 * tcf_test: the TA behind the Trusted Core Framework cases. This file has
 * the entry points, the lifecycle and instance-data commands, the client
 * identity, cancellation and time; the others have properties (tcf_props.c),
 * memory and crashes (tcf_mem.c) and TA-to-TA calls (tcf_ta2ta.c).
 */
#include <string.h>
#include <tcf_test_ta.h>
#include <tcf_uuid.h>
#include <trace.h>

#include "tcf_test.h"

#ifndef TCF_CREATE_MODE
#define TCF_CREATE_MODE	TCF_CREATE_OK
#endif

/* This instance: sessions open on it, its ID, invokes served. */
static uint32_t tcf_sessions;
static uint32_t tcf_instance_id;
static uint32_t tcf_invokes;

struct tcf_instance_data {
	uint32_t value;
};

TEE_Result TA_CreateEntryPoint(void)
{
	if (TCF_CREATE_MODE == TCF_CREATE_FAIL)
		return TCF_CREATE_FAIL_CODE;
	if (TCF_CREATE_MODE == TCF_CREATE_PANIC)
		TEE_Panic(TCF_PANIC_CODE);
	do {
		TEE_GenerateRandom(&tcf_instance_id, sizeof(tcf_instance_id));
	} while (!tcf_instance_id);
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	TEE_Free((void *)TEE_GetInstanceData());
}

static TEE_Result tcf_open_params(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	uint8_t *buf;
	size_t i;

	if (types == TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_SUCCESS;
	if (TEE_PARAM_TYPE_GET(types, 0) != TEE_PARAM_TYPE_VALUE_INPUT ||
	    TEE_PARAM_TYPE_GET(types, 1) != TEE_PARAM_TYPE_VALUE_OUTPUT ||
	    (TEE_PARAM_TYPE_GET(types, 2) != TEE_PARAM_TYPE_MEMREF_INOUT &&
	     TEE_PARAM_TYPE_GET(types, 2) != TEE_PARAM_TYPE_NONE) ||
	    TEE_PARAM_TYPE_GET(types, 3) != TEE_PARAM_TYPE_NONE)
		return TEE_ERROR_BAD_PARAMETERS;
	switch (p[0].value.a) {
	case TCF_OPEN_FAIL:
		return TCF_OPEN_FAIL_CODE;
	case TCF_OPEN_PANIC:
		TEE_Panic(TCF_PANIC_CODE);
	case TCF_OPEN_WAIT:
		TEE_UnmaskCancellation();
		/* Shared memory tells the client the wait has begun. */
		if (TEE_PARAM_TYPE_GET(types, 2) ==
		    TEE_PARAM_TYPE_MEMREF_INOUT && p[2].memref.size)
			*(volatile uint8_t *)p[2].memref.buffer = 1;
		return TEE_Wait(p[0].value.b);
	default:
		break;
	}
	p[1].value.a = 0x600d;
	p[1].value.b = p[0].value.b + 1;
	if (TEE_PARAM_TYPE_GET(types, 2) == TEE_PARAM_TYPE_MEMREF_INOUT) {
		buf = p[2].memref.buffer;
		for (i = 0; i < p[2].memref.size; i++)
			buf[i]++;
	}
	return TEE_SUCCESS;
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext)
{
	struct tcf_session *s;
	TEE_Result res;

	res = tcf_open_params(paramTypes, params);
	if (res != TEE_SUCCESS)
		return res;
	s = TEE_Malloc(sizeof(*s), TEE_MALLOC_FILL_ZERO);
	if (!s)
		return TEE_ERROR_OUT_OF_MEMORY;
	*sessionContext = s;
	tcf_sessions++;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sessionContext)
{
	struct tcf_session *s = sessionContext;

	TEE_CloseTASession(s->peer);
	TEE_Free(s);
	tcf_sessions--;
}

#define TYPES(a, b, c, d) \
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
			TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_##d)

static TEE_Result tcf_info(struct tcf_session *s, uint32_t types,
			   TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TYPES(VALUE_OUTPUT, VALUE_OUTPUT, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	p[0].value.a = tcf_sessions;
	p[0].value.b = tcf_instance_id;
	p[1].value.a = tcf_invokes;
	p[1].value.b = s->invokes;
	return TEE_SUCCESS;
}

static TEE_Result tcf_instance_data_set(uint32_t types,
					TEE_Param p[TEE_NUM_PARAMS])
{
	struct tcf_instance_data *d;

	if (types != TYPES(VALUE_INPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	d = TEE_GetInstanceData();
	if (!d) {
		d = TEE_Malloc(sizeof(*d), TEE_MALLOC_FILL_ZERO);
		if (!d)
			return TEE_ERROR_OUT_OF_MEMORY;
		TEE_SetInstanceData(d);
	}
	d->value = p[0].value.a;
	return TEE_SUCCESS;
}

static TEE_Result tcf_instance_data_get(uint32_t types,
					TEE_Param p[TEE_NUM_PARAMS])
{
	struct tcf_instance_data *d = TEE_GetInstanceData();

	if (types != TYPES(VALUE_OUTPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	p[0].value.a = d ? d->value : 0;
	p[0].value.b = d != NULL;
	return TEE_SUCCESS;
}

static TEE_Result tcf_client_identity(uint32_t types,
				      TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Identity id;
	TEE_Result res;
	size_t len;

	if (types != TYPES(VALUE_OUTPUT, MEMREF_OUTPUT, MEMREF_OUTPUT, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[1].memref.size < 16)
		return TEE_ERROR_SHORT_BUFFER;
	res = TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
					"gpd.client.identity", &id);
	if (res != TEE_SUCCESS)
		return res;
	p[0].value.a = id.login;
	tcf_uuid_octets(p[1].memref.buffer, &id.uuid);
	p[1].memref.size = 16;
	len = p[2].memref.size;
	res = TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_CLIENT,
				      "gpd.client.identity",
				      p[2].memref.buffer, &len);
	p[2].memref.size = len;
	return res;
}

static uint32_t tcf_now_ms(void)
{
	TEE_Time t;

	TEE_GetSystemTime(&t);
	return t.seconds * 1000 + t.millis;
}

static TEE_Result tcf_wait(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t start;
	TEE_Result res;

	if (types != TYPES(VALUE_INPUT, VALUE_OUTPUT, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[0].value.b)
		TEE_UnmaskCancellation();
	start = tcf_now_ms();
	res = TEE_Wait(p[0].value.a);
	p[1].value.a = tcf_now_ms() - start;
	p[1].value.b = TEE_GetCancellationFlag();
	return res;
}

static TEE_Result tcf_cancel_masks(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t step = 0;

	if (types != TYPES(VALUE_OUTPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	/* A session starts masked: unmasking reports it was. */
	if (!TEE_UnmaskCancellation())
		step = 1;
	else if (TEE_UnmaskCancellation())
		step = 2;
	else if (TEE_GetCancellationFlag())
		step = 3;
	else if (TEE_MaskCancellation())
		step = 4;
	else if (!TEE_MaskCancellation())
		step = 5;
	else if (TEE_GetCancellationFlag())
		step = 6;
	p[0].value.a = step;
	return TEE_SUCCESS;
}

static TEE_Result tcf_watch_flag(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t start = tcf_now_ms();

	if (types != TYPES(VALUE_INPUT, VALUE_OUTPUT, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[0].value.b)
		TEE_UnmaskCancellation();
	else
		TEE_MaskCancellation();
	p[1].value.a = 0;
	while (tcf_now_ms() - start < p[0].value.a) {
		if (TEE_GetCancellationFlag()) {
			p[1].value.a = 1;
			break;
		}
	}
	p[1].value.b = tcf_now_ms() - start;
	return TEE_SUCCESS;
}

static TEE_Result tcf_time(uint32_t cmd, uint32_t types,
			   TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Time t;

	if (types != TYPES(VALUE_OUTPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (cmd == TCF_CMD_SYSTEM_TIME)
		TEE_GetSystemTime(&t);
	else
		TEE_GetREETime(&t);
	p[0].value.a = t.seconds;
	p[0].value.b = t.millis;
	return TEE_SUCCESS;
}

static TEE_Result tcf_ptime(uint32_t cmd, uint32_t types,
			    TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Time t = { 0, 0 };

	if (cmd == TCF_CMD_PTIME_GET) {
		if (types != TYPES(VALUE_OUTPUT, VALUE_OUTPUT, NONE, NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		p[1].value.a = TEE_GetTAPersistentTime(&t);
		p[0].value.a = t.seconds;
		p[0].value.b = t.millis;
		return TEE_SUCCESS;
	}
	if (types != TYPES(VALUE_INPUT, VALUE_OUTPUT, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	t.seconds = p[0].value.a;
	t.millis = p[0].value.b;
	p[1].value.a = TEE_SetTAPersistentTime(&t);
	return TEE_SUCCESS;
}

static TEE_Result tcf_dispatch(struct tcf_session *s, uint32_t cmd,
			       uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	switch (cmd) {
	case TCF_CMD_INFO:
		return tcf_info(s, types, p);
	case TCF_CMD_INSTANCE_DATA_SET:
		return tcf_instance_data_set(types, p);
	case TCF_CMD_INSTANCE_DATA_GET:
		return tcf_instance_data_get(types, p);
	case TCF_CMD_CLIENT_IDENTITY:
		return tcf_client_identity(types, p);
	case TCF_CMD_WAIT:
		return tcf_wait(types, p);
	case TCF_CMD_CANCEL_MASKS:
		return tcf_cancel_masks(types, p);
	case TCF_CMD_WATCH_FLAG:
		return tcf_watch_flag(types, p);
	case TCF_CMD_PROP_GET:
		return tcf_prop_get(types, p);
	case TCF_CMD_PROP_NAMES:
		return tcf_prop_names(types, p);
	case TCF_CMD_PROP_ENUM_API:
		return tcf_prop_enum_api(types, p);
	case TCF_CMD_MALLOC:
		return tcf_malloc(types, p);
	case TCF_CMD_REALLOC:
		return tcf_realloc(types, p);
	case TCF_CMD_REALLOC_DATA:
		return tcf_realloc_data(types, p);
	case TCF_CMD_MEMOPS:
		return tcf_memops(types, p);
	case TCF_CMD_CHECK_ACCESS:
		return tcf_check_access(types, p);
	case TCF_CMD_CRASH:
		return tcf_crash(types, p);
	case TCF_CMD_SYSTEM_TIME:
	case TCF_CMD_REE_TIME:
		return tcf_time(cmd, types, p);
	case TCF_CMD_PTIME_GET:
	case TCF_CMD_PTIME_SET:
		return tcf_ptime(cmd, types, p);
	case TCF_CMD_TA2TA_VALUES:
		return tcf_ta2ta_values(types, p);
	case TCF_CMD_TA2TA_REVERSE:
		return tcf_ta2ta_reverse(types, p);
	case TCF_CMD_TA2TA_CALL:
		return tcf_ta2ta_call(types, p);
	case TCF_CMD_TA2TA_IDENTITY:
		return tcf_ta2ta_identity(types, p);
	case TCF_CMD_TA2TA_RIGHTS:
		return tcf_ta2ta_rights(types, p);
	case TCF_CMD_TA2TA_BAD_HANDLE:
		return tcf_ta2ta_bad_handle(types, p);
	case TCF_CMD_TA2TA_KEEP:
		return tcf_ta2ta_keep(s, types, p);
	default:
		EMSG("tcf_test: unknown command %u", cmd);
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID,
				      uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	struct tcf_session *s = sessionContext;
	TEE_Result res;

	res = tcf_dispatch(s, commandID, paramTypes, params);
	s->invokes++;
	tcf_invokes++;
	return res;
}
