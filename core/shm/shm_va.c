/*
 * The SHM window's VA allocator (shm_va.h): lowest-address first fit over
 * an augmented free tree, coalescing on free.
 */
#include <errno.h>
#include <stdlib.h>

#include "shm_va.h"

#define area_of(n)	shm_tree_entry(n, struct shm_va_area, node)

static int area_cmp(const struct shm_tree_node *a,
		    const struct shm_tree_node *b)
{
	uintptr_t x = area_of(a)->start, y = area_of(b)->start;

	return x < y ? -1 : x > y;
}

static void free_augment(struct shm_tree_node *n)
{
	struct shm_va_area *a = area_of(n);
	size_t m = a->size;

	if (n->left && area_of(n->left)->max_free > m)
		m = area_of(n->left)->max_free;
	if (n->right && area_of(n->right)->max_free > m)
		m = area_of(n->right)->max_free;
	a->max_free = m;
}

static bool page_aligned(uintptr_t v)
{
	return !(v % SHM_PAGE_SIZE);
}

int shm_va_init(struct shm_va *va, uintptr_t base, size_t size, size_t guard)
{
	struct shm_va_area *a;

	if (!size || !page_aligned(base) || !page_aligned(size) ||
	    !page_aligned(guard) || guard >= size || base + size < base)
		return -EINVAL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return -ENOMEM;
	va->base = base;
	va->size = size;
	va->guard = guard;
	va->used = 0;
	shm_tree_init(&va->free, free_augment);
	shm_tree_init(&va->busy, NULL);
	a->start = base;
	a->size = size;
	shm_tree_insert(&va->free, &a->node, area_cmp);
	return 0;
}

static void tree_free_all(struct shm_tree *t)
{
	struct shm_tree_node *n;

	while ((n = shm_tree_first(t))) {
		shm_tree_erase(t, n);
		free(area_of(n));
	}
}

void shm_va_fini(struct shm_va *va)
{
	tree_free_all(&va->free);
	tree_free_all(&va->busy);
	va->used = 0;
}

/* The free range of lowest address holding need bytes, or NULL. */
static struct shm_va_area *free_lowest_fit(const struct shm_va *va,
					   size_t need)
{
	struct shm_tree_node *n = va->free.root;

	if (!n || area_of(n)->max_free < need)
		return NULL;
	for (;;) {
		if (n->left && area_of(n->left)->max_free >= need)
			n = n->left;
		else if (area_of(n)->size >= need)
			return area_of(n);
		else
			n = n->right;	/* the cached maximum says it fits */
	}
}

int shm_va_alloc(struct shm_va *va, size_t size, uint32_t owner,
		 uintptr_t *addr)
{
	struct shm_va_area *f, *a;
	size_t need;

	if (!size || size > va->size)
		return size ? -ENOSPC : -EINVAL;
	need = (size + SHM_PAGE_SIZE - 1) / SHM_PAGE_SIZE * SHM_PAGE_SIZE;
	if (need > va->size - va->guard)
		return -ENOSPC;
	need += va->guard;
	f = free_lowest_fit(va, need);
	if (!f)
		return -ENOSPC;
	if (f->size == need) {
		/* The whole range: its node moves to the busy tree. */
		shm_tree_erase(&va->free, &f->node);
		a = f;
	} else {
		a = calloc(1, sizeof(*a));
		if (!a)
			return -ENOMEM;
		a->start = f->start;
		a->size = need;
		/* Still between the same neighbours: the order holds. */
		f->start += need;
		f->size -= need;
		shm_tree_update(&va->free, &f->node);
	}
	a->owner = owner;
	a->max_free = 0;
	shm_tree_insert(&va->busy, &a->node, area_cmp);
	va->used += need;
	*addr = a->start;
	return 0;
}

static struct shm_va_area *busy_at(const struct shm_va *va, uintptr_t addr)
{
	struct shm_tree_node *n = va->busy.root;

	while (n) {
		struct shm_va_area *a = area_of(n);

		if (addr < a->start)
			n = n->left;
		else if (addr - a->start >= a->size)
			n = n->right;
		else
			return a;
	}
	return NULL;
}

