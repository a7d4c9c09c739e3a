/*
 * TTA_TCF's property commands: a property read by name as each type and
 * answered as text, and property enumerators that the client names by
 * small handles.
 */
#include <stdio.h>
#include <string.h>
#include <tta_text.h>

#include "tcf.h"

#define TCF_ENUMERATORS	8

/* The instance's enumerators: handle i + 1 is tcf_enums[i]. */
static TEE_PropSetHandle tcf_enums[TCF_ENUMERATORS];

static TEE_Result tcf_enum_get(uint32_t id, TEE_PropSetHandle *h)
{
	if (!id || id > TCF_ENUMERATORS || !tcf_enums[id - 1])
		return TEE_ERROR_BAD_PARAMETERS;
	*h = tcf_enums[id - 1];
	return TEE_SUCCESS;
}

/* A property set the client names: a pseudo handle or an enumerator. */
static TEE_Result tcf_propset(uint32_t v, TEE_PropSetHandle *h)
{
	switch (v) {
	case 0xfffffffdu:
		*h = TEE_PROPSET_TEE_IMPLEMENTATION;
		return TEE_SUCCESS;
	case 0xfffffffeu:
		*h = TEE_PROPSET_CURRENT_CLIENT;
		return TEE_SUCCESS;
	case 0xffffffffu:
		*h = TEE_PROPSET_CURRENT_TA;
		return TEE_SUCCESS;
	default:
		return tcf_enum_get(v, h);
	}
}

