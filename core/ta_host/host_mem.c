/*
 * The TA's memory map, as the host knows it without probing: the loaded
 * segments (code and read-only data read-only, data, bss and the heap in it
 * writable), the TA's stack, and the memrefs of the running call, which are
 * shared with their client. TEE_CheckMemoryAccessRights and the syscalls'
 * pointer checks answer from it.
 */
#include <sys/mman.h>

#include <tee_api_defines.h>
#include <teecheck/msg_abi.h>

#include "../loader/elf_load.h"
#include "host_parts.h"

struct mem_range {
	uintptr_t start;
	uintptr_t end;		/* exclusive */
	bool readable;
	bool writable;
	bool shared;		/* another party sees it: a client, a TA */
};

static struct mem_range windows[TC_MAX_PARAMS];

void host_mem_window(unsigned int i, const void *addr, size_t size,
		     bool writable)
{
	if (i >= TC_MAX_PARAMS)
		return;
	windows[i].start = (uintptr_t)addr;
	windows[i].end = (uintptr_t)addr + size;
	windows[i].readable = true;
	windows[i].writable = writable;
	windows[i].shared = true;
}

void host_mem_windows_clear(void)
{
	unsigned int i;

	for (i = 0; i < TC_MAX_PARAMS; i++)
		windows[i].start = windows[i].end = 0;
}

/* The range of the map that holds address a, or false if none does. */
static bool mem_find(uintptr_t a, struct mem_range *r)
{
	const struct elf_loaded *ta = host_ta();
	uintptr_t lo, hi;
	size_t i;

	for (i = 0; i < TC_MAX_PARAMS; i++) {
		if (a >= windows[i].start && a < windows[i].end) {
			*r = windows[i];
			return true;
		}
	}
	for (i = 0; i < ta->nsegs; i++) {
		const struct elf_loaded_segment *s = &ta->segs[i];

		if (a >= s->addr && a - s->addr < s->size) {
			r->start = s->addr;
			r->end = s->addr + s->size;
			r->readable = s->prot & PROT_READ;
			r->writable = s->prot & PROT_WRITE;
			r->shared = false;
			return true;
		}
	}
	host_stack_range(&lo, &hi);
	if (a >= lo && a < hi) {
		r->start = lo;
		r->end = hi;
		r->readable = r->writable = true;
		r->shared = false;
		return true;
	}
	return false;
}

/* Whether every byte of [buf, buf+size) grants what flags ask. */
static bool mem_check(uint32_t flags, uintptr_t buf, size_t size)
{
	uintptr_t a = buf, end = buf + size;
	struct mem_range r;

	if (end < buf)
		return false;
	while (a < end) {
		if (!mem_find(a, &r))
			return false;
		if ((flags & TEE_MEMORY_ACCESS_READ) && !r.readable)
			return false;
		if ((flags & TEE_MEMORY_ACCESS_WRITE) && !r.writable)
			return false;
		if (r.shared && !(flags & TEE_MEMORY_ACCESS_ANY_OWNER))
			return false;
		a = r.end;
	}
	return true;
}

TEE_Result host_mem_access(uint32_t flags, uintptr_t buf, size_t size)
{
	return mem_check(flags, buf, size) ? TEE_SUCCESS :
					     TEE_ERROR_ACCESS_DENIED;
}

bool host_mem_usable(uintptr_t buf, size_t size, bool write)
{
	uint32_t flags = TEE_MEMORY_ACCESS_READ | TEE_MEMORY_ACCESS_ANY_OWNER;

	if (write)
		flags |= TEE_MEMORY_ACCESS_WRITE;
	return mem_check(flags, buf, size);
}
