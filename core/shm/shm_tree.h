/*
 * An intrusive AVL tree with parent links and an optional augment hook: the
 * balanced tree under the SHM window's VA allocator, the physical-page index
 * and the object registry. Keys live in the users' structures; users
 * descend the tree themselves for lookups and give a comparison to insert.
 */
#ifndef SHM_TREE_H
#define SHM_TREE_H

#include <stdbool.h>
#include <stddef.h>

struct shm_tree_node {
	struct shm_tree_node *left, *right, *parent;
	int height;			/* a leaf is 1 */
};

/*
 * Recomputes what a node caches about its subtree (a maximum, a sum) from
 * the node and its children, which are up to date. Called bottom-up for
 * every node whose subtree changed.
 */
typedef void (*shm_tree_augment_fn)(struct shm_tree_node *n);

/* <0: a before b, >0: a after b. Equal keys are placed after. */
typedef int (*shm_tree_cmp_fn)(const struct shm_tree_node *a,
			       const struct shm_tree_node *b);

struct shm_tree {
	struct shm_tree_node *root;
	shm_tree_augment_fn augment;	/* NULL: none */
	size_t count;
};

#define shm_tree_entry(p, type, member) \
	((type *)((char *)(p) - offsetof(type, member)))

void shm_tree_init(struct shm_tree *t, shm_tree_augment_fn augment);

void shm_tree_insert(struct shm_tree *t, struct shm_tree_node *n,
		     shm_tree_cmp_fn cmp);
void shm_tree_erase(struct shm_tree *t, struct shm_tree_node *n);

/*
 * n's cached subtree value changed (or its key moved without passing a
 * neighbour): recompute it and everything above it.
 */
void shm_tree_update(struct shm_tree *t, struct shm_tree_node *n);

struct shm_tree_node *shm_tree_first(const struct shm_tree *t);
struct shm_tree_node *shm_tree_last(const struct shm_tree *t);
struct shm_tree_node *shm_tree_next(const struct shm_tree_node *n);
struct shm_tree_node *shm_tree_prev(const struct shm_tree_node *n);

/*
 * Checks the tree's shape: order by cmp, parent links, heights, AVL
 * balance and the node count. For tests; returns false at the first fault.
 */
bool shm_tree_valid(const struct shm_tree *t, shm_tree_cmp_fn cmp);

#endif
