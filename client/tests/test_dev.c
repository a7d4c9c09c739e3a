/*
 * libteec's dev backend against a stand-in device: the public Client API is
 * called as an application would, and the stand-in records what reached
 * each ioctl (<linux/tee.h>'s structures, byte for byte) and answers as a
 * driver and TA would. No /dev/tee* is needed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include <teecheck/teec_ext.h>

#include "../libteec/dev_priv.h"

#define FAKE_FD		42
#define FAKE_SHM_FD0	100
#define FAKE_SHM_MAX	16

/* The stand-in device: what it was asked and what it answers. */
static struct fake {
	char path[64];
	int open_errno;			/* open() fails with this */
	uint32_t gen_caps;
	int fail_req_errno;		/* the next TA call fails with this */
	uint32_t ret, ret_origin;	/* the TA call's result */
	uint32_t session;		/* what an open session gets */
	bool cancel_in_call;		/* TEEC_RequestCancellation mid-call */
	TEEC_Operation *cancel_op;
	/* The last open-session or invoke, copied. */
	unsigned long last_req;
	struct tee_ioctl_open_session_arg open;
	struct tee_ioctl_invoke_arg invoke;
	struct tee_ioctl_param params[4];
	struct tee_ioctl_cancel_arg cancel;
	int ncancel;
	uint32_t closed_session;
	/* Shared memory blocks: allocated (buf) or registered (addr). */
	struct {
		bool used, registered;
		uint8_t *buf;
		uint64_t addr, len;
	} shm[FAKE_SHM_MAX];
	int nalloc, nregister, nclose_shm;
	/* What the "TA" writes: output values and memref contents. */
	uint32_t out_a, out_b;
	const char *out_bytes;
	uint64_t out_size;
} fk;

static int fake_open(const char *path, int flags)
{
	(void)flags;
	snprintf(fk.path, sizeof(fk.path), "%s", path);
	if (fk.open_errno) {
		errno = fk.open_errno;
		return -1;
	}
	return FAKE_FD;
}

static int fake_close(int fd)
{
	if (fd >= FAKE_SHM_FD0 && fd < FAKE_SHM_FD0 + FAKE_SHM_MAX) {
		int i = fd - FAKE_SHM_FD0;

		assert_true(fk.shm[i].used);
		free(fk.shm[i].buf);
		memset(&fk.shm[i], 0, sizeof(fk.shm[i]));
		fk.nclose_shm++;
	}
	return 0;
}

static int shm_new(void)
{
	int i;

	for (i = 0; i < FAKE_SHM_MAX; i++)
		if (!fk.shm[i].used) {
			fk.shm[i].used = true;
			return i;
		}
	errno = ENOMEM;
	return -1;
}

/* The bytes a memref parameter names, as the TA would see them. */
static uint8_t *param_bytes(const struct tee_ioctl_param *p)
{
	int i = (int)p->c;

	assert_true(i >= 0 && i < FAKE_SHM_MAX && fk.shm[i].used);
	assert_true(p->a + p->b <= fk.shm[i].len);
	if (fk.shm[i].registered)
		return (uint8_t *)(uintptr_t)fk.shm[i].addr + p->a;
	return fk.shm[i].buf + p->a;
}

/* Plays the TA: values out, memref bytes written, size reported. */
static void ta_run(struct tee_ioctl_param *p, uint32_t n)
{
	uint64_t t;
	uint32_t i;

	for (i = 0; i < n; i++) {
		t = p[i].attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK;
		if (t == TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT ||
		    t == TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT) {
			p[i].a = fk.out_a;
			p[i].b = fk.out_b;
		}
		if ((t == TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT ||
		     t == TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT) &&
		    fk.out_bytes) {
			if (p[i].c != TEE_MEMREF_NULL &&
			    fk.out_size <= p[i].b)
				memcpy(param_bytes(&p[i]), fk.out_bytes,
				       fk.out_size);
			p[i].b = fk.out_size;
		}
	}
}

