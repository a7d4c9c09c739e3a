/* tcf_test's property commands: any getter on any name, and enumerators. */
#include <string.h>
#include <tcf_test_ta.h>
#include <tcf_uuid.h>

#include "tcf_test.h"

#define TYPES(a, b, c, d) \
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, \
			TEE_PARAM_TYPE_##c, TEE_PARAM_TYPE_##d)

/* Longest name the TA accepts from the client. */
#define TCF_NAME_MAX	256

static TEE_PropSetHandle tcf_set(uint32_t set)
{
	switch (set) {
	case TCF_SET_TA:
		return TEE_PROPSET_CURRENT_TA;
	case TCF_SET_CLIENT:
		return TEE_PROPSET_CURRENT_CLIENT;
	case TCF_SET_TEE:
		return TEE_PROPSET_TEE_IMPLEMENTATION;
	default:
		return TEE_HANDLE_NULL;
	}
}

/* A scalar value out through the memref, or SHORT_BUFFER with its size. */
static TEE_Result tcf_out(TEE_Param *out, const void *v, size_t len)
{
	if (!out->memref.buffer || out->memref.size < len) {
		out->memref.size = len;
		return TEE_ERROR_SHORT_BUFFER;
	}
	memcpy(out->memref.buffer, v, len);
	out->memref.size = len;
	return TEE_SUCCESS;
}

