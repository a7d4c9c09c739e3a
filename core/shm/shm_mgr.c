/*
 * The core's dynamic shared memory: the SHM window (address space reserved
 * once, PROT_NONE, mapped piece by piece), guest registrations in it, and
 * their release, one by one or all of a guest's when it goes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../common/tc_log.h"
#include "../conn/conn.h"
#include "shm_priv.h"

struct shm_state shm = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.objs = LIST_HEAD_INIT(shm.objs),
};

static pthread_once_t shm_once = PTHREAD_ONCE_INIT;
static int shm_init_rc;

static void shm_init(void)
{
	void *w;
	int rc;

	w = mmap(NULL, SHM_WINDOW_SIZE, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (w == MAP_FAILED) {
		shm_init_rc = -errno;
		tc_err("SHM: cannot reserve a %llu MiB window: %s",
		       SHM_WINDOW_SIZE >> 20, strerror(errno));
		return;
	}
	shm.window = w;
	/* One unmapped guard page after every object. */
	rc = shm_va_init(&shm.va, (uintptr_t)w, SHM_WINDOW_SIZE,
			 SHM_PAGE_SIZE);
	if (!rc)
		rc = shm_reg_init(&shm.reg);
	shm_physmap_init(&shm.phys, SHM_PHYS_FRAMES);
	/* Where a real core's own RAM would be: never a guest's. */
	if (!rc)
		rc = shm_physmap_add_secure(&shm.phys, 0,
					    SHM_PHYS_SECURE_FRAMES,
					    "tee-core secure RAM");
	shm_pindex_init(&shm.pidx);
	if (rc) {
		tc_err("SHM: cannot set the window up: %s", strerror(-rc));
		shm_init_rc = rc;
	}
}

int shm_ready(void)
{
	pthread_once(&shm_once, shm_init);
	return shm_init_rc;
}

/* Maps each run of consecutive frames with one mmap. */
static int window_map(uintptr_t va, int fd, const uint64_t *pfns,
		      uint32_t n)
{
	uint32_t i, run;

	for (i = 0; i < n; i += run) {
		for (run = 1; i + run < n && pfns[i + run] == pfns[i] + run;
		     run++)
			;
		if (mmap((void *)(va + (uintptr_t)i * TC_PAGE_SIZE),
			 (size_t)run * TC_PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_FIXED, fd,
			 (off_t)(pfns[i] * TC_PAGE_SIZE)) == MAP_FAILED)
			return -errno;
	}
	return 0;
}

/* Back to reserved, inaccessible address space. */
static void window_unmap(uintptr_t va, uint32_t npages)
{
	if (mmap((void *)va, (size_t)npages * TC_PAGE_SIZE, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1,
		 0) == MAP_FAILED)
		tc_err("SHM: cannot unmap %#lx: %s", (unsigned long)va,
		       strerror(errno));
}

static struct shm_mobj *mobj_alloc(uint32_t npages)
{
	struct shm_mobj *o;
	size_t arrays = (size_t)npages * (2 * sizeof(uint64_t) +
					  sizeof(struct shm_pindex_entry));

	o = calloc(1, sizeof(*o) + arrays);
	if (!o)
		return NULL;
	o->pidx = (struct shm_pindex_entry *)(o + 1);
	o->pfns = (uint64_t *)(o->pidx + npages);
	o->phys = o->pfns + npages;
	o->npages = npages;
	return o;
}

/*
 * shm.lock held: the frames of guest's RAM as physical frames, each run
 * checked against the frame map.
 */
static TEE_Result mobj_translate(struct shm_mobj *o, uint32_t guest,
				 uint64_t ram_pages, struct tc_why *why)
{
	const struct shm_phys_region *ram = shm_physmap_ram(&shm.phys, guest);
	uint64_t base;
	uint32_t i, run;
	int rc;

	if (!ram) {
		rc = shm_physmap_add_ram(&shm.phys, guest, ram_pages, &base);
		if (rc) {
			snprintf(why->text, sizeof(why->text), "no room for "
				 "guest %u's RAM in the frame map", guest);
			return TEE_ERROR_OUT_OF_MEMORY;
		}
	} else {
		base = ram->start;
	}
	for (i = 0; i < o->npages; i++)
		o->phys[i] = base + o->pfns[i];
	for (i = 0; i < o->npages; i += run) {
		for (run = 1; i + run < o->npages &&
		     o->phys[i + run] == o->phys[i] + run; run++)
			;
		if (shm_physmap_check(&shm.phys, guest, o->phys[i], run,
				      why->text, sizeof(why->text)))
			return TEE_ERROR_BAD_PARAMETERS;
	}
	return TEE_SUCCESS;
}

