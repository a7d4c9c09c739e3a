/*
 * Memory the core shares with this host: the control page (the running
 * call's cancel flag, which only the core writes) and the RAM the host puts
 * its TA's TA-to-TA memrefs in, which the core hands to the callee's host.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>

#include "../../common/tc_log.h"
#include "host_parts.h"

static struct tc_host_ctl *shm_ctl;
static uint8_t *shm_xram;
static uint64_t shm_xram_size;

/* The memfd must hold size bytes: a smaller one would fault on use. */
static void *shm_map(int fd, uint64_t size, int prot)
{
	struct stat st;
	void *p;

	if (!size || fstat(fd, &st) || (uint64_t)st.st_size < size)
		return NULL;
	p = mmap(NULL, size, prot, MAP_SHARED, fd, 0);
	return p == MAP_FAILED ? NULL : p;
}

TEE_Result host_shm(struct tc_msg *m, int fd)
{
	TEE_Result res = TEE_SUCCESS;

	if (fd < 0) {
		tc_err("SHM: no descriptor");
		return TEE_ERROR_BAD_PARAMETERS;
	}
	switch (m->func) {
	case TC_HOST_SHM_CTL:
		if (shm_ctl || m->arg != sizeof(*shm_ctl)) {
			res = TEE_ERROR_BAD_PARAMETERS;
			break;
		}
		/* Read-only here: the host can only watch the flag. */
		shm_ctl = shm_map(fd, m->arg, PROT_READ);
		if (!shm_ctl)
			res = TEE_ERROR_OUT_OF_MEMORY;
		break;
	case TC_HOST_SHM_XRAM:
		if (shm_xram || m->arg % TC_PAGE_SIZE) {
			res = TEE_ERROR_BAD_PARAMETERS;
			break;
		}
		shm_xram = shm_map(fd, m->arg, PROT_READ | PROT_WRITE);
		if (!shm_xram)
			res = TEE_ERROR_OUT_OF_MEMORY;
		else
			shm_xram_size = m->arg;
		break;
	default:
		tc_err("SHM: func: unknown kind %u", m->func);
		res = TEE_ERROR_BAD_PARAMETERS;
		break;
	}
	close(fd);
	return res;
}

uint8_t *host_xram(uint64_t *size)
{
	*size = shm_xram_size;
	return shm_xram;
}

volatile uint32_t *host_cancel_word(void)
{
	return shm_ctl ? &shm_ctl->cancel : NULL;
}

uint32_t host_cancel_raised(void)
{
	return shm_ctl ? __atomic_load_n(&shm_ctl->cancel, __ATOMIC_ACQUIRE) :
			 0;
}
