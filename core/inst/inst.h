/*
 * TA instances and their host processes: what the rest of the core calls
 * (inst_priv.h is what inst/ shares inside).
 */
#ifndef CORE_INST_H
#define CORE_INST_H

#include "../core.h"

/* inst/: TA instances and their hosts. */
/*
 * The instance a session on uuid opens on, with a reference: the single
 * instance if there is one, else a new instance (loaded, its
 * TA_CreateEntryPoint run).
 */
TEE_Result inst_get(const uint8_t uuid[16], struct instance **inst,
		    uint32_t *origin);
void inst_put(struct instance *inst);
/*
 * Waits until the current thread may run inst's entry points, then makes
 * it the owner (one frame deeper). TEE_ERROR_BUSY if waiting would never
 * end (inst is already in this thread's chain of calls, or its owner waits,
 * maybe through others, for this thread); TEE_ERROR_CANCEL if the request
 * is cancelled while it waits. timeout_ms (TEE_TIMEOUT_INFINITE: none)
 * cancels the calls of this frame when it runs out.
 */
TEE_Result inst_enter(struct instance *inst, uint32_t timeout_ms,
		      uint32_t *origin);
/* The same for closing and ending, which a cancelled request still does. */
TEE_Result inst_enter_uncancellable(struct instance *inst, uint32_t *origin);
void inst_leave(struct instance *inst);
/*
 * One entry-point call on an entered instance, for session s (NULL for
 * DESTROY); msg carries params and pages (into s's RAM), updated in place.
 */
TEE_Result inst_call(struct instance *inst, struct session *s,
		     uint32_t func, uint32_t cmd_id, struct tc_msg *msg,
		     uint32_t *origin);
bool inst_is_dead(struct instance *inst);
void inst_shutdown_all(void);
/*
 * Starts the TA host zygote (host_zygote.c) unless --no-host-zygote: at
 * start, so that the core holds the same descriptors from its first
 * request on. If it cannot start, hosts are started by exec.
 */
void inst_zygote_start(void);
/* One request to an entered instance's host and its reply (the owner's). */
int inst_host_exchange(struct instance *inst, struct tc_msg *m, int fd,
		       struct tc_msg *reply);

/* hostreq.c: what a TA host asks of the core during a call. */
void hostreq_serve(struct instance *inst, struct tc_msg *req);

#endif
