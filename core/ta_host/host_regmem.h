/*
 * Registered shared memory in the TA host: objects the core asked it to map
 * (HOST_SHM_MAP), kept mapped across calls; while an entry point runs only
 * the pages its registered memory parameters cover are accessible, with
 * the access each parameter's type grants.
 */
#ifndef HOST_REGMEM_H
#define HOST_REGMEM_H

#include <stdint.h>

#include <tee_api_types.h>
#include <teecheck/msg_abi.h>

/* HOST_SHM_MAP: maps the object params[0] describes from the RAM fd. */
TEE_Result host_regmem_map(struct tc_msg *m, int fd);
/* HOST_SHM_DROP: unmaps the object with cookie arg. */
TEE_Result host_regmem_drop(const struct tc_msg *m);

/*
 * params[i] of a call, registered memory: notes the pages it grants and
 * sets *addr to where the TA sees its first byte. TEE_ERROR_BAD_PARAMETERS,
 * naming why, if the object is not mapped here or the range or access
 * exceeds it.
 */
TEE_Result host_regmem_param(const struct tc_msg *m, unsigned int i,
			     uint64_t *addr);
/*
 * Right before the entry point runs: what the call's parameters grant is
 * accessible, and nothing else of any object.
 */
TEE_Result host_regmem_apply(void);
/* The call ended (or never ran): the next one starts its own list. */
void host_regmem_call_end(void);

#endif
