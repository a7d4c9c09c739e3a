/*
 * The AVL tree of shm_tree.h. Every structural change walks from the lowest
 * changed node to the root, fixing heights, rotating where a subtree leans
 * by more than one, and recomputing the users' augmented values on the way.
 */
#include <errno.h>

#include "shm_tree.h"

static int height(const struct shm_tree_node *n)
{
	return n ? n->height : 0;
}

static void node_update(const struct shm_tree *t, struct shm_tree_node *n)
{
	int l = height(n->left), r = height(n->right);

	n->height = 1 + (l > r ? l : r);
	if (t->augment)
		t->augment(n);
}

static void replace_child(struct shm_tree *t, struct shm_tree_node *parent,
			  struct shm_tree_node *old, struct shm_tree_node *new)
{
	if (!parent)
		t->root = new;
	else if (parent->left == old)
		parent->left = new;
	else
		parent->right = new;
	if (new)
		new->parent = parent;
}

/* x's right child takes x's place; returns it. */
static struct shm_tree_node *rotate_left(struct shm_tree *t,
					 struct shm_tree_node *x)
{
	struct shm_tree_node *y = x->right;

	x->right = y->left;
	if (y->left)
		y->left->parent = x;
	replace_child(t, x->parent, x, y);
	y->left = x;
	x->parent = y;
	node_update(t, x);
	node_update(t, y);
	return y;
}

/* x's left child takes x's place; returns it. */
static struct shm_tree_node *rotate_right(struct shm_tree *t,
					  struct shm_tree_node *x)
{
	struct shm_tree_node *y = x->left;

	x->left = y->right;
	if (y->right)
		y->right->parent = x;
	replace_child(t, x->parent, x, y);
	y->right = x;
	x->parent = y;
	node_update(t, x);
	node_update(t, y);
	return y;
}

/* From n up to the root: heights, balance, augmented values. */
static void fixup(struct shm_tree *t, struct shm_tree_node *n)
{
	int bal;

	while (n) {
		node_update(t, n);
		bal = height(n->left) - height(n->right);
		if (bal > 1) {
			if (height(n->left->left) < height(n->left->right))
				rotate_left(t, n->left);
			n = rotate_right(t, n);
		} else if (bal < -1) {
			if (height(n->right->right) < height(n->right->left))
				rotate_right(t, n->right);
			n = rotate_left(t, n);
		}
		n = n->parent;
	}
}

void shm_tree_init(struct shm_tree *t, shm_tree_augment_fn augment)
{
	t->root = NULL;
	t->augment = augment;
	t->count = 0;
}

void shm_tree_insert(struct shm_tree *t, struct shm_tree_node *n,
		     shm_tree_cmp_fn cmp)
{
	struct shm_tree_node **link = &t->root, *parent = NULL;

	while (*link) {
		parent = *link;
		link = cmp(n, parent) < 0 ? &parent->left : &parent->right;
	}
	n->left = n->right = NULL;
	n->parent = parent;
	n->height = 1;
	*link = n;
	t->count++;
	if (t->augment)
		t->augment(n);
	fixup(t, parent);
}

void shm_tree_erase(struct shm_tree *t, struct shm_tree_node *n)
{
	struct shm_tree_node *s, *from;

	if (!n->left || !n->right) {
		from = n->parent;
		replace_child(t, from, n, n->left ? n->left : n->right);
	} else {
		/* The successor s, which has no left child, takes n's place. */
		for (s = n->right; s->left; s = s->left)
			;
		if (s == n->right) {
			from = s;
		} else {
			from = s->parent;
			from->left = s->right;
			if (s->right)
				s->right->parent = from;
			s->right = n->right;
			n->right->parent = s;
		}
		s->left = n->left;
		n->left->parent = s;
		replace_child(t, n->parent, n, s);
	}
	n->left = n->right = n->parent = NULL;
	t->count--;
	fixup(t, from);
}

void shm_tree_update(struct shm_tree *t, struct shm_tree_node *n)
{
	if (!t->augment)
		return;
	for (; n; n = n->parent)
		t->augment(n);
}

struct shm_tree_node *shm_tree_first(const struct shm_tree *t)
{
	struct shm_tree_node *n = t->root;

	while (n && n->left)
		n = n->left;
	return n;
}

struct shm_tree_node *shm_tree_last(const struct shm_tree *t)
{
	struct shm_tree_node *n = t->root;

	while (n && n->right)
		n = n->right;
	return n;
}

struct shm_tree_node *shm_tree_next(const struct shm_tree_node *n)
{
	const struct shm_tree_node *p;

	if (n->right) {
		for (n = n->right; n->left; n = n->left)
			;
		return (struct shm_tree_node *)n;
	}
	for (p = n->parent; p && n == p->right; n = p, p = p->parent)
		;
	return (struct shm_tree_node *)p;
}

struct shm_tree_node *shm_tree_prev(const struct shm_tree_node *n)
{
	const struct shm_tree_node *p;

	if (n->left) {
		for (n = n->left; n->right; n = n->right)
			;
		return (struct shm_tree_node *)n;
	}
	for (p = n->parent; p && n == p->left; n = p, p = p->parent)
		;
	return (struct shm_tree_node *)p;
}

/*
 * The subtree's height, or -EINVAL if its shape is wrong. Counts its
 * nodes.
 */
static int subtree_check(const struct shm_tree_node *n,
			 const struct shm_tree_node *parent, size_t *count)
{
	int l, r;

	if (!n)
		return 0;
	if (n->parent != parent)
		return -EINVAL;
	l = subtree_check(n->left, n, count);
	r = subtree_check(n->right, n, count);
	if (l < 0 || r < 0 || l - r > 1 || r - l > 1)
		return -EINVAL;
	if (n->height != 1 + (l > r ? l : r))
		return -EINVAL;
	(*count)++;
	return n->height;
}

bool shm_tree_valid(const struct shm_tree *t, shm_tree_cmp_fn cmp)
{
	const struct shm_tree_node *n, *prev = NULL;
	size_t count = 0;

	if (subtree_check(t->root, NULL, &count) < 0 || count != t->count)
		return false;
	for (n = shm_tree_first(t); n; prev = n, n = shm_tree_next(n))
		if (prev && cmp(n, prev) < 0)
			return false;
	return true;
}
