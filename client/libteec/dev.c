/*
 * libteec's dev backend: contexts, shared memory, sessions and invocations
 * over a Linux TEE device (/dev/teeN, <linux/tee.h>).
 *
 * Shared memory: TEEC_AllocateSharedMemory allocates a block through the
 * driver (TEE_IOC_SHM_ALLOC) and maps it. TEEC_RegisterSharedMemory
 * registers the application's own pages (TEE_IOC_SHM_REGISTER) when the
 * driver says it can (TEE_GEN_CAP_REG_MEM); when it cannot, or refuses the
 * buffer, the block gets a driver-allocated bounce block that is copied in
 * before and out after each call, according to the direction. Temporary
 * memrefs always go through a driver-allocated block, copied likewise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../common/uuid.h"
#include "dev_priv.h"
#include "regshm.h"

#define DEV_NPARAMS	TEEC_CONFIG_PAYLOAD_REF_COUNT

static int sys_open(const char *path, int flags)
{
	return open(path, flags);
}

static int sys_ioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg);
}

static void *sys_mmap(size_t len, int fd)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	return p == MAP_FAILED ? NULL : p;
}

const struct dev_sys_ops dev_sys_real = {
	.open = sys_open,
	.close = close,
	.ioctl = sys_ioctl,
	.mmap = sys_mmap,
	.munmap = munmap,
};

const struct dev_sys_ops *dev_sys = &dev_sys_real;

/* Cancellation IDs: unique in the process, never 0. */
static _Atomic uint32_t dev_next_cancel_id;

static void set_origin(uint32_t *origin, uint32_t value)
{
	if (origin)
		*origin = value;
}

bool dev_is_device(const char *name, const char **path)
{
	if (!name || !strcmp(name, "sim"))
		name = getenv("TEECHECK_CORE");
	if (!name || strncmp(name, "/dev/", 5))
		return false;
	*path = name;
	return true;
}

TEEC_Result dev_context_open(const char *path, TEEC_Context *context)
{
	struct tee_ioctl_version_data v = { 0 };
	struct teec_ctx *c;
	struct dev_ctx *d;
	TEEC_Result res;
	int fd;

	fd = dev_sys->open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return dev_open_errno(errno);
	if (dev_sys->ioctl(fd, TEE_IOC_VERSION, &v)) {
		res = dev_ioctl_errno(errno);
		goto err_close;
	}
	/* A device that is not a GP TEE (the supplicant's) is not for us. */
	if (!(v.gen_caps & TEE_GEN_CAP_GP)) {
		res = TEEC_ERROR_NOT_SUPPORTED;
		goto err_close;
	}
	c = calloc(1, sizeof(*c));
	d = calloc(1, sizeof(*d));
	if (!c || !d) {
		free(c);
		free(d);
		res = TEEC_ERROR_OUT_OF_MEMORY;
		goto err_close;
	}
	d->fd = fd;
	d->impl_id = v.impl_id;
	d->impl_caps = v.impl_caps;
	d->gen_caps = v.gen_caps;
	c->sock = -1;
	c->nsram_fd = -1;
	c->dev = d;
	context->imp.priv = c;
	return TEEC_SUCCESS;
err_close:
	dev_sys->close(fd);
	return res;
}

void dev_context_close(TEEC_Context *context)
{
	struct teec_ctx *c = context->imp.priv;

	/* Closing the device closes what the context left open. */
	dev_sys->close(c->dev->fd);
	free(c->dev);
	free(c);
	context->imp.priv = NULL;
}

/* A block of at least one byte allocated by the driver and mapped. */
static TEEC_Result dev_block_alloc(struct dev_ctx *d, size_t size,
				   struct dev_shm *s)
{
	struct tee_ioctl_shm_alloc_data a = { .size = size ? size : 1 };
	int fd;

