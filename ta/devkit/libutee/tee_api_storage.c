/*
 * Trusted Storage (GP Internal Core API, chapter 5): persistent objects,
 * their enumeration and their data stream, over the storage syscalls. A
 * result GP does not list for a function is a panic; the v1.1 forms
 * differ in their types only.
 */
#include <tee_internal_api.h>
#include <utee_syscalls.h>

#define STOR_CALL(nr, a0, a1, a2, a3, a4)				\
	utee_syscall_raw((nr), (uintptr_t)(a0), (uintptr_t)(a1),	\
			 (uintptr_t)(a2), (uintptr_t)(a3), (uintptr_t)(a4), 0)

/* Panics unless res is success or one of the n codes that follow. */
static TEE_Result stor_allow(TEE_Result res, unsigned int n, ...)
{
	__builtin_va_list ap;
	unsigned int i;

	if (res == TEE_SUCCESS)
		return res;
	__builtin_va_start(ap, n);
	for (i = 0; i < n; i++) {
		if (__builtin_va_arg(ap, TEE_Result) == res) {
			__builtin_va_end(ap);
			return res;
		}
	}
	__builtin_va_end(ap);
	TEE_Panic(res);
	return res;
}

/* Storage errors every function that reaches the storage may return. */
#define STOR_ERRS	TEE_ERROR_CORRUPT_OBJECT, \
			TEE_ERROR_STORAGE_NOT_AVAILABLE

TEE_Result TEE_OpenPersistentObject(uint32_t storageID, const void *objectID,
				    size_t objectIDLen, uint32_t flags,
				    TEE_ObjectHandle *object)
{
	uint64_t h = 0;
	TEE_Result res;

	res = STOR_CALL(UTEE_SYS_STOR_OPEN, storageID, objectID, objectIDLen,
			flags, &h);
	*object = res ? TEE_HANDLE_NULL : (TEE_ObjectHandle)(uintptr_t)h;
	return stor_allow(res, 5, TEE_ERROR_ITEM_NOT_FOUND,
			  TEE_ERROR_ACCESS_CONFLICT, TEE_ERROR_OUT_OF_MEMORY,
			  STOR_ERRS);
}

TEE_Result TEE_CreatePersistentObject(uint32_t storageID, const void *objectID,
				      size_t objectIDLen, uint32_t flags,
				      TEE_ObjectHandle attributes,
				      const void *initialData,
				      size_t initialDataLen,
				      TEE_ObjectHandle *object)
{
	struct utee_stor_create a = {
		.storage = storageID, .flags = flags,
		.id = (uintptr_t)objectID, .id_len = objectIDLen,
		.attributes = (uintptr_t)attributes,
		.data = (uintptr_t)initialData, .data_len = initialDataLen,
	};
	uint64_t h = 0;
	TEE_Result res;

	res = STOR_CALL(UTEE_SYS_STOR_CREATE, &a, &h, 0, 0, 0);
	if (object)
		*object = res ? TEE_HANDLE_NULL :
				(TEE_ObjectHandle)(uintptr_t)h;
	else if (!res)	/* GP allows no handle: the object is only made */
		STOR_CALL(UTEE_SYS_OBJ_FREE, h, 0, 0, 0, 0);
	return stor_allow(res, 6, TEE_ERROR_ITEM_NOT_FOUND,
			  TEE_ERROR_ACCESS_CONFLICT, TEE_ERROR_OUT_OF_MEMORY,
			  TEE_ERROR_STORAGE_NO_SPACE, STOR_ERRS);
}

TEE_Result __GP11_TEE_OpenPersistentObject(uint32_t storageID,
					   const void *objectID,
					   uint32_t objectIDLen, uint32_t flags,
					   TEE_ObjectHandle *object)
{
	return TEE_OpenPersistentObject(storageID, objectID, objectIDLen,
					flags, object);
}

