/*
 * Trusted storage's entry points in the core: start-up, and a TA host's
 * HOST_REQ STORAGE, whose request and data are in the host's XRAM.
 */
#include <sys/mman.h>

#include "../../common/tc_log.h"
#include "sto_priv.h"
#include "storage.h"

int sto_init(const char *state_dir, uint64_t quota)
{
	if (quota)
		sto_quota = quota;
	return sto_key_init(state_dir);
}

TEE_Result sto_host_request(struct instance *inst)
{
	size_t size = (size_t)inst->xram.pages * TC_PAGE_SIZE;
	TEE_Result res;
	uint8_t *x;

	if (inst->xram.fd < 0 || size <= TC_STOR_DATA_OFF)
		return TEE_ERROR_BAD_STATE;
	x = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
		 inst->xram.fd, 0);
	if (x == MAP_FAILED)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = sto_call_serve(inst, (struct tc_stor_req *)x,
			     x + TC_STOR_DATA_OFF, size - TC_STOR_DATA_OFF);
	munmap(x, size);
	return res;
}
