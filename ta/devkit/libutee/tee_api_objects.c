/*
 * The generic and transient object functions trusted storage relies on
 * (GP Internal Core API, 5.5 and 5.6): the object lives in the host, a
 * TEE_ObjectHandle is the host's handle. A persistent object's info
 * carries its data stream's size and position.
 */
#include <tee_internal_api.h>
#include <utee_syscalls.h>

#define OBJ_CALL(nr, a0, a1, a2, a3)					\
	utee_syscall_raw((nr), (uintptr_t)(a0), (uintptr_t)(a1),	\
			 (uintptr_t)(a2), (uintptr_t)(a3), 0, 0)

static void obj_info(TEE_ObjectHandle object, struct utee_object_info *in)
{
	TEE_Result res = OBJ_CALL(UTEE_SYS_OBJ_INFO, object, in, 0, 0);

	if (res)
		TEE_Panic(res);
}

TEE_Result TEE_GetObjectInfo1(TEE_ObjectHandle object,
			      TEE_ObjectInfo *objectInfo)
{
	struct utee_object_info in;

	obj_info(object, &in);
	objectInfo->objectType = in.type;
	objectInfo->objectSize = in.size;
	objectInfo->maxObjectSize = in.max_size;
	objectInfo->objectUsage = in.usage;
	objectInfo->dataSize = in.data_size;
	objectInfo->dataPosition = in.data_position;
	objectInfo->handleFlags = in.handle_flags;
	return TEE_SUCCESS;
}

void TEE_GetObjectInfo(TEE_ObjectHandle object, TEE_ObjectInfo *objectInfo)
{
	TEE_GetObjectInfo1(object, objectInfo);
}

TEE_Result __GP11_TEE_GetObjectInfo1(TEE_ObjectHandle object,
				     __GP11_TEE_ObjectInfo *objectInfo)
{
	struct utee_object_info in;

	obj_info(object, &in);
	objectInfo->objectType = in.type;
	objectInfo->keySize = in.size;
	objectInfo->maxKeySize = in.max_size;
	objectInfo->objectUsage = in.usage;
	objectInfo->dataSize = (uint32_t)in.data_size;
	objectInfo->dataPosition = (uint32_t)in.data_position;
	objectInfo->handleFlags = in.handle_flags;
	return TEE_SUCCESS;
}

void __GP11_TEE_GetObjectInfo(TEE_ObjectHandle object,
			      __GP11_TEE_ObjectInfo *objectInfo)
{
	__GP11_TEE_GetObjectInfo1(object, objectInfo);
}

TEE_Result TEE_RestrictObjectUsage1(TEE_ObjectHandle object,
				    uint32_t objectUsage)
{
	OBJ_CALL(UTEE_SYS_OBJ_RESTRICT, object, objectUsage, 0, 0);
	return TEE_SUCCESS;
}

void TEE_RestrictObjectUsage(TEE_ObjectHandle object, uint32_t objectUsage)
{
	TEE_RestrictObjectUsage1(object, objectUsage);
}

TEE_Result TEE_GetObjectBufferAttribute(TEE_ObjectHandle object,
					uint32_t attributeID, void *buffer,
					size_t *size)
{
	uint64_t len = *size;
	TEE_Result res;

	res = utee_syscall_raw(UTEE_SYS_OBJ_GET_ATTR, (uintptr_t)object,
			       attributeID, (uintptr_t)buffer,
			       (uintptr_t)&len, 0, 0);
	if (res && res != TEE_ERROR_ITEM_NOT_FOUND &&
	    res != TEE_ERROR_SHORT_BUFFER)
		TEE_Panic(res);
	if (res == TEE_SUCCESS || res == TEE_ERROR_SHORT_BUFFER)
		*size = len;
	return res;
}

TEE_Result __GP11_TEE_GetObjectBufferAttribute(TEE_ObjectHandle object,
					       uint32_t attributeID,
					       void *buffer, uint32_t *size)
{
	size_t len = *size;
	TEE_Result res = TEE_GetObjectBufferAttribute(object, attributeID,
						      buffer, &len);

	*size = (uint32_t)len;
	return res;
}

void TEE_CloseObject(TEE_ObjectHandle object)
{
	if (object != TEE_HANDLE_NULL)
		OBJ_CALL(UTEE_SYS_OBJ_FREE, object, 0, 0, 0);
}

TEE_Result TEE_AllocateTransientObject(TEE_ObjectType objectType,
				       uint32_t maxObjectSize,
				       TEE_ObjectHandle *object)
{
	uint64_t h = 0;
	TEE_Result res;

	res = OBJ_CALL(UTEE_SYS_OBJ_ALLOC, objectType, maxObjectSize, &h, 0);
	if (res && res != TEE_ERROR_OUT_OF_MEMORY &&
	    res != TEE_ERROR_NOT_SUPPORTED)
		TEE_Panic(res);
	*object = res ? TEE_HANDLE_NULL : (TEE_ObjectHandle)(uintptr_t)h;
	return res;
}

void TEE_FreeTransientObject(TEE_ObjectHandle object)
{
	TEE_CloseObject(object);
}

/*
 * Either API's attributes (TEE_Attribute or __GP11_TEE_Attribute, which
 * differ in the length's type) into the ABI's form.
 */
