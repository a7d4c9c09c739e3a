/*
 * The TA heap allocator behind malloc() and TEE_Malloc(): first fit over an
 * explicit free list, boundary tags so freeing merges a block with both
 * neighbours at once. All its state lives inside the heap itself.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ta_heap.h>

#define HEAP_MAGIC	0x70616568u	/* "heap": the heap is initialised */
#define HEAP_CHECK	0x6b636f6cu	/* mixed into a used block's size */
#define HEAP_MAX	(UINT32_MAX & ~(uint32_t)(TA_HEAP_ALIGN - 1))

#define BLOCK_USED	1u
#define BLOCK_ZERO	2u	/* zero-fill on growth */
#define BLOCK_FLAGS	(BLOCK_USED | BLOCK_ZERO)

/*
 * Every block starts with this header; sizes include it and are multiples
 * of TA_HEAP_ALIGN, so the low bits hold flags. prev_size is kept up to date
 * for every block: it finds the block before, and neighbours must agree on
 * it, which with "check" catches most frees of pointers never handed out.
 */
struct heap_block {
	uint32_t prev_size;
	uint32_t size;		/* | BLOCK_* */
	uint32_t req_size;	/* used: the size asked for */
	uint32_t check;		/* used: size ^ HEAP_CHECK */
};

/* A free block carries its free-list links in its payload. */
struct heap_free {
	struct heap_block hdr;
	struct heap_free *next;
	struct heap_free *prev;
};

/* At the start of the heap; blocks follow, a used size-0 block ends them. */
struct heap_ctl {
	uint32_t magic;
	struct heap_free *free_list;
	struct heap_block *first;
	struct heap_block *end;
};

#define ALIGN_UP(x)	(((x) + TA_HEAP_ALIGN - 1) & ~(size_t)(TA_HEAP_ALIGN - 1))
#define BLOCK_HDR	sizeof(struct heap_block)
#define BLOCK_MIN	ALIGN_UP(sizeof(struct heap_free))
#define CTL_SIZE	ALIGN_UP(sizeof(struct heap_ctl))

_Static_assert(BLOCK_HDR % TA_HEAP_ALIGN == 0,
	       "a block header must keep payloads aligned");

static size_t block_size(const struct heap_block *b)
{
	return b->size & ~BLOCK_FLAGS;
}

static bool block_used(const struct heap_block *b)
{
	return b->size & BLOCK_USED;
}

static struct heap_block *block_next(struct heap_block *b)
{
	return (struct heap_block *)((uint8_t *)b + block_size(b));
}

static struct heap_block *block_prev(struct heap_block *b)
{
	return (struct heap_block *)((uint8_t *)b - b->prev_size);
}

static void *block_payload(struct heap_block *b)
{
	return (uint8_t *)b + BLOCK_HDR;
}

/* Sets a block's size and flags, and tells the next block about it. */
static void block_set(struct heap_block *b, size_t size, uint32_t flags)
{
	b->size = (uint32_t)size | flags;
	b->check = (flags & BLOCK_USED) ? b->size ^ HEAP_CHECK : 0;
	block_next(b)->prev_size = (uint32_t)size;
}

static void freelist_add(struct heap_ctl *ctl, struct heap_block *b)
{
	struct heap_free *f = (struct heap_free *)b;

	f->prev = NULL;
	f->next = ctl->free_list;
	if (f->next)
		f->next->prev = f;
	ctl->free_list = f;
}

static void freelist_del(struct heap_ctl *ctl, struct heap_block *b)
{
	struct heap_free *f = (struct heap_free *)b;

	if (f->prev)
		f->prev->next = f->next;
	else
		ctl->free_list = f->next;
	if (f->next)
		f->next->prev = f->prev;
}

static struct heap_ctl *heap_get(void)
{
	struct heap_ctl *ctl = (struct heap_ctl *)ta_heap;
	size_t usable = ta_heap_size & ~(size_t)(TA_HEAP_ALIGN - 1);
	struct heap_block *first;

	if (ctl->magic == HEAP_MAGIC)
		return ctl;
	if (usable > HEAP_MAX)
		usable = HEAP_MAX;
	if (usable < CTL_SIZE + BLOCK_MIN + BLOCK_HDR)
		return NULL;

	first = (struct heap_block *)(ta_heap + CTL_SIZE);
	ctl->first = first;
	ctl->end = (struct heap_block *)(ta_heap + usable - BLOCK_HDR);
	ctl->free_list = NULL;
	first->prev_size = 0;
	ctl->end->size = BLOCK_USED;
	ctl->end->check = 0;
	block_set(first, (size_t)((uint8_t *)ctl->end - (uint8_t *)first), 0);
	freelist_add(ctl, first);
	ctl->magic = HEAP_MAGIC;
	return ctl;
}