TEE_Result __GP11_TEE_CreatePersistentObject(uint32_t storageID,
					     const void *objectID,
					     uint32_t objectIDLen,
					     uint32_t flags,
					     TEE_ObjectHandle attributes,
					     const void *initialData,
					     uint32_t initialDataLen,
					     TEE_ObjectHandle *object)
{
	return TEE_CreatePersistentObject(storageID, objectID, objectIDLen,
					  flags, attributes, initialData,
					  initialDataLen, object);
}

TEE_Result TEE_CloseAndDeletePersistentObject1(TEE_ObjectHandle object)
{
	if (object == TEE_HANDLE_NULL)
		return TEE_SUCCESS;
	return stor_allow(STOR_CALL(UTEE_SYS_STOR_CLOSE_DELETE, object, 0, 0,
				    0, 0), 1, TEE_ERROR_STORAGE_NOT_AVAILABLE);
}

void TEE_CloseAndDeletePersistentObject(TEE_ObjectHandle object)
{
	if (object != TEE_HANDLE_NULL)
		STOR_CALL(UTEE_SYS_STOR_CLOSE_DELETE, object, 0, 0, 0, 0);
}

TEE_Result TEE_RenamePersistentObject(TEE_ObjectHandle object,
				      const void *newObjectID,
				      size_t newObjectIDLen)
{
	return stor_allow(STOR_CALL(UTEE_SYS_STOR_RENAME, object, newObjectID,
				    newObjectIDLen, 0, 0),
			  3, TEE_ERROR_ACCESS_CONFLICT, STOR_ERRS);
}

TEE_Result __GP11_TEE_RenamePersistentObject(TEE_ObjectHandle object,
					     const void *newObjectID,
					     uint32_t newObjectIDLen)
{
	return TEE_RenamePersistentObject(object, newObjectID,
					  newObjectIDLen);
}

TEE_Result
TEE_AllocatePersistentObjectEnumerator(TEE_ObjectEnumHandle *objectEnumerator)
{
	uint64_t h = 0;
	TEE_Result res;

	res = STOR_CALL(UTEE_SYS_STOR_ENUM_ALLOC, &h, 0, 0, 0, 0);
	*objectEnumerator = res ? TEE_HANDLE_NULL :
				  (TEE_ObjectEnumHandle)(uintptr_t)h;
	return stor_allow(res, 1, TEE_ERROR_OUT_OF_MEMORY);
}

void TEE_FreePersistentObjectEnumerator(TEE_ObjectEnumHandle objectEnumerator)
{
	if (objectEnumerator != TEE_HANDLE_NULL)
		STOR_CALL(UTEE_SYS_STOR_ENUM_FREE, objectEnumerator, 0, 0, 0,
			  0);
}

void TEE_ResetPersistentObjectEnumerator(TEE_ObjectEnumHandle objectEnumerator)
{
	if (objectEnumerator != TEE_HANDLE_NULL)
		STOR_CALL(UTEE_SYS_STOR_ENUM_RESET, objectEnumerator, 0, 0, 0,
			  0);
}

TEE_Result
TEE_StartPersistentObjectEnumerator(TEE_ObjectEnumHandle objectEnumerator,
				    uint32_t storageID)
{
	return stor_allow(STOR_CALL(UTEE_SYS_STOR_ENUM_START,
				    objectEnumerator, storageID, 0, 0, 0),
			  3, TEE_ERROR_ITEM_NOT_FOUND, STOR_ERRS);
}

/* The next object's info (either API's form) and ID. */
static TEE_Result enum_next(TEE_ObjectEnumHandle e,
			    struct utee_object_info *info, void *id,
			    uint64_t *id_len)
{
	return stor_allow(STOR_CALL(UTEE_SYS_STOR_ENUM_NEXT, e, info, id,
				    id_len, 0),
			  3, TEE_ERROR_ITEM_NOT_FOUND, STOR_ERRS);
}