static int fake_ta_call(unsigned long req, struct tee_ioctl_buf_data *b)
{
	struct tee_ioctl_param *p;
	uint32_t *ret, *origin, n;

	fk.last_req = req;
	if (req == TEE_IOC_OPEN_SESSION) {
		struct tee_ioctl_open_session_arg *a =
			(void *)(uintptr_t)b->buf_ptr;

		assert_int_equal(b->buf_len, sizeof(*a) + 4 * sizeof(*p));
		fk.open = *a;
		p = a->params;
		n = a->num_params;
		ret = &a->ret;
		origin = &a->ret_origin;
		a->session = fk.session;
	} else {
		struct tee_ioctl_invoke_arg *a = (void *)(uintptr_t)b->buf_ptr;

		assert_int_equal(b->buf_len, sizeof(*a) + 4 * sizeof(*p));
		fk.invoke = *a;
		p = a->params;
		n = a->num_params;
		ret = &a->ret;
		origin = &a->ret_origin;
	}
	assert_int_equal(n, 4);
	memcpy(fk.params, p, sizeof(fk.params));
	if (fk.cancel_in_call)
		TEEC_RequestCancellation(fk.cancel_op);
	if (fk.fail_req_errno) {
		errno = fk.fail_req_errno;
		return -1;
	}
	ta_run(p, n);
	*ret = fk.ret;
	*origin = fk.ret_origin;
	return 0;
}

static int fake_ioctl(int fd, unsigned long req, void *arg)
{
	int i;

	assert_int_equal(fd, FAKE_FD);
	switch (req) {
	case TEE_IOC_VERSION: {
		struct tee_ioctl_version_data *v = arg;

		v->impl_id = TEE_IMPL_ID_OPTEE;
		v->impl_caps = TEE_OPTEE_CAP_TZ;
		v->gen_caps = fk.gen_caps;
		return 0;
	}
	case TEE_IOC_SHM_ALLOC: {
		struct tee_ioctl_shm_alloc_data *a = arg;

		assert_int_equal(a->flags, 0);
		assert_true(a->size > 0);
		i = shm_new();
		if (i < 0)
			return -1;
		fk.shm[i].buf = calloc(1, a->size);
		fk.shm[i].len = a->size;
		a->id = i;
		fk.nalloc++;
		return FAKE_SHM_FD0 + i;
	}
	case TEE_IOC_SHM_REGISTER: {
		struct tee_ioctl_shm_register_data *r = arg;

		assert_int_equal(r->flags, 0);
		i = shm_new();
		if (i < 0)
			return -1;
		fk.shm[i].registered = true;
		fk.shm[i].addr = r->addr;
		fk.shm[i].len = r->length;
		r->id = i;
		fk.nregister++;
		return FAKE_SHM_FD0 + i;
	}
	case TEE_IOC_OPEN_SESSION:
	case TEE_IOC_INVOKE:
		return fake_ta_call(req, arg);
	case TEE_IOC_CANCEL:
		fk.cancel = *(struct tee_ioctl_cancel_arg *)arg;
		fk.ncancel++;
		return 0;
	case TEE_IOC_CLOSE_SESSION:
		fk.closed_session =
			((struct tee_ioctl_close_session_arg *)arg)->session;
		return 0;
	default:
		errno = ENOTTY;
		return -1;
	}
}

static void *fake_mmap(size_t len, int fd)
{
	int i = fd - FAKE_SHM_FD0;

	assert_true(i >= 0 && i < FAKE_SHM_MAX && fk.shm[i].buf);
	assert_true(len <= fk.shm[i].len);
	return fk.shm[i].buf;
}

static int fake_munmap(void *addr, size_t len)
{
	(void)addr;
	(void)len;
	return 0;
}

static const struct dev_sys_ops fake_ops = {
	.open = fake_open,
	.close = fake_close,
	.ioctl = fake_ioctl,
	.mmap = fake_mmap,
	.munmap = fake_munmap,
};

#define ALL_CAPS (TEE_GEN_CAP_GP | TEE_GEN_CAP_REG_MEM | \
		  TEE_GEN_CAP_MEMREF_NULL)