struct shm_mobj *shm_mobj_create(uint32_t guest, int ram_fd,
				 uint64_t ram_pages, const uint64_t *pfns,
				 uint32_t npages, uint32_t offs, uint64_t size,
				 uint32_t flags, TEE_Result *res,
				 struct tc_why *why)
{
	struct shm_mobj *o = mobj_alloc(npages);
	int rc;

	if (!o) {
		*res = TEE_ERROR_OUT_OF_MEMORY;
		snprintf(why->text, sizeof(why->text), "out of memory");
		return NULL;
	}
	memcpy(o->pfns, pfns, (size_t)npages * sizeof(*pfns));
	o->flags = flags;
	o->offs = offs;
	o->size = size;
	o->reg.guest = guest;
	o->reg.npages = npages;

	pthread_mutex_lock(&shm.lock);
	*res = mobj_translate(o, guest, ram_pages, why);
	if (!*res) {
		rc = shm_va_alloc(&shm.va, (size_t)npages * TC_PAGE_SIZE,
				  guest, &o->va);
		if (rc) {
			snprintf(why->text, sizeof(why->text), "%u pages do "
				 "not fit in the SHM window", npages);
			*res = TEE_ERROR_OUT_OF_MEMORY;
		}
	}
	pthread_mutex_unlock(&shm.lock);
	if (*res)
		goto fail;

	/* The area is ours: map it without the lock. */
	rc = window_map(o->va, ram_fd, o->pfns, npages);
	if (rc) {
		snprintf(why->text, sizeof(why->text), "mapping into the "
			 "window failed: %s", strerror(-rc));
		*res = TEE_ERROR_OUT_OF_MEMORY;
		window_unmap(o->va, npages);
		pthread_mutex_lock(&shm.lock);
		shm_va_free(&shm.va, o->va);
		pthread_mutex_unlock(&shm.lock);
		goto fail;
	}
	pthread_mutex_lock(&shm.lock);
	shm_pindex_add(&shm.pidx, o->pidx, o->phys, npages, o->va,
		       TC_PAGE_SIZE);
	list_add_tail(&shm.objs, &o->node);
	pthread_mutex_unlock(&shm.lock);
	shm_reg_insert(&shm.reg, &o->reg);
	return o;
fail:
	free(o);
	return NULL;
}

void shm_mobj_release(struct shm_mobj *o)
{
	shm_hosts_drop(o);
	window_unmap(o->va, o->npages);
	pthread_mutex_lock(&shm.lock);
	shm_pindex_del(&shm.pidx, o->pidx, o->npages);
	if (shm_va_free(&shm.va, o->va))
		tc_err("SHM: window area %#lx was not allocated",
		       (unsigned long)o->va);
	list_del(&o->node);
	pthread_mutex_unlock(&shm.lock);
	free(o->hosts);
	free(o);
}

void shm_guest_ram_remove(uint32_t guest)
{
	pthread_mutex_lock(&shm.lock);
	shm_physmap_remove_ram(&shm.phys, guest);
	pthread_mutex_unlock(&shm.lock);
}

static bool conn_is_dead(struct conn *c)
{
	bool dead;

	pthread_mutex_lock(&core.lock);
	dead = c->dead;
	pthread_mutex_unlock(&core.lock);
	return dead;
}

static uint32_t mobj_flags_of(uint32_t mem_type)
{
	switch (mem_type) {
	case TC_PARAM_MEM_IN:
		return SHM_MOBJ_IN;
	case TC_PARAM_MEM_OUT:
		return SHM_MOBJ_OUT;
	default:
		return SHM_MOBJ_IN | SHM_MOBJ_OUT;
	}
}