/* The block size that serves a request, or 0 if no heap could hold it. */
static size_t heap_block_for(size_t request)
{
	size_t need;

	if (request > HEAP_MAX - BLOCK_HDR)
		return 0;
	need = ALIGN_UP(request + BLOCK_HDR);
	return need < BLOCK_MIN ? BLOCK_MIN : need;
}

/* Frees a block and merges it with free neighbours. */
static void heap_release(struct heap_ctl *ctl, struct heap_block *b)
{
	size_t size = block_size(b);
	struct heap_block *next = block_next(b);

	if (!block_used(next)) {
		freelist_del(ctl, next);
		size += block_size(next);
	}
	if (b != ctl->first && !block_used(block_prev(b))) {
		b = block_prev(b);
		freelist_del(ctl, b);
		size += block_size(b);
	}
	block_set(b, size, 0);
	freelist_add(ctl, b);
}

/* Shrinks a used block to size bytes, handing the rest back to the heap. */
static void heap_trim(struct heap_ctl *ctl, struct heap_block *b, size_t size)
{
	size_t rest = block_size(b) - size;
	struct heap_block *tail;

	if (rest < BLOCK_MIN)
		return;
	block_set(b, size, b->size & BLOCK_FLAGS);
	tail = block_next(b);
	block_set(tail, rest, BLOCK_USED);
	heap_release(ctl, tail);
}

/* The block of a pointer the heap handed out, or NULL if it is not one. */
static struct heap_block *heap_block_of(struct heap_ctl *ctl, void *ptr)
{
	uint8_t *p = ptr;
	struct heap_block *b;
	size_t size;

	if (!ctl || p < (uint8_t *)block_payload(ctl->first) ||
	    p >= (uint8_t *)ctl->end ||
	    (size_t)(p - ta_heap) % TA_HEAP_ALIGN)
		return NULL;
	b = (struct heap_block *)(p - BLOCK_HDR);
	size = block_size(b);
	if (!block_used(b) || b->check != (b->size ^ HEAP_CHECK) ||
	    size < BLOCK_MIN ||
	    size > (size_t)((uint8_t *)ctl->end - (uint8_t *)b) ||
	    block_next(b)->prev_size != size)
		return NULL;
	if (b != ctl->first &&
	    (b->prev_size > (size_t)((uint8_t *)b - (uint8_t *)ctl->first) ||
	     block_size(block_prev(b)) != b->prev_size))
		return NULL;
	return b;
}

void *heap_alloc(size_t size, bool zero_fill)
{
	struct heap_ctl *ctl = heap_get();
	size_t need = heap_block_for(size);
	struct heap_free *f;

	if (!ctl || !need)
		return NULL;
	for (f = ctl->free_list; f; f = f->next) {
		if (block_size(&f->hdr) >= need)
			break;
	}
	if (!f)
		return NULL;
	freelist_del(ctl, &f->hdr);
	block_set(&f->hdr, block_size(&f->hdr),
		  BLOCK_USED | (zero_fill ? BLOCK_ZERO : 0));
	heap_trim(ctl, &f->hdr, need);
	f->hdr.req_size = (uint32_t)size;
	if (zero_fill)
		memset(block_payload(&f->hdr), 0, size);
	return block_payload(&f->hdr);
}

void *malloc(size_t size)
{
	return heap_alloc(size, false);
}

void *calloc(size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		return NULL;
	return heap_alloc(nmemb * size, true);
}

void free(void *ptr)
{
	struct heap_ctl *ctl;
	struct heap_block *b;

	if (!ptr)
		return;
	ctl = heap_get();
	b = heap_block_of(ctl, ptr);
	if (!b)
		abort();
	heap_release(ctl, b);
}

/* Grows or shrinks a used block where it is; false if it cannot grow. */
static bool heap_resize(struct heap_ctl *ctl, struct heap_block *b,
			size_t need)
{
	struct heap_block *next = block_next(b);

	if (need > block_size(b)) {
		if (block_used(next) ||
		    block_size(b) + block_size(next) < need)
			return false;
		freelist_del(ctl, next);
		block_set(b, block_size(b) + block_size(next),
			  b->size & BLOCK_FLAGS);
	}
	heap_trim(ctl, b, need);
	return true;
}

void *realloc(void *ptr, size_t size)
{
	struct heap_ctl *ctl;
	struct heap_block *b;
	size_t need;
	size_t old;
	bool zero;
	uint8_t *p;

	if (!ptr)
		return malloc(size);
	ctl = heap_get();
	b = heap_block_of(ctl, ptr);
	if (!b)
		abort();
	need = heap_block_for(size);
	if (!need)
		return NULL;
	old = b->req_size;
	zero = b->size & BLOCK_ZERO;

	if (heap_resize(ctl, b, need)) {
		p = ptr;
		b->req_size = (uint32_t)size;
		if (zero && size > old)
			memset(p + old, 0, size - old);
		return p;
	}

	p = heap_alloc(size, zero);
	if (!p)
		return NULL;
	memcpy(p, ptr, old);
	heap_release(ctl, b);
	return p;
}
