/*
 * libteec's registered shared memory: TEEC_SharedMemory blocks registered
 * with the core as objects it maps, named in operations by cookie.
 */
#ifndef TEEC_REGSHM_H
#define TEEC_REGSHM_H

#include <stdbool.h>
#include <stdint.h>

#include "teec_priv.h"

/*
 * Registers shm (imp filled: its pages in the NS RAM, or its shadow there)
 * with the core; a block of size 0 needs no registration. A buffer outside
 * the NS RAM must be readable for TEEC_MEM_INPUT and writable for
 * TEEC_MEM_OUTPUT, or TEEC_ERROR_BAD_PARAMETERS. On failure the pages shm
 * got are freed and its imp cleared.
 */
TEEC_Result regshm_attach(struct teec_ctx *c, TEEC_SharedMemory *shm);

/*
 * Unregisters shm. False if a call still used it when the core gave up
 * waiting: its pages must then never be reused.
 */
bool regshm_detach(struct teec_ctx *c, TEEC_SharedMemory *shm);

/*
 * Whether [buf, buf + size) is mapped with read (and, if write, write)
 * access, as /proc/self/maps says (both backends check registered buffers).
 */
bool regshm_memory_ok(const void *buf, size_t size, bool write);

/* A registered memref: mem_type TC_PARAM_MEM_* becomes TC_PARAM_RMEM_*. */
void regshm_param(struct tc_param *p, uint32_t mem_type, uint64_t cookie,
		  uint64_t offset);

#endif
