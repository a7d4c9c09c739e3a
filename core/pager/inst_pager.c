/*
 * A TA instance's share of the pool: granted from the budget before its host
 * starts, handed to the host with the page it publishes its pager
 * statistics in, and given back (statistics kept) when the host has ended.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../../common/uuid.h"
#include "../core.h"
#include "../inst/inst.h"
#include "core_pager.h"

struct inst_pager {
	size_t pages;			/* granted from the budget */
	/* The host's statistics; guarded by pager_budget_lock(). */
	struct tc_pager_stats_page *stats;
};

TEE_Result inst_pager_grant(struct instance *inst,
			    const struct utee_ta_head *head)
{
	size_t pages = pager_budget_ta_pages(head->stack_size);
	char u[TC_UUID_STR_LEN];
	TEE_Result res;

	inst->pager = calloc(1, sizeof(*inst->pager));
	if (!inst->pager)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = pager_budget_grant(pages);
	if (res) {
		tc_uuid_bytes_to_str(inst->uuid, u);
		tc_warn("TA %s: the pool has not %zu pages left for another "
			"instance", u, pages);
		free(inst->pager);
		inst->pager = NULL;
		return res;
	}
	inst->pager->pages = pages;
	return TEE_SUCCESS;
}

int inst_pager_setup(struct instance *inst)
{
	struct inst_pager *ip = inst->pager;
	struct tc_msg m, r;
	void *page;
	int fd, rc;

	if (!ip)
		return 0;
	fd = memfd_create("ta-pager-stats", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, sizeof(*ip->stats)) ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL)) {
		rc = -errno;
		close(fd);
		return rc;
	}
	/* Only read here: what the host writes is checked where it is used. */
	page = mmap(NULL, sizeof(*ip->stats), PROT_READ, MAP_SHARED, fd, 0);
	if (page == MAP_FAILED) {
		rc = -errno;
		close(fd);
		return rc;
	}
	pager_budget_lock();
	ip->stats = page;
	pager_budget_unlock();
	tc_msg_init(&m, TC_CMD_HOST_PAGER, 0);
	m.func = TC_HOST_PAGER_SETUP;
	m.arg = ip->pages;
	rc = inst_host_exchange(inst, &m, fd, &r);
	close(fd);
	if (rc || r.ret) {
		tc_err("TA host refused a pool of %zu pages (0x%08x)",
		       ip->pages, rc ? 0 : r.ret);
		return rc ? rc : -ENOMEM;
	}
	return 0;
}

/* Budget lock held. A consistent copy, or false if the host never wrote. */
static bool inst_pager_copy(const struct tc_pager_stats_page *p,
			    struct tc_pager_stats_rec *rec)
{
	uint32_t before, after;
	int tries;

	for (tries = 0; tries < 1000; tries++) {
		before = __atomic_load_n(&p->seq, __ATOMIC_ACQUIRE);
		if (before & 1)
			continue;
		memcpy(rec, &p->rec, sizeof(*rec));
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		after = __atomic_load_n(&p->seq, __ATOMIC_ACQUIRE);
		if (before == after)
			return before != 0;
	}
	return false;
}

bool inst_pager_read(const struct instance *inst,
		     struct tc_pager_stats_rec *rec)
{
	if (!inst->pager || !inst->pager->stats ||
	    !inst_pager_copy(inst->pager->stats, rec))
		return false;
	/* Whatever the host wrote, these are the core's to say. */
	rec->kind = TC_PAGER_PROC_TA;
	rec->pid = (uint32_t)inst->pid;
	memcpy(rec->uuid, inst->uuid, sizeof(rec->uuid));
	return true;
}

void inst_pager_release(struct instance *inst)
{
	struct inst_pager *ip = inst->pager;
	struct tc_pager_stats_rec last;
	struct tc_pager_stats_page *page;
	bool have = false;

	if (!ip)
		return;
	pager_budget_lock();
	page = ip->stats;
	if (page)
		have = inst_pager_read(inst, &last);
	ip->stats = NULL;
	inst->pager = NULL;
	pager_budget_unlock();
	if (page)
		munmap(page, sizeof(*page));
	pager_budget_release(ip->pages, have ? &last : NULL);
	free(ip);
}
