/*
 * The supplicant's non-secure RAM (supp_shm.h). Pages are handed out one at
 * a time from a hint that moves on by a few pages after each, so a list is
 * rarely contiguous, as a normal world's page allocator would give it; the
 * core must map whatever list it gets.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <tee_client_api.h>

#include "../../common/tc_log.h"
#include "supp_shm.h"

#define SUPP_SHM_PAGES		16384u	/* 64 MiB, sparse */
#define SUPP_SHM_STRIDE		3u

static int ram_fd = -1;
static bool used[SUPP_SHM_PAGES];
static uint32_t hint;
static uint32_t nused;

static int ram_open(void)
{
	int fd;

	if (ram_fd >= 0)
		return 0;
	fd = memfd_create("supplicant-nsram", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return -errno;
	/* The core takes only RAM that cannot shrink under its mappings. */
	if (ftruncate(fd, (off_t)SUPP_SHM_PAGES * TC_PAGE_SIZE) ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK)) {
		close(fd);
		return -errno;
	}
	ram_fd = fd;
	return 0;
}

uint32_t supp_shm_alloc(struct tc_msg *m, uint32_t *npages, int *fd)
{
	uint32_t want, i, p;

	*npages = 0;
	if (!m->arg || m->arg > TC_MAX_PAGES) {
		tc_err("SHM_ALLOC: arg: %llu pages, 1 to %u",
		       (unsigned long long)m->arg, TC_MAX_PAGES);
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	want = (uint32_t)m->arg;
	if (ram_open())
		return TEEC_ERROR_OUT_OF_MEMORY;
	if (want > SUPP_SHM_PAGES - nused)
		return TEEC_ERROR_OUT_OF_MEMORY;
	*fd = dup(ram_fd);
	if (*fd < 0)
		return TEEC_ERROR_OUT_OF_MEMORY;
	for (i = 0; i < want; i++) {
		for (p = hint; used[p]; p = (p + 1) % SUPP_SHM_PAGES)
			;
		used[p] = true;
		m->pages[i] = p;
		hint = (p + SUPP_SHM_STRIDE) % SUPP_SHM_PAGES;
	}
	nused += want;
	*npages = want;
	m->arg2 = (uint64_t)SUPP_SHM_PAGES * TC_PAGE_SIZE;
	return TEEC_SUCCESS;
}

uint32_t supp_shm_free(const struct tc_msg *m)
{
	uint32_t i;

	for (i = 0; i < m->npages; i++) {
		if (m->pages[i] >= SUPP_SHM_PAGES || !used[m->pages[i]]) {
			tc_err("SHM_FREE: pages[%u]: frame %llu was not given "
			       "out", i, (unsigned long long)m->pages[i]);
			return TEEC_ERROR_BAD_PARAMETERS;
		}
	}
	for (i = 0; i < m->npages; i++) {
		if (!used[m->pages[i]])
			continue;	/* named twice */
		used[m->pages[i]] = false;
		nused--;
		/* Its memory goes back to the kernel. */
		fallocate(ram_fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			  (off_t)(m->pages[i] * TC_PAGE_SIZE), TC_PAGE_SIZE);
	}
	return TEEC_SUCCESS;
}