static TEE_Result tcf_get(TEE_PropSetHandle set, const char *name,
			  uint32_t getter, TEE_Param *out)
{
	uint8_t idb[4 + 16];
	TEE_Identity id;
	TEE_Result res;
	uint32_t u32;
	uint64_t u64;
	TEE_UUID uuid;
	bool b;

	switch (getter) {
	case TCF_GET_STRING:
		return TEE_GetPropertyAsString(set, name, out->memref.buffer,
					       &out->memref.size);
	case TCF_GET_BINARY:
		return TEE_GetPropertyAsBinaryBlock(set, name,
						    out->memref.buffer,
						    &out->memref.size);
	case TCF_GET_BOOL:
		res = TEE_GetPropertyAsBool(set, name, &b);
		u32 = b;
		return res ? res : tcf_out(out, &u32, sizeof(u32));
	case TCF_GET_U32:
		res = TEE_GetPropertyAsU32(set, name, &u32);
		return res ? res : tcf_out(out, &u32, sizeof(u32));
	case TCF_GET_U64:
		res = TEE_GetPropertyAsU64(set, name, &u64);
		return res ? res : tcf_out(out, &u64, sizeof(u64));
	case TCF_GET_UUID:
		res = TEE_GetPropertyAsUUID(set, name, &uuid);
		if (res)
			return res;
		tcf_uuid_octets(idb, &uuid);
		return tcf_out(out, idb, 16);
	case TCF_GET_IDENTITY:
		res = TEE_GetPropertyAsIdentity(set, name, &id);
		if (res)
			return res;
		memcpy(idb, &id.login, 4);
		tcf_uuid_octets(idb + 4, &id.uuid);
		return tcf_out(out, idb, sizeof(idb));
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

TEE_Result tcf_prop_get(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	char name[TCF_NAME_MAX + 1];
	TEE_PropSetHandle set;

	if (types != TYPES(VALUE_INPUT, MEMREF_INPUT, MEMREF_OUTPUT, NONE) ||
	    p[1].memref.size > TCF_NAME_MAX)
		return TEE_ERROR_BAD_PARAMETERS;
	set = tcf_set(p[0].value.a);
	if (!set)
		return TEE_ERROR_BAD_PARAMETERS;
	/* An empty memref is the name "": GP has no NULL name for a set. */
	memcpy(name, p[1].memref.buffer, p[1].memref.size);
	name[p[1].memref.size] = 0;
	return tcf_get(set, name, p[0].value.b, &p[2]);
}

TEE_Result tcf_prop_names(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_PropSetHandle e, set;
	char name[TCF_NAME_MAX];
	size_t used = 0, len;
	uint32_t count = 0;
	TEE_Result res;

	if (types != TYPES(VALUE_INPUT, MEMREF_OUTPUT, VALUE_OUTPUT, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	set = tcf_set(p[0].value.a);
	if (!set)
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_AllocatePropertyEnumerator(&e);
	if (res)
		return res;
	TEE_StartPropertyEnumerator(e, set);
	for (;;) {
		len = sizeof(name);
		res = TEE_GetPropertyName(e, name, &len);
		if (res == TEE_ERROR_ITEM_NOT_FOUND)
			break;
		if (res)
			goto out;
		if (used + len <= p[1].memref.size)
			memcpy((char *)p[1].memref.buffer + used, name, len);
		used += len;
		count++;
		if (TEE_GetNextProperty(e) == TEE_ERROR_ITEM_NOT_FOUND)
			break;
	}
	res = used > p[1].memref.size ? TEE_ERROR_SHORT_BUFFER : TEE_SUCCESS;
	p[1].memref.size = used;
	p[2].value.a = count;
out:
	TEE_FreePropertyEnumerator(e);
	return res;
}

/* Each step's expectation; the first one that fails is reported. */
static uint32_t tcf_enum_steps(TEE_PropSetHandle e)
{
	char first[TCF_NAME_MAX], name[TCF_NAME_MAX], value[128];
	size_t len, first_len, vlen;
	uint32_t u32;

	len = sizeof(name);
	if (TEE_GetPropertyName(e, name, &len) != TEE_ERROR_ITEM_NOT_FOUND)
		return 1;	/* not started: no name */
	if (TEE_GetNextProperty(e) != TEE_ERROR_ITEM_NOT_FOUND)
		return 2;	/* not started: no next */
	if (TEE_GetPropertyAsU32(e, NULL, &u32) != TEE_ERROR_ITEM_NOT_FOUND)
		return 3;	/* not started: nothing to read */
	TEE_StartPropertyEnumerator(e, TEE_PROPSET_CURRENT_TA);
	first_len = sizeof(first);
	/* GP leaves the order to the implementation: any first name. */
	if (TEE_GetPropertyName(e, first, &first_len) != TEE_SUCCESS ||
	    !first[0])
		return 4;	/* started: a property with a name */
	len = 3;
	if (TEE_GetPropertyName(e, name, &len) != TEE_ERROR_SHORT_BUFFER ||
	    len != first_len)
		return 5;	/* a short name buffer says what it needs */
	if (TEE_GetNextProperty(e) != TEE_SUCCESS)
		return 6;
	len = sizeof(name);
	vlen = sizeof(value);
	if (TEE_GetPropertyName(e, name, &len) != TEE_SUCCESS ||
	    !strcmp(name, first) ||
	    TEE_GetPropertyAsString(e, "ignored", value, &vlen) !=
	    TEE_SUCCESS)
		return 7;	/* the enumerator reads where it is */
	TEE_ResetPropertyEnumerator(e);
	len = sizeof(name);
	if (TEE_GetPropertyName(e, name, &len) != TEE_ERROR_ITEM_NOT_FOUND)
		return 8;	/* reset: not started again */
	TEE_StartPropertyEnumerator(e, TEE_PROPSET_CURRENT_TA);
	len = sizeof(name);
	if (TEE_GetPropertyName(e, name, &len) != TEE_SUCCESS ||
	    strcmp(name, first))
		return 9;	/* restarted at the first */
	while (TEE_GetNextProperty(e) == TEE_SUCCESS)
		;
	len = sizeof(name);
	if (TEE_GetPropertyName(e, name, &len) != TEE_ERROR_ITEM_NOT_FOUND ||
	    TEE_GetNextProperty(e) != TEE_ERROR_ITEM_NOT_FOUND)
		return 10;	/* past the end stays past the end */
	return 0;
}

TEE_Result tcf_prop_enum_api(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_PropSetHandle e, e2;
	TEE_Result res;

	if (types != TYPES(VALUE_OUTPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_AllocatePropertyEnumerator(&e);
	if (res)
		return res;
	res = TEE_AllocatePropertyEnumerator(&e2);
	if (res) {
		TEE_FreePropertyEnumerator(e);
		return res;
	}
	p[0].value.a = tcf_enum_steps(e);
	/* Two enumerators are independent. */
	if (!p[0].value.a) {
		TEE_StartPropertyEnumerator(e2, TEE_PROPSET_TEE_IMPLEMENTATION);
		if (TEE_GetNextProperty(e) != TEE_ERROR_ITEM_NOT_FOUND ||
		    TEE_GetNextProperty(e2) != TEE_SUCCESS)
			p[0].value.a = 11;
	}
	TEE_FreePropertyEnumerator(e2);
	TEE_FreePropertyEnumerator(e);
	/* Freeing TEE_HANDLE_NULL does nothing. */
	TEE_FreePropertyEnumerator(TEE_HANDLE_NULL);
	return TEE_SUCCESS;
}
