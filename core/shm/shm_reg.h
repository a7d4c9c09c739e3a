/*
 * The registry of shared memory objects: cookie -> object, per guest. A
 * guest names its objects by cookie, and a lookup is keyed by (guest,
 * cookie), so one guest can never reach another's object. Each object
 * counts its users (calls that use it); releasing it first stops new uses,
 * then waits for the last user, so an object is never freed under a call.
 *
 * Thread-safe. Objects are embedded in the caller's structures.
 */
#ifndef SHM_REG_H
#define SHM_REG_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "shm_tree.h"

/* shm_reg_remove() timeout meaning "until the last user is gone". */
#define SHM_REG_WAIT_FOREVER	0xffffffffu

struct shm_obj {
	struct shm_tree_node node;	/* shm_reg.objs, by (guest, cookie) */
	uint32_t guest;			/* set by the caller before insert */
	uint64_t npages;		/* set by the caller: for the counts */
	uint64_t cookie;		/* set by shm_reg_insert */
	/* Guarded by shm_reg.lock: */
	unsigned int users;
	bool releasing;			/* no new use may start */
	bool claimed;			/* a remover will unlink it */
	bool dying;			/* its guest is going */
};

struct shm_reg {
	pthread_mutex_t lock;
	pthread_cond_t cond;		/* users reached zero, objects gone */
	struct shm_tree objs;
	uint64_t next_cookie;
	uint64_t npages;		/* over every object */
};

struct shm_reg_usage {
	uint64_t objects;
	uint64_t pages;
};

int shm_reg_init(struct shm_reg *r);
/* Every object must be gone. */
void shm_reg_fini(struct shm_reg *r);

/* Adds o (guest and npages set) and gives it a fresh cookie. */
void shm_reg_insert(struct shm_reg *r, struct shm_obj *o);

/*
 * guest's object cookie with one more user. 0, -ENOENT (no such object of
 * this guest) or -ESHUTDOWN (it is being released: no new use).
 */
int shm_reg_get(struct shm_reg *r, uint32_t guest, uint64_t cookie,
		struct shm_obj **o);
void shm_reg_put(struct shm_reg *r, struct shm_obj *o);

/*
 * Stops new uses of guest's object cookie, if there is one and no release
 * of it is under way: the first half of shm_reg_remove(), taken early so
 * that what follows a release in the guest's order cannot use the object.
 */
void shm_reg_stop_uses(struct shm_reg *r, uint32_t guest, uint64_t cookie);

/*
 * Releases guest's object cookie: stops new uses at once, waits up to
 * timeout_ms for the users to finish, then unlinks it and gives it to the
 * caller in *o. Returns 0, -ENOENT, -EALREADY (another release of it is
 * under way) or -EBUSY (still used at the timeout: it stays registered
 * and usable again).
 */
int shm_reg_remove(struct shm_reg *r, uint32_t guest, uint64_t cookie,
		   unsigned int timeout_ms, struct shm_obj **o);

/*
 * The guest is gone: stops new uses of all its objects, and hands each to
 * fn (called without the lock, in no particular order) as soon as its last
 * user is done. Returns when the guest has no object left.
 */
void shm_reg_remove_guest(struct shm_reg *r, uint32_t guest,
			  void (*fn)(struct shm_obj *o, void *arg), void *arg);

/* Counts of guest's objects, or of all objects if all. */
void shm_reg_usage(struct shm_reg *r, bool all, uint32_t guest,
		   struct shm_reg_usage *u);

/* The lowest guest above after that has objects: 0, or -ENOENT. */
int shm_reg_next_guest(struct shm_reg *r, uint32_t after, uint32_t *guest);

/* Shape and order of the tree, and the page total. For tests. */
int shm_reg_check(struct shm_reg *r);

#endif
