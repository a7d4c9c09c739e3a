/*
 * TTA_TCF: the Trusted Core Framework test TA. Each file implements one
 * group of its commands (command IDs in gp_names.h, protocols in
 * docs/GP_SUITE.md).
 */
#ifndef TCF_H
#define TCF_H

#include <tee_internal_api.h>
#include <tta_names.h>

/* What a client session of TTA_TCF keeps: its own TA-to-TA session. */
struct tcf_session {
	TEE_TASessionHandle ta_session;
	bool ta_open;
};

/* Each answers TEE_ERROR_BAD_PARAMETERS for a command not its own. */
TEE_Result tcf_property_cmd(uint32_t cmd, uint32_t types,
			    TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_memory_cmd(uint32_t cmd, uint32_t types,
			  TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_ta_session_cmd(struct tcf_session *s, uint32_t cmd,
			      uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_cancel_cmd(uint32_t cmd, uint32_t types,
			  TEE_Param p[TEE_NUM_PARAMS]);

/* Ends the session's TA-to-TA session, if it has one. */
void tcf_ta_session_end(struct tcf_session *s);

#define TCF_TYPES(t0, t1, t2, t3)					\
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_##t0, TEE_PARAM_TYPE_##t1,	\
			TEE_PARAM_TYPE_##t2, TEE_PARAM_TYPE_##t3)

#endif
