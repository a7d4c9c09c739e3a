/*
 * Registered shared memory in the TA host (host_regmem.h). An object is
 * mapped once, on its first use by this instance, and stays mapped until
 * the core drops it. Before each entry point runs, exactly the pages its
 * parameters cover are accessible, read-only for an input, and nothing
 * else of any object. No TA code runs between calls, so the access a call
 * had is only taken back when the next call starts, and only where that
 * call differs: the same memref used again costs no protection change.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>

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

/* A range of pages and the access a call grants it. */
struct regmem_open {
	uintptr_t start;
	size_t len;
	bool write;
};

static struct regmem *regmem_list;
/* What is accessible now, and what the coming call's parameters grant. */
static struct regmem_open opened[TC_MAX_PARAMS], wanted[TC_MAX_PARAMS];
static unsigned int nopened, nwanted;

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
			return -errno;
	}
	return 0;
}

TEE_Result host_regmem_map(struct tc_msg *m, int fd)
{
	const struct tc_param *p = &m->params[0];
	uint64_t ram_pages = m->arg / TC_PAGE_SIZE;
	TEE_Result res = TEE_ERROR_BAD_PARAMETERS;
	uint32_t i;
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
		res = TEE_ERROR_BAD_STATE;
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
	res = TEE_ERROR_OUT_OF_MEMORY;
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
	res = TEE_SUCCESS;
out:
	free(r);
	if (fd >= 0)
		close(fd);
	return res;
}

/* An unmapped range is no longer open. */
static void regmem_forget(uintptr_t start, size_t len)
{
	unsigned int k = 0;

	while (k < nopened) {
		if (opened[k].start >= start &&
		    opened[k].start - start < len)
			opened[k] = opened[--nopened];
		else
			k++;
	}
}

TEE_Result host_regmem_drop(const struct tc_msg *m)
{
	struct regmem **pp, *r;

	for (pp = &regmem_list; (r = *pp); pp = &r->next) {
		if (r->cookie == m->arg && r->guest == m->arg2) {
			*pp = r->next;
			regmem_forget((uintptr_t)r->base, r->len);
			munmap(r->base, r->len);
			free(r);
			return TEE_SUCCESS;
		}
	}
	return TEE_ERROR_ITEM_NOT_FOUND;
}

static bool range_same(const struct regmem_open *a,
		       const struct regmem_open *b)
{
	return a->start == b->start && a->len == b->len &&
	       a->write == b->write;
}

static bool range_meets(const struct regmem_open *a,
			const struct regmem_open *b)
{
	return a->start < b->start + b->len && b->start < a->start + a->len;
}

/* Whether r is in set[0..n). */
static bool range_in(const struct regmem_open *r,
		     const struct regmem_open *set, unsigned int n)
{
	unsigned int k;

	for (k = 0; k < n; k++)
		if (range_same(r, &set[k]))
			return true;
	return false;
}

TEE_Result host_regmem_param(const struct tc_msg *m, unsigned int i,
			     uint64_t *addr)
{
	const struct tc_param *p = &m->params[i];
	bool write = p->type != TC_PARAM_RMEM_IN;
	struct regmem *r = regmem_find(tc_param_cookie(p), m->arg2);
	struct regmem_open *o;
	uintptr_t first, end;

	if (!r || (write && !r->writable) || p->offs > r->len ||
	    p->size > r->len - p->offs || nwanted == TC_MAX_PARAMS) {
		tc_err("CALL: params[%u]: cookie %#llx %s", i,
		       (unsigned long long)tc_param_cookie(p),
		       !r ? "is not mapped here" :
		       write && !r->writable ? "is not writable" :
		       "does not hold the range");
		return TEE_ERROR_BAD_PARAMETERS;
	}
	*addr = (uintptr_t)r->base + p->offs;
	host_mem_window(i, (void *)(uintptr_t)*addr, p->size, write);
	if (!p->size)
		return TEE_SUCCESS;
	first = (uintptr_t)*addr & ~(uintptr_t)(TC_PAGE_SIZE - 1);
	end = ((uintptr_t)*addr + p->size + TC_PAGE_SIZE - 1) &
	      ~(uintptr_t)(TC_PAGE_SIZE - 1);
	o = &wanted[nwanted++];
	o->start = first;
	o->len = end - first;
	o->write = write;
	return TEE_SUCCESS;
}

TEE_Result host_regmem_apply(void)
{
	bool revoked[TC_MAX_PARAMS] = { false }, redo;
	unsigned int k, j, pass;

	/* Whatever the last call had and this one does not: no access. */
	for (k = 0; k < nopened; k++) {
		if (range_in(&opened[k], wanted, nwanted))
			continue;
		revoked[k] = true;
		if (mprotect((void *)opened[k].start, opened[k].len,
			     PROT_NONE))
			return TEE_ERROR_OUT_OF_MEMORY;
	}
	/* Read-only ranges first: where one meets a writable, write wins. */
	for (pass = 0; pass < 2; pass++) {
		for (k = 0; k < nwanted; k++) {
			if (wanted[k].write != (pass == 1))
				continue;
			redo = !range_in(&wanted[k], opened, nopened);
			for (j = 0; j < nopened && !redo; j++)
				redo = revoked[j] &&
				       range_meets(&wanted[k], &opened[j]);
			for (j = 0; j < nwanted && !redo && !pass; j++)
				redo = wanted[j].write &&
				       range_meets(&wanted[k], &wanted[j]);
			if (redo && mprotect((void *)wanted[k].start,
					     wanted[k].len,
					     wanted[k].write ?
					     PROT_READ | PROT_WRITE :
					     PROT_READ))
				return TEE_ERROR_OUT_OF_MEMORY;
		}
	}
	memcpy(opened, wanted, sizeof(wanted));
	nopened = nwanted;
	return TEE_SUCCESS;
}

void host_regmem_call_end(void)
{
	nwanted = 0;
}
