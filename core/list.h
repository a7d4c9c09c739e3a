/* A minimal intrusive doubly linked list. */
#ifndef CORE_LIST_H
#define CORE_LIST_H

#include <stddef.h>

struct list_node {
	struct list_node *prev, *next;
};

struct list_head {
	struct list_node n;
};

#define LIST_HEAD_INIT(h)	{ { &(h).n, &(h).n } }

static inline void list_init(struct list_head *h)
{
	h->n.prev = h->n.next = &h->n;
}

static inline int list_empty(const struct list_head *h)
{
	return h->n.next == &h->n;
}

static inline void list_add_tail(struct list_head *h, struct list_node *e)
{
	e->prev = h->n.prev;
	e->next = &h->n;
	h->n.prev->next = e;
	h->n.prev = e;
}

static inline void list_del(struct list_node *e)
{
	e->prev->next = e->next;
	e->next->prev = e->prev;
	e->prev = e->next = e;
}

#define list_entry(p, type, member) \
	((type *)((char *)(p) - offsetof(type, member)))

#define list_for_each(pos, h) \
	for ((pos) = (h)->n.next; (pos) != &(h)->n; (pos) = (pos)->next)

#define list_for_each_safe(pos, tmp, h) \
	for ((pos) = (h)->n.next, (tmp) = (pos)->next; (pos) != &(h)->n; \
	     (pos) = (tmp), (tmp) = (pos)->next)

#endif
