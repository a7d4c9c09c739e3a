/*
 * The virtual address allocator of the core's SHM window, the vmalloc idea:
 * the window is reserved once, and areas of it are handed out and taken
 * back at run time. Two balanced trees keyed by address: the busy areas,
 * and the free ranges, each free node caching the largest free range in
 * its subtree so the lowest fitting range is found in O(log n).
 *
 * Not thread-safe: the caller serialises.
 */
#ifndef SHM_VA_H
#define SHM_VA_H

#include <stddef.h>
#include <stdint.h>

#include "shm_tree.h"

#define SHM_PAGE_SIZE	4096u

struct shm_va_area {
	struct shm_tree_node node;
	uintptr_t start;
	size_t size;		/* bytes, the guard included */
	size_t max_free;	/* free tree: the largest size in the subtree */
	uint32_t owner;		/* busy areas: the guest it belongs to */
};

struct shm_va {
	uintptr_t base;
	size_t size;
	size_t guard;		/* unmapped bytes after every area */
	struct shm_tree free;	/* free ranges by start */
	struct shm_tree busy;	/* areas by start */
	size_t used;		/* bytes in busy areas */
};

struct shm_va_usage {
	size_t used;		/* bytes in areas, guards included */
	size_t free;
	size_t largest_free;
	size_t areas;
};

/*
 * [base, base + size) becomes one free range. base, size and guard are
 * multiples of SHM_PAGE_SIZE. Returns 0, -EINVAL or -ENOMEM.
 */
int shm_va_init(struct shm_va *va, uintptr_t base, size_t size, size_t guard);
void shm_va_fini(struct shm_va *va);

/*
 * An area for size bytes (rounded up to pages, plus the guard) at the
 * lowest address where it fits. Returns 0 and *addr, -EINVAL for size 0,
 * -ENOSPC when no free range is large enough, -ENOMEM.
 */
int shm_va_alloc(struct shm_va *va, size_t size, uint32_t owner,
		 uintptr_t *addr);

/* Frees the area starting at addr. Returns 0 or -ENOENT. */
int shm_va_free(struct shm_va *va, uintptr_t addr);

/* The busy area holding addr, or NULL. */
const struct shm_va_area *shm_va_find(const struct shm_va *va,
				      uintptr_t addr);

void shm_va_usage(const struct shm_va *va, struct shm_va_usage *u);

/* Bytes (guards included) and number of the areas owner holds. */
size_t shm_va_owner_used(const struct shm_va *va, uint32_t owner,
			 size_t *areas);

/* Checks both trees, their cached maxima and that areas and free ranges
 * tile the window with no overlap and no adjacent free ranges. For tests. */
int shm_va_check(const struct shm_va *va);

#endif
