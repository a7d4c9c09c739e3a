/*
 * TA instances inside: what their files share. inst.c finds and ends
 * instances, inst_start.c starts one (its TA loaded, its host spawned),
 * inst_sched.c decides which secure thread may run an instance's entry
 * points, host_wire.c exchanges messages with a host, inst_call.c runs one
 * entry point.
 */
#ifndef CORE_INST_PRIV_H
#define CORE_INST_PRIV_H

#include <stdint.h>

#include "../../common/uuid.h"
#include "../core.h"

static inline const char *inst_uuid_str(const struct instance *inst,
					char buf[TC_UUID_STR_LEN])
{
	tc_uuid_bytes_to_str(inst->uuid, buf);
	return buf;
}

/* inst.c: the instance is dead from now on (keep-alive reference dropped). */
void inst_mark_dead(struct instance *inst);

/* inst_start.c */
/* Loads a new instance's TA, starts its host and runs TA_CreateEntryPoint. */
TEE_Result inst_start(struct instance *inst, uint32_t *origin);
/* Kills and reaps the host, once; its pool share goes back. The owner's. */
void inst_host_reap(struct instance *inst);
/*
 * host_zygote.c: a new TA host forked by the zygote, host_fd its socket to
 * the core (the zygote's child, not the core's). 0 with *pid, or -errno:
 * then the caller starts the host itself.
 */
int host_zygote_fork(int host_fd, pid_t *pid);

/* inst_sched.c, core.lock held */
/* me becomes inst's owner, one frame deeper. */
void inst_take_locked(struct exec *me, struct instance *inst,
		      uint32_t timeout_ms);
/* Waits until inst has no owner; cancellable: a cancelled request stops. */
TEE_Result inst_wait_free_locked(struct exec *me, struct instance *inst,
				 bool cancellable);

/* host_wire.c */
/*
 * Gives the host a RAM it maps memrefs from, once (making room when it
 * holds INST_MAX_GUESTS). 0, -EPIPE if the host is gone, -ENOMEM.
 */
int inst_guest_ram_send(struct instance *inst, const struct ram_ref *ram);

#endif
