/*
 * What several GP test TAs do with their parameters: check the test values
 * the client put in and answer with the ones it expects back.
 */
#ifndef TTA_PARAMS_H
#define TTA_PARAMS_H

/* First: gp_names.h gives property sets as numbers only outside a TA. */
#include <tee_internal_api.h>
#include <tta_names.h>

/* The bytes of a memory reference's test word: VALUE01 in, VALUE02 out. */
#define TTA_WORD_SIZE	SIZE_VALUE01

/*
 * The "check and update" protocol: every input value must be
 * (VALUE01, VALUE02) and every output value becomes (VALUE02, VALUE01); a
 * non-empty input memref must start with the bytes of VALUE01, an output
 * memref receives the bytes of VALUE02 and its size becomes TTA_WORD_SIZE
 * (TEE_ERROR_SHORT_BUFFER, with that size, when it is smaller).
 */
TEE_Result tta_check_update_params(uint32_t types,
				   TEE_Param params[TEE_NUM_PARAMS]);

/*
 * Parameters 0 and 2 are inputs copied to outputs 1 and 3 of the same kind
 * (value or memory reference); a pair may be NONE, NONE.
 */
TEE_Result tta_copy_params(uint32_t types, TEE_Param params[TEE_NUM_PARAMS]);

/* TEE_PARAM_TYPES(NONE, NONE, NONE, NONE) */
#define TTA_PARAMS_NONE	0u

/*
 * An invoke hook that knows one command, COMMAND_TTA_Success with no
 * parameters, and refuses everything else with TEE_ERROR_BAD_PARAMETERS.
 */
TEE_Result tta_invoke_success_only(void *session, uint32_t cmd,
				   uint32_t types,
				   TEE_Param params[TEE_NUM_PARAMS]);

#endif
