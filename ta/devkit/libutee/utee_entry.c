/*
 * The TA's ELF entry point: turns the host's struct utee_entry_args into
 * calls of the GP entry points. Compiled once per TA, with its flags, so
 * TEE_Param and the entry point names are the v1.1 or v1.3 ones the TA was
 * built for (TEE_CORE_API_COMPAT_1_1 in cflags-y or its header defines).
 */
#include <user_ta_header.h>
/* First: it may ask for the v1.1 API before tee_internal_api.h is read. */
#include <user_ta_header_defines.h>

#include <stdint.h>
#include <string.h>
#include <tee_internal_api.h>
#include <teecheck/ta_abi.h>
#include <utee_syscalls.h>

void __utee_entry(struct utee_entry_args *args);

static bool utee_param_type_valid(uint32_t t)
{
	switch (t) {
	case TEE_PARAM_TYPE_NONE:
	case TEE_PARAM_TYPE_VALUE_INPUT:
	case TEE_PARAM_TYPE_VALUE_OUTPUT:
	case TEE_PARAM_TYPE_VALUE_INOUT:
	case TEE_PARAM_TYPE_MEMREF_INPUT:
	case TEE_PARAM_TYPE_MEMREF_OUTPUT:
	case TEE_PARAM_TYPE_MEMREF_INOUT:
		return true;
	default:
		return false;
	}
}

/* The ABI's parameters as the TA sees them. */
static TEE_Result utee_params_in(uint32_t types, const struct utee_param *up,
				 TEE_Param *p)
{
	size_t i;

	if (types >> (4 * TEE_NUM_PARAMS))
		return TEE_ERROR_BAD_PARAMETERS;
	memset(p, 0, sizeof(TEE_Param) * TEE_NUM_PARAMS);
	for (i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(types, i);

		if (!utee_param_type_valid(t))
			return TEE_ERROR_BAD_PARAMETERS;
		switch (t) {
		case TEE_PARAM_TYPE_VALUE_INPUT:
		case TEE_PARAM_TYPE_VALUE_INOUT:
			if (up[i].a > UINT32_MAX || up[i].b > UINT32_MAX)
				return TEE_ERROR_BAD_PARAMETERS;
			p[i].value.a = (uint32_t)up[i].a;
			p[i].value.b = (uint32_t)up[i].b;
			break;
		case TEE_PARAM_TYPE_MEMREF_INPUT:
		case TEE_PARAM_TYPE_MEMREF_OUTPUT:
		case TEE_PARAM_TYPE_MEMREF_INOUT:
			if (up[i].a != (uintptr_t)up[i].a ||
			    up[i].b != (__typeof__(p[i].memref.size))up[i].b)
				return TEE_ERROR_BAD_PARAMETERS;
			p[i].memref.buffer = (void *)(uintptr_t)up[i].a;
			p[i].memref.size = up[i].b;
			break;
		default:
			break;
		}
	}
	return TEE_SUCCESS;
}

/* What the TA wrote back: output values and memref sizes. */
static void utee_params_out(uint32_t types, const TEE_Param *p,
			    struct utee_param *up)
{
	size_t i;

	for (i = 0; i < TEE_NUM_PARAMS; i++) {
		switch (TEE_PARAM_TYPE_GET(types, i)) {
		case TEE_PARAM_TYPE_VALUE_OUTPUT:
		case TEE_PARAM_TYPE_VALUE_INOUT:
			up[i].a = p[i].value.a;
			up[i].b = p[i].value.b;
			break;
		case TEE_PARAM_TYPE_MEMREF_OUTPUT:
		case TEE_PARAM_TYPE_MEMREF_INOUT:
			up[i].b = p[i].memref.size;
			break;
		default:
			break;
		}
	}
}

static TEE_Result utee_open_session(struct utee_entry_args *args)
{
	TEE_Param params[TEE_NUM_PARAMS];
	void *ctx = NULL;
	TEE_Result res;

	res = utee_params_in(args->param_types, args->params, params);
	if (res != TEE_SUCCESS)
		return res;
	res = TA_OpenSessionEntryPoint(args->param_types, params, &ctx);
	utee_params_out(args->param_types, params, args->params);
	args->session_ctx = (uintptr_t)ctx;
	return res;
}

static TEE_Result utee_invoke(struct utee_entry_args *args)
{
	TEE_Param params[TEE_NUM_PARAMS];
	TEE_Result res;

	res = utee_params_in(args->param_types, args->params, params);
	if (res != TEE_SUCCESS)
		return res;
	res = TA_InvokeCommandEntryPoint((void *)(uintptr_t)args->session_ctx,
					 args->cmd_id, args->param_types,
					 params);
	utee_params_out(args->param_types, params, args->params);
	return res;
}

void __utee_entry(struct utee_entry_args *args)
{
	TEE_Result res = TEE_SUCCESS;

	if (args->func == UTEE_ENTRY_BOOT) {
		if (!args->syscall) {
			args->result = TEE_ERROR_BAD_PARAMETERS;
			return;
		}
		utee_syscall_init((utee_syscall_fn)(uintptr_t)args->syscall);
		args->result = TEE_SUCCESS;
		return;
	}
	if (!utee_syscall_ready()) {
		args->result = TEE_ERROR_BAD_STATE;
		return;
	}

	switch (args->func) {
	case UTEE_ENTRY_CREATE:
		res = TA_CreateEntryPoint();
		break;
	case UTEE_ENTRY_DESTROY:
		TA_DestroyEntryPoint();
		break;
	case UTEE_ENTRY_OPEN_SESSION:
		res = utee_open_session(args);
		break;
	case UTEE_ENTRY_CLOSE_SESSION:
		TA_CloseSessionEntryPoint((void *)(uintptr_t)args->session_ctx);
		break;
	case UTEE_ENTRY_INVOKE:
		res = utee_invoke(args);
		break;
	default:
		res = TEE_ERROR_NOT_SUPPORTED;
		break;
	}
	args->result = res;
}
