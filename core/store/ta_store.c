/* Fetching a TA image through the supplicant and verifying it before any of
 * it runs. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../common/tc_log.h"
#include "../../common/uuid.h"
#include "../conn/conn.h"
#include "../core.h"
#include "../ta_image/ta_image.h"
#include "ta_store.h"

/* Larger images are refused before they are read. */
#define TA_IMAGE_MAX	(64u << 20)

TEE_Result ta_store_load(const uint8_t uuid[16], void **elf, size_t *len,
			 struct utee_ta_head *head)
{
	char u[TC_UUID_STR_LEN];
	struct ta_image_info info;
	TEE_UUID want;
	uint64_t size;
	TEE_Result res;
	void *img;
	int fd;

	tc_uuid_bytes_to_str(uuid, u);
	res = rpc_load_ta(uuid, &fd, &size);
	if (res)
		return res;
	if (!size || size > TA_IMAGE_MAX) {
		tc_err("TA %s: image size %llu refused", u,
		       (unsigned long long)size);
		close(fd);
		return TEE_ERROR_SECURITY;
	}
	/*
	 * A private copy: the supplicant's file may change under us, what
	 * was verified must be what runs.
	 */
	img = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_POPULATE, fd, 0);
	close(fd);
	if (img == MAP_FAILED) {
		tc_err("TA %s: image unreadable", u);
		return TEE_ERROR_SECURITY;
	}
	*elf = malloc(size);
	if (!*elf) {
		munmap(img, size);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	memcpy(*elf, img, size);
	munmap(img, size);

	tc_uuid_gp_from_bytes(uuid, &want);
	res = ta_image_verify(*elf, size, core.ta_pubkey, &want, &info);
	if (res) {
		tc_err("TA %s: image refused: %s", u, info.why);
		free(*elf);
		*elf = NULL;
		return TEE_ERROR_SECURITY;
	}
	/* Keep only the ELF: it is all the host needs. */
	memmove(*elf, info.elf, info.elf_size);
	*len = info.elf_size;
	*head = info.ta_head;
	return TEE_SUCCESS;
}