/* [VALUE_INPUT propset, MEMREF_INPUT name, MEMREF_OUTPUT text, NONE] */
static TEE_Result tcf_get_property(uint32_t cmd, uint32_t types,
				   TEE_Param p[TEE_NUM_PARAMS])
{
	char text[TTA_TEXT_MAX], name[TTA_TEXT_MAX];
	uint8_t block[TTA_TEXT_MAX / 2];
	TEE_PropSetHandle h;
	TEE_Identity id;
	size_t len;
	TEE_UUID uuid;
	TEE_Result res;
	uint32_t u32;
	bool b;

	if (types != TCF_TYPES(VALUE_INPUT, MEMREF_INPUT, MEMREF_OUTPUT, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	/*
	 * GP's [instring] names are the TA's own memory, not the client's:
	 * OP-TEE panics a TA that passes a memref's buffer.
	 */
	if (!p[1].memref.size || p[1].memref.size > sizeof(name) ||
	    ((const char *)p[1].memref.buffer)[p[1].memref.size - 1])
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_MemMove(name, p[1].memref.buffer, p[1].memref.size);
	res = tcf_propset(p[0].value.a, &h);
	if (res != TEE_SUCCESS)
		return res;

	switch (cmd) {
	case CMD_TEE_GetPropertyAsString_withoutEnum:
		/* The TEE writes to the client's buffer, and says its size. */
		len = p[2].memref.size;
		res = TEE_GetPropertyAsString(h, name, p[2].memref.buffer,
					      &len);
		if (res == TEE_SUCCESS || res == TEE_ERROR_SHORT_BUFFER)
			p[2].memref.size = len;
		return res;
	case CMD_TEE_GetPropertyAsBool_withoutEnum:
		res = TEE_GetPropertyAsBool(h, name, &b);
		snprintf(text, sizeof(text), "%s", b ? "true" : "false");
		break;
	case CMD_TEE_GetPropertyAsU32_withoutEnum:
		res = TEE_GetPropertyAsU32(h, name, &u32);
		snprintf(text, sizeof(text), "%u", (unsigned int)u32);
		break;
	case CMD_TEE_GetPropertyAsBinaryBlock_withoutEnum:
		len = sizeof(block);
		res = TEE_GetPropertyAsBinaryBlock(h, name, block, &len);
		if (res == TEE_SUCCESS)
			tta_text_hex(text, sizeof(text), block, len);
		break;
	case CMD_TEE_GetPropertyAsUUID_withoutEnum:
		res = TEE_GetPropertyAsUUID(h, name, &uuid);
		tta_text_uuid(text, sizeof(text), &uuid);
		break;
	case CMD_TEE_GetPropertyAsIdentity_withoutEnum:
		res = TEE_GetPropertyAsIdentity(h, name, &id);
		tta_text_identity(text, sizeof(text), &id);
		break;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (res != TEE_SUCCESS)
		return res;
	return tta_text_out(&p[2], text);
}

static TEE_Result tcf_enum_allocate(uint32_t types, TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_Result res;
	size_t i;

	if (types != TCF_TYPES(VALUE_OUTPUT, NONE, NONE, NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < TCF_ENUMERATORS && tcf_enums[i]; i++)
		;
	if (i == TCF_ENUMERATORS)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = TEE_AllocatePropertyEnumerator(&tcf_enums[i]);
	if (res != TEE_SUCCESS) {
		tcf_enums[i] = NULL;
		return res;
	}
	p[0].value.a = i + 1;
	p[0].value.b = 0;
	return TEE_SUCCESS;
}

/*
 * Walks the started enumerator to its end: every property has a name and
 * reads as a string through the enumerator; there is at least one.
 */
static TEE_Result tcf_enum_walk(TEE_PropSetHandle h)
{
	char buf[TTA_TEXT_MAX * 2];
	unsigned int n = 0;
	TEE_Result res;
	size_t len;

	do {
		len = sizeof(buf);
		res = TEE_GetPropertyName(h, buf, &len);
		if (res != TEE_SUCCESS)
			return res;
		if (!len || len > sizeof(buf) || buf[len - 1])
			return TEE_ERROR_BAD_FORMAT;
		len = sizeof(buf);
		res = TEE_GetPropertyAsString(h, NULL, buf, &len);
		if (res != TEE_SUCCESS)
			return res;
		n++;
		res = TEE_GetNextProperty(h);
	} while (res == TEE_SUCCESS);
	if (res != TEE_ERROR_ITEM_NOT_FOUND)
		return res;
	return n ? TEE_SUCCESS : TEE_ERROR_ITEM_NOT_FOUND;
}

static TEE_Result tcf_enum_cmd(uint32_t cmd, uint32_t types,
			       TEE_Param p[TEE_NUM_PARAMS])
{
	TEE_PropSetHandle h, set;
	TEE_Result res;
	size_t len;

	if (TEE_PARAM_TYPE_GET(types, 0) != TEE_PARAM_TYPE_VALUE_INPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	res = tcf_enum_get(p[0].value.a, &h);
	if (res != TEE_SUCCESS)
		return res;

	switch (cmd) {
	case CMD_TEE_StartPropertyEnumerator:
	case CMD_TEE_GetPropertyAsXXXX_fromEnum:
		if (types != TCF_TYPES(VALUE_INPUT, VALUE_INPUT, NONE, NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		res = tcf_propset(p[1].value.a, &set);
		if (res != TEE_SUCCESS)
			return res;
		TEE_StartPropertyEnumerator(h, set);
		if (cmd == CMD_TEE_StartPropertyEnumerator)
			return TEE_SUCCESS;
		return tcf_enum_walk(h);
	case CMD_TEE_ResetPropertyEnumerator:
		TEE_ResetPropertyEnumerator(h);
		return TEE_SUCCESS;
	case CMD_TEE_FreePropertyEnumerator:
		TEE_FreePropertyEnumerator(h);
		tcf_enums[p[0].value.a - 1] = NULL;
		return TEE_SUCCESS;
	case CMD_TTA_GetNextProperty:
	case CMD_TEE_GetNextPropertyEnumerator_notStarted:
		return TEE_GetNextProperty(h);
	case CMD_TEE_GetPropertyName:
		if (types != TCF_TYPES(VALUE_INPUT, MEMREF_OUTPUT, NONE, NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		len = p[1].memref.size;
		res = TEE_GetPropertyName(h, p[1].memref.buffer, &len);
		if (res == TEE_SUCCESS || res == TEE_ERROR_SHORT_BUFFER)
			p[1].memref.size = len;
		return res;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

TEE_Result tcf_property_cmd(uint32_t cmd, uint32_t types,
			    TEE_Param p[TEE_NUM_PARAMS])
{
	switch (cmd) {
	case CMD_TEE_GetPropertyAsString_withoutEnum:
	case CMD_TEE_GetPropertyAsBool_withoutEnum:
	case CMD_TEE_GetPropertyAsU32_withoutEnum:
	case CMD_TEE_GetPropertyAsBinaryBlock_withoutEnum:
	case CMD_TEE_GetPropertyAsUUID_withoutEnum:
	case CMD_TEE_GetPropertyAsIdentity_withoutEnum:
		return tcf_get_property(cmd, types, p);
	case CMD_TEE_AllocatePropertyEnumerator:
		return tcf_enum_allocate(types, p);
	default:
		return tcf_enum_cmd(cmd, types, p);
	}
}

