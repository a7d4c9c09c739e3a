/*
 * storage_test: one GP trusted storage call per command (see
 * storage_test_ta.h), so the 6000 series can script every sequence from
 * the normal world and check each result.
 */
#include <storage_test_ta.h>
#include <tee_internal_api.h>

#ifdef TEE_CORE_API_COMPAT_1_1
typedef uint32_t st_size_t;
typedef __GP11_TEE_ObjectInfo st_object_info;
#else
typedef size_t st_size_t;
typedef TEE_ObjectInfo st_object_info;
#endif

#define T(p0, p1, p2, p3) \
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_##p0, TEE_PARAM_TYPE_##p1, \
			TEE_PARAM_TYPE_##p2, TEE_PARAM_TYPE_##p3)

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext)
{
	(void)paramTypes;
	(void)params;
	*sessionContext = NULL;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sessionContext)
{
	(void)sessionContext;
}

static void *st_handle(const TEE_Param *p)
{
	return (void *)(uintptr_t)(((uint64_t)p->value.b << 32) |
				   p->value.a);
}

static void st_put_handle(TEE_Param *p, const void *h)
{
	p->value.a = (uint32_t)(uintptr_t)h;
	p->value.b = (uint32_t)((uint64_t)(uintptr_t)h >> 32);
}

static void st_info_out(TEE_Param *p, const st_object_info *in)
{
	struct st_info *o = p->memref.buffer;

	if (p->memref.size < sizeof(*o))
		TEE_Panic(TEE_ERROR_SHORT_BUFFER);
	o->type = in->objectType;
	o->size = in->objectSize;
	o->max_size = in->maxObjectSize;
	o->usage = in->objectUsage;
	o->data_size = (uint32_t)in->dataSize;
	o->data_pos = (uint32_t)in->dataPosition;
	o->flags = in->handleFlags;
	p->memref.size = sizeof(*o);
}

/*
 * A private copy of an object ID from a client's memref: GP has an object
 * ID live in the TA's own memory (it "cannot reside in shared memory", says
 * TEE_OpenPersistentObject and every function taking one), and OP-TEE
 * refuses the client's mapping there. Data buffers may be shared memory
 * and are passed as they are. The copy is freed with TEE_Free.
 */
static void *st_copy_in(const TEE_Param *p)
{
	void *c = TEE_Malloc(p->memref.size ? p->memref.size : 1,
			     TEE_MALLOC_FILL_ZERO);

	if (!c)
		TEE_Panic(TEE_ERROR_OUT_OF_MEMORY);
	TEE_MemMove(c, p->memref.buffer, p->memref.size);
	return c;
}

/* What a call left in a private buffer, back to the client's memref. */
static void st_copy_out(TEE_Param *p, void *c, size_t len)
{
	if (len <= p->memref.size)
		TEE_MemMove(p->memref.buffer, c, len);
	p->memref.size = len;
	TEE_Free(c);
}

/* An initialised AES-128 key for CREATE's attributes. */
static TEE_Result st_aes_key(TEE_ObjectHandle *key)
{
	uint8_t bytes[16];
	TEE_Attribute a;
	TEE_Result res;
	unsigned int i;

	for (i = 0; i < sizeof(bytes); i++)
		bytes[i] = (uint8_t)(ST_AES_BYTE0 + i);
	res = TEE_AllocateTransientObject(TEE_TYPE_AES, 128, key);
	if (res)
		return res;
	TEE_InitRefAttribute(&a, TEE_ATTR_SECRET_VALUE, bytes, sizeof(bytes));
	res = TEE_PopulateTransientObject(*key, &a, 1);
	if (res)
		TEE_FreeTransientObject(*key);
	return res;
}

static TEE_Result st_create(uint32_t cmd, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_ObjectHandle key = TEE_HANDLE_NULL, obj = TEE_HANDLE_NULL;
	void *id;
	TEE_Result res;

	if (p[3].value.a == ST_ATTRS_AES) {
		res = st_aes_key(&key);
		if (res)
			return res;
	}
	id = st_copy_in(&p[1]);
	res = TEE_CreatePersistentObject(p[0].value.a, id, p[1].memref.size,
					 p[0].value.b, key, p[2].memref.buffer,
					 p[2].memref.size,
					 cmd == ST_CMD_CREATE ? &obj : NULL);
	TEE_Free(id);
	TEE_FreeTransientObject(key);
	st_put_handle(&p[3], obj);
	return res;
}

