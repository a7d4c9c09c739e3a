/*
 * The core's map of physical page frames: secure regions (the core's own
 * memory) and each guest's non-secure RAM, placed in one frame space. A
 * guest names pages by frame within its RAM; the core turns them into
 * physical frames and checks every one against this map before it maps it.
 *
 * Not thread-safe: the caller serialises.
 */
#ifndef SHM_PHYSMAP_H
#define SHM_PHYSMAP_H

#include <stddef.h>
#include <stdint.h>

#include "shm_tree.h"

enum shm_phys_kind {
	SHM_PHYS_SECURE,
	SHM_PHYS_NONSECURE,
};

struct shm_phys_region {
	struct shm_tree_node node;	/* by start */
	uint64_t start;			/* first frame */
	uint64_t npages;
	enum shm_phys_kind kind;
	uint32_t owner;			/* non-secure: the guest */
	char name[32];			/* secure: what it holds */
};

struct shm_physmap {
	struct shm_tree regions;
	uint64_t nframes;		/* the frame space: [0, nframes) */
};

void shm_physmap_init(struct shm_physmap *map, uint64_t nframes);
void shm_physmap_fini(struct shm_physmap *map);

/* Declares [start, start + npages) secure. 0, -EINVAL, -EEXIST, -ENOMEM. */
int shm_physmap_add_secure(struct shm_physmap *map, uint64_t start,
			   uint64_t npages, const char *name);

/*
 * Places owner's RAM of npages in the lowest free gap of the frame space.
 * 0 and *start, -EINVAL, -EEXIST (owner has RAM), -ENOSPC, -ENOMEM.
 */
int shm_physmap_add_ram(struct shm_physmap *map, uint32_t owner,
			uint64_t npages, uint64_t *start);
int shm_physmap_remove_ram(struct shm_physmap *map, uint32_t owner);

/* owner's RAM region, or NULL. */
const struct shm_phys_region *shm_physmap_ram(const struct shm_physmap *map,
					      uint32_t owner);

/*
 * 0 if every frame of [frame, frame + n) is in owner's non-secure RAM;
 * otherwise -EACCES with why naming the first bad frame and what it is.
 */
int shm_physmap_check(const struct shm_physmap *map, uint32_t owner,
		      uint64_t frame, uint64_t n, char *why, size_t len);

#endif
