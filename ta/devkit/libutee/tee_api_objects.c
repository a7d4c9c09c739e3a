/*
 * Transient objects (GP Internal Core API, chapter 5): the object and its
 * attributes live in the host; a TEE_ObjectHandle is the host's handle.
 * The v1.1 forms differ only in their types and convert here.
 */
#include <tee_internal_api.h>

#include "utee_cryp.h"

/* The two API versions' attributes differ only in the length's type. */
#define UTEE_ATTRS_FROM(name, attr_type)				\
void name(struct utee_attr *out, const attr_type *in, uint32_t count)	\
{									\
	uint32_t i;							\
									\
	if (count > UTEE_CRYP_ATTRS_MAX || (count && !in))		\
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);			\
	for (i = 0; i < count; i++) {					\
		out[i].id = in[i].attributeID;				\
		out[i].reserved = 0;					\
		if (in[i].attributeID & TEE_ATTR_FLAG_VALUE) {		\
			out[i].a = in[i].content.value.a;		\
			out[i].b = in[i].content.value.b;		\
		} else {						\
			out[i].a = (uintptr_t)in[i].content.ref.buffer;	\
			out[i].b = in[i].content.ref.length;		\
		}							\
	}								\
}

UTEE_ATTRS_FROM(utee_attrs_from, TEE_Attribute)
UTEE_ATTRS_FROM(utee_attrs_from_gp11, __GP11_TEE_Attribute)

static void object_info(TEE_ObjectHandle object, struct utee_object_info *in)
{
	UTEE_CRYP_CALL(UTEE_SYS_OBJ_INFO, utee_obj_id(object), in, 0, 0, 0, 0);
}

TEE_Result TEE_GetObjectInfo1(TEE_ObjectHandle object,
			      TEE_ObjectInfo *objectInfo)
{
	struct utee_object_info in;

	object_info(object, &in);
	objectInfo->objectType = in.type;
	objectInfo->objectSize = in.size;
	objectInfo->maxObjectSize = in.max_size;
	objectInfo->objectUsage = in.usage;
	objectInfo->dataSize = in.data_size;	/* persistent objects' */
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

	object_info(object, &in);
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
	UTEE_CRYP_CALL(UTEE_SYS_OBJ_RESTRICT, utee_obj_id(object), objectUsage,
		       0, 0, 0, 0);
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

	res = UTEE_CRYP_CALL(UTEE_SYS_OBJ_GET_ATTR, utee_obj_id(object),
			     attributeID, buffer, &len, 0, 0);
	utee_cryp_allow(res, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_SHORT_BUFFER,
			TEE_ERROR_CORRUPT_OBJECT);
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

TEE_Result TEE_GetObjectValueAttribute(TEE_ObjectHandle object,
				       uint32_t attributeID, uint32_t *a,
				       uint32_t *b)
{
	uint32_t ab[2] = { 0, 0 };
	TEE_Result res;

	res = UTEE_CRYP_CALL(UTEE_SYS_OBJ_GET_ATTR, utee_obj_id(object),
			     attributeID, 0, 0, ab, 0);
	utee_cryp_allow(res, TEE_ERROR_ITEM_NOT_FOUND, TEE_ERROR_CORRUPT_OBJECT,
			TEE_ERROR_CORRUPT_OBJECT);
	if (res == TEE_SUCCESS) {
		if (a)
			*a = ab[0];
		if (b)
			*b = ab[1];
	}
	return res;
}

/* transient_only: a persistent object here is a panic, as GP wants. */
static void object_free(TEE_ObjectHandle object, bool transient_only)
{
	if (object == TEE_HANDLE_NULL)
		return;
	UTEE_CRYP_CALL(UTEE_SYS_OBJ_FREE, utee_obj_id(object), transient_only,
		       0, 0, 0, 0);
}

void TEE_CloseObject(TEE_ObjectHandle object)
{
	object_free(object, false);
}

TEE_Result TEE_AllocateTransientObject(TEE_ObjectType objectType,
				       uint32_t maxObjectSize,
				       TEE_ObjectHandle *object)
{
	uint64_t h = 0;
	TEE_Result res;

	res = UTEE_CRYP_CALL(UTEE_SYS_OBJ_ALLOC, objectType, maxObjectSize, &h,
			     0, 0, 0);
	utee_cryp_allow(res, TEE_ERROR_OUT_OF_MEMORY, TEE_ERROR_NOT_SUPPORTED,
			TEE_ERROR_OUT_OF_MEMORY);
	*object = res ? TEE_HANDLE_NULL : (TEE_ObjectHandle)(uintptr_t)h;
	return res;
}

void TEE_FreeTransientObject(TEE_ObjectHandle object)
{
	object_free(object, true);
}

void TEE_ResetTransientObject(TEE_ObjectHandle object)
{
	if (object == TEE_HANDLE_NULL)
		return;
	UTEE_CRYP_CALL(UTEE_SYS_OBJ_RESET, utee_obj_id(object), 0, 0, 0, 0, 0);
}

static TEE_Result populate(TEE_ObjectHandle object, struct utee_attr *ua,
			   uint32_t count)
{
	TEE_Result res;

	res = UTEE_CRYP_CALL(UTEE_SYS_OBJ_POPULATE, utee_obj_id(object), ua,
			     count, 0, 0, 0);
	return utee_cryp_allow(res, TEE_ERROR_BAD_PARAMETERS,
			       TEE_ERROR_BAD_PARAMETERS,
			       TEE_ERROR_BAD_PARAMETERS);
}

TEE_Result TEE_PopulateTransientObject(TEE_ObjectHandle object,
				       const TEE_Attribute *attrs,
				       uint32_t attrCount)
{
	struct utee_attr ua[UTEE_CRYP_ATTRS_MAX];

	utee_attrs_from(ua, attrs, attrCount);
	return populate(object, ua, attrCount);
}

TEE_Result __GP11_TEE_PopulateTransientObject(TEE_ObjectHandle object,
					      const __GP11_TEE_Attribute *attrs,
					      uint32_t attrCount)
{
	struct utee_attr ua[UTEE_CRYP_ATTRS_MAX];

	utee_attrs_from_gp11(ua, attrs, attrCount);
	return populate(object, ua, attrCount);
}

#define UTEE_INIT_ATTRS(ref_fn, value_fn, attr_type, len_type)	\
void ref_fn(attr_type *attr, uint32_t attributeID, const void *buffer,	\
	    len_type length)						\
{									\
	if (attributeID & TEE_ATTR_FLAG_VALUE)				\
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);			\
	attr->attributeID = attributeID;				\
	attr->content.ref.buffer = (void *)buffer;			\
	attr->content.ref.length = length;				\
}									\
									\
