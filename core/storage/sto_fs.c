/*
 * The supplicant's file system, as trusted storage uses it: whole files in
 * and out through descriptors. The supplicant is the normal world: every
 * field of its answer is checked, and a file it hands over is read with
 * its size checked against what it said.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../conn/conn.h"
#include "sto_priv.h"

/* Biggest file the core accepts: a quota's worth, or a full record. */
static uint64_t fs_max_file(void)
{
	return sto_quota + STO_MAX_OBJECTS * sizeof(struct sto_dirent) +
	       STO_SEAL_OVERHEAD + 4096;
}

static const char *fs_op_name(uint32_t func)
{
	switch (func) {
	case TC_RPC_FS_GET: return "FS_GET";
	case TC_RPC_FS_PUT: return "FS_PUT";
	case TC_RPC_FS_REMOVE: return "FS_REMOVE";
	default: return "FS_LIST";
	}
}

/* What a failed call means to the TA. */
static TEE_Result fs_error(uint32_t func, TEE_Result res)
{
	if (res == TEE_ERROR_STORAGE_NO_SPACE)
		return res;
	if (res == TEE_ERROR_ITEM_NOT_FOUND && func == TC_RPC_FS_GET)
		return res;
	tc_warn("storage: %s failed: 0x%08x", fs_op_name(func), res);
	return TEE_ERROR_STORAGE_NOT_AVAILABLE;
}

/*
 * One call; *rfd gets the answer's descriptor if the function has one
 * (and must), else a descriptor in the answer is refused.
 */
static TEE_Result fs_call(uint32_t func, const uint8_t dir[16], uint64_t file,
			  int send_fd, uint64_t len, struct tc_msg *r,
			  int *rfd)
{
	bool want_fd = func == TC_RPC_FS_GET || func == TC_RPC_FS_LIST;
	struct tc_msg m;
	TEE_Result res;
	int fd = -1;

	tc_msg_init(&m, TC_CMD_RPC, 0);
	m.func = func;
	memcpy(m.uuid, dir, 16);
	m.arg = file;
	m.arg2 = len;
	res = rpc_exchange(&m, send_fd, r, &fd);
	if (res == TEE_SUCCESS &&
	    (r->func != func || memcmp(r->uuid, dir, 16) || r->npages ||
	     r->num_params || want_fd != (fd >= 0))) {
		tc_err("storage: %s answered with func %u, %u pages, %u "
		       "params, %s descriptor", fs_op_name(func), r->func,
		       r->npages, r->num_params, fd >= 0 ? "a" : "no");
		res = TEE_ERROR_COMMUNICATION;
	}
	if (res) {
		if (fd >= 0)
			close(fd);
		return fs_error(func, res);
	}
	if (rfd)
		*rfd = fd;
	return TEE_SUCCESS;
}

/* Reads exactly len bytes of fd from offset 0 into a new buffer. */
static TEE_Result fs_slurp(int fd, uint64_t len, uint8_t **buf)
{
	struct stat st;
	uint8_t *p;
	size_t done = 0;
	ssize_t n;

	if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size != len) {
		tc_err("storage: a file is not the %llu bytes announced",
		       (unsigned long long)len);
		return TEE_ERROR_CORRUPT_OBJECT;
	}
	p = malloc(len ? len : 1);
	if (!p)
		return TEE_ERROR_OUT_OF_MEMORY;
	while (done < len) {
		n = pread(fd, p + done, len - done, (off_t)done);
		if (n <= 0) {
			free(p);
			return TEE_ERROR_CORRUPT_OBJECT;
		}
		done += (size_t)n;
	}
	*buf = p;
	return TEE_SUCCESS;
}

TEE_Result sto_fs_get(const uint8_t dir[16], uint64_t file, uint8_t **buf,
		      size_t *len)
{
	struct tc_msg r;
	TEE_Result res;
	int fd = -1;

	res = fs_call(TC_RPC_FS_GET, dir, file, -1, 0, &r, &fd);
	if (res)
		return res;
	if (r.arg > fs_max_file()) {
		tc_err("storage: FS_GET of a %llu-byte file",
		       (unsigned long long)r.arg);
		res = TEE_ERROR_CORRUPT_OBJECT;
	} else {
		res = fs_slurp(fd, r.arg, buf);
		if (!res)
			*len = r.arg;
	}
	close(fd);
	return res;
}

TEE_Result sto_fs_put(const uint8_t dir[16], uint64_t file, const void *buf,
		      size_t len)
{
	struct tc_msg r;
	TEE_Result res;
	int fd;

	fd = memfd_create("sto-put", MFD_CLOEXEC);
	if (fd < 0)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (write(fd, buf, len) != (ssize_t)len) {
		close(fd);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	res = fs_call(TC_RPC_FS_PUT, dir, file, fd, len, &r, NULL);
	close(fd);
	return res;
}

TEE_Result sto_fs_remove(const uint8_t dir[16], uint64_t file)
{
	struct tc_msg r;

	return fs_call(TC_RPC_FS_REMOVE, dir, file, -1, 0, &r, NULL);
}

TEE_Result sto_fs_list(const uint8_t dir[16], uint64_t **files, size_t *n)
{
	struct tc_msg r;
	TEE_Result res;
	uint8_t *buf;
	int fd = -1;

	res = fs_call(TC_RPC_FS_LIST, dir, 0, -1, 0, &r, &fd);
	if (res)
		return res;
	if (r.arg > 4 * STO_MAX_OBJECTS + 16) {
		tc_err("storage: FS_LIST of %llu files",
		       (unsigned long long)r.arg);
		close(fd);
		return TEE_ERROR_STORAGE_NOT_AVAILABLE;
	}
	res = fs_slurp(fd, r.arg * sizeof(uint64_t), &buf);
	close(fd);
	if (res)
		return TEE_ERROR_STORAGE_NOT_AVAILABLE;
	*files = (uint64_t *)buf;
	*n = r.arg;
	return TEE_SUCCESS;
}