#define OBJ_ATTRS_MAX	8
#define OBJ_ATTRS_FROM(ua, attrs, count) do {				\
	uint32_t i_;							\
									\
	if ((count) > OBJ_ATTRS_MAX || ((count) && !(attrs)))		\
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);			\
	for (i_ = 0; i_ < (count); i_++) {				\
		(ua)[i_].id = (attrs)[i_].attributeID;			\
		(ua)[i_].reserved = 0;					\
		if ((attrs)[i_].attributeID & TEE_ATTR_FLAG_VALUE) {	\
			(ua)[i_].a = (attrs)[i_].content.value.a;	\
			(ua)[i_].b = (attrs)[i_].content.value.b;	\
		} else {						\
			(ua)[i_].a = (uintptr_t)(attrs)[i_].content.ref.buffer; \
			(ua)[i_].b = (attrs)[i_].content.ref.length;	\
		}							\
	}								\
} while (0)

static TEE_Result obj_populate(TEE_ObjectHandle object,
			       const struct utee_attr *ua, uint32_t count)
{
	TEE_Result res = OBJ_CALL(UTEE_SYS_OBJ_POPULATE, object, ua, count, 0);

	if (res && res != TEE_ERROR_BAD_PARAMETERS)
		TEE_Panic(res);
	return res;
}

TEE_Result TEE_PopulateTransientObject(TEE_ObjectHandle object,
				       const TEE_Attribute *attrs,
				       uint32_t attrCount)
{
	struct utee_attr ua[OBJ_ATTRS_MAX];

	OBJ_ATTRS_FROM(ua, attrs, attrCount);
	return obj_populate(object, ua, attrCount);
}

TEE_Result __GP11_TEE_PopulateTransientObject(TEE_ObjectHandle object,
					      const __GP11_TEE_Attribute *attrs,
					      uint32_t attrCount)
{
	struct utee_attr ua[OBJ_ATTRS_MAX];

	OBJ_ATTRS_FROM(ua, attrs, attrCount);
	return obj_populate(object, ua, attrCount);
}

void TEE_InitRefAttribute(TEE_Attribute *attr, uint32_t attributeID,
			  const void *buffer, size_t length)
{
	attr->attributeID = attributeID;
	attr->content.ref.buffer = (void *)buffer;
	attr->content.ref.length = length;
}

void TEE_InitValueAttribute(TEE_Attribute *attr, uint32_t attributeID,
			    uint32_t a, uint32_t b)
{
	attr->attributeID = attributeID;
	attr->content.value.a = a;
	attr->content.value.b = b;
}

void __GP11_TEE_InitRefAttribute(__GP11_TEE_Attribute *attr,
				 uint32_t attributeID, const void *buffer,
				 uint32_t length)
{
	attr->attributeID = attributeID;
	attr->content.ref.buffer = (void *)buffer;
	attr->content.ref.length = length;
}

void __GP11_TEE_InitValueAttribute(__GP11_TEE_Attribute *attr,
				   uint32_t attributeID, uint32_t a,
				   uint32_t b)
{
	attr->attributeID = attributeID;
	attr->content.value.a = a;
	attr->content.value.b = b;
}

TEE_Result TEE_GetObjectValueAttribute(TEE_ObjectHandle object,
				       uint32_t attributeID, uint32_t *a,
				       uint32_t *b)
{
	uint32_t ab[2] = { 0, 0 };
	TEE_Result res;

	res = utee_syscall_raw(UTEE_SYS_OBJ_GET_ATTR, (uintptr_t)object,
			       attributeID, 0, 0, (uintptr_t)ab, 0);
	if (res && res != TEE_ERROR_ITEM_NOT_FOUND)
		TEE_Panic(res);
	if (!res && a)
		*a = ab[0];
	if (!res && b)
		*b = ab[1];
	return res;
}

void TEE_ResetTransientObject(TEE_ObjectHandle object)
{
	if (object != TEE_HANDLE_NULL)
		OBJ_CALL(UTEE_SYS_OBJ_RESET, object, 0, 0, 0);
}

TEE_Result TEE_CopyObjectAttributes1(TEE_ObjectHandle destObject,
				     TEE_ObjectHandle srcObject)
{
	TEE_Result res = OBJ_CALL(UTEE_SYS_OBJ_COPY, destObject, srcObject,
				  0, 0);

	if (res && res != TEE_ERROR_CORRUPT_OBJECT &&
	    res != TEE_ERROR_STORAGE_NOT_AVAILABLE)
		TEE_Panic(res);
	return res;
}

void TEE_CopyObjectAttributes(TEE_ObjectHandle destObject,
			      TEE_ObjectHandle srcObject)
{
	if (TEE_CopyObjectAttributes1(destObject, srcObject))
		TEE_Panic(TEE_ERROR_CORRUPT_OBJECT);
}

static TEE_Result obj_generate(TEE_ObjectHandle object, uint32_t size,
			       const struct utee_attr *ua, uint32_t count)
{
	TEE_Result res = utee_syscall_raw(UTEE_SYS_OBJ_GENERATE,
					  (uintptr_t)object, size,
					  (uintptr_t)ua, count, 0, 0);

	if (res && res != TEE_ERROR_BAD_PARAMETERS &&
	    res != TEE_ERROR_NOT_SUPPORTED)
		TEE_Panic(res);
	return res;
}

TEE_Result TEE_GenerateKey(TEE_ObjectHandle object, uint32_t keySize,
			   const TEE_Attribute *params, uint32_t paramCount)
{
	struct utee_attr ua[OBJ_ATTRS_MAX];

	OBJ_ATTRS_FROM(ua, params, paramCount);
	return obj_generate(object, keySize, ua, paramCount);
}

TEE_Result __GP11_TEE_GenerateKey(TEE_ObjectHandle object, uint32_t keySize,
				  const __GP11_TEE_Attribute *params,
				  uint32_t paramCount)
{
	struct utee_attr ua[OBJ_ATTRS_MAX];

	OBJ_ATTRS_FROM(ua, params, paramCount);
	return obj_generate(object, keySize, ua, paramCount);
}