/* The free ranges just below and just above addr (NULL if none). */
static void free_neighbours(const struct shm_va *va, uintptr_t addr,
			    struct shm_va_area **below,
			    struct shm_va_area **above)
{
	struct shm_tree_node *n = va->free.root;

	*below = *above = NULL;
	while (n) {
		if (area_of(n)->start < addr) {
			*below = area_of(n);
			n = n->right;
		} else {
			*above = area_of(n);
			n = n->left;
		}
	}
}

int shm_va_free(struct shm_va *va, uintptr_t addr)
{
	struct shm_va_area *a = busy_at(va, addr), *lo, *hi;

	if (!a || a->start != addr)
		return -ENOENT;
	shm_tree_erase(&va->busy, &a->node);
	va->used -= a->size;
	free_neighbours(va, a->start, &lo, &hi);
	if (lo && lo->start + lo->size != a->start)
		lo = NULL;
	if (hi && a->start + a->size != hi->start)
		hi = NULL;
	if (lo) {
		lo->size += a->size;
		if (hi) {
			lo->size += hi->size;
			shm_tree_erase(&va->free, &hi->node);
			free(hi);
		}
		shm_tree_update(&va->free, &lo->node);
		free(a);
	} else if (hi) {
		hi->start = a->start;
		hi->size += a->size;
		shm_tree_update(&va->free, &hi->node);
		free(a);
	} else {
		a->owner = 0;
		shm_tree_insert(&va->free, &a->node, area_cmp);
	}
	return 0;
}

const struct shm_va_area *shm_va_find(const struct shm_va *va,
				      uintptr_t addr)
{
	return busy_at(va, addr);
}

void shm_va_usage(const struct shm_va *va, struct shm_va_usage *u)
{
	u->used = va->used;
	u->free = va->size - va->used;
	u->largest_free = va->free.root ?
			  area_of(va->free.root)->max_free : 0;
	u->areas = va->busy.count;
}

size_t shm_va_owner_used(const struct shm_va *va, uint32_t owner,
			 size_t *areas)
{
	struct shm_tree_node *n;
	size_t bytes = 0, count = 0;

	for (n = shm_tree_first(&va->busy); n; n = shm_tree_next(n)) {
		if (area_of(n)->owner == owner) {
			bytes += area_of(n)->size;
			count++;
		}
	}
	if (areas)
		*areas = count;
	return bytes;
}

static bool max_free_valid(const struct shm_tree_node *n)
{
	size_t m;

	if (!n)
		return true;
	m = area_of(n)->size;
	if (n->left && area_of(n->left)->max_free > m)
		m = area_of(n->left)->max_free;
	if (n->right && area_of(n->right)->max_free > m)
		m = area_of(n->right)->max_free;
	return m == area_of(n)->max_free && max_free_valid(n->left) &&
	       max_free_valid(n->right);
}

int shm_va_check(const struct shm_va *va)
{
	struct shm_tree_node *f = shm_tree_first(&va->free);
	struct shm_tree_node *b = shm_tree_first(&va->busy);
	uintptr_t at = va->base;
	size_t used = 0;
	bool last_free = false;

	if (!shm_tree_valid(&va->free, area_cmp) ||
	    !shm_tree_valid(&va->busy, area_cmp) ||
	    !max_free_valid(va->free.root))
		return -EINVAL;
	/* Walk both trees in address order: they must tile the window. */
	while (f || b) {
		struct shm_va_area *a;
		bool is_free;

		if (f && (!b || area_of(f)->start < area_of(b)->start)) {
			a = area_of(f);
			f = shm_tree_next(f);
			is_free = true;
		} else {
			a = area_of(b);
			b = shm_tree_next(b);
			is_free = false;
			used += a->size;
		}
		if (a->start != at || !a->size || !page_aligned(a->size) ||
		    (is_free && last_free))
			return -EINVAL;
		at += a->size;
		last_free = is_free;
	}
	if (at != va->base + va->size || used != va->used)
		return -EINVAL;
	return 0;
}
