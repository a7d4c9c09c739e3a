/*
 * What a TA asks of the core while one of its entry points runs: TA-to-TA
 * sessions and its persistent time. Served on the secure thread that runs
 * the call, so a TA-to-TA call nests on it; the answer goes back before the
 * call goes on.
 */
#include <string.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../../common/uuid.h"
#include "../core.h"
#include "../session/session.h"
#include "../storage/ptime.h"
#include "../storage/storage.h"
#include "inst.h"

/* Answers the host's request in place. */
static void hostreq_reply(struct instance *inst, struct tc_msg *m,
			  TEE_Result res, uint32_t origin)
{
	tc_msg_to_reply(m, res, origin);
	/* A host that is gone is noticed by the wait for its reply. */
	tc_send(inst->sock, m, -1);
}

void hostreq_serve(struct instance *inst, struct tc_msg *m)
{
	uint32_t origin = TEE_ORIGIN_TEE;
	char u[TC_UUID_STR_LEN];
	TEE_Result res;
	uint64_t ms;

	switch (m->func) {
	case TC_HREQ_TA_OPEN:
		res = session_open_ta(inst, m, &origin);
		break;
	case TC_HREQ_TA_INVOKE:
		res = session_invoke_ta(inst, m, &origin);
		break;
	case TC_HREQ_TA_CLOSE:
		res = session_close_ta(inst, m->session);
		break;
	case TC_HREQ_PTIME_GET:
		res = ptime_get(inst->uuid, &ms);
		m->arg = res ? 0 : ms;
		break;
	case TC_HREQ_PTIME_SET:
		res = ptime_set(inst->uuid, m->arg);
		break;
	case TC_HREQ_STORAGE:
		res = sto_host_request(inst);
		break;
	default:
		tc_uuid_bytes_to_str(inst->uuid, u);
		tc_err("TA %s: host request %u unknown", u, m->func);
		res = TEE_ERROR_NOT_SUPPORTED;
		break;
	}
	hostreq_reply(inst, m, res, origin);
}
