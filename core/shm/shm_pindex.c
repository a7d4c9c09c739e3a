/* The physical page -> window address index (shm_pindex.h). */
#include <errno.h>

#include "shm_pindex.h"

#define entry_of(n)	shm_tree_entry(n, struct shm_pindex_entry, node)

static int entry_cmp(const struct shm_tree_node *a,
		     const struct shm_tree_node *b)
{
	const struct shm_pindex_entry *x = entry_of(a), *y = entry_of(b);

	if (x->phys != y->phys)
		return x->phys < y->phys ? -1 : 1;
	return x->va < y->va ? -1 : x->va > y->va;
}

void shm_pindex_init(struct shm_pindex *idx)
{
	shm_tree_init(&idx->tree, NULL);
}

void shm_pindex_add(struct shm_pindex *idx, struct shm_pindex_entry *e,
		    const uint64_t *phys, size_t n, uintptr_t va,
		    size_t page_size)
{
	size_t i;

	for (i = 0; i < n; i++) {
		e[i].phys = phys[i];
		e[i].va = va + i * page_size;
		shm_tree_insert(&idx->tree, &e[i].node, entry_cmp);
	}
}

void shm_pindex_del(struct shm_pindex *idx, struct shm_pindex_entry *e,
		    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		shm_tree_erase(&idx->tree, &e[i].node);
}

/* The first entry of phys in key order, or NULL. */
static const struct shm_pindex_entry *
first_of(const struct shm_pindex *idx, uint64_t phys)
{
	const struct shm_tree_node *n = idx->tree.root;
	const struct shm_pindex_entry *found = NULL;

	while (n) {
		if (entry_of(n)->phys < phys) {
			n = n->right;
		} else {
			if (entry_of(n)->phys == phys)
				found = entry_of(n);
			n = n->left;
		}
	}
	return found;
}

int shm_pindex_lookup(const struct shm_pindex *idx, uint64_t phys,
		      uintptr_t *va)
{
	const struct shm_pindex_entry *e = first_of(idx, phys);

	if (!e)
		return -ENOENT;
	*va = e->va;
	return 0;
}

size_t shm_pindex_count(const struct shm_pindex *idx, uint64_t phys)
{
	const struct shm_pindex_entry *e = first_of(idx, phys);
	const struct shm_tree_node *n;
	size_t count = 0;

	for (n = e ? &e->node : NULL; n && entry_of(n)->phys == phys;
	     n = shm_tree_next(n))
		count++;
	return count;
}

int shm_pindex_check(const struct shm_pindex *idx)
{
	return shm_tree_valid(&idx->tree, entry_cmp) ? 0 : -EINVAL;
}