void value_fn(attr_type *attr, uint32_t attributeID, uint32_t a,	\
	      uint32_t b)						\
{									\
	if (!(attributeID & TEE_ATTR_FLAG_VALUE))			\
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);			\
	attr->attributeID = attributeID;				\
	attr->content.value.a = a;					\
	attr->content.value.b = b;					\
}

UTEE_INIT_ATTRS(TEE_InitRefAttribute, TEE_InitValueAttribute, TEE_Attribute,
		size_t)
UTEE_INIT_ATTRS(__GP11_TEE_InitRefAttribute, __GP11_TEE_InitValueAttribute,
		__GP11_TEE_Attribute, uint32_t)

TEE_Result TEE_CopyObjectAttributes1(TEE_ObjectHandle destObject,
				     TEE_ObjectHandle srcObject)
{
	TEE_Result res;

	res = UTEE_CRYP_CALL(UTEE_SYS_OBJ_COPY, utee_obj_id(destObject),
			     utee_obj_id(srcObject), 0, 0, 0, 0);
	return utee_cryp_allow(res, TEE_ERROR_CORRUPT_OBJECT,
			       TEE_ERROR_STORAGE_NOT_AVAILABLE,
			       TEE_ERROR_CORRUPT_OBJECT);
}

void TEE_CopyObjectAttributes(TEE_ObjectHandle destObject,
			      TEE_ObjectHandle srcObject)
{
	TEE_Result res = TEE_CopyObjectAttributes1(destObject, srcObject);

	if (res)
		TEE_Panic(res);
}

static TEE_Result generate(TEE_ObjectHandle object, uint32_t keySize,
			   struct utee_attr *ua, uint32_t count)
{
	TEE_Result res;

	res = UTEE_CRYP_CALL(UTEE_SYS_OBJ_GENERATE, utee_obj_id(object),
			     keySize, ua, count, 0, 0);
	return utee_cryp_allow(res, TEE_ERROR_BAD_PARAMETERS,
			       TEE_ERROR_NOT_SUPPORTED,
			       TEE_ERROR_BAD_PARAMETERS);
}

TEE_Result TEE_GenerateKey(TEE_ObjectHandle object, uint32_t keySize,
			   const TEE_Attribute *params, uint32_t paramCount)
{
	struct utee_attr ua[UTEE_CRYP_ATTRS_MAX];

	utee_attrs_from(ua, params, paramCount);
	return generate(object, keySize, ua, paramCount);
}

TEE_Result __GP11_TEE_GenerateKey(TEE_ObjectHandle object, uint32_t keySize,
				  const __GP11_TEE_Attribute *params,
				  uint32_t paramCount)
{
	struct utee_attr ua[UTEE_CRYP_ATTRS_MAX];

	utee_attrs_from_gp11(ua, params, paramCount);
	return generate(object, keySize, ua, paramCount);
}
