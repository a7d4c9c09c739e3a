/* teecheck's Client API additions (include/teecheck/teec_ext.h). */
#include <string.h>

#include <teecheck/teec_ext.h>

#include "../../common/tc_msg.h"
#include "teec_priv.h"

TEEC_Result teecheck_core_stats(TEEC_Context *context,
				struct teecheck_core_stats *stats)
{
	struct tc_msg m, r;
	TEEC_Result res;

	if (!context || !context->imp.priv || !stats)
		return TEEC_ERROR_BAD_PARAMETERS;
	tc_msg_init(&m, TC_CMD_STATS, 0);
	res = transport_call(context->imp.priv, &m, &r);
	if (res)
		return res;
	if (r.ret)
		return r.ret;
	if (r.num_params < 2 || r.params[0].type != TC_PARAM_VALUE_OUT ||
	    r.params[1].type != TC_PARAM_VALUE_OUT)
		return TEEC_ERROR_COMMUNICATION;
	stats->sessions = r.params[0].a;
	stats->instances = r.params[0].b;
	stats->guests = r.params[1].a;
	stats->supplicant = r.params[1].b;
	return TEEC_SUCCESS;
}
