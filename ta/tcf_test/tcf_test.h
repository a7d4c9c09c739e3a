/* tcf_test's parts: the command handlers each source file provides. */
#ifndef TCF_TEST_H
#define TCF_TEST_H

#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>

/* What a session keeps between invokes. */
struct tcf_session {
	uint32_t invokes;		/* served before the current one */
	TEE_TASessionHandle peer;	/* TCF_CMD_TA2TA_KEEP's session */
};

/* Each checks its parameter types and returns the command's result. */
TEE_Result tcf_prop_get(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_prop_names(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_prop_enum_api(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_malloc(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_realloc(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_realloc_data(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_memops(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_check_access(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_crash(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_ta2ta_values(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_ta2ta_reverse(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_ta2ta_call(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_ta2ta_identity(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_ta2ta_rights(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_ta2ta_bad_handle(uint32_t types, TEE_Param p[TEE_NUM_PARAMS]);
TEE_Result tcf_ta2ta_keep(struct tcf_session *s, uint32_t types,
			  TEE_Param p[TEE_NUM_PARAMS]);

#endif
