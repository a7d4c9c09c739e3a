/*
 * Registered shared memory in the TA host (host_regmem.h). An object is
 * mapped once, on its first use by this instance, and stays mapped without
 * access until the core drops it: a call opens only the pages its
 * parameters cover, read-only for an input, and closes them when it ends.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <tee_client_api.h>

#include "../../common/tc_log.h"
#include "host_parts.h"
#include "host_regmem.h"

struct regmem {
	uint64_t cookie;
	uint64_t guest;
	uint8_t *base;
	size_t len;			/* whole pages */
	bool writable;			/* registered for output too */
	struct regmem *next;
};

/* What the running call opened. */
struct regmem_open {
	uintptr_t start;
	size_t len;
	bool write;
};

static struct regmem *regmem_list;
static struct regmem_open opened[TC_MAX_PARAMS];
static unsigned int nopened;

static struct regmem *regmem_find(uint64_t cookie, uint64_t guest)
{
	struct regmem *r;

	for (r = regmem_list; r; r = r->next)
		if (r->cookie == cookie && r->guest == guest)
			return r;
	return NULL;
}

/* Maps each run of consecutive frames of fd, inaccessible for now. */
static int regmem_map_pages(uint8_t *base, int fd, const uint64_t *pfns,
			    uint32_t n)
{
	uint32_t i, run;

	for (i = 0; i < n; i += run) {
		for (run = 1; i + run < n && pfns[i + run] == pfns[i] + run;
		     run++)
			;
		if (mmap(base + (size_t)i * TC_PAGE_SIZE,
			 (size_t)run * TC_PAGE_SIZE, PROT_NONE,
			 MAP_SHARED | MAP_FIXED, fd,
			 (off_t)(pfns[i] * TC_PAGE_SIZE)) == MAP_FAILED)
			return -1;
	}
	return 0;
}

uint32_t host_regmem_map(struct tc_msg *m, int fd)
{
	const struct tc_param *p = &m->params[0];
	uint64_t ram_pages = m->arg / TC_PAGE_SIZE;
	uint32_t res = TEEC_ERROR_BAD_PARAMETERS, i;
	struct regmem *r = NULL;

	if (fd < 0 || m->num_params != 1 || !tc_param_is_rmem(p->type) ||
	    !p->npages || p->first || p->npages != m->npages) {
		tc_err("SHM_MAP: not one registered object with its pages "
		       "and RAM");
		goto out;
	}
	if (regmem_find(tc_param_cookie(p), m->arg2)) {
		tc_err("SHM_MAP: cookie %#llx mapped already",
		       (unsigned long long)tc_param_cookie(p));
		res = TEEC_ERROR_BAD_STATE;
		goto out;
	}
	for (i = 0; i < p->npages; i++) {
		if (m->pages[i] >= ram_pages) {
			tc_err("SHM_MAP: pages[%u]: frame %llu outside the "
			       "RAM's %llu", i,
			       (unsigned long long)m->pages[i],
			       (unsigned long long)ram_pages);
			goto out;
		}
	}
	res = TEEC_ERROR_OUT_OF_MEMORY;
	r = calloc(1, sizeof(*r));
	if (!r)
		goto out;
	r->len = (size_t)p->npages * TC_PAGE_SIZE;
	r->base = mmap(NULL, r->len, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r->base == MAP_FAILED)
		goto out;
	if (regmem_map_pages(r->base, fd, m->pages, p->npages)) {
		munmap(r->base, r->len);
		goto out;
	}
	r->cookie = tc_param_cookie(p);
	r->guest = m->arg2;
	r->writable = p->type != TC_PARAM_RMEM_IN;
	r->next = regmem_list;
	regmem_list = r;
	r = NULL;
	res = TEEC_SUCCESS;
out:
	free(r);
	if (fd >= 0)
		close(fd);
	return res;
}

uint32_t host_regmem_drop(const struct tc_msg *m)
{
	struct regmem **pp, *r;

	for (pp = &regmem_list; (r = *pp); pp = &r->next) {
		if (r->cookie == m->arg && r->guest == m->arg2) {
			*pp = r->next;
			munmap(r->base, r->len);
			free(r);
			return TEEC_SUCCESS;
		}
	}
	return TEEC_ERROR_ITEM_NOT_FOUND;
}

static int regmem_protect(const struct regmem_open *o)
{
	return mprotect((void *)o->start, o->len,
			o->write ? PROT_READ | PROT_WRITE : PROT_READ);
}

uint32_t host_regmem_param(const struct tc_msg *m, unsigned int i,
			   uint64_t *addr)
{
	const struct tc_param *p = &m->params[i];
	bool write = p->type != TC_PARAM_RMEM_IN;
	struct regmem *r = regmem_find(tc_param_cookie(p), m->arg2);
	struct regmem_open *o;
	uintptr_t first, end;
	unsigned int k;

	if (!r || (write && !r->writable) || p->offs > r->len ||
	    p->size > r->len - p->offs || nopened == TC_MAX_PARAMS) {
		tc_err("CALL: params[%u]: cookie %#llx %s", i,
		       (unsigned long long)tc_param_cookie(p),
		       !r ? "is not mapped here" :
		       write && !r->writable ? "is not writable" :
		       "does not hold the range");
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	*addr = (uintptr_t)r->base + p->offs;
	host_mem_window(i, (void *)(uintptr_t)*addr, p->size, write);
	if (!p->size)
		return TEEC_SUCCESS;
	first = (uintptr_t)*addr & ~(uintptr_t)(TC_PAGE_SIZE - 1);
	end = ((uintptr_t)*addr + p->size + TC_PAGE_SIZE - 1) &
	      ~(uintptr_t)(TC_PAGE_SIZE - 1);
	o = &opened[nopened++];
	o->start = first;
	o->len = end - first;
	o->write = write;
	if (regmem_protect(o))
		return TEEC_ERROR_OUT_OF_MEMORY;
	/* Pages shared with an output parameter stay writable. */
	for (k = 0; !write && k + 1 < nopened; k++)
		if (opened[k].write && opened[k].start < end &&
		    first < opened[k].start + opened[k].len &&
		    regmem_protect(&opened[k]))
			return TEEC_ERROR_OUT_OF_MEMORY;
	return TEEC_SUCCESS;
}

void host_regmem_call_end(void)
{
	unsigned int k;

	for (k = 0; k < nopened; k++)
		mprotect((void *)opened[k].start, opened[k].len, PROT_NONE);
	nopened = 0;
}
