/*
 * The second index of the SHM window: from a physical page frame to the
 * window address it is mapped at, so phys-to-virt is a tree lookup rather
 * than a walk over every mapping. A page mapped twice (the same memory
 * registered twice) has two entries; a lookup gives the lowest address.
 *
 * Entries are the caller's memory (one per page of a mapping), so adding
 * never allocates. Not thread-safe: the caller serialises.
 */
#ifndef SHM_PINDEX_H
#define SHM_PINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "shm_tree.h"

struct shm_pindex_entry {
	struct shm_tree_node node;	/* by (phys, va) */
	uint64_t phys;			/* page frame */
	uintptr_t va;			/* where that page is mapped */
};

struct shm_pindex {
	struct shm_tree tree;
};

void shm_pindex_init(struct shm_pindex *idx);

/* Page i of a mapping at va is frame phys[i]: fills and links e[0..n). */
void shm_pindex_add(struct shm_pindex *idx, struct shm_pindex_entry *e,
		    const uint64_t *phys, size_t n, uintptr_t va,
		    size_t page_size);
void shm_pindex_del(struct shm_pindex *idx, struct shm_pindex_entry *e,
		    size_t n);

/* 0 and the lowest address phys is mapped at, or -ENOENT. */
int shm_pindex_lookup(const struct shm_pindex *idx, uint64_t phys,
		      uintptr_t *va);

/* How many mappings of phys there are. */
size_t shm_pindex_count(const struct shm_pindex *idx, uint64_t phys);

/* Every mapped page, counted once per mapping. */
static inline size_t shm_pindex_size(const struct shm_pindex *idx)
{
	return idx->tree.count;
}

int shm_pindex_check(const struct shm_pindex *idx);

#endif
