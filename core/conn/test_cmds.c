/*
 * The commands a core answers for the project's tests, beyond the Client
 * API and its own statistics: one table, so that every such command and the
 * builds it exists in are found here (docs/ARCHITECTURE.md, "Test
 * commands"). A command that only reads what its caller owns is in every
 * build, so that the suite checks the core that ships; one that corrupts
 * state is in the test build (tee-core-test) only.
 */
#include <stddef.h>

#include "../core.h"
#include "../pager/core_pager.h"
#include "../shm/shm_mgr.h"
#include "conn.h"

struct test_cmd {
	uint16_t cmd;
	TEE_Result (*run)(struct conn *c, struct tc_msg *msg,
			  uint32_t *origin);
};

static const struct test_cmd test_cmds[] = {
	/* Digest of the caller's object; an RPC SHM_ALLOC round trip. */
	{ TC_CMD_SHM_PROBE, shm_probe },
#ifdef CORE_PAGER_TEST
	/* Corrupts a pager's page copy or backing (8000 series). */
	{ TC_CMD_PAGER_TEST, pager_test_command },
#endif
};

bool test_cmd_dispatch(struct conn *c, struct tc_msg *msg, TEE_Result *res,
		       uint32_t *origin)
{
	size_t i;

	for (i = 0; i < sizeof(test_cmds) / sizeof(test_cmds[0]); i++) {
		if (test_cmds[i].cmd == msg->cmd) {
			*res = test_cmds[i].run(c, msg, origin);
			return true;
		}
	}
	return false;
}
