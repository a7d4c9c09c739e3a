/*
 * The core's dynamic shared memory, inside: the SHM window and its
 * bookkeeping (core/shm/), and the mapped objects. Shared by shm_mgr.c
 * (objects, guests), shm_host.c (TA hosts), shm_stats.c and shm_probe.c.
 */
#ifndef CORE_SHM_PRIV_H
#define CORE_SHM_PRIV_H

#include <pthread.h>
#include <stdint.h>

#include "../../common/tc_msg.h"
#include "../core.h"
#include "shm_physmap.h"
#include "shm_pindex.h"
#include "shm_reg.h"
#include "shm_va.h"
#include "shm_mgr.h"

/* The SHM window: address space reserved at start, mapped piece by piece. */
#define SHM_WINDOW_SIZE		(1ull << 30)
/* The physical frame space, and the core's own (secure) memory in it. */
#define SHM_PHYS_FRAMES		(1ull << 36)
#define SHM_PHYS_SECURE_FRAMES	(1ull << 16)
/* How long UNREGISTER_SHM waits for the calls that use an object. */
#define SHM_RELEASE_WAIT_MS	30000u

/* Directions an object may be used in. */
#define SHM_MOBJ_IN		(1u << 0)
#define SHM_MOBJ_OUT		(1u << 1)

/* A mapped object: a guest's registration, or supplicant pages. */
struct shm_mobj {
	struct shm_obj reg;		/* the registry's: guest, cookie, users */
	struct list_node node;		/* shm.objs, until released */
	uint32_t flags;			/* SHM_MOBJ_* */
	uint32_t offs;			/* its first byte in its first page */
	uint64_t size;			/* bytes */
	uint32_t npages;
	uintptr_t va;			/* where the window maps it */
	uint64_t *pfns;			/* frames in the guest's RAM */
	uint64_t *phys;			/* the same as physical frames */
	struct shm_pindex_entry *pidx;
	/* Guarded by shm.lock: the TA hosts that have it mapped. */
	struct instance **hosts;
	unsigned int nhosts, cap_hosts;
};

struct shm_state {
	/*
	 * Guards the VA allocator, the frame map, the page index, objs and
	 * every object's hosts. A leaf lock: nothing that can block on
	 * another thread runs under it. Taken before core.lock if both.
	 */
	pthread_mutex_t lock;
	uint8_t *window;
	struct shm_va va;
	struct shm_physmap phys;
	struct shm_pindex pidx;
	struct shm_reg reg;		/* thread-safe itself */
	struct list_head objs;
	uint64_t host_maps;		/* (object, host) pairs */
};

extern struct shm_state shm;

/* Sets the window and bookkeeping up once. 0, or -errno if it cannot. */
int shm_ready(void);

/*
 * Maps npages frames pfns[] of guest's RAM (ram_fd, ram_pages frames) into
 * the window: checks every page against the frame map, reserves window
 * space, maps, indexes and registers it. On failure returns NULL with *res
 * and the reason in why.
 */
struct shm_mobj *shm_mobj_create(uint32_t guest, int ram_fd,
				 uint64_t ram_pages, const uint64_t *pfns,
				 uint32_t npages, uint32_t offs, uint64_t size,
				 uint32_t flags, TEE_Result *res,
				 struct tc_why *why);

/*
 * o is out of the registry and unused: hosts drop it, the window unmaps
 * it, and it is freed.
 */
void shm_mobj_release(struct shm_mobj *o);

/* A guest's place in the frame map goes with its last object. */
void shm_guest_ram_remove(uint32_t guest);

/* shm_host.c: every host that maps o unmaps it (blocks for each host). */
void shm_hosts_drop(struct shm_mobj *o);

#endif