static int setup(void **state)
{
	(void)state;
	memset(&fk, 0, sizeof(fk));
	fk.gen_caps = ALL_CAPS;
	fk.session = 77;
	fk.ret_origin = TEEC_ORIGIN_TRUSTED_APP;
	dev_sys = &fake_ops;
	unsetenv("TEECHECK_CORE");
	return 0;
}

static int teardown(void **state)
{
	int i;

	(void)state;
	/* Whatever the API released, nothing of the driver's is left. */
	for (i = 0; i < FAKE_SHM_MAX; i++)
		assert_false(fk.shm[i].used);
	dev_sys = &dev_sys_real;
	return 0;
}

static const TEEC_UUID uuid = {
	0x01020304, 0x0506, 0x0708,
	{ 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10 }
};

static void open_ctx(TEEC_Context *ctx)
{
	assert_int_equal(TEEC_InitializeContext("/dev/tee0", ctx),
			 TEEC_SUCCESS);
}

static void open_sess(TEEC_Context *ctx, TEEC_Session *s)
{
	uint32_t origin = 0;

	fk.ret = TEEC_SUCCESS;
	assert_int_equal(TEEC_OpenSession(ctx, s, &uuid, TEEC_LOGIN_PUBLIC,
					  NULL, NULL, &origin), TEEC_SUCCESS);
}

static void test_context_device_choice(void **state)
{
	TEEC_Context ctx;

	(void)state;
	open_ctx(&ctx);
	assert_string_equal(fk.path, "/dev/tee0");
	TEEC_FinalizeContext(&ctx);
	assert_null(ctx.imp.priv);

	/* No name: TEECHECK_CORE names the device. */
	setenv("TEECHECK_CORE", "/dev/tee3", 1);
	assert_int_equal(TEEC_InitializeContext(NULL, &ctx), TEEC_SUCCESS);
	assert_string_equal(fk.path, "/dev/tee3");
	TEEC_FinalizeContext(&ctx);
	unsetenv("TEECHECK_CORE");
}

static void test_context_errors(void **state)
{
	static const struct { int err; TEEC_Result res; } rows[] = {
		{ ENOENT, TEEC_ERROR_ITEM_NOT_FOUND },
		{ ENODEV, TEEC_ERROR_ITEM_NOT_FOUND },
		{ EACCES, TEEC_ERROR_ACCESS_DENIED },
		{ EPERM, TEEC_ERROR_ACCESS_DENIED },
		{ ENOMEM, TEEC_ERROR_OUT_OF_MEMORY },
		{ EBUSY, TEEC_ERROR_BUSY },
		{ EIO, TEEC_ERROR_GENERIC },
	};
	TEEC_Context ctx;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		fk.open_errno = rows[i].err;
		assert_int_equal(TEEC_InitializeContext("/dev/tee0", &ctx),
				 rows[i].res);
	}
	fk.open_errno = 0;
	/* The supplicant's device (no GP capability) is refused. */
	fk.gen_caps = TEE_GEN_CAP_PRIVILEGED;
	assert_int_equal(TEEC_InitializeContext("/dev/teepriv0", &ctx),
			 TEEC_ERROR_NOT_SUPPORTED);
}

