/*
 * shm_churn: the TA behind the shared memory tests and the SHM-churn load.
 * Its commands (shm_churn_ta.h) write and check a position-dependent
 * pattern, so every byte of every memref is verified in both directions.
 */
#include <shm_churn_ta.h>
#include <tee_internal_api.h>
#include <trace.h>

#define TYPES(a, b, c, d)	TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, \
						TEE_PARAM_TYPE_##b, \
						TEE_PARAM_TYPE_##c, \
						TEE_PARAM_TYPE_##d)
#define TYPE_OF(types, i)	TEE_PARAM_TYPE_GET(types, i)

/* Spin iterations in one HOLD round. */
#define HOLD_SPIN		200000u

/* The address KEEP remembered. */
static const volatile uint8_t *churn_kept;

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext)
{
	(void)paramTypes;
	(void)params;
	*sessionContext = NULL;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sessionContext)
{
	(void)sessionContext;
}

static bool is_readable(uint32_t t)
{
	return t == TEE_PARAM_TYPE_MEMREF_INPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_INOUT;
}

static bool is_writable(uint32_t t)
{
	return t == TEE_PARAM_TYPE_MEMREF_OUTPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_INOUT;
}

/* Whether params 1..3 have exactly the types b, c, d. */
static bool rest_is(uint32_t types, uint32_t b, uint32_t c, uint32_t d)
{
	return TYPE_OF(types, 1) == b && TYPE_OF(types, 2) == c &&
	       TYPE_OF(types, 3) == d;
}

static void report_check(TEE_Param *out, const TEE_Param *mem, uint32_t seed)
{
	size_t bad = shm_churn_mismatch(mem->memref.buffer, mem->memref.size,
					seed);

	out->value.a = bad != mem->memref.size;
	out->value.b = bad != mem->memref.size ? (uint32_t)bad : 0;
}

