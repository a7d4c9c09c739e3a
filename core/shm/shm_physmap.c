/* The physical frame map (shm_physmap.h): regions in a tree by start. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shm_physmap.h"

#define region_of(n)	shm_tree_entry(n, struct shm_phys_region, node)

static int region_cmp(const struct shm_tree_node *a,
		      const struct shm_tree_node *b)
{
	uint64_t x = region_of(a)->start, y = region_of(b)->start;

	return x < y ? -1 : x > y;
}

void shm_physmap_init(struct shm_physmap *map, uint64_t nframes)
{
	shm_tree_init(&map->regions, NULL);
	map->nframes = nframes;
}

void shm_physmap_fini(struct shm_physmap *map)
{
	struct shm_tree_node *n;

	while ((n = shm_tree_first(&map->regions))) {
		shm_tree_erase(&map->regions, n);
		free(region_of(n));
	}
}

/* The region holding frame, or NULL. */
static const struct shm_phys_region *region_at(const struct shm_physmap *map,
					       uint64_t frame)
{
	const struct shm_tree_node *n = map->regions.root;

	while (n) {
		const struct shm_phys_region *r = region_of(n);

		if (frame < r->start)
			n = n->left;
		else if (frame - r->start >= r->npages)
			n = n->right;
		else
			return r;
	}
	return NULL;
}

/* Whether [start, start + n) meets no region. */
static bool range_free(const struct shm_physmap *map, uint64_t start,
		       uint64_t n)
{
	const struct shm_tree_node *t;

	for (t = shm_tree_first(&map->regions); t; t = shm_tree_next(t)) {
		const struct shm_phys_region *r = region_of(t);

		if (r->start < start + n && start < r->start + r->npages)
			return false;
	}
	return true;
}

static int region_add(struct shm_physmap *map, uint64_t start, uint64_t n,
		      enum shm_phys_kind kind, uint32_t owner,
		      const char *name)
{
	struct shm_phys_region *r = calloc(1, sizeof(*r));

	if (!r)
		return -ENOMEM;
	r->start = start;
	r->npages = n;
	r->kind = kind;
	r->owner = owner;
	snprintf(r->name, sizeof(r->name), "%s", name ? name : "");
	shm_tree_insert(&map->regions, &r->node, region_cmp);
	return 0;
}

int shm_physmap_add_secure(struct shm_physmap *map, uint64_t start,
			   uint64_t npages, const char *name)
{
	if (!npages || start > map->nframes ||
	    npages > map->nframes - start)
		return -EINVAL;
	if (!range_free(map, start, npages))
		return -EEXIST;
	return region_add(map, start, npages, SHM_PHYS_SECURE, 0, name);
}

int shm_physmap_add_ram(struct shm_physmap *map, uint32_t owner,
			uint64_t npages, uint64_t *start)
{
	const struct shm_tree_node *t;
	uint64_t at = 0;
	int rc;

	if (!npages || npages > map->nframes)
		return -EINVAL;
	if (shm_physmap_ram(map, owner))
		return -EEXIST;
	for (t = shm_tree_first(&map->regions); t; t = shm_tree_next(t)) {
		const struct shm_phys_region *r = region_of(t);

		if (r->start - at >= npages)
			break;
		at = r->start + r->npages;
	}
	if (at > map->nframes || npages > map->nframes - at)
		return -ENOSPC;
	rc = region_add(map, at, npages, SHM_PHYS_NONSECURE, owner, NULL);
	if (!rc)
		*start = at;
	return rc;
}

const struct shm_phys_region *shm_physmap_ram(const struct shm_physmap *map,
					      uint32_t owner)
{
	const struct shm_tree_node *t;

	for (t = shm_tree_first(&map->regions); t; t = shm_tree_next(t))
		if (region_of(t)->kind == SHM_PHYS_NONSECURE &&
		    region_of(t)->owner == owner)
			return region_of(t);
	return NULL;
}

int shm_physmap_remove_ram(struct shm_physmap *map, uint32_t owner)
{
	struct shm_phys_region *r =
		(struct shm_phys_region *)shm_physmap_ram(map, owner);

	if (!r)
		return -ENOENT;
	shm_tree_erase(&map->regions, &r->node);
	free(r);
	return 0;
}

int shm_physmap_check(const struct shm_physmap *map, uint32_t owner,
		      uint64_t frame, uint64_t n, char *why, size_t len)
{
	const struct shm_phys_region *r;
	uint64_t end = frame + n;

	if (end < frame) {
		snprintf(why, len, "frames %#llx+%llu wrap around",
			 (unsigned long long)frame, (unsigned long long)n);
		return -EACCES;
	}
	while (frame < end) {
		r = region_at(map, frame);
		if (!r) {
			snprintf(why, len, "frame %#llx is in no RAM",
				 (unsigned long long)frame);
			return -EACCES;
		}
		if (r->kind == SHM_PHYS_SECURE) {
			snprintf(why, len, "frame %#llx is secure memory (%s)",
				 (unsigned long long)frame, r->name);
			return -EACCES;
		}
		if (r->owner != owner) {
			snprintf(why, len, "frame %#llx belongs to guest %u",
				 (unsigned long long)frame, r->owner);
			return -EACCES;
		}
		frame = r->start + r->npages;
	}
	return 0;
}
