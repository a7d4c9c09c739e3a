/*
 * Registered shared memory in libteec (regshm.h): REGISTER_SHM and
 * UNREGISTER_SHM with the core, and the access check of application memory
 * that is shadowed rather than shared.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "regshm.h"

/*
 * Whether [buf, buf + size) is mapped with read (and, if write, write)
 * access, as /proc/self/maps says.
 */
bool regshm_memory_ok(const void *buf, size_t size, bool write)
{
	uintptr_t at = (uintptr_t)buf, end = at + size, lo, hi;
	char line[512], perms[8];
	bool ok = false;
	FILE *f;

	if (!size)
		return true;
	f = fopen("/proc/self/maps", "re");
	if (!f)
		return false;
	/* The lines are in address order: walk them while they cover us. */
	while (at < end && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3)
			break;
		if (hi <= at)
			continue;
		if (lo > at || perms[0] != 'r' || (write && perms[1] != 'w'))
			break;
		at = hi;
	}
	ok = at >= end;
	fclose(f);
	return ok;
}

static void attach_undo(struct teec_ctx *c, TEEC_SharedMemory *shm)
{
	if (shm->imp.alloc_size)
		nsram_free(c, shm->imp.ns_offset & ~(uint64_t)(TC_PAGE_SIZE - 1),
			   shm->imp.alloc_size / TC_PAGE_SIZE);
	if (shm->imp.allocated)
		shm->buffer = NULL;
	memset(&shm->imp, 0, sizeof(shm->imp));
}

static uint32_t mem_type_of(uint32_t flags)
{
	if (flags == TEEC_MEM_INPUT)
		return TC_PARAM_MEM_IN;
	if (flags == TEEC_MEM_OUTPUT)
		return TC_PARAM_MEM_OUT;
	return TC_PARAM_MEM_INOUT;
}

TEEC_Result regshm_attach(struct teec_ctx *c, TEEC_SharedMemory *shm)
{
	uint64_t first = shm->imp.ns_offset / TC_PAGE_SIZE, n, k;
	uint32_t offs = (uint32_t)(shm->imp.ns_offset % TC_PAGE_SIZE);
	struct tc_msg *m = NULL, r;
	TEEC_Result res;

	if (shm->imp.shadow &&
	    (((shm->flags & TEEC_MEM_INPUT) &&
	      !regshm_memory_ok(shm->buffer, shm->size, false)) ||
	     ((shm->flags & TEEC_MEM_OUTPUT) &&
	      !regshm_memory_ok(shm->buffer, shm->size, true)))) {
		res = TEEC_ERROR_BAD_PARAMETERS;
		goto out;
	}
	if (!shm->size)
		return TEEC_SUCCESS;
	n = tc_mem_pages(offs, shm->size);
	res = TEEC_ERROR_OUT_OF_MEMORY;
	if (n > TC_MAX_PAGES)
		goto out;
	m = calloc(1, TC_MSG_SIZE(n));
	if (!m)
		goto out;
	tc_msg_init(m, TC_CMD_REGISTER_SHM, 0);
	m->num_params = 1;
	m->params[0].type = mem_type_of(shm->flags);
	m->params[0].size = shm->size;
	m->params[0].offs = offs;
	m->params[0].npages = (uint32_t)n;
	for (k = 0; k < n; k++)
		m->pages[k] = first + k;
	m->npages = (uint32_t)n;
	m->length = (uint32_t)TC_MSG_SIZE(n);
	res = transport_call(c, m, &r);
	if (!res)
		res = r.ret;
	if (!res)
		shm->imp.cookie = r.arg;
out:
	free(m);
	if (res)
		attach_undo(c, shm);
	return res;
}

/* An UNREGISTER_SHM in flight, and the pages its success frees. */
struct regshm_unreg {
	struct teec_pending p;		/* first: the transport's handle */
	struct tc_msg req;
	struct tc_msg reply;
	uint64_t offset;
	uint64_t npages;
	void *buffer;			/* for the warning */
};

static void release_done(struct teec_ctx *c, struct teec_pending *p)
{
	struct regshm_unreg *u = (struct regshm_unreg *)p;

	/* A broken connection ended the guest: nothing uses the pages. */
	if (!p->err && u->reply.ret == TEEC_ERROR_BUSY)
		tc_warn("shared memory at %p still in use by a call: its "
			"pages stay reserved", u->buffer);
	else if (u->npages)
		nsram_free(c, u->offset, u->npages);
	free(u);
}

/* The synchronous way: the reply waited for. */
static void release_wait(struct teec_ctx *c, TEEC_SharedMemory *shm)
{
	struct tc_msg m, r;
	TEEC_Result res;

	tc_msg_init(&m, TC_CMD_UNREGISTER_SHM, 0);
	m.arg = shm->imp.cookie;
	res = transport_call(c, &m, &r);
	if (!res && r.ret == TEEC_ERROR_BUSY) {
		tc_warn("shared memory at %p still in use by a call: its "
			"pages stay reserved", shm->buffer);
		return;
	}
	if (shm->imp.alloc_size)
		nsram_free(c, shm->imp.ns_offset,
			   shm->imp.alloc_size / TC_PAGE_SIZE);
}

void regshm_release(struct teec_ctx *c, TEEC_SharedMemory *shm)
{
	struct regshm_unreg *u;

	if (!shm->imp.cookie) {
		if (shm->imp.alloc_size)
			nsram_free(c, shm->imp.ns_offset,
				   shm->imp.alloc_size / TC_PAGE_SIZE);
		return;
	}
	/*
	 * With a call of this client using registered memory in flight, it
	 * may be this block: then the release waits for it, as the
	 * application expects.
	 */
	u = __atomic_load_n(&c->rmem_calls, __ATOMIC_SEQ_CST) ? NULL :
		calloc(1, sizeof(*u));
	if (!u) {
		release_wait(c, shm);
		return;
	}
	tc_msg_init(&u->req, TC_CMD_UNREGISTER_SHM, 0);
	u->req.arg = shm->imp.cookie;
	u->offset = shm->imp.ns_offset;
	u->npages = shm->imp.alloc_size / TC_PAGE_SIZE;
	u->buffer = shm->buffer;
	u->p.reply = &u->reply;
	u->p.async_done = release_done;
	transport_send_async(c, &u->req, &u->p);
}

void regshm_release_abandon(struct teec_ctx *c)
{
	struct teec_pending *p, *next;

	for (p = c->pending; p; p = next) {
		next = p->next;
		if (p->async_done == release_done)
			free(p);
	}
	c->pending = NULL;
	c->nasync = 0;
}

void regshm_param(struct tc_param *p, uint32_t mem_type, uint64_t cookie,
		  uint64_t offset)
{
	p->type = TC_PARAM_RMEM_IN - TC_PARAM_MEM_IN + mem_type;
	p->a = (uint32_t)cookie;
	p->b = (uint32_t)(cookie >> 32);
	p->offs = (uint32_t)offset;
}
