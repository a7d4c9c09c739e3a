/*
 * Dynamic shared memory in the core: what the rest of the core calls.
 * Guests register page lists of their non-secure RAM; the core maps them
 * into its SHM window, hands them to TA hosts for calls, and releases all
 * of a guest's when it goes (docs/SHM.md).
 */
#ifndef CORE_SHM_MGR_H
#define CORE_SHM_MGR_H

#include "../core.h"

struct shm_mobj;

/* The registered objects one call uses, held until it ends. */
struct shm_call {
	struct shm_mobj *objs[TC_MAX_PARAMS];
	unsigned int n;
};

/* Client requests (dispatch.c). */
TEE_Result shm_register(struct conn *c, struct tc_msg *msg,
			uint32_t *origin);
TEE_Result shm_unregister(struct conn *c, struct tc_msg *msg,
			  uint32_t *origin);
/*
 * UNREGISTER_SHM as the event loop reads it, before it reads the guest's
 * next request: the object takes no new use from here on. Clients send the
 * release without waiting for its reply, so the requests behind it (which
 * other secure threads may run first) must already find it going.
 */
void shm_unregister_early(struct conn *c, const struct tc_msg *msg);
TEE_Result shm_stats_request(struct conn *c, struct tc_msg *msg,
			     uint32_t *origin);
TEE_Result shm_probe(struct conn *c, struct tc_msg *msg, uint32_t *origin);
/* GUEST_DESTROY: the guest ends itself; everything it owns is released. */
TEE_Result shm_guest_destroy(struct conn *c, struct tc_msg *msg,
			     uint32_t *origin);

/*
 * A guest is gone (its connection closed, or it was destroyed, c->dead
 * set): releases every object it registered, waiting for calls that still
 * use one, and its place in the physical frame map.
 */
void shm_guest_gone(struct conn *c);

/*
 * Before an entry-point call on inst (its owner's thread): resolves the
 * registered memory parameters of m, the host-bound copy of a guest's
 * request, to objects of that guest, takes a use of each, makes sure inst's
 * host has each mapped, and turns their offsets into offsets from the
 * object's first page. guest NULL: the session is a TA's, which has no
 * registered memory. On error nothing is held.
 */
TEE_Result shm_call_prepare(struct instance *inst, struct conn *guest,
			    struct tc_msg *m, struct shm_call *sc);
/* After the call: the uses end. */
void shm_call_finish(struct shm_call *sc);

/* inst is being freed: forget which objects its host had mapped. */
void shm_inst_gone(struct instance *inst);

#endif
