/*
 * Trusted storage (docs/STORAGE.md): what the rest of the core calls.
 */
#ifndef CORE_STORAGE_H
#define CORE_STORAGE_H

#include "../core.h"

/* Per-TA quota when --storage-quota is not given. */
#define STO_QUOTA_DEFAULT	(16u << 20)

/*
 * Reads or creates the device-unique secret in state_dir; quota is the
 * bytes of files each TA may hold. Returns 0 or -errno.
 */
int sto_init(const char *state_dir, uint64_t quota);
/* A HOST_REQ STORAGE of inst: the request is in its XRAM. */
TEE_Result sto_host_request(struct instance *inst);
/* inst has ended: its object handles close. */
void sto_inst_gone(struct instance *inst);

#endif
