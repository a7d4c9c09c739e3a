/*
 * The normal world's side of the core's codes: the one place where the
 * core's TEE_Result and TEE_ORIGIN_* become the Client API's TEEC_ codes and
 * origins (replies to clients and to the supplicant), and where the
 * supplicant's TEEC_ answers become TEE_Result (RPC replies). Everything
 * else in the core speaks TEE_Result (docs/ARCHITECTURE.md, "Errors").
 */
#include <tee_api_defines.h>
#include <tee_client_api.h>

#include "../../common/tc_msg.h"
#include "../core.h"
#include "conn.h"

/*
 * GP gives the codes both APIs share the same values, and a TA's own codes
 * reach its client unchanged: a result crosses as it is. The build checks
 * the values the core returns itself.
 */
#define SAME_CODE(name) \
	_Static_assert(TEE_##name == TEEC_##name, #name " differs")
SAME_CODE(SUCCESS);
SAME_CODE(ERROR_GENERIC);
SAME_CODE(ERROR_ACCESS_DENIED);
SAME_CODE(ERROR_CANCEL);
SAME_CODE(ERROR_BAD_FORMAT);
SAME_CODE(ERROR_BAD_PARAMETERS);
SAME_CODE(ERROR_BAD_STATE);
SAME_CODE(ERROR_ITEM_NOT_FOUND);
SAME_CODE(ERROR_NOT_IMPLEMENTED);
SAME_CODE(ERROR_NOT_SUPPORTED);
SAME_CODE(ERROR_OUT_OF_MEMORY);
SAME_CODE(ERROR_BUSY);
SAME_CODE(ERROR_COMMUNICATION);
SAME_CODE(ERROR_SECURITY);
SAME_CODE(ERROR_SHORT_BUFFER);
SAME_CODE(ERROR_TARGET_DEAD);
_Static_assert(TEE_LOGIN_APPLICATION_USER == TEEC_LOGIN_USER_APPLICATION &&
	       TEE_LOGIN_APPLICATION_GROUP == TEEC_LOGIN_GROUP_APPLICATION,
	       "login methods differ");

/* Where a result comes from, as the Client API names it. */
static uint32_t reply_origin(uint32_t tee_origin)
{
	switch (tee_origin) {
	case TEE_ORIGIN_API:
		return TEEC_ORIGIN_API;
	case TEE_ORIGIN_COMMS:
		return TEEC_ORIGIN_COMMS;
	case TEE_ORIGIN_TRUSTED_APP:
		return TEEC_ORIGIN_TRUSTED_APP;
	default:
		return TEEC_ORIGIN_TEE;
	}
}

/* A peer that has gone is not an error here. */
int conn_reply(struct conn *c, struct tc_msg *msg, TEE_Result res,
	       uint32_t origin)
{
	tc_msg_to_reply(msg, (TEEC_Result)res, reply_origin(origin));
	/* Never waiting for the peer (conn_send). */
	return conn_send(c, msg, -1);
}

TEE_Result conn_rpc_result(uint32_t teec_res)
{
	return (TEE_Result)teec_res;
}
