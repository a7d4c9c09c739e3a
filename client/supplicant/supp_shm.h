/*
 * The supplicant's non-secure RAM: a memfd it hands the core pages of when
 * the core asks for shared memory (RPC SHM_ALLOC), and takes back
 * (RPC SHM_FREE).
 */
#ifndef SUPP_SHM_H
#define SUPP_SHM_H

#include <stdint.h>

#include <teecheck/msg_abi.h>

/*
 * SHM_ALLOC: arg pages into m->pages (*npages of them), *fd a descriptor
 * of the RAM for the reply, m->arg2 its size. Returns a TEEC_Result.
 */
uint32_t supp_shm_alloc(struct tc_msg *m, uint32_t *npages, int *fd);
/* SHM_FREE: the pages in m->pages come back. */
uint32_t supp_shm_free(const struct tc_msg *m);

#endif