	memset(s, 0, sizeof(*s));
	fd = dev_sys->ioctl(d->fd, TEE_IOC_SHM_ALLOC, &a);
	if (fd < 0)
		return dev_ioctl_errno(errno);
	s->map = dev_sys->mmap(a.size, fd);
	if (!s->map) {
		dev_sys->close(fd);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	s->fd = fd;
	s->id = a.id;
	s->map_len = a.size;
	return TEEC_SUCCESS;
}

static void dev_block_free(struct dev_shm *s)
{
	if (s->map)
		dev_sys->munmap(s->map, s->map_len);
	if (s->fd >= 0)
		dev_sys->close(s->fd);
	s->map = NULL;
	s->fd = -1;
}

static bool shm_flags_valid(uint32_t flags)
{
	return flags && !(flags & ~(TEEC_MEM_INPUT | TEEC_MEM_OUTPUT));
}

static TEEC_Result shm_check(TEEC_SharedMemory *shm, bool registering)
{
	if (!shm || !shm_flags_valid(shm->flags) ||
	    (registering && !shm->buffer && shm->size))
		return TEEC_ERROR_BAD_PARAMETERS;
	if (shm->size > TEEC_CONFIG_SHAREDMEM_MAX_SIZE)
		return TEEC_ERROR_OUT_OF_MEMORY;
	return TEEC_SUCCESS;
}

TEEC_Result dev_shm_register(struct teec_ctx *c, TEEC_SharedMemory *shm)
{
	struct tee_ioctl_shm_register_data r = { 0 };
	struct dev_shm *s;
	TEEC_Result res = shm_check(shm, true);
	int fd = -1;

	if (res)
		return res;
	/* As with the bundled core: the directions the buffer allows. */
	if (!regshm_memory_ok(shm->buffer, shm->size, false) ||
	    ((shm->flags & TEEC_MEM_OUTPUT) &&
	     !regshm_memory_ok(shm->buffer, shm->size, true)))
		return TEEC_ERROR_BAD_PARAMETERS;
	s = calloc(1, sizeof(*s));
	if (!s)
		return TEEC_ERROR_OUT_OF_MEMORY;
	if ((c->dev->gen_caps & TEE_GEN_CAP_REG_MEM) && shm->size) {
		r.addr = (uintptr_t)shm->buffer;
		r.length = shm->size;
		fd = dev_sys->ioctl(c->dev->fd, TEE_IOC_SHM_REGISTER, &r);
	}
	if (fd >= 0) {
		s->fd = fd;
		s->id = r.id;
	} else {
		/* No registration here: a bounce block, synced per call. */
		res = dev_block_alloc(c->dev, shm->size, s);
		if (res) {
			free(s);
			return res;
		}
		s->bounce = true;
	}
	memset(&shm->imp, 0, sizeof(shm->imp));
	shm->imp.ctx = c;
	shm->imp.registered = 1;
	shm->imp.cookie = (uint64_t)(uint32_t)s->id;
	shm->imp.shadow = s;
	return TEEC_SUCCESS;
}

TEEC_Result dev_shm_allocate(struct teec_ctx *c, TEEC_SharedMemory *shm)
{
	struct dev_shm *s;
	TEEC_Result res = shm_check(shm, false);

	if (res)
		return res;
	s = calloc(1, sizeof(*s));
	if (!s)
		return TEEC_ERROR_OUT_OF_MEMORY;
	res = dev_block_alloc(c->dev, shm->size, s);
	if (res) {
		free(s);
		return res;
	}
	memset(&shm->imp, 0, sizeof(shm->imp));
	shm->imp.ctx = c;
	shm->imp.allocated = 1;
	shm->imp.cookie = (uint64_t)(uint32_t)s->id;
	shm->imp.shadow = s;
	shm->buffer = s->map;
	return TEEC_SUCCESS;
}

void dev_shm_release(TEEC_SharedMemory *shm)
{
	struct dev_shm *s = shm->imp.shadow;

	if (s) {
		dev_block_free(s);
		free(s);
	}
	if (shm->imp.allocated) {
		shm->buffer = NULL;
		shm->size = 0;
	}
	memset(&shm->imp, 0, sizeof(shm->imp));
}

/* What one parameter needs beyond the ioctl array, until the call ends. */
struct dev_region {
	struct dev_shm tmp;	/* a temporary memref's block (tmp.map) */
	uint8_t *user;		/* application bytes to copy back, or NULL */
	uint8_t *bounce;	/* from here */
	size_t max;		/* at most this many */
};

struct dev_call {
	struct teec_ctx *c;
	uint64_t nparams;
	struct tee_ioctl_param *p;
	struct dev_region rg[DEV_NPARAMS];
};

static void call_free(struct dev_call *k)
{
	unsigned int i;

	for (i = 0; i < DEV_NPARAMS; i++)
		if (k->rg[i].tmp.map)
			dev_block_free(&k->rg[i].tmp);
}

static TEEC_Result encode_temp(struct dev_call *k, unsigned int i,
			       uint32_t t, TEEC_TempMemoryReference *ref)
{
	struct tee_ioctl_param *p = &k->p[i];
	struct dev_region *rg = &k->rg[i];
	uint32_t dir = dev_memref_dir(t, NULL);
	TEEC_Result res;

	p->attr = dev_memref_attr(dir);
	p->b = ref->size;
	if (!ref->buffer) {
		if (!(k->c->dev->gen_caps & TEE_GEN_CAP_MEMREF_NULL))
			return TEEC_ERROR_NOT_SUPPORTED;
		p->c = TEE_MEMREF_NULL;
		return TEEC_SUCCESS;
	}
	res = dev_block_alloc(k->c->dev, ref->size, &rg->tmp);
	if (res)
		return res;
	p->c = (uint64_t)(uint32_t)rg->tmp.id;
	if (dir & TEEC_MEM_INPUT)
		memcpy(rg->tmp.map, ref->buffer, ref->size);
	if (dir & TEEC_MEM_OUTPUT) {
		rg->user = ref->buffer;
		rg->bounce = rg->tmp.map;
		rg->max = ref->size;
	}
	return TEEC_SUCCESS;
}

static TEEC_Result encode_shm(struct dev_call *k, unsigned int i,
			      uint32_t t, TEEC_RegisteredMemoryReference *ref)
{
	TEEC_SharedMemory *shm = ref->parent;
	struct tee_ioctl_param *p = &k->p[i];
	struct dev_region *rg = &k->rg[i];
	uint32_t dir = dev_memref_dir(t, shm);
	struct dev_shm *s;
	size_t off = 0, size;

	if (!shm || shm->imp.ctx != k->c || !shm->imp.shadow)
		return TEEC_ERROR_BAD_PARAMETERS;
	s = shm->imp.shadow;
	if (t == TEEC_MEMREF_WHOLE) {
		size = shm->size;
	} else {
		off = ref->offset;
		size = ref->size;
		if ((shm->flags & dir) != dir || off > shm->size ||
		    size > shm->size - off)
			return TEEC_ERROR_BAD_PARAMETERS;
	}
	p->attr = dev_memref_attr(dir);
	p->a = off;
	p->b = size;
	p->c = (uint64_t)(uint32_t)s->id;
	if (s->bounce && size) {
		if (dir & TEEC_MEM_INPUT)
			memcpy((uint8_t *)s->map + off,
			       (uint8_t *)shm->buffer + off, size);
		if (dir & TEEC_MEM_OUTPUT) {
			rg->user = (uint8_t *)shm->buffer + off;
			rg->bounce = (uint8_t *)s->map + off;
			rg->max = size;
		}
	}
	return TEEC_SUCCESS;
}

/* op's parameters into k->p (DEV_NPARAMS of them). */
static TEEC_Result call_encode(struct dev_call *k, TEEC_Operation *op)
{
	TEEC_Result res = TEEC_SUCCESS;
	unsigned int i;
	uint32_t t;

	memset(k->p, 0, DEV_NPARAMS * sizeof(*k->p));
	memset(k->rg, 0, sizeof(k->rg));
	for (i = 0; i < DEV_NPARAMS; i++)
		k->rg[i].tmp.fd = -1;
	k->nparams = DEV_NPARAMS;
	for (i = 0; op && i < DEV_NPARAMS && !res; i++) {
		t = TEEC_PARAM_TYPE_GET(op->paramTypes, i);
		switch (t) {
		case TEEC_NONE:
			break;
		case TEEC_VALUE_INPUT:
		case TEEC_VALUE_OUTPUT:
		case TEEC_VALUE_INOUT:
			k->p[i].attr = dev_value_attr(t);
			k->p[i].a = op->params[i].value.a;
			k->p[i].b = op->params[i].value.b;
			break;
		case TEEC_MEMREF_TEMP_INPUT:
		case TEEC_MEMREF_TEMP_OUTPUT:
		case TEEC_MEMREF_TEMP_INOUT:
			res = encode_temp(k, i, t, &op->params[i].tmpref);
			break;
		case TEEC_MEMREF_WHOLE:
		case TEEC_MEMREF_PARTIAL_INPUT:
		case TEEC_MEMREF_PARTIAL_OUTPUT:
		case TEEC_MEMREF_PARTIAL_INOUT:
			res = encode_shm(k, i, t, &op->params[i].memref);
			break;
		default:
			res = TEEC_ERROR_BAD_PARAMETERS;
			break;
		}
	}
	if (res)
		call_free(k);
	return res;
}

/* What the TA returned, into op; bytes copied back only on success. */
static void call_decode(struct dev_call *k, TEEC_Operation *op,
			TEEC_Result ret)
{
	struct dev_region *rg;
	unsigned int i;
	uint32_t t;

	for (i = 0; op && i < DEV_NPARAMS; i++) {
		t = TEEC_PARAM_TYPE_GET(op->paramTypes, i);
		rg = &k->rg[i];
		switch (t) {
		case TEEC_VALUE_OUTPUT:
		case TEEC_VALUE_INOUT:
			op->params[i].value.a = (uint32_t)k->p[i].a;
			op->params[i].value.b = (uint32_t)k->p[i].b;
			break;
		case TEEC_MEMREF_TEMP_OUTPUT:
		case TEEC_MEMREF_TEMP_INOUT:
			op->params[i].tmpref.size = k->p[i].b;
			break;
		case TEEC_MEMREF_WHOLE:
			if (op->params[i].memref.parent->flags &
			    TEEC_MEM_OUTPUT)
				op->params[i].memref.size = k->p[i].b;
			break;
		case TEEC_MEMREF_PARTIAL_OUTPUT:
		case TEEC_MEMREF_PARTIAL_INOUT:
			op->params[i].memref.size = k->p[i].b;
			break;
		default:
			break;
		}
		if (rg->user && ret == TEEC_SUCCESS)
			memcpy(rg->user, rg->bounce,
			       k->p[i].b < rg->max ? k->p[i].b : rg->max);
	}
}

/*
 * One ioctl of an operation, findable by TEEC_RequestCancellation while it
 * runs. False: op was cancelled before it started; nothing was sent.
 */
static int call_ioctl(struct teec_ctx *c, TEEC_Operation *op,
		      uint32_t session, uint32_t cancel_id,
		      unsigned long req, struct tee_ioctl_buf_data *buf,
		      bool *cancelled)
{
	struct teec_inflight e;
	int rc, err;

	*cancelled = false;
	if (!op)
		return dev_sys->ioctl(c->dev->fd, req, buf);
	if (!cancel_op_begin(op, c, &e)) {
		*cancelled = true;
		return 0;
	}
	e.session = session;
	cancel_op_sent(&e, cancel_id);
	rc = dev_sys->ioctl(c->dev->fd, req, buf);
	err = errno;
	cancel_op_end(&e);
	errno = err;
	return rc;
}

static uint32_t cancel_id_new(void)
{
	uint32_t id;

	do
		id = atomic_fetch_add(&dev_next_cancel_id, 1) + 1;
	while (!id);
	return id;
}

TEEC_Result dev_open_session(struct teec_ctx *c, TEEC_Session *session,
			     const TEEC_UUID *destination, uint32_t method,
			     const void *data, TEEC_Operation *op,
			     uint32_t *origin)
{
	union {
		struct tee_ioctl_open_session_arg arg;
		uint8_t bytes[sizeof(struct tee_ioctl_open_session_arg) +
			      DEV_NPARAMS * sizeof(struct tee_ioctl_param)];
	} u;
	struct tee_ioctl_open_session_arg *arg = &u.arg;
	struct tee_ioctl_buf_data buf = {
		.buf_ptr = (uintptr_t)&u, .buf_len = sizeof(u),
	};
	struct dev_call k = { .c = c, .p = u.arg.params };
	TEEC_Result res;
	bool cancelled;

	memset(&u, 0, sizeof(u));
	set_origin(origin, TEEC_ORIGIN_API);
	res = dev_login_encode(method, data, &arg->clnt_login,
			       arg->clnt_uuid);
	if (res)
		return res;
	tc_uuid_gp_to_bytes(destination, arg->uuid);
	arg->cancel_id = cancel_id_new();
	res = call_encode(&k, op);
	if (res)
		return res;
	arg->num_params = DEV_NPARAMS;
	if (call_ioctl(c, op, 0, arg->cancel_id, TEE_IOC_OPEN_SESSION, &buf,
		       &cancelled)) {
		res = dev_ioctl_errno(errno);
		set_origin(origin, TEEC_ORIGIN_COMMS);
		goto out;
	}
	if (cancelled) {
		res = TEEC_ERROR_CANCEL;
		set_origin(origin, TEEC_ORIGIN_COMMS);
		goto out;
	}
	res = arg->ret;
	set_origin(origin, arg->ret_origin);
	call_decode(&k, op, res);
	if (!res) {
		session->imp.ctx = c;
		session->imp.id = arg->session;
	}
out:
	call_free(&k);
	return res;
}

void dev_close_session(TEEC_Session *session)
{
	struct teec_ctx *c = session->imp.ctx;
	struct tee_ioctl_close_session_arg a = { .session = session->imp.id };

	dev_sys->ioctl(c->dev->fd, TEE_IOC_CLOSE_SESSION, &a);
	session->imp.ctx = NULL;
}

TEEC_Result dev_invoke(TEEC_Session *session, uint32_t cmd,
		       TEEC_Operation *op, uint32_t *origin)
{
	struct teec_ctx *c = session->imp.ctx;
	union {
		struct tee_ioctl_invoke_arg arg;
		uint8_t bytes[sizeof(struct tee_ioctl_invoke_arg) +
			      DEV_NPARAMS * sizeof(struct tee_ioctl_param)];
	} u;
	struct tee_ioctl_invoke_arg *arg = &u.arg;
	struct tee_ioctl_buf_data buf = {
		.buf_ptr = (uintptr_t)&u, .buf_len = sizeof(u),
	};
	struct dev_call k = { .c = c, .p = u.arg.params };
	TEEC_Result res;
	bool cancelled;

	memset(&u, 0, sizeof(u));
	set_origin(origin, TEEC_ORIGIN_API);
	arg->func = cmd;
	arg->session = session->imp.id;
	arg->cancel_id = cancel_id_new();
	res = call_encode(&k, op);
	if (res)
		return res;
	arg->num_params = DEV_NPARAMS;
	if (call_ioctl(c, op, arg->session, arg->cancel_id, TEE_IOC_INVOKE,
		       &buf, &cancelled)) {
		res = dev_ioctl_errno(errno);
		set_origin(origin, TEEC_ORIGIN_COMMS);
		goto out;
	}
	if (cancelled) {
		res = TEEC_ERROR_CANCEL;
		set_origin(origin, TEEC_ORIGIN_COMMS);
		goto out;
	}
	res = arg->ret;
	set_origin(origin, arg->ret_origin);
	call_decode(&k, op, res);
out:
	call_free(&k);
	return res;
}

int dev_cancel(struct teec_ctx *c, uint32_t session, uint32_t cancel_id)
{
	struct tee_ioctl_cancel_arg a = {
		.cancel_id = cancel_id, .session = session,
	};

	return dev_sys->ioctl(c->dev->fd, TEE_IOC_CANCEL, &a) ? -errno : 0;
}