static TEE_Result st_enum_next(uint32_t cmd, TEE_Param p[TEE_NUM_PARAMS])
{
	st_object_info info;
	st_size_t len = p[1].memref.size;
	void *id = st_copy_in(&p[1]);
	TEE_Result res;

	res = TEE_GetNextPersistentObject(st_handle(&p[0]),
					  cmd == ST_CMD_ENUM_NEXT ? &info :
								    NULL,
					  id, &len);
	if (res) {
		TEE_Free(id);
		return res;
	}
	st_copy_out(&p[1], id, len);
	if (cmd == ST_CMD_ENUM_NEXT)
		st_info_out(&p[2], &info);
	return TEE_SUCCESS;
}

static TEE_Result st_object(uint32_t cmd, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_ObjectHandle h = st_handle(&p[0]);
	st_object_info info;
	st_size_t n = 0;
	TEE_Result res;
	void *buf;

	switch (cmd) {
	case ST_CMD_CLOSE:
		TEE_CloseObject(h);
		return TEE_SUCCESS;
	case ST_CMD_CLOSE_DELETE:
		return TEE_CloseAndDeletePersistentObject1(h);
	case ST_CMD_CLOSE_DELETE_V10:
		TEE_CloseAndDeletePersistentObject(h);
		return TEE_SUCCESS;
	case ST_CMD_RENAME:
		buf = st_copy_in(&p[1]);
		res = TEE_RenamePersistentObject(h, buf, p[1].memref.size);
		TEE_Free(buf);
		return res;
	case ST_CMD_READ:
		res = TEE_ReadObjectData(h, p[1].memref.buffer,
					 p[1].memref.size, &n);
		p[1].memref.size = n;
		return res;
	case ST_CMD_WRITE:
		return TEE_WriteObjectData(h, p[1].memref.buffer,
					   p[1].memref.size);
	case ST_CMD_TRUNCATE:
		return TEE_TruncateObjectData(h, (st_size_t)(
			((uint64_t)p[1].value.b << 32) | p[1].value.a));
	case ST_CMD_SEEK:
		return TEE_SeekObjectData(h, (int64_t)(
			((uint64_t)p[1].value.b << 32) | p[1].value.a),
			(TEE_Whence)p[2].value.a);
	case ST_CMD_INFO:
		res = TEE_GetObjectInfo1(h, &info);
		if (!res)
			st_info_out(&p[1], &info);
		return res;
	default:	/* GET_ATTR */
		n = p[2].memref.size;
		res = TEE_GetObjectBufferAttribute(h, p[1].value.a,
						   p[2].memref.buffer, &n);
		p[2].memref.size = n;
		return res;
	}
}

TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t cmd,
				      uint32_t types,
				      TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_ObjectEnumHandle e;
	TEE_ObjectHandle obj;
	TEE_Result res;
	void *id;

	(void)sessionContext;
	(void)types;
	switch (cmd) {
	case ST_CMD_OPEN:
		id = st_copy_in(&p[1]);
		res = TEE_OpenPersistentObject(p[0].value.a, id,
					       p[1].memref.size, p[0].value.b,
					       &obj);
		TEE_Free(id);
		st_put_handle(&p[2], obj);
		return res;
	case ST_CMD_CREATE:
	case ST_CMD_CREATE_NOHANDLE:
		return st_create(cmd, p);
	case ST_CMD_ENUM_ALLOC:
		res = TEE_AllocatePersistentObjectEnumerator(&e);
		st_put_handle(&p[0], e);
		return res;
	case ST_CMD_ENUM_FREE:
		TEE_FreePersistentObjectEnumerator(st_handle(&p[0]));
		return TEE_SUCCESS;
	case ST_CMD_ENUM_RESET:
		TEE_ResetPersistentObjectEnumerator(st_handle(&p[0]));
		return TEE_SUCCESS;
	case ST_CMD_ENUM_START:
		return TEE_StartPersistentObjectEnumerator(st_handle(&p[0]),
							   p[1].value.a);
	case ST_CMD_ENUM_NEXT:
	case ST_CMD_ENUM_NEXT_NOINFO:
		return st_enum_next(cmd, p);
	case ST_CMD_CLOSE:
	case ST_CMD_CLOSE_DELETE:
	case ST_CMD_CLOSE_DELETE_V10:
	case ST_CMD_RENAME:
	case ST_CMD_READ:
	case ST_CMD_WRITE:
	case ST_CMD_TRUNCATE:
	case ST_CMD_SEEK:
	case ST_CMD_INFO:
	case ST_CMD_GET_ATTR:
		return st_object(cmd, p);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
