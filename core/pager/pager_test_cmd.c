/*
 * TC_CMD_PAGER_TEST, compiled only into the test build (tee-core-test, with
 * ta-host-test): corrupts what the pager keeps outside the pool, so the 8000
 * series can show that the next access is caught. A TA page's sealed copy
 * or hashed backing is corrupted by its host; a page of the core's own text
 * by the core, whose next use of that page must then stop it.
 */
#ifndef CORE_PAGER_TEST
#error "pager_test_cmd.c belongs to the test build only"
#endif

#include <tee_api_defines.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../core.h"
#include "../inst/inst.h"
#include "../session/session.h"
#include "core_pager.h"
#include "pager.h"

/* The instance of guest c's session id, with a reference, or NULL. */
static struct instance *test_session_inst(struct conn *c, uint32_t id)
{
	struct instance *inst = NULL;
	struct list_node *n;

	pthread_mutex_lock(&core.lock);
	list_for_each(n, &core.sessions) {
		struct session *s = list_entry(n, struct session, node);

		if (s->id == id && s->owner == c && !s->closed) {
			inst = s->inst;
			inst->refs++;
			break;
		}
	}
	pthread_mutex_unlock(&core.lock);
	return inst;
}

static TEE_Result test_ta(struct conn *c, const struct tc_msg *msg,
			   uint32_t *origin)
{
	struct instance *inst = test_session_inst(c, msg->session);
	struct tc_msg m, r;
	TEE_Result res;

	if (!inst)
		return TEE_ERROR_BAD_PARAMETERS;
	res = inst_enter(inst, TEE_TIMEOUT_INFINITE, origin);
	if (!res) {
		tc_msg_init(&m, TC_CMD_HOST_PAGER, 0);
		m.func = TC_HOST_PAGER_TAMPER;
		m.tamper = msg->func;
		m.arg = msg->arg;
		res = inst_host_exchange(inst, &m, -1, &r) ?
		      TEE_ERROR_TARGET_DEAD : r.ret;
		inst_leave(inst);
	}
	inst_put(inst);
	return res;
}

extern const uint8_t __core_paged_text_start[] __attribute__((weak));
extern const uint8_t __core_paged_text_end[] __attribute__((weak));

/*
 * Corrupts the backing of the page holding session_open() and evicts every
 * page: the next session that opens runs that page again, and the check
 * that fails then ends the core. Where session_open() is not paged (the
 * sanitizer build keeps whatever a global table points to mapped), every
 * page of the paged text is corrupted instead: opening a session runs some
 * of it.
 */
static TEE_Result test_core(void)
{
	size_t page = pager_page_size();
	uintptr_t target = (uintptr_t)&session_open & ~(uintptr_t)(page - 1);
	uintptr_t p, end = (uintptr_t)__core_paged_text_end;
	TEE_Result res;

	res = pager_test_corrupt_backing((void *)target);
	if (res == TEE_ERROR_ITEM_NOT_FOUND && __core_paged_text_start) {
		for (p = (uintptr_t)__core_paged_text_start; p < end;
		     p += page) {
			res = pager_test_corrupt_backing((void *)p);
			if (res)
				break;
		}
		target = (uintptr_t)__core_paged_text_start;
	}
	if (!res)
		res = pager_evict_all();
	tc_warn("test: corrupted the backing of the core's page at %#lx "
		"(session_open, or all its paged text): 0x%08x",
		(unsigned long)target, res);
	return res;
}

TEE_Result pager_test_command(struct conn *c, struct tc_msg *msg,
			       uint32_t *origin)
{
	*origin = TEE_ORIGIN_TEE;
	switch (msg->func) {
	case TC_PAGER_TEST_TA_SAVED:
	case TC_PAGER_TEST_TA_HASHED:
		return test_ta(c, msg, origin);
	case TC_PAGER_TEST_CORE_HASHED:
		return test_core();
	default:
		tc_err("pid %d: pager test: func: unknown kind %u",
		       (int)c->pid, msg->func);
		return TEE_ERROR_BAD_PARAMETERS;
	}
}
