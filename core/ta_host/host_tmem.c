/*
 * Temporary memrefs' mappings, kept between calls: a client that passes the
 * same pages again (libteec reuses its bounce pages) finds them mapped, with
 * their page tables filled, and pays no mmap, munmap or page fault.
 *
 * A kept mapping is accessible only while a call that names exactly its
 * pages runs: when a call starts, every kept mapping it does not use gets
 * PROT_NONE before the TA runs, and one it uses gets the access of the
 * call's parameter. No TA code runs between calls, so the TA never sees a
 * page of an earlier call. The mapping is MAP_SHARED on the guest's RAM, so
 * it shows the pages' current contents, never a copy; a guest's mappings go
 * with its RAM.
 */
#include <sys/mman.h>

#include "host_parts.h"

/* Enough for four memrefs of this call and four of earlier ones. */
#define TMEM_SLOTS	8

struct tmem_slot {
	uint64_t guest;		/* 0: free */
	uint64_t pfn;		/* first page in the guest's RAM */
	uint32_t npages;
	int prot;		/* what the mapping grants now */
	int want;		/* what this call grants; -1: not used by it */
	uint64_t last_use;	/* call counter, for eviction */
	uint8_t *base;
};

static struct tmem_slot slots[TMEM_SLOTS];
static uint64_t tmem_calls;

static void tmem_unmap(struct tmem_slot *s)
{
	munmap(s->base, (size_t)s->npages * TC_PAGE_SIZE);
	s->guest = 0;
	s->base = NULL;
}

void host_tmem_call_begin(void)
{
	unsigned int i;

	tmem_calls++;
	for (i = 0; i < TMEM_SLOTS; i++)
		slots[i].want = -1;
}

/* A free slot, or the least recently used one this call does not use. */
static struct tmem_slot *tmem_victim(void)
{
	struct tmem_slot *v = NULL;
	unsigned int i;

	for (i = 0; i < TMEM_SLOTS; i++) {
		if (!slots[i].guest)
			return &slots[i];
		if (slots[i].want < 0 &&
		    (!v || slots[i].last_use < v->last_use))
			v = &slots[i];
	}
	if (v)
		tmem_unmap(v);
	return v;
}

void *host_tmem_map(uint64_t guest, int fd, uint64_t pfn, uint32_t npages,
		    bool writable)
{
	size_t len = (size_t)npages * TC_PAGE_SIZE;
	int prot = PROT_READ | (writable ? PROT_WRITE : 0);
	struct tmem_slot *s = NULL;
	unsigned int i;
	void *p;

	for (i = 0; i < TMEM_SLOTS && !s; i++)
		if (slots[i].guest == guest && slots[i].pfn == pfn &&
		    slots[i].npages == npages)
			s = &slots[i];
	if (!s) {
		s = tmem_victim();
		if (!s)
			return NULL;
		/* MAP_POPULATE fills the page tables once, not per touch. */
		p = mmap(NULL, len, prot, MAP_SHARED | MAP_POPULATE, fd,
			 (off_t)(pfn * TC_PAGE_SIZE));
		if (p == MAP_FAILED)
			return NULL;
		s->guest = guest;
		s->pfn = pfn;
		s->npages = npages;
		s->prot = prot;
		s->want = -1;
		s->base = p;
	}
	/* Two memrefs of one call on the same pages: write wins. */
	if (s->want < 0 || prot > s->want)
		s->want = prot;
	s->last_use = tmem_calls;
	return s->base;
}

TEE_Result host_tmem_apply(void)
{
	unsigned int i;
	int want;

	for (i = 0; i < TMEM_SLOTS; i++) {
		if (!slots[i].guest)
			continue;
		want = slots[i].want < 0 ? PROT_NONE : slots[i].want;
		if (want == slots[i].prot)
			continue;
		if (mprotect(slots[i].base,
			     (size_t)slots[i].npages * TC_PAGE_SIZE, want)) {
			/* Never leave access behind: drop it instead. */
			tmem_unmap(&slots[i]);
			if (want != PROT_NONE)
				return TEE_ERROR_OUT_OF_MEMORY;
			continue;
		}
		slots[i].prot = want;
	}
	return TEE_SUCCESS;
}

void host_tmem_forget_guest(uint64_t guest)
{
	unsigned int i;

	for (i = 0; i < TMEM_SLOTS; i++)
		if (slots[i].guest && slots[i].guest == guest)
			tmem_unmap(&slots[i]);
}
