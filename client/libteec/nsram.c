/*
 * A context's non-secure RAM: memfd pages the core may map. Shared memory
 * and the bounce buffers of temporary memrefs are carved out of it by page,
 * so a "physical address" is simply a page number in this memfd.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "teec_priv.h"

/* Frees at least this large give their pages back to the kernel. */
#define NSRAM_PUNCH_PAGES	16

int nsram_init(struct teec_ctx *c, uint64_t bytes)
{
	unsigned int i;

	c->nsram_pages = bytes / TC_PAGE_SIZE;
	c->nsram_fd = memfd_create("teec-nsram",
				   MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (c->nsram_fd < 0)
		return -errno;
	/* The core takes only RAM that cannot shrink under its mappings. */
	if (ftruncate(c->nsram_fd, (off_t)bytes) ||
	    fcntl(c->nsram_fd, F_ADD_SEALS, F_SEAL_SHRINK))
		goto fail;
	c->nsram = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED,
			c->nsram_fd, 0);
	if (c->nsram == MAP_FAILED)
		goto fail;
	c->used = calloc(c->nsram_pages, 1);
	if (!c->used) {
		munmap(c->nsram, bytes);
		errno = ENOMEM;
		goto fail;
	}
	for (i = 0; i < TEEC_BOUNCE_KEEP; i++)
		c->bounce[i].off = -1;
	pthread_mutex_init(&c->alloc_lock, NULL);
	return 0;
fail:
	close(c->nsram_fd);
	c->nsram_fd = -1;
	return -errno;
}

void nsram_fini(struct teec_ctx *c)
{
	munmap(c->nsram, c->nsram_pages * TC_PAGE_SIZE);
	close(c->nsram_fd);
	free(c->used);
	pthread_mutex_destroy(&c->alloc_lock);
}

static int64_t nsram_find(struct teec_ctx *c, uint64_t npages);

/*
 * Next fit; when nothing fits and releases are in flight, their replies
 * may free enough: wait for them and try again.
 */
int64_t nsram_alloc(struct teec_ctx *c, uint64_t npages)
{
	int64_t off = nsram_find(c, npages);
	unsigned int busy;

	if (off >= 0)
		return off;
	pthread_mutex_lock(&c->rx_lock);
	busy = c->nasync;
	pthread_mutex_unlock(&c->rx_lock);
	if (!busy)
		return off;
	transport_drain(c, 0);
	return nsram_find(c, npages);
}

/* Next fit from the hint, wrapping once. */
static int64_t nsram_find(struct teec_ctx *c, uint64_t npages)
{
	uint64_t start, i, run = 0, pass;
	int64_t off = -ENOMEM;

	if (!npages || npages > c->nsram_pages)
		return -ENOMEM;
	pthread_mutex_lock(&c->alloc_lock);
	for (pass = 0; pass < 2 && off < 0; pass++) {
		start = pass ? 0 : c->hint;
		run = 0;
		for (i = start; i < c->nsram_pages; i++) {
			run = c->used[i] ? 0 : run + 1;
			if (run == npages) {
				uint64_t first = i + 1 - npages;

				memset(c->used + first, 1, npages);
				c->hint = i + 1 < c->nsram_pages ? i + 1 : 0;
				off = (int64_t)(first * TC_PAGE_SIZE);
				break;
			}
		}
	}
	pthread_mutex_unlock(&c->alloc_lock);
	return off;
}

void nsram_free(struct teec_ctx *c, uint64_t offset, uint64_t npages)
{
	uint64_t first = offset / TC_PAGE_SIZE;

	if (npages >= NSRAM_PUNCH_PAGES)
		fallocate(c->nsram_fd, FALLOC_FL_PUNCH_HOLE |
			  FALLOC_FL_KEEP_SIZE, (off_t)offset,
			  (off_t)(npages * TC_PAGE_SIZE));
	pthread_mutex_lock(&c->alloc_lock);
	memset(c->used + first, 0, npages);
	pthread_mutex_unlock(&c->alloc_lock);
}

int64_t nsram_bounce_get(struct teec_ctx *c, uint64_t npages, uint64_t *got)
{
	unsigned int i, best = TEEC_BOUNCE_KEEP;
	int64_t off;

	pthread_mutex_lock(&c->alloc_lock);
	/* The same size first, else the smallest that holds npages. */
	for (i = 0; i < TEEC_BOUNCE_KEEP; i++) {
		if (c->bounce[i].off < 0 || c->bounce[i].npages < npages)
			continue;
		if (best == TEEC_BOUNCE_KEEP ||
		    c->bounce[i].npages < c->bounce[best].npages)
			best = i;
	}
	if (best < TEEC_BOUNCE_KEEP) {
		off = c->bounce[best].off;
		*got = c->bounce[best].npages;
		c->bounce[best].off = -1;
		pthread_mutex_unlock(&c->alloc_lock);
		return off;
	}
	pthread_mutex_unlock(&c->alloc_lock);
	*got = npages;
	return nsram_alloc(c, npages);
}

void nsram_bounce_put(struct teec_ctx *c, uint64_t offset, uint64_t npages)
{
	unsigned int i;

	if (npages <= TEEC_BOUNCE_KEEP_PAGES) {
		pthread_mutex_lock(&c->alloc_lock);
		for (i = 0; i < TEEC_BOUNCE_KEEP; i++) {
			if (c->bounce[i].off >= 0)
				continue;
			c->bounce[i].off = (int64_t)offset;
			c->bounce[i].npages = npages;
			pthread_mutex_unlock(&c->alloc_lock);
			return;
		}
		pthread_mutex_unlock(&c->alloc_lock);
	}
	nsram_free(c, offset, npages);
}

int64_t nsram_offset_of(struct teec_ctx *c, const void *p, size_t len)
{
	uintptr_t a = (uintptr_t)p, base = (uintptr_t)c->nsram;
	uintptr_t end = base + c->nsram_pages * TC_PAGE_SIZE;

	if (a < base || a > end || len > end - a)
		return -ERANGE;
	return (int64_t)(a - base);
}
