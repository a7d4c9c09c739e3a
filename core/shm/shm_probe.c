/*
 * SHM_PROBE: proof that the window maps what it claims. DIGEST hashes a
 * registered object as the core sees it through the window, for the client
 * to compare with what it wrote. RPC asks the supplicant for pages (RPC
 * SHM_ALLOC), maps them as any registration, writes each page through the
 * window at the address the physical page index gives, reads it back from
 * the supplicant's RAM itself, and gives the pages back (RPC SHM_FREE).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <openssl/evp.h>

#include "../../common/tc_log.h"
#include "../conn/conn.h"
#include "shm_priv.h"

/* Pages one RPC probe asks for, at most. */
#define SHM_PROBE_MAX_PAGES	1024u

#define mobj_of(ro)	shm_tree_entry(ro, struct shm_mobj, reg)

/* Whether fd still holds npages pages: a shrunk RAM would fault on use. */
static bool ram_holds(int fd, uint64_t npages)
{
	struct stat st;

	return !fstat(fd, &st) &&
	       (uint64_t)st.st_size >= npages * TC_PAGE_SIZE;
}

static uint64_t max_frame(const struct shm_mobj *o)
{
	uint64_t m = 0;
	uint32_t i;

	for (i = 0; i < o->npages; i++)
		if (o->pfns[i] > m)
			m = o->pfns[i];
	return m;
}

static TEE_Result probe_digest(struct conn *c, struct tc_msg *msg)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	struct shm_mobj *o;
	struct shm_obj *ro;
	unsigned int len, i;
	TEE_Result res = TEE_SUCCESS;

	if (shm_reg_get(&shm.reg, c->guest_id, msg->arg, &ro)) {
		tc_err("pid %d: SHM_PROBE: no usable object with cookie "
		       "%#llx", (int)c->pid, (unsigned long long)msg->arg);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	o = mobj_of(ro);
	if (!ram_holds(c->nsram_fd, max_frame(o) + 1)) {
		tc_err("pid %d: SHM_PROBE: the guest's RAM shrank under its "
		       "registration", (int)c->pid);
		res = TEE_ERROR_BAD_STATE;
	} else if (!EVP_Digest((const void *)(o->va + o->offs), o->size, md,
			       &len, EVP_sha256(), NULL)) {
		res = TEE_ERROR_GENERIC;
	}
	shm_reg_put(&shm.reg, ro);
	if (res)
		return res;
	msg->arg = 0;
	for (i = 0; i < 8; i++)
		msg->arg = msg->arg << 8 | md[i];
	return TEE_SUCCESS;
}

/*
 * Writes a stamp into each page of o through the window, at the address
 * the page index gives for its physical frame, and reads it back from the
 * RAM (fd) at the page's frame there. Returns the pages that matched.
 */
static uint32_t probe_pages(const struct shm_mobj *o, int fd, uint32_t tag)
{
	uint64_t stamp[2], back[2];
	uintptr_t va;
	uint32_t i, good = 0;
	int rc;

	for (i = 0; i < o->npages; i++) {
		pthread_mutex_lock(&shm.lock);
		rc = shm_pindex_lookup(&shm.pidx, o->phys[i], &va);
		pthread_mutex_unlock(&shm.lock);
		if (rc || va != o->va + (uintptr_t)i * TC_PAGE_SIZE) {
			tc_err("SHM probe: frame %#llx: the page index says "
			       "%s", (unsigned long long)o->phys[i],
			       rc ? "not mapped" : "another address");
			continue;
		}
		stamp[0] = (uint64_t)tag << 32 | i;
		stamp[1] = o->phys[i];
		memcpy((void *)va, stamp, sizeof(stamp));
		if (pread(fd, back, sizeof(back),
			  (off_t)(o->pfns[i] * TC_PAGE_SIZE)) != sizeof(back) ||
		    memcmp(back, stamp, sizeof(stamp))) {
			tc_err("SHM probe: page %u: the window does not show "
			       "frame %#llx of the supplicant's RAM", i,
			       (unsigned long long)o->pfns[i]);
			continue;
		}
		good++;
	}
	return good;
}

static bool frames_distinct(const uint64_t *f, uint32_t n)
{
	uint32_t i, k;

	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			if (f[i] == f[k])
				return false;
	return true;
}

static TEE_Result probe_rpc(struct conn *c, struct tc_msg *msg)
{
	uint64_t *pages = NULL, ram_bytes = 0;
	uint32_t npages, guest, good = 0;
	struct shm_mobj *o = NULL;
	struct shm_obj *ro;
	struct tc_why why;
	TEE_Result res;
	int fd = -1;

	if (!msg->arg || msg->arg > SHM_PROBE_MAX_PAGES) {
		tc_err("pid %d: SHM_PROBE: arg: %llu pages, 1 to %u", (int)c->pid,
		       (unsigned long long)msg->arg, SHM_PROBE_MAX_PAGES);
		return TEE_ERROR_BAD_PARAMETERS;
	}
	npages = (uint32_t)msg->arg;
	pages = calloc(npages, sizeof(*pages));
	if (!pages)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = rpc_shm_alloc(npages, pages, &fd, &ram_bytes);
	if (res)
		goto out;
	if (!ram_bytes || ram_bytes % TC_PAGE_SIZE ||
	    !ram_holds(fd, ram_bytes / TC_PAGE_SIZE) ||
	    !frames_distinct(pages, npages)) {
		tc_err("supplicant: SHM_ALLOC: its RAM (%llu bytes) or frame "
		       "list is not usable", (unsigned long long)ram_bytes);
		res = TEE_ERROR_COMMUNICATION;
		goto free_pages;
	}
	guest = conn_new_guest_id();
	o = shm_mobj_create(guest, fd, ram_bytes / TC_PAGE_SIZE, pages, npages,
			    0, (uint64_t)npages * TC_PAGE_SIZE,
			    SHM_MOBJ_IN | SHM_MOBJ_OUT, &res, &why);
	if (!o) {
		tc_err("supplicant: SHM_ALLOC pages: %s", why.text);
		goto free_pages;
	}
	good = probe_pages(o, fd, guest);
	if (!shm_reg_remove(&shm.reg, guest, o->reg.cookie, 0, &ro))
		shm_mobj_release(o);
	shm_guest_ram_remove(guest);
	res = good == npages ? TEE_SUCCESS : TEE_ERROR_GENERIC;
free_pages:
	if (rpc_shm_free(npages, pages) && !res)
		res = TEE_ERROR_COMMUNICATION;
out:
	if (fd >= 0)
		close(fd);
	free(pages);
	msg->arg = good;
	return res;
}

TEE_Result shm_probe(struct conn *c, struct tc_msg *msg, uint32_t *origin)
{
	*origin = TEE_ORIGIN_TEE;
	if (shm_ready())
		return TEE_ERROR_OUT_OF_MEMORY;
	switch (msg->func) {
	case TC_SHM_PROBE_DIGEST:
		return probe_digest(c, msg);
	case TC_SHM_PROBE_RPC:
		return probe_rpc(c, msg);
	default:
		tc_err("pid %d: SHM_PROBE: func: unknown probe %u", (int)c->pid,
		       msg->func);
		return TEE_ERROR_BAD_PARAMETERS;
	}
}
