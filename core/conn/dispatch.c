/* Requests from clients, executed on a secure thread. */
#include <string.h>

#include "../../common/tc_log.h"
#include "../core.h"
#include "../pager/core_pager.h"
#include "../session/session.h"
#include "../shm/shm_mgr.h"
#include "conn.h"

/* Core statistics: counts that prove nothing is left behind. */
static void core_stats(struct tc_msg *msg)
{
	struct list_node *n;
	uint32_t sessions = 0, instances = 0, guests = 0;

	pthread_mutex_lock(&core.lock);
	list_for_each(n, &core.sessions)
		sessions++;
	list_for_each(n, &core.instances)
		instances++;
	list_for_each(n, &core.conns)
		if (list_entry(n, struct conn, node)->role == TC_ROLE_CLIENT)
			guests++;
	pthread_mutex_unlock(&core.lock);
	memset(msg->params, 0, sizeof(msg->params));
	msg->num_params = 2;
	msg->params[0].type = TC_PARAM_VALUE_OUT;
	msg->params[0].a = sessions;
	msg->params[0].b = instances;
	msg->params[1].type = TC_PARAM_VALUE_OUT;
	msg->params[1].a = guests;
	msg->params[1].b = core.supplicant != NULL;
}

void dispatch_request(struct conn *c, struct tc_msg *msg)
{
	uint32_t origin = TEE_ORIGIN_TEE;
	TEE_Result res;

	switch (msg->cmd) {
	case TC_CMD_OPEN_SESSION:
		res = session_open(c, msg, &origin);
		break;
	case TC_CMD_INVOKE:
		res = session_invoke(c, msg, &origin);
		break;
	case TC_CMD_CLOSE_SESSION:
		res = session_close(c, msg->session, &origin);
		break;
	case TC_CMD_REGISTER_SHM:
		res = shm_register(c, msg, &origin);
		break;
	case TC_CMD_UNREGISTER_SHM:
		res = shm_unregister(c, msg, &origin);
		break;
	case TC_CMD_GUEST_DESTROY:
		res = shm_guest_destroy(c, msg, &origin);
		break;
	case TC_CMD_STATS:
		if (msg->func == TC_STATS_PAGER) {
			res = stats_pager_request(c, msg, &origin);
			break;
		}
		if (msg->func == TC_STATS_SHM) {
			res = shm_stats_request(c, msg, &origin);
			break;
		}
		core_stats(msg);
		res = TEE_SUCCESS;
		break;
	default:
		if (test_cmd_dispatch(c, msg, &res, &origin))
			break;
		tc_err("pid %d: command %u not implemented", (int)c->pid,
		       msg->cmd);
		res = TEE_ERROR_NOT_IMPLEMENTED;
		break;
	}
	conn_reply(c, msg, res, origin);
}

void dispatch_guest_gone(struct conn *c)
{
	session_close_guest(c);
	/* Then its shared memory, as soon as no call of its uses it. */
	shm_guest_gone(c);
}