static TEE_Result cmd_fill(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (!is_writable(TYPE_OF(types, 0)) ||
	    !rest_is(types, TEE_PARAM_TYPE_VALUE_INPUT, TEE_PARAM_TYPE_NONE,
		     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	shm_churn_fill(p[0].memref.buffer, p[0].memref.size, p[1].value.a);
	return TEE_SUCCESS;
}

static TEE_Result cmd_check(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (!is_readable(TYPE_OF(types, 0)) ||
	    !rest_is(types, TEE_PARAM_TYPE_VALUE_INPUT,
		     TEE_PARAM_TYPE_VALUE_OUTPUT, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	report_check(&p[2], &p[0], p[1].value.a);
	return TEE_SUCCESS;
}

static TEE_Result cmd_xform(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TYPES(MEMREF_INOUT, VALUE_INPUT, VALUE_OUTPUT, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	report_check(&p[2], &p[0], p[1].value.a);
	if (!p[2].value.a)
		shm_churn_fill(p[0].memref.buffer, p[0].memref.size,
			       p[1].value.b);
	return TEE_SUCCESS;
}

static TEE_Result cmd_copy(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (!is_readable(TYPE_OF(types, 0)) ||
	    !is_writable(TYPE_OF(types, 1)) ||
	    TYPE_OF(types, 2) != TEE_PARAM_TYPE_NONE ||
	    TYPE_OF(types, 3) != TEE_PARAM_TYPE_NONE)
		return TEE_ERROR_BAD_PARAMETERS;
	if (p[1].memref.size < p[0].memref.size) {
		p[1].memref.size = p[0].memref.size;
		return TEE_ERROR_SHORT_BUFFER;
	}
	TEE_MemMove(p[1].memref.buffer, p[0].memref.buffer, p[0].memref.size);
	p[1].memref.size = p[0].memref.size;
	return TEE_SUCCESS;
}

static TEE_Result cmd_hold(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	volatile uint32_t spin;
	uint32_t round, bad = 0;

	if (!is_readable(TYPE_OF(types, 0)) ||
	    !rest_is(types, TEE_PARAM_TYPE_VALUE_INPUT,
		     TEE_PARAM_TYPE_VALUE_OUTPUT, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	for (round = 0; round < p[1].value.b; round++) {
		for (spin = 0; spin < HOLD_SPIN; spin++)
			;
		if (shm_churn_mismatch(p[0].memref.buffer, p[0].memref.size,
				       p[1].value.a) != p[0].memref.size)
			bad++;
	}
	p[2].value.a = bad;
	p[2].value.b = 0;
	return TEE_SUCCESS;
}

static TEE_Result cmd_poke(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	volatile uint8_t *buf;

	if (types != TYPES(MEMREF_INPUT, VALUE_INPUT, NONE, NONE) ||
	    p[1].value.a >= p[0].memref.size)
		return TEE_ERROR_BAD_PARAMETERS;
	buf = p[0].memref.buffer;
	buf[p[1].value.a] ^= 0xff;
	/* Still here: the input buffer was writable. */
	EMSG("shm_churn: wrote to an input memref");
	return TEE_ERROR_SECURITY;
}

static TEE_Result cmd_probe(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	uint32_t t = TYPE_OF(types, 0);

	if ((!is_readable(t) && !is_writable(t)) ||
	    !rest_is(types, TEE_PARAM_TYPE_VALUE_OUTPUT, TEE_PARAM_TYPE_NONE,
		     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	p[1].value.a = p[0].memref.buffer == NULL;
	p[1].value.b = (uint32_t)p[0].memref.size;
	return TEE_SUCCESS;
}

static TEE_Result cmd_touch(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	const volatile uint8_t *buf = p[0].memref.buffer;
	uint32_t sum = 0;
	size_t i;

	if (!is_readable(TYPE_OF(types, 0)) ||
	    !rest_is(types, TEE_PARAM_TYPE_VALUE_OUTPUT, TEE_PARAM_TYPE_NONE,
		     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < p[0].memref.size; i += 4096)
		sum += buf[i];
	p[1].value.a = sum;
	p[1].value.b = 0;
	return TEE_SUCCESS;
}

static TEE_Result cmd_keep(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (!is_readable(TYPE_OF(types, 0)) || !p[0].memref.size ||
	    !rest_is(types, TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
		     TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	churn_kept = p[0].memref.buffer;
	return TEE_SUCCESS;
}

static TEE_Result cmd_peek(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TYPES(VALUE_OUTPUT, NONE, NONE, NONE) || !churn_kept)
		return TEE_ERROR_BAD_PARAMETERS;
	p[0].value.a = *churn_kept;
	p[0].value.b = 0;
	/* Still here: an earlier call's memory was readable. */
	EMSG("shm_churn: read a memref of an earlier call");
	return TEE_ERROR_SECURITY;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID,
				      uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	(void)sessionContext;

	switch (commandID) {
	case SHM_CHURN_CMD_FILL:
		return cmd_fill(paramTypes, params);
	case SHM_CHURN_CMD_CHECK:
		return cmd_check(paramTypes, params);
	case SHM_CHURN_CMD_XFORM:
		return cmd_xform(paramTypes, params);
	case SHM_CHURN_CMD_COPY:
		return cmd_copy(paramTypes, params);
	case SHM_CHURN_CMD_HOLD:
		return cmd_hold(paramTypes, params);
	case SHM_CHURN_CMD_POKE:
		return cmd_poke(paramTypes, params);
	case SHM_CHURN_CMD_PROBE:
		return cmd_probe(paramTypes, params);
	case SHM_CHURN_CMD_TOUCH:
		return cmd_touch(paramTypes, params);
	case SHM_CHURN_CMD_KEEP:
		return cmd_keep(paramTypes, params);
	case SHM_CHURN_CMD_PEEK:
		return cmd_peek(paramTypes, params);
	default:
		EMSG("shm_churn: unknown command %u", commandID);
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