static void test_open_session_logins(void **state)
{
	static const struct { uint32_t method, login; bool group; } rows[] = {
		{ TEEC_LOGIN_PUBLIC, TEE_IOCTL_LOGIN_PUBLIC, false },
		{ TEEC_LOGIN_USER, TEE_IOCTL_LOGIN_USER, false },
		{ TEEC_LOGIN_GROUP, TEE_IOCTL_LOGIN_GROUP, true },
		{ TEEC_LOGIN_APPLICATION, TEE_IOCTL_LOGIN_APPLICATION, false },
		{ TEEC_LOGIN_USER_APPLICATION,
		  TEE_IOCTL_LOGIN_USER_APPLICATION, false },
		{ TEEC_LOGIN_GROUP_APPLICATION,
		  TEE_IOCTL_LOGIN_GROUP_APPLICATION, true },
	};
	static const uint8_t wire[16] = {
		0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
		0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10,
	};
	uint32_t gid = 1234, got, origin;
	TEEC_Context ctx;
	TEEC_Session s;
	size_t i;

	(void)state;
	open_ctx(&ctx);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		memset(&fk.open, 0xa5, sizeof(fk.open));
		assert_int_equal(TEEC_OpenSession(&ctx, &s, &uuid,
						  rows[i].method, &gid, NULL,
						  &origin), TEEC_SUCCESS);
		assert_int_equal(fk.last_req, TEE_IOC_OPEN_SESSION);
		assert_int_equal(fk.open.clnt_login, rows[i].login);
		assert_memory_equal(fk.open.uuid, wire, 16);
		assert_int_not_equal(fk.open.cancel_id, 0);
		memcpy(&got, fk.open.clnt_uuid, sizeof(got));
		assert_int_equal(got, rows[i].group ? gid : 0);
		assert_int_equal(s.imp.id, fk.session);
		TEEC_CloseSession(&s);
		assert_int_equal(fk.closed_session, fk.session);
	}
	/* A group login names its group; an unknown method is refused. */
	fk.last_req = 0;
	assert_int_equal(TEEC_OpenSession(&ctx, &s, &uuid, TEEC_LOGIN_GROUP,
					  NULL, NULL, &origin),
			 TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(origin, TEEC_ORIGIN_API);
	assert_int_equal(TEEC_OpenSession(&ctx, &s, &uuid, 3, NULL, NULL,
					  &origin), TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(fk.last_req, 0);
	TEEC_FinalizeContext(&ctx);
}

static void test_results_and_origins(void **state)
{
	static const struct { int err; TEEC_Result res; } ioctl_rows[] = {
		{ EINVAL, TEEC_ERROR_BAD_PARAMETERS },
		{ EFAULT, TEEC_ERROR_BAD_PARAMETERS },
		{ ENOMEM, TEEC_ERROR_OUT_OF_MEMORY },
		{ EBUSY, TEEC_ERROR_BUSY },
		{ ENOTTY, TEEC_ERROR_NOT_SUPPORTED },
		{ EACCES, TEEC_ERROR_ACCESS_DENIED },
		{ ENODEV, TEEC_ERROR_ITEM_NOT_FOUND },
		{ EINTR, TEEC_ERROR_CANCEL },
		{ EIO, TEEC_ERROR_COMMUNICATION },
	};
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin;
	size_t i;

	(void)state;
	open_ctx(&ctx);
	open_sess(&ctx, &s);
	/* What the TEE or the TA said reaches the client unchanged. */
	fk.ret = TEEC_ERROR_TARGET_DEAD;
	fk.ret_origin = TEEC_ORIGIN_TEE;
	assert_int_equal(TEEC_InvokeCommand(&s, 5, NULL, &origin),
			 TEEC_ERROR_TARGET_DEAD);
	assert_int_equal(origin, TEEC_ORIGIN_TEE);
	assert_int_equal(fk.invoke.func, 5);
	assert_int_equal(fk.invoke.session, fk.session);
	fk.ret = 0x12345678;
	fk.ret_origin = TEEC_ORIGIN_TRUSTED_APP;
	assert_int_equal(TEEC_InvokeCommand(&s, 6, NULL, &origin),
			 0x12345678);
	assert_int_equal(origin, TEEC_ORIGIN_TRUSTED_APP);
	/* A failed ioctl is the communication's failure. */
	for (i = 0; i < sizeof(ioctl_rows) / sizeof(ioctl_rows[0]); i++) {
		fk.fail_req_errno = ioctl_rows[i].err;
		origin = 0;
		assert_int_equal(TEEC_InvokeCommand(&s, 7, NULL, &origin),
				 ioctl_rows[i].res);
		assert_int_equal(origin, TEEC_ORIGIN_COMMS);
	}
	fk.fail_req_errno = 0;
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_value_params(void **state)
{
	TEEC_Operation op;
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin;

	(void)state;
	open_ctx(&ctx);
	open_sess(&ctx, &s);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT,
					 TEEC_VALUE_INOUT, TEEC_NONE);
	op.params[0].value.a = 0xffffffff;
	op.params[0].value.b = 2;
	op.params[2].value.a = 3;
	op.params[2].value.b = 4;
	fk.out_a = 10;
	fk.out_b = 11;
	assert_int_equal(TEEC_InvokeCommand(&s, 1, &op, &origin),
			 TEEC_SUCCESS);
	assert_int_equal(fk.params[0].attr,
			 TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT);
	assert_int_equal(fk.params[0].a, 0xffffffff);
	assert_int_equal(fk.params[0].b, 2);
	assert_int_equal(fk.params[1].attr,
			 TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT);
	assert_int_equal(fk.params[2].attr,
			 TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT);
	assert_int_equal(fk.params[2].a, 3);
	assert_int_equal(fk.params[3].attr, TEE_IOCTL_PARAM_ATTR_TYPE_NONE);
	/* The input value stays; outputs come back. */
	assert_int_equal(op.params[0].value.a, 0xffffffff);
	assert_int_equal(op.params[1].value.a, 10);
	assert_int_equal(op.params[1].value.b, 11);
	assert_int_equal(op.params[2].value.a, 10);
	assert_int_equal(origin, TEEC_ORIGIN_TRUSTED_APP);
	/* A bad type never reaches the driver. */
	fk.last_req = 0;
	op.paramTypes = TEEC_PARAM_TYPES(4, 0, 0, 0);
	assert_int_equal(TEEC_InvokeCommand(&s, 1, &op, &origin),
			 TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(origin, TEEC_ORIGIN_API);
	assert_int_equal(fk.last_req, 0);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_temp_memrefs(void **state)
{
	char in[5] = "abcd", out[8] = "xxxxxxx", inout[6] = "12345";
	TEEC_Operation op;
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin;

	(void)state;
	open_ctx(&ctx);
	open_sess(&ctx, &s);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT,
					 TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_MEMREF_TEMP_INOUT,
					 TEEC_MEMREF_TEMP_OUTPUT);
	op.params[0].tmpref.buffer = in;
	op.params[0].tmpref.size = 4;
	op.params[1].tmpref.buffer = out;
	op.params[1].tmpref.size = sizeof(out);
	op.params[2].tmpref.buffer = inout;
	op.params[2].tmpref.size = 5;
	op.params[3].tmpref.buffer = NULL;	/* asks for a size */
	op.params[3].tmpref.size = 0;
	fk.out_bytes = "TEE";
	fk.out_size = 3;
	assert_int_equal(TEEC_InvokeCommand(&s, 2, &op, &origin),
			 TEEC_SUCCESS);
	/* Each buffer went through a block of the driver's, copied in. */
	assert_int_equal(fk.nalloc, 3);
	assert_int_equal(fk.nregister, 0);
	assert_int_equal(fk.params[0].attr,
			 TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT);
	assert_int_equal(fk.params[0].a, 0);
	assert_int_equal(fk.params[0].b, 4);
	assert_int_equal(fk.params[1].attr,
			 TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT);
	assert_int_equal(fk.params[2].attr,
			 TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT);
	assert_int_equal(fk.params[3].c, TEE_MEMREF_NULL);
	/* Sizes and bytes back; the blocks are gone after the call. */
	assert_int_equal(op.params[1].tmpref.size, 3);
	assert_memory_equal(out, "TEExxxx", 8);
	assert_memory_equal(inout, "TEE45", 6);
	assert_int_equal(op.params[3].tmpref.size, 3);
	assert_int_equal(fk.nclose_shm, 3);

	/* Short buffer: the size needed, and no bytes copied back. */
	fk.ret = TEEC_ERROR_SHORT_BUFFER;
	fk.out_size = 50;
	op.params[1].tmpref.size = sizeof(out);
	memcpy(out, "yyyyyyy", 8);
	assert_int_equal(TEEC_InvokeCommand(&s, 2, &op, &origin),
			 TEEC_ERROR_SHORT_BUFFER);
	assert_int_equal(op.params[1].tmpref.size, 50);
	assert_memory_equal(out, "yyyyyyy", 8);

	/* Without NULL memref support in the driver, a NULL one fails. */
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	fk.gen_caps = TEE_GEN_CAP_GP;
	fk.ret = TEEC_SUCCESS;
	open_ctx(&ctx);
	open_sess(&ctx, &s);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, 0, 0, 0);
	op.params[0].tmpref.buffer = NULL;
	assert_int_equal(TEEC_InvokeCommand(&s, 2, &op, &origin),
			 TEEC_ERROR_NOT_SUPPORTED);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_shm_allocate(void **state)
{
	TEEC_SharedMemory shm = { .size = 100, .flags = TEEC_MEM_INPUT |
							TEEC_MEM_OUTPUT };
	TEEC_Operation op;
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin;

	(void)state;
	open_ctx(&ctx);
	open_sess(&ctx, &s);
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &shm), TEEC_SUCCESS);
	assert_int_equal(fk.nalloc, 1);
	assert_ptr_equal(shm.buffer, fk.shm[0].buf);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE,
					 TEEC_MEMREF_PARTIAL_OUTPUT,
					 TEEC_MEMREF_PARTIAL_INPUT, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	op.params[1].memref.parent = &shm;
	op.params[1].memref.offset = 10;
	op.params[1].memref.size = 20;
	op.params[2].memref.parent = &shm;
	op.params[2].memref.offset = 90;
	op.params[2].memref.size = 10;
	fk.out_bytes = "zz";
	fk.out_size = 2;
	assert_int_equal(TEEC_InvokeCommand(&s, 3, &op, &origin),
			 TEEC_SUCCESS);
	assert_int_equal(fk.params[0].attr,
			 TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT);
	assert_int_equal(fk.params[0].c, 0);
	assert_int_equal(fk.params[0].b, 100);
	assert_int_equal(fk.params[1].attr,
			 TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT);
	assert_int_equal(fk.params[1].a, 10);
	assert_int_equal(fk.params[1].b, 20);
	assert_int_equal(fk.params[2].attr,
			 TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT);
	assert_int_equal(fk.params[2].a, 90);
	/* No copies: the TA wrote into the application's block. */
	assert_int_equal(fk.nalloc, 1);
	assert_memory_equal((char *)shm.buffer + 10, "zz", 2);
	assert_int_equal(op.params[0].memref.size, 2);
	assert_int_equal(op.params[1].memref.size, 2);
	/* Beyond the block, or a direction it lacks: refused here. */
	op.params[2].memref.offset = 95;
	assert_int_equal(TEEC_InvokeCommand(&s, 3, &op, &origin),
			 TEEC_ERROR_BAD_PARAMETERS);
	TEEC_ReleaseSharedMemory(&shm);
	assert_null(shm.buffer);
	assert_int_equal(fk.nclose_shm, 1);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

/* Registered memory, with and without the driver's registration. */
static void shm_register_case(bool reg_mem)
{
	char buf[64];
	TEEC_SharedMemory shm = { .buffer = buf, .size = sizeof(buf),
				  .flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	TEEC_Operation op;
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin;

	fk.gen_caps = TEE_GEN_CAP_GP | (reg_mem ? TEE_GEN_CAP_REG_MEM : 0);
	memset(buf, 'a', sizeof(buf));
	open_ctx(&ctx);
	open_sess(&ctx, &s);
	assert_int_equal(TEEC_RegisterSharedMemory(&ctx, &shm), TEEC_SUCCESS);
	assert_int_equal(fk.nregister, reg_mem ? 1 : 0);
	assert_int_equal(fk.nalloc, reg_mem ? 0 : 1);
	if (reg_mem) {
		assert_int_equal(fk.shm[0].addr, (uintptr_t)buf);
		assert_int_equal(fk.shm[0].len, sizeof(buf));
	}
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INOUT, 0, 0, 0);
	op.params[0].memref.parent = &shm;
	op.params[0].memref.offset = 4;
	op.params[0].memref.size = 8;
	fk.out_bytes = "QQ";
	fk.out_size = 2;
	buf[4] = 'b';
	assert_int_equal(TEEC_InvokeCommand(&s, 4, &op, &origin),
			 TEEC_SUCCESS);
	/* Either way the TA's bytes land in the application's buffer. */
	assert_memory_equal(buf + 4, "QQ", 2);
	assert_int_equal(buf[6], 'a');
	assert_int_equal(op.params[0].memref.size, 2);
	TEEC_ReleaseSharedMemory(&shm);
	assert_ptr_equal(shm.buffer, buf);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_shm_register(void **state)
{
	(void)state;
	shm_register_case(true);
}

static void test_shm_register_fallback(void **state)
{
	(void)state;
	shm_register_case(false);
}

/* Read-only memory is refused for output before the driver is asked. */
static void test_shm_register_read_only(void **state)
{
	TEEC_SharedMemory shm = { .size = 4096, .flags = TEEC_MEM_OUTPUT };
	TEEC_Context ctx;
	void *ro;

	(void)state;
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(ro != MAP_FAILED);
	open_ctx(&ctx);
	shm.buffer = ro;
	assert_int_equal(TEEC_RegisterSharedMemory(&ctx, &shm),
			 TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(fk.nregister + fk.nalloc, 0);
	shm.flags = TEEC_MEM_INPUT;
	assert_int_equal(TEEC_RegisterSharedMemory(&ctx, &shm), TEEC_SUCCESS);
	TEEC_ReleaseSharedMemory(&shm);
	TEEC_FinalizeContext(&ctx);
	munmap(ro, 4096);
}

static void test_cancellation(void **state)
{
	TEEC_Operation op;
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin;

	(void)state;
	open_ctx(&ctx);
	open_sess(&ctx, &s);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, 0, 0, 0);
	/* Cancelled while in the driver: the cancel names that call. */
	fk.cancel_in_call = true;
	fk.cancel_op = &op;
	fk.ret = TEEC_ERROR_CANCEL;
	fk.ret_origin = TEEC_ORIGIN_TEE;
	assert_int_equal(TEEC_InvokeCommand(&s, 9, &op, &origin),
			 TEEC_ERROR_CANCEL);
	assert_int_equal(fk.ncancel, 1);
	assert_int_equal(fk.cancel.session, fk.session);
	assert_int_equal(fk.cancel.cancel_id, fk.invoke.cancel_id);
	assert_int_not_equal(fk.cancel.cancel_id, 0);
	assert_true(op.started);
	/* Cancelled before it started: it never reaches the driver. */
	fk.cancel_in_call = false;
	fk.last_req = 0;
	memset(&op, 0, sizeof(op));
	TEEC_RequestCancellation(&op);
	assert_int_equal(TEEC_InvokeCommand(&s, 9, &op, &origin),
			 TEEC_ERROR_CANCEL);
	assert_int_equal(origin, TEEC_ORIGIN_COMMS);
	assert_int_equal(fk.last_req, 0);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_extensions_refused(void **state)
{
	struct teecheck_core_stats st;
	size_t count = 0;
	TEEC_Context ctx;

	(void)state;
	open_ctx(&ctx);
	assert_int_equal(teecheck_core_stats(&ctx, &st),
			 TEEC_ERROR_NOT_SUPPORTED);
	assert_int_equal(teecheck_pager_stats(&ctx, NULL, NULL, &count),
			 TEEC_ERROR_NOT_SUPPORTED);
	TEEC_FinalizeContext(&ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_context_device_choice),
		T(test_context_errors),
		T(test_open_session_logins),
		T(test_results_and_origins),
		T(test_value_params),
		T(test_temp_memrefs),
		T(test_shm_allocate),
		T(test_shm_register),
		T(test_shm_register_fallback),
		T(test_shm_register_read_only),
		T(test_cancellation),
		T(test_extensions_refused),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
