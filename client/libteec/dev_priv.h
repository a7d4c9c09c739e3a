/*
 * libteec's dev backend: the GP Client API over the Linux TEE subsystem
 * (/dev/teeN, the ioctl ABI of <linux/tee.h>). A context names the device
 * (TEEC_InitializeContext("/dev/tee0", ...), or TEECHECK_CORE=/dev/tee0 with
 * no name); everything else goes to the sim backend.
 */
#ifndef TEEC_DEV_PRIV_H
#define TEEC_DEV_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <linux/tee.h>
#include <tee_client_api.h>

#include "teec_priv.h"

/*
 * The system calls the backend makes, as a table, so that the unit tests can
 * stand in for a device and see every argument buffer (client/tests/).
 * Each returns what the system call returns, with errno set on failure.
 */
struct dev_sys_ops {
	int (*open)(const char *path, int flags);
	int (*close)(int fd);
	int (*ioctl)(int fd, unsigned long req, void *arg);
	void *(*mmap)(size_t len, int fd);	/* MAP_SHARED, read-write */
	int (*munmap)(void *addr, size_t len);
};

/* The table in use: the real system calls unless a test replaced it. */
extern const struct dev_sys_ops *dev_sys;
extern const struct dev_sys_ops dev_sys_real;

/* One open device: what a context's imp.priv points to reaches this. */
struct dev_ctx {
	int fd;
	uint32_t impl_id;		/* TEE_IMPL_ID_* */
	uint32_t impl_caps;
	uint32_t gen_caps;		/* TEE_GEN_CAP_* */
};

/*
 * A shared memory block the driver knows (imp.shadow of a TEEC_SharedMemory
 * of a dev context points to it; imp.cookie is its id).
 */
struct dev_shm {
	int fd;			/* the driver's descriptor for the block */
	int32_t id;		/* what memref parameters name (param.c) */
	void *map;		/* our mapping of an allocated block, or NULL */
	size_t map_len;
	bool bounce;		/* a driver block standing in for user memory */
};

/* True if name (or, for NULL and "sim", TEECHECK_CORE) is a TEE device. */
bool dev_is_device(const char *name, const char **path);

/* dev_errno.c: what the driver's failures mean to a client. */
/* An errno of open() of the device as a TEEC result. */
TEEC_Result dev_open_errno(int err);
/* An errno of an ioctl as a TEEC result (origin: TEEC_ORIGIN_COMMS). */
TEEC_Result dev_ioctl_errno(int err);

/* dev_param.c: parameters between TEEC_Operation and the ioctl arrays. */
/* GP login method and connection data to clnt_login and clnt_uuid. */
TEEC_Result dev_login_encode(uint32_t method, const void *data,
			     uint32_t *login, uint8_t clnt_uuid[16]);
/* The attribute of a TEEC value type, or 0 (TEEC_NONE). */
uint64_t dev_value_attr(uint32_t teec_type);
/* The attribute of the direction of a memref (TEEC_MEM_* flags). */
uint64_t dev_memref_attr(uint32_t mem_flags);
/* The TEEC_MEM_* direction a memref parameter type needs, or 0. */
uint32_t dev_memref_dir(uint32_t teec_type, const TEEC_SharedMemory *parent);

/* dev.c: the backend's entry points, behind the public functions. */
/* Opens the device at path for context (its imp.priv: a teec_ctx). */
TEEC_Result dev_context_open(const char *path, TEEC_Context *context);
void dev_context_close(TEEC_Context *context);
TEEC_Result dev_shm_register(struct teec_ctx *c, TEEC_SharedMemory *shm);
TEEC_Result dev_shm_allocate(struct teec_ctx *c, TEEC_SharedMemory *shm);
void dev_shm_release(TEEC_SharedMemory *shm);
TEEC_Result dev_open_session(struct teec_ctx *c, TEEC_Session *session,
			     const TEEC_UUID *destination, uint32_t method,
			     const void *data, TEEC_Operation *op,
			     uint32_t *origin);
void dev_close_session(TEEC_Session *session);
TEEC_Result dev_invoke(TEEC_Session *session, uint32_t cmd,
		       TEEC_Operation *op, uint32_t *origin);
/* Asks the driver to cancel (session, cancel_id); 0 or -errno. */
int dev_cancel(struct teec_ctx *c, uint32_t session, uint32_t cancel_id);

#endif
