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
 * Unregisters shm and gives its pages (imp.alloc_size of them at
 * imp.ns_offset, if any) back. The request goes out now but its reply is
 * not waited for: the core stops the object's new uses before it reads
 * this client's next request, and the pages are reused only once the
 * reply says the core let go of them (never, if a call still used them
 * when the core gave up waiting).
 */
void regshm_release(struct teec_ctx *c, TEEC_SharedMemory *shm);
/* Frees what releases whose reply never came left, at context end. */
void regshm_release_abandon(struct teec_ctx *c);

/*
 * Whether [buf, buf + size) is mapped with read (and, if write, write)
 * access, as /proc/self/maps says (both backends check registered buffers).
 */
bool regshm_memory_ok(const void *buf, size_t size, bool write);

/* A registered memref: mem_type TC_PARAM_MEM_* becomes TC_PARAM_RMEM_*. */
void regshm_param(struct tc_param *p, uint32_t mem_type, uint64_t cookie,
		  uint64_t offset);

#endif