TEE_Result shm_register(struct conn *c, struct tc_msg *msg,
			uint32_t *origin)
{
	const struct tc_param *p = &msg->params[0];
	struct shm_obj *undo;
	struct shm_mobj *o;
	struct tc_why why;
	TEE_Result res;
	unsigned int i;

	*origin = TEE_ORIGIN_TEE;
	if (msg->num_params < 1 || !tc_param_is_mem(p->type) ||
	    (p->flags & TC_PFLAG_NULL) || !p->size) {
		tc_err("pid %d: REGISTER_SHM: params[0]: not a memory "
		       "reference with pages", (int)c->pid);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	for (i = 1; i < msg->num_params; i++) {
		if (msg->params[i].type != TC_PARAM_NONE) {
			tc_err("pid %d: REGISTER_SHM: params[%u]: not NONE",
			       (int)c->pid, i);
			return TEE_ERROR_BAD_PARAMETERS;
		}
	}
	if (shm_ready())
		return TEE_ERROR_OUT_OF_MEMORY;
	o = shm_mobj_create(c->guest_id, c->nsram_fd, c->nsram_pages,
			    msg->pages + p->first, p->npages, p->offs,
			    p->size, mobj_flags_of(p->type), &res, &why);
	if (!o) {
		tc_err("pid %d: REGISTER_SHM: %s", (int)c->pid, why.text);
		return res;
	}
	/*
	 * A guest that went meanwhile had its objects released already, or
	 * is releasing them now: this one must not outlive it.
	 */
	if (conn_is_dead(c)) {
		if (!shm_reg_remove(&shm.reg, c->guest_id, o->reg.cookie, 0,
				    &undo))
			shm_mobj_release(o);
		shm_guest_ram_remove(c->guest_id);
		return TEE_ERROR_BAD_STATE;
	}
	msg->arg = o->reg.cookie;
	return TEE_SUCCESS;
}

void shm_unregister_early(struct conn *c, const struct tc_msg *msg)
{
	if (!shm_ready())
		shm_reg_stop_uses(&shm.reg, c->guest_id, msg->arg);
}

TEE_Result shm_unregister(struct conn *c, struct tc_msg *msg,
			  uint32_t *origin)
{
	struct shm_obj *ro;
	int rc;

	*origin = TEE_ORIGIN_TEE;
	if (shm_ready())
		return TEE_ERROR_ITEM_NOT_FOUND;
	rc = shm_reg_remove(&shm.reg, c->guest_id, msg->arg,
			    SHM_RELEASE_WAIT_MS, &ro);
	switch (rc) {
	case 0:
		shm_mobj_release(shm_tree_entry(ro, struct shm_mobj, reg));
		return TEE_SUCCESS;
	case -ENOENT:
		tc_err("pid %d: UNREGISTER_SHM: guest %u has no object with "
		       "cookie %#llx", (int)c->pid, c->guest_id,
		       (unsigned long long)msg->arg);
		return TEE_ERROR_ITEM_NOT_FOUND;
	case -EALREADY:
		return TEE_ERROR_BAD_STATE;
	default:
		tc_warn("pid %d: UNREGISTER_SHM: cookie %#llx still in use "
			"after %u ms", (int)c->pid,
			(unsigned long long)msg->arg, SHM_RELEASE_WAIT_MS);
		return TEE_ERROR_BUSY;
	}
}

static void release_one(struct shm_obj *ro, void *arg)
{
	(*(unsigned int *)arg)++;
	shm_mobj_release(shm_tree_entry(ro, struct shm_mobj, reg));
}

void shm_guest_gone(struct conn *c)
{
	unsigned int n = 0;

	if (c->role != TC_ROLE_CLIENT || shm_ready())
		return;
	shm_reg_remove_guest(&shm.reg, c->guest_id, release_one, &n);
	shm_guest_ram_remove(c->guest_id);
	if (n)
		tc_info("guest %u gone: %u shared memory objects released",
			c->guest_id, n);
}

TEE_Result shm_guest_destroy(struct conn *c, struct tc_msg *msg,
			     uint32_t *origin)
{
	*origin = TEE_ORIGIN_TEE;
	(void)msg;
	pthread_mutex_lock(&core.lock);
	c->dead = true;
	pthread_mutex_unlock(&core.lock);
	tc_info("guest %u destroyed by itself", c->guest_id);
	dispatch_guest_gone(c);
	/* No more requests: the event loop sees the end and lets it go. */
	shutdown(c->fd, SHUT_RD);
	return TEE_SUCCESS;
}
