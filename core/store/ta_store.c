/* Fetching a TA image through the supplicant and verifying it before any of
 * it runs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../common/tc_log.h"
#include "../../common/uuid.h"
#include "../conn/conn.h"
#include "../core.h"
#include "../ta_image/ta_image.h"
#include "ta_store.h"

/* Larger images are refused before they are read. */
#define TA_IMAGE_MAX	(64u << 20)

/*
 * Reads the image the supplicant handed: a regular file of exactly the size
 * it announced, copied with read() rather than mapped, so that a file that
 * is shorter than announced or shrinks while it is read is refused, never
 * a fault in the core.
 */
static TEE_Result ta_store_read(const char *u, int fd, uint64_t size,
				void **img)
{
	struct stat st;
	uint64_t done = 0;
	uint8_t *p;
	ssize_t n;

	if (!size || size > TA_IMAGE_MAX) {
		tc_err("TA %s: image size %llu refused", u,
		       (unsigned long long)size);
		return TEE_ERROR_SECURITY;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size != size) {
		tc_err("TA %s: image announced as %llu bytes, the file has "
		       "%lld", u, (unsigned long long)size,
		       (long long)st.st_size);
		return TEE_ERROR_SECURITY;
	}
	p = malloc(size);
	if (!p)
		return TEE_ERROR_OUT_OF_MEMORY;
	while (done < size) {
		n = pread(fd, p + done, size - done, (off_t)done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			tc_err("TA %s: image shrank to %llu bytes while read",
			       u, (unsigned long long)done);
			free(p);
			return TEE_ERROR_SECURITY;
		}
		done += (uint64_t)n;
	}
	*img = p;
	return TEE_SUCCESS;
}

TEE_Result ta_store_load(const uint8_t uuid[16], void **elf, size_t *len,
			 struct utee_ta_head *head)
{
	char u[TC_UUID_STR_LEN];
	struct ta_image_info info;
	TEE_UUID want;
	uint64_t size;
	TEE_Result res;
	int fd;

	tc_uuid_bytes_to_str(uuid, u);
	res = rpc_load_ta(uuid, &fd, &size);
	if (res)
		return res;
	/* A private copy: what was verified must be what runs. */
	res = ta_store_read(u, fd, size, elf);
	close(fd);
	if (res)
		return res;

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
