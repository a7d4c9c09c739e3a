/*
 * The wire to a TA host: one request and its reply at a time (the
 * instance's owner's), with what the host may send meanwhile (a panic
 * report, a TA's request to the core), and the guest RAMs it holds.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../../common/uuid.h"
#include "../conn/conn.h"
#include "../core.h"
#include "inst.h"
#include "inst_priv.h"

static uint32_t host_next_id;

/*
 * Receive buffers, one per nesting depth of this secure thread: a host's
 * request (with its page list) stays in use while the calls it causes
 * receive their own.
 */
static __thread struct tc_msg *host_rx[EXEC_MAX_DEPTH + 1];

static uint32_t host_msg_id(void)
{
	return __atomic_add_fetch(&host_next_id, 1, __ATOMIC_RELAXED);
}

static struct tc_msg *host_rx_buf(void)
{
	unsigned int depth = exec_current()->depth;

	if (!host_rx[depth])
		host_rx[depth] = malloc(TC_MSG_MAX_SIZE);
	return host_rx[depth];
}

/*
 * Waits for the host's socket while TA-to-TA timeouts are pending, firing
 * them; with none, the receive itself waits (one system call less).
 */
static int host_poll(struct instance *inst)
{
	struct pollfd p = { .fd = inst->sock, .events = POLLIN };
	int timeout, rc;

	for (;;) {
		timeout = exec_poll_timeout(exec_current());
		if (timeout < 0)
			return 0;
		rc = poll(&p, 1, timeout);
		if (rc > 0)
			return 0;
		if (rc < 0 && errno != EINTR)
			return -errno;
	}
}

/*
 * Receives the host's reply to request id into reply. Meanwhile the host may
 * report a panic, and during a call its TA may ask the core for something
 * (HOST_REQ), which is served here, on this thread. Returns 0, or -EPIPE if
 * the host is gone (reaped here).
 */
static int host_wait_reply(struct instance *inst, uint32_t id, uint16_t cmd,
			   struct tc_msg *reply)
{
	struct tc_msg *m = host_rx_buf();
	char u[TC_UUID_STR_LEN];
	struct tc_why why;
	ssize_t n;

	while (m && !host_poll(inst)) {
		n = tc_recv(inst->sock, m, TC_MSG_MAX_SIZE, NULL);
		if (n <= 0)
			break;
		if (tc_msg_check(m, (size_t)n, &why)) {
			tc_err("TA %s: host sent a malformed message: %s",
			       inst_uuid_str(inst, u), why.text);
			break;
		}
		if (m->cmd == TC_CMD_HOST_PANIC) {
			tc_warn("TA %s: panic, code 0x%08x",
				inst_uuid_str(inst, u), m->ret);
			continue;
		}
		if (m->cmd == TC_CMD_HOST_REQ && cmd == TC_CMD_HOST_CALL) {
			if (tc_msg_check_pages(m, inst->xram.pages, &why)) {
				tc_err("TA %s: host request: %s",
				       inst_uuid_str(inst, u), why.text);
				break;
			}
			hostreq_serve(inst, m);
			continue;
		}
		if (m->cmd != (cmd | TC_REPLY) || m->id != id ||
		    m->npages) {
			tc_err("TA %s: host answered 0x%x/%u to 0x%x/%u",
			       inst_uuid_str(inst, u), m->cmd, m->id, cmd, id);
			break;
		}
		*reply = *m;
		return 0;
	}
	inst_host_reap(inst);
	inst_mark_dead(inst);
	return -EPIPE;
}

/* One request to the host and its reply; the owner's only. */
int inst_host_exchange(struct instance *inst, struct tc_msg *m, int fd,
		       struct tc_msg *reply)
{
	m->id = host_msg_id();
	if (inst->host_gone)
		return -EPIPE;
	if (tc_send(inst->sock, m, fd)) {
		inst_host_reap(inst);
		inst_mark_dead(inst);
		return -EPIPE;
	}
	return host_wait_reply(inst, m->id, m->cmd, reply);
}

static bool guest_alive(uint32_t id)
{
	struct list_node *n;
	bool alive = false;

	pthread_mutex_lock(&core.lock);
	list_for_each(n, &core.conns) {
		struct conn *c = list_entry(n, struct conn, node);

		if (c->guest_id == id && !c->dead)
			alive = true;
	}
	list_for_each(n, &core.instances) {
		struct instance *i = list_entry(n, struct instance, node);

		if (i->xram.id == id && i->state != INST_DEAD)
			alive = true;
	}
	pthread_mutex_unlock(&core.lock);
	return alive;
}

/* Makes the host forget the RAM of guests[k]. */
static int inst_guest_ram_revoke(struct instance *inst, size_t k)
{
	struct tc_msg m, r;

	tc_msg_init(&m, TC_CMD_HOST_GUEST_DROP, 0);
	m.arg2 = inst->guests[k];
	if (inst_host_exchange(inst, &m, -1, &r))
		return -EPIPE;
	memmove(inst->guests + k, inst->guests + k + 1,
		(inst->nguests - k - 1) * sizeof(inst->guests[0]));
	inst->nguests--;
	return 0;
}

/*
 * Gives the host a RAM it maps memrefs from, once. When the host holds as
 * many as it may, a gone guest's RAM makes room, else the oldest's: the core
 * knows what the host holds and gives it again when needed.
 */
int inst_guest_ram_send(struct instance *inst, const struct ram_ref *ram)
{
	struct tc_msg m, r;
	size_t i, victim = 0;

	for (i = 0; i < inst->nguests; i++)
		if (inst->guests[i] == ram->id)
			return 0;
	if (inst->nguests == INST_MAX_GUESTS) {
		for (i = 0; i < inst->nguests; i++) {
			if (!guest_alive(inst->guests[i])) {
				victim = i;
				break;
			}
		}
		if (inst_guest_ram_revoke(inst, victim))
			return -EPIPE;
	}
	tc_msg_init(&m, TC_CMD_HOST_GUEST, 0);
	m.arg = ram->pages * TC_PAGE_SIZE;
	m.arg2 = ram->id;
	if (inst_host_exchange(inst, &m, ram->fd, &r))
		return -EPIPE;
	if (r.ret)
		return -ENOMEM;
	inst->guests[inst->nguests++] = ram->id;
	return 0;
}
