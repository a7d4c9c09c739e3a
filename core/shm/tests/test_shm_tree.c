/*
 * The AVL tree under the SHM bookkeeping: shape, order and augmented values
 * stay right through every insert and erase, checked against a sorted array
 * after each step of random runs and every erase position of small trees.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../shm_tree.h"
#include "shm_test_rand.h"

struct item {
	struct shm_tree_node node;
	int key;
	size_t subtree;		/* augmented: nodes in this subtree */
};

#define item_of(n)	shm_tree_entry(n, struct item, node)

static int item_cmp(const struct shm_tree_node *a,
		    const struct shm_tree_node *b)
{
	return item_of(a)->key - item_of(b)->key;
}

static void item_augment(struct shm_tree_node *n)
{
	item_of(n)->subtree = 1 +
		(n->left ? item_of(n->left)->subtree : 0) +
		(n->right ? item_of(n->right)->subtree : 0);
}

static size_t augment_ok(const struct shm_tree_node *n)
{
	size_t l, r;

	if (!n)
		return 0;
	l = augment_ok(n->left);
	r = augment_ok(n->right);
	if (l == SIZE_MAX || r == SIZE_MAX || item_of(n)->subtree != l + r + 1)
		return SIZE_MAX;
	return l + r + 1;
}

/* The tree holds exactly ref[0..n) in order, with a valid shape. */
static void assert_tree_is(const struct shm_tree *t, const int *ref, size_t n)
{
	const struct shm_tree_node *x;
	size_t i = 0;

	assert_true(shm_tree_valid(t, item_cmp));
	assert_int_equal(t->count, n);
	assert_int_equal(augment_ok(t->root), n);
	for (x = shm_tree_first(t); x; x = shm_tree_next(x), i++) {
		assert_true(i < n);
		assert_int_equal(item_of(x)->key, ref[i]);
	}
	assert_int_equal(i, n);
	/* And backwards. */
	for (x = shm_tree_last(t); x; x = shm_tree_prev(x))
		assert_int_equal(item_of(x)->key, ref[--i]);
	assert_int_equal(i, 0);
}

static void test_empty_and_one(void **state)
{
	struct shm_tree t;
	struct item a = { .key = 7 };

	(void)state;
	shm_tree_init(&t, item_augment);
	assert_null(shm_tree_first(&t));
	assert_null(shm_tree_last(&t));
	assert_true(shm_tree_valid(&t, item_cmp));
	shm_tree_insert(&t, &a.node, item_cmp);
	assert_ptr_equal(shm_tree_first(&t), &a.node);
	assert_ptr_equal(shm_tree_last(&t), &a.node);
	assert_null(shm_tree_next(&a.node));
	assert_null(shm_tree_prev(&a.node));
	assert_int_equal(a.subtree, 1);
	shm_tree_erase(&t, &a.node);
	assert_null(t.root);
	assert_int_equal(t.count, 0);
}

/* Ascending inserts would make a list of a plain BST; AVL keeps it flat. */
static void test_sorted_inserts_stay_balanced(void **state)
{
	enum { N = 4096 };
	struct item *items = calloc(N, sizeof(*items));
	struct shm_tree t;
	int i;

	(void)state;
	assert_non_null(items);
	shm_tree_init(&t, item_augment);
	for (i = 0; i < N; i++) {
		items[i].key = i;
		shm_tree_insert(&t, &items[i].node, item_cmp);
	}
	assert_true(shm_tree_valid(&t, item_cmp));
	/* An AVL tree of 4096 nodes is at most 1.44 * log2(4097) high. */
	assert_true(t.root->height <= 17);
	assert_int_equal(item_of(t.root)->subtree, N);
	free(items);
}

/*
 * Every erase position of every tree size up to 10, built in two orders
 * (descending, and zig-zag from both ends).
 */
static void test_erase_every_position(void **state)
{
	struct item items[10];
	int ref[10];
	struct shm_tree t;
	int n, victim, i, k, order;

	(void)state;
	for (n = 1; n <= 10; n++) {
		for (victim = 0; victim < n; victim++) {
			for (order = 0; order < 2; order++) {
				shm_tree_init(&t, item_augment);
				for (i = 0; i < n; i++) {
					k = order ? n - 1 - i :
					    i % 2 ? n - 1 - i / 2 : i / 2;
					items[k].key = k * 10;
					shm_tree_insert(&t, &items[k].node,
							item_cmp);
				}
				shm_tree_erase(&t, &items[victim].node);
				for (i = 0, k = 0; i < n; i++)
					if (i != victim)
						ref[k++] = i * 10;
				assert_tree_is(&t, ref, (size_t)n - 1);
			}
		}
	}
}

static void test_update_after_key_change(void **state)
{
	struct item items[64];
	struct shm_tree t;
	int i;

	(void)state;
	shm_tree_init(&t, item_augment);
	for (i = 0; i < 64; i++) {
		items[i].key = i * 4;
		shm_tree_insert(&t, &items[i].node, item_cmp);
	}
	/* Moving a key within its gap keeps the order; update() is enough. */
	items[20].key = 81;
	shm_tree_update(&t, &items[20].node);
	assert_true(shm_tree_valid(&t, item_cmp));
	assert_int_equal(augment_ok(t.root), 64);
}

/* Random inserts (duplicates too) and erases against a sorted array. */
static void test_random_against_array(void **state)
{
	enum { SLOTS = 600, STEPS = 20000 };
	struct item *items = calloc(SLOTS, sizeof(*items));
	bool *in = calloc(SLOTS, sizeof(*in));
	int *ref = calloc(SLOTS, sizeof(*ref));
	struct shm_rand rnd;
	struct shm_tree t;
	size_t n = 0, i, j;
	int step;

	(void)state;
	assert_non_null(items);
	assert_non_null(in);
	assert_non_null(ref);
	shm_rand_init(&rnd, "test_random_against_array");
	shm_tree_init(&t, item_augment);
	for (step = 0; step < STEPS; step++) {
		i = shm_rand_below(&rnd, SLOTS);
		if (in[i]) {
			shm_tree_erase(&t, &items[i].node);
			in[i] = false;
			for (j = 0; j < n && ref[j] != items[i].key; j++)
				;
			assert_true(j < n);
			memmove(ref + j, ref + j + 1, (n - j - 1) * sizeof(*ref));
			n--;
		} else {
			items[i].key = (int)shm_rand_below(&rnd, 300);
			shm_tree_insert(&t, &items[i].node, item_cmp);
			in[i] = true;
			for (j = n; j > 0 && ref[j - 1] > items[i].key; j--)
				ref[j] = ref[j - 1];
			ref[j] = items[i].key;
			n++;
		}
		if (step % 7 == 0 || n < 20)
			assert_tree_is(&t, ref, n);
	}
	assert_tree_is(&t, ref, n);
	free(items);
	free(in);
	free(ref);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_one),
		cmocka_unit_test(test_sorted_inserts_stay_balanced),
		cmocka_unit_test(test_erase_every_position),
		cmocka_unit_test(test_update_after_key_change),
		cmocka_unit_test(test_random_against_array),
	};

	return cmocka_run_group_tests_name("shm_tree", tests, NULL, NULL);
}