TEE_Result TEE_GetNextPersistentObject(TEE_ObjectEnumHandle objectEnumerator,
				       TEE_ObjectInfo *objectInfo,
				       void *objectID, size_t *objectIDLen)
{
	uint64_t len = TEE_OBJECT_ID_MAX_LEN;
	struct utee_object_info in;
	TEE_Result res;

	res = enum_next(objectEnumerator, &in, objectID, &len);
	if (res)
		return res;
	if (objectInfo) {
		objectInfo->objectType = in.type;
		objectInfo->objectSize = in.size;
		objectInfo->maxObjectSize = in.max_size;
		objectInfo->objectUsage = in.usage;
		objectInfo->dataSize = in.data_size;
		objectInfo->dataPosition = 0;
		objectInfo->handleFlags = in.handle_flags;
	}
	*objectIDLen = len;
	return res;
}

TEE_Result
__GP11_TEE_GetNextPersistentObject(TEE_ObjectEnumHandle objectEnumerator,
				   __GP11_TEE_ObjectInfo *objectInfo,
				   void *objectID, uint32_t *objectIDLen)
{
	uint64_t len = TEE_OBJECT_ID_MAX_LEN;
	struct utee_object_info in;
	TEE_Result res;

	res = enum_next(objectEnumerator, &in, objectID, &len);
	if (res)
		return res;
	if (objectInfo) {
		objectInfo->objectType = in.type;
		objectInfo->keySize = in.size;
		objectInfo->maxKeySize = in.max_size;
		objectInfo->objectUsage = in.usage;
		objectInfo->dataSize = (uint32_t)in.data_size;
		objectInfo->dataPosition = 0;
		objectInfo->handleFlags = in.handle_flags;
	}
	*objectIDLen = (uint32_t)len;
	return res;
}

TEE_Result TEE_ReadObjectData(TEE_ObjectHandle object, void *buffer,
			      size_t size, size_t *count)
{
	uint64_t n = 0;
	TEE_Result res;

	res = STOR_CALL(UTEE_SYS_STOR_READ, object, buffer, size, &n, 0);
	*count = res ? 0 : n;
	return stor_allow(res, 2, STOR_ERRS);
}

TEE_Result __GP11_TEE_ReadObjectData(TEE_ObjectHandle object, void *buffer,
				     uint32_t size, uint32_t *count)
{
	size_t n = 0;
	TEE_Result res = TEE_ReadObjectData(object, buffer, size, &n);

	*count = (uint32_t)n;
	return res;
}

TEE_Result TEE_WriteObjectData(TEE_ObjectHandle object, const void *buffer,
			       size_t size)
{
	return stor_allow(STOR_CALL(UTEE_SYS_STOR_WRITE, object, buffer, size,
				    0, 0),
			  4, TEE_ERROR_STORAGE_NO_SPACE, TEE_ERROR_OVERFLOW,
			  STOR_ERRS);
}

TEE_Result __GP11_TEE_WriteObjectData(TEE_ObjectHandle object,
				      const void *buffer, uint32_t size)
{
	return TEE_WriteObjectData(object, buffer, size);
}

TEE_Result TEE_TruncateObjectData(TEE_ObjectHandle object, size_t size)
{
	return stor_allow(STOR_CALL(UTEE_SYS_STOR_TRUNCATE, object, size, 0,
				    0, 0),
			  4, TEE_ERROR_STORAGE_NO_SPACE, TEE_ERROR_OVERFLOW,
			  STOR_ERRS);
}

TEE_Result __GP11_TEE_TruncateObjectData(TEE_ObjectHandle object,
					 uint32_t size)
{
	return TEE_TruncateObjectData(object, size);
}

TEE_Result TEE_SeekObjectData(TEE_ObjectHandle object, intmax_t offset,
			      TEE_Whence whence)
{
	return stor_allow(STOR_CALL(UTEE_SYS_STOR_SEEK, object,
				    (int64_t)offset, whence, 0, 0),
			  3, TEE_ERROR_OVERFLOW, STOR_ERRS);
}

TEE_Result __GP11_TEE_SeekObjectData(TEE_ObjectHandle object, int32_t offset,
				     TEE_Whence whence)
{
	return TEE_SeekObjectData(object, offset, whence);
}
