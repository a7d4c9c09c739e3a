/*
 * Trusted Core Framework properties: the three property sets behind their
 * pseudo-handles (the TA's own from its header, the client's and the TEE's
 * from the host), enumerators, and every TEE_GetPropertyAs* with GP's
 * conversions: any value reads as a string; strings read as booleans
 * ("true"/"false", any case), integers (decimal with an optional K or M,
 * 0x hexadecimal, 0b binary, '_' separators), UUIDs, identities
 * ("<integer>[:<uuid>]") and binary blocks (base64). Anything else is
 * TEE_ERROR_BAD_FORMAT; a name no set holds, TEE_ERROR_ITEM_NOT_FOUND.
 */
#include <stdio.h>
#include <string.h>
#include <tee_internal_api.h>
#include <utee_props.h>
#include <utee_uuid.h>
#include <utee_syscalls.h>

#define PROP_ENUM_MAGIC	0x504e4d45u	/* "EMNP" */

/* One property as the getters see it. */
struct prop {
	const char *name;
	uint32_t type;			/* UTEE_PROP_* */
	bool b;
	uint32_t u32;
	uint64_t u64;
	TEE_UUID uuid;
	TEE_Identity id;
	const char *str;		/* STRING text, BINARY_BLOCK base64 */
	struct utee_property host;	/* what the host sent, if it did */
};

struct __TEE_PropSetHandle {
	uint32_t magic;
	TEE_PropSetHandle set;		/* NULL until started */
	uint32_t index;
	struct __TEE_PropSetHandle *next;
};

static struct __TEE_PropSetHandle *prop_enums;

static bool prop_is_pseudo(TEE_PropSetHandle h)
{
	return h == TEE_PROPSET_CURRENT_TA ||
	       h == TEE_PROPSET_CURRENT_CLIENT ||
	       h == TEE_PROPSET_TEE_IMPLEMENTATION;
}

/* An enumerator this TA allocated, or a panic. */
static struct __TEE_PropSetHandle *prop_enum(TEE_PropSetHandle h)
{
	struct __TEE_PropSetHandle *e;

	for (e = prop_enums; e; e = e->next)
		if (e == h && e->magic == PROP_ENUM_MAGIC)
			return e;
	TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
}

/* Whether TA table entry i is one the TA set shows (see utee_props.h). */
static bool prop_ta_visible(size_t i)
{
	size_t fixed = ta_num_fixed_props;
	size_t own = fixed + ta_num_default_props;
	size_t k;

	if (i < fixed)
		return true;
	if (i < own) {
		for (k = own; k < ta_num_props; k++)
			if (!strcmp(ta_props[k].name, ta_props[i].name))
				return false;
		return true;
	}
	for (k = 0; k < i; k++) {
		if ((k < fixed || k >= own) &&
		    !strcmp(ta_props[k].name, ta_props[i].name))
			return false;
	}
	return true;
}

static TEE_Result prop_from_ta(const struct user_ta_property *t,
			       struct prop *p)
{
	p->name = t->name;
	p->type = t->type;
	switch (t->type) {
	case USER_TA_PROP_TYPE_BOOL:
		p->b = *(const bool *)t->value;
		break;
	case USER_TA_PROP_TYPE_U32:
		p->u32 = *(const uint32_t *)t->value;
		break;
	case USER_TA_PROP_TYPE_U64:
		p->u64 = *(const uint64_t *)t->value;
		break;
	case USER_TA_PROP_TYPE_UUID:
		p->uuid = *(const TEE_UUID *)t->value;
		break;
	case USER_TA_PROP_TYPE_IDENTITY:
		p->id = *(const TEE_Identity *)t->value;
		break;
	case USER_TA_PROP_TYPE_STRING:
	case USER_TA_PROP_TYPE_BINARY_BLOCK:
		p->str = t->value;
		break;
	default:
		/* A header no dev kit could have made. */
		TEE_Panic(TEE_ERROR_BAD_FORMAT);
	}
	return TEE_SUCCESS;
}

static TEE_Result prop_from_host(struct prop *p)
{
	struct utee_property *h = &p->host;

	h->name[sizeof(h->name) - 1] = 0;
	p->name = h->name;
	p->type = h->type;
	switch (h->type) {
	case UTEE_PROP_BOOL:
	case UTEE_PROP_U32:
		if (h->len != sizeof(uint32_t))
			return TEE_ERROR_BAD_FORMAT;
		memcpy(&p->u32, h->value, sizeof(uint32_t));
		p->b = p->u32 != 0;
		break;
	case UTEE_PROP_U64:
		if (h->len != sizeof(uint64_t))
			return TEE_ERROR_BAD_FORMAT;
		memcpy(&p->u64, h->value, sizeof(uint64_t));
		break;
	case UTEE_PROP_UUID:
		if (h->len != sizeof(TEE_UUID))
			return TEE_ERROR_BAD_FORMAT;
		memcpy(&p->uuid, h->value, sizeof(TEE_UUID));
		break;
	case UTEE_PROP_IDENTITY:
		if (h->len != sizeof(TEE_Identity))
			return TEE_ERROR_BAD_FORMAT;
		memcpy(&p->id, h->value, sizeof(TEE_Identity));
		break;
	case UTEE_PROP_STRING:
	case UTEE_PROP_BINARY_BLOCK:
		if (!h->len || h->len > sizeof(h->value) ||
		    h->value[h->len - 1])
			return TEE_ERROR_BAD_FORMAT;
		p->str = (const char *)h->value;
		break;
	default:
		return TEE_ERROR_BAD_FORMAT;
	}
	return TEE_SUCCESS;
}

/* Property number index of a set, or TEE_ERROR_ITEM_NOT_FOUND. */
static TEE_Result prop_at(TEE_PropSetHandle set, uint32_t index,
			  struct prop *p)
{
	TEE_Result res;
	size_t i, seen = 0;

	memset(p, 0, sizeof(*p));
	if (set == TEE_PROPSET_CURRENT_TA) {
		for (i = 0; i < ta_num_props; i++) {
			if (!prop_ta_visible(i))
				continue;
			if (seen++ == index)
				return prop_from_ta(&ta_props[i], p);
		}
		return TEE_ERROR_ITEM_NOT_FOUND;
	}
	res = utee_get_property(set == TEE_PROPSET_CURRENT_CLIENT ?
				UTEE_PROPSET_CLIENT : UTEE_PROPSET_TEE,
				index, &p->host);
	if (res != TEE_SUCCESS)
		return res == TEE_ERROR_ITEM_NOT_FOUND ? res :
		       TEE_ERROR_GENERIC;
	return prop_from_host(p);
}

/*
 * The property a getter names: by name in a set, or the one an enumerator
 * is on (name ignored).
 */
static TEE_Result prop_find(TEE_PropSetHandle h, const char *name,
			    struct prop *p)
{
	struct __TEE_PropSetHandle *e;
	TEE_Result res;
	uint32_t i;

	if (!prop_is_pseudo(h)) {
		e = prop_enum(h);
		if (!e->set)
			return TEE_ERROR_ITEM_NOT_FOUND;
		return prop_at(e->set, e->index, p);
	}
	if (!name)
		return TEE_ERROR_ITEM_NOT_FOUND;
	for (i = 0;; i++) {
		res = prop_at(h, i, p);
		if (res != TEE_SUCCESS && res != TEE_ERROR_BAD_FORMAT)
			return res;
		if (!strcmp(p->name, name))
			return res;
	}
}

/* Copies a string out as GP's [outstring]: the size needed on return. */
static TEE_Result prop_out_string(const char *s, char *buf, size_t *len)
{
	size_t need = strlen(s) + 1;

	if (!len)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	if (!buf || *len < need) {
		*len = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	memcpy(buf, s, need);
	*len = need;
	return TEE_SUCCESS;
}

static void prop_uuid_text(const TEE_UUID *u, char *out, size_t len)
{
	snprintf(out, len, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 (unsigned int)u->timeLow, u->timeMid, u->timeHiAndVersion,
		 u->clockSeqAndNode[0], u->clockSeqAndNode[1],
		 u->clockSeqAndNode[2], u->clockSeqAndNode[3],
		 u->clockSeqAndNode[4], u->clockSeqAndNode[5],
		 u->clockSeqAndNode[6], u->clockSeqAndNode[7]);
}

TEE_Result TEE_GetPropertyAsString(TEE_PropSetHandle propsetOrEnumerator,
				   const char *name, char *valueBuffer,
				   size_t *valueBufferLen)
{
	char text[64], u[40];
	struct prop p;
	TEE_Result res;

	res = prop_find(propsetOrEnumerator, name, &p);
	if (res != TEE_SUCCESS)
		return res;
	switch (p.type) {
	case UTEE_PROP_BOOL:
		return prop_out_string(p.b ? "true" : "false", valueBuffer,
				       valueBufferLen);
	case UTEE_PROP_U32:
		snprintf(text, sizeof(text), "%u", (unsigned int)p.u32);
		break;
	case UTEE_PROP_U64:
		snprintf(text, sizeof(text), "%llu",
			 (unsigned long long)p.u64);
		break;
	case UTEE_PROP_UUID:
		prop_uuid_text(&p.uuid, text, sizeof(text));
		break;
	case UTEE_PROP_IDENTITY:
		prop_uuid_text(&p.id.uuid, u, sizeof(u));
		snprintf(text, sizeof(text), "%u:%s",
			 (unsigned int)p.id.login, u);
		break;
	default:
		return prop_out_string(p.str, valueBuffer, valueBufferLen);
	}
	return prop_out_string(text, valueBuffer, valueBufferLen);
}

TEE_Result __GP11_TEE_GetPropertyAsString(TEE_PropSetHandle propsetOrEnumerator,
					  const char *name, char *valueBuffer,
					  uint32_t *valueBufferLen)
{
	size_t len;
	TEE_Result res;

	if (!valueBufferLen)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	len = *valueBufferLen;
	res = TEE_GetPropertyAsString(propsetOrEnumerator, name, valueBuffer,
				      &len);
	*valueBufferLen = (uint32_t)len;
	return res;
}

static char prop_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool prop_equal_nocase(const char *a, const char *b)
{
	while (*a && prop_lower(*a) == prop_lower(*b)) {
		a++;
		b++;
	}
	return !*a && !*b;
}

TEE_Result TEE_GetPropertyAsBool(TEE_PropSetHandle propsetOrEnumerator,
				 const char *name, bool *value)
{
	struct prop p;
	TEE_Result res;

	if (!value)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = prop_find(propsetOrEnumerator, name, &p);
	if (res != TEE_SUCCESS)
		return res;
	if (p.type == UTEE_PROP_BOOL) {
		*value = p.b;
		return TEE_SUCCESS;
	}
	if (p.type == UTEE_PROP_STRING) {
		if (prop_equal_nocase(p.str, "true")) {
			*value = true;
			return TEE_SUCCESS;
		}
		if (prop_equal_nocase(p.str, "false")) {
			*value = false;
			return TEE_SUCCESS;
		}
	}
	return TEE_ERROR_BAD_FORMAT;
}

static int prop_digit(char c, unsigned int base)
{
	int d = c >= '0' && c <= '9' ? c - '0' :
		c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;

	return d < (int)base ? d : -1;
}

/*
 * GP's integer grammar: [0-9_]+ with an optional K or M multiplier,
 * 0[xX][0-9a-fA-F_]+, 0[bB][01_]+. Bounded by max; the whole string must
 * match.
 */
static bool prop_parse_int(const char *s, const char **end, uint64_t max,
			   uint64_t *out)
{
	unsigned int base = 10;
	uint64_t v = 0, mul = 1;
	bool digits = false;
	int d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
		base = 2;
		s += 2;
	}
	for (; *s; s++) {
		if (*s == '_')
			continue;
		d = prop_digit(*s, base);
		if (d < 0)
			break;
		if (v > (max - (uint64_t)d) / base)
			return false;
		v = v * base + (uint64_t)d;
		digits = true;
	}
	if (base == 10 && (*s == 'K' || *s == 'M')) {
		mul = *s == 'K' ? 1024 : 1024 * 1024;
		s++;
	}
	if (!digits || v > max / mul)
		return false;
	*out = v * mul;
	*end = s;
	return true;
}

static bool prop_string_int(const char *s, uint64_t max, uint64_t *out)
{
	const char *end;

	return prop_parse_int(s, &end, max, out) && !*end;
}

/*
 * An integer property: an integer of at most max (a U64 property only when
 * max allows it), or a string that reads as one.
 */
static TEE_Result prop_get_int(TEE_PropSetHandle h, const char *name,
			       uint64_t max, uint64_t *value)
{
	struct prop p;
	TEE_Result res;

	res = prop_find(h, name, &p);
	if (res != TEE_SUCCESS)
		return res;
	if (p.type == UTEE_PROP_U32) {
		*value = p.u32;
		return TEE_SUCCESS;
	}
	if (p.type == UTEE_PROP_U64 && max == UINT64_MAX) {
		*value = p.u64;
		return TEE_SUCCESS;
	}
	if (p.type == UTEE_PROP_STRING && prop_string_int(p.str, max, value))
		return TEE_SUCCESS;
	return TEE_ERROR_BAD_FORMAT;
}

TEE_Result TEE_GetPropertyAsU32(TEE_PropSetHandle propsetOrEnumerator,
				const char *name, uint32_t *value)
{
	TEE_Result res;
	uint64_t v;

	if (!value)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = prop_get_int(propsetOrEnumerator, name, UINT32_MAX, &v);
	if (res == TEE_SUCCESS)
		*value = (uint32_t)v;
	return res;
}

TEE_Result TEE_GetPropertyAsU64(TEE_PropSetHandle propsetOrEnumerator,
				const char *name, uint64_t *value)
{
	if (!value)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	return prop_get_int(propsetOrEnumerator, name, UINT64_MAX, value);
}

static int prop_b64(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Decodes base64 text into out (cap bytes; NULL to measure). Returns the
 * decoded length, or -1 if the text is not base64.
 */
static long prop_base64_decode(const char *s, uint8_t *out, size_t cap)
{
	uint32_t acc = 0;
	size_t n = 0, i, pad = 0, len = strlen(s);
	int bits = 0, d;

	while (len && s[len - 1] == '=' && pad < 2) {
		len--;
		pad++;
	}
	if (pad && (len + pad) % 4)
		return -1;
	for (i = 0; i < len; i++) {
		d = prop_b64(s[i]);
		if (d < 0)
			return -1;
		acc = acc << 6 | (uint32_t)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (out && n < cap)
				out[n] = (uint8_t)(acc >> bits);
			n++;
		}
	}
	/* Leftover bits must be padding zeros, and at most 4 of them. */
	if (bits >= 6 || (acc & ((1u << bits) - 1)))
		return -1;
	return (long)n;
}

TEE_Result TEE_GetPropertyAsBinaryBlock(TEE_PropSetHandle propsetOrEnumerator,
					const char *name, void *valueBuffer,
					size_t *valueBufferLen)
{
	struct prop p;
	TEE_Result res;
	long need;

	if (!valueBufferLen)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = prop_find(propsetOrEnumerator, name, &p);
	if (res != TEE_SUCCESS)
		return res;
	if (p.type != UTEE_PROP_BINARY_BLOCK && p.type != UTEE_PROP_STRING)
		return TEE_ERROR_BAD_FORMAT;
	need = prop_base64_decode(p.str, NULL, 0);
	if (need < 0)
		return TEE_ERROR_BAD_FORMAT;
	if ((need && !valueBuffer) || *valueBufferLen < (size_t)need) {
		*valueBufferLen = (size_t)need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	prop_base64_decode(p.str, valueBuffer, (size_t)need);
	*valueBufferLen = (size_t)need;
	return TEE_SUCCESS;
}

TEE_Result
__GP11_TEE_GetPropertyAsBinaryBlock(TEE_PropSetHandle propsetOrEnumerator,
				    const char *name, void *valueBuffer,
				    uint32_t *valueBufferLen)
{
	size_t len;
	TEE_Result res;

	if (!valueBufferLen)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	len = *valueBufferLen;
	res = TEE_GetPropertyAsBinaryBlock(propsetOrEnumerator, name,
					   valueBuffer, &len);
	*valueBufferLen = (uint32_t)len;
	return res;
}

/* A UUID string at the start of s; end: after it. */
static bool prop_parse_uuid(const char *s, const char **end, TEE_UUID *u)
{
	if (!utee_uuid_parse(s, u))
		return false;
	*end = s + UTEE_UUID_STR_LEN;
	return true;
}

TEE_Result TEE_GetPropertyAsUUID(TEE_PropSetHandle propsetOrEnumerator,
				 const char *name, TEE_UUID *value)
{
	const char *end;
	struct prop p;
	TEE_Result res;

	if (!value)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = prop_find(propsetOrEnumerator, name, &p);
	if (res != TEE_SUCCESS)
		return res;
	if (p.type == UTEE_PROP_UUID) {
		*value = p.uuid;
		return TEE_SUCCESS;
	}
	if (p.type == UTEE_PROP_STRING && prop_parse_uuid(p.str, &end, value) &&
	    !*end)
		return TEE_SUCCESS;
	return TEE_ERROR_BAD_FORMAT;
}

TEE_Result TEE_GetPropertyAsIdentity(TEE_PropSetHandle propsetOrEnumerator,
				     const char *name, TEE_Identity *value)
{
	TEE_Identity id = { 0 };
	const char *end;
	struct prop p;
	TEE_Result res;
	uint64_t login;

	if (!value)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	res = prop_find(propsetOrEnumerator, name, &p);
	if (res != TEE_SUCCESS)
		return res;
	if (p.type == UTEE_PROP_IDENTITY) {
		*value = p.id;
		return TEE_SUCCESS;
	}
	if (p.type != UTEE_PROP_STRING ||
	    !prop_parse_int(p.str, &end, UINT32_MAX, &login))
		return TEE_ERROR_BAD_FORMAT;
	id.login = (uint32_t)login;
	if (*end == ':' && (!prop_parse_uuid(end + 1, &end, &id.uuid) || *end))
		return TEE_ERROR_BAD_FORMAT;
	if (*end && *end != ':')
		return TEE_ERROR_BAD_FORMAT;
	*value = id;
	return TEE_SUCCESS;
}

TEE_Result TEE_AllocatePropertyEnumerator(TEE_PropSetHandle *enumerator)
{
	struct __TEE_PropSetHandle *e;

	if (!enumerator)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	e = TEE_Malloc(sizeof(*e), TEE_MALLOC_FILL_ZERO);
	if (!e) {
		*enumerator = TEE_HANDLE_NULL;
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	e->magic = PROP_ENUM_MAGIC;
	e->next = prop_enums;
	prop_enums = e;
	*enumerator = e;
	return TEE_SUCCESS;
}

void TEE_FreePropertyEnumerator(TEE_PropSetHandle enumerator)
{
	struct __TEE_PropSetHandle **pp, *e;

	if (!enumerator)
		return;
	e = prop_enum(enumerator);
	for (pp = &prop_enums; *pp; pp = &(*pp)->next) {
		if (*pp == e) {
			*pp = e->next;
			break;
		}
	}
	e->magic = 0;
	TEE_Free(e);
}

void TEE_StartPropertyEnumerator(TEE_PropSetHandle enumerator,
				 TEE_PropSetHandle propSet)
{
	struct __TEE_PropSetHandle *e = prop_enum(enumerator);

	if (!prop_is_pseudo(propSet))
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	e->set = propSet;
	e->index = 0;
}

void TEE_ResetPropertyEnumerator(TEE_PropSetHandle enumerator)
{
	struct __TEE_PropSetHandle *e = prop_enum(enumerator);

	e->set = NULL;
	e->index = 0;
}

TEE_Result TEE_GetPropertyName(TEE_PropSetHandle enumerator,
			       void *nameBuffer, size_t *nameBufferLen)
{
	struct __TEE_PropSetHandle *e = prop_enum(enumerator);
	struct prop p;
	TEE_Result res;

	if (!e->set)
		return TEE_ERROR_ITEM_NOT_FOUND;
	res = prop_at(e->set, e->index, &p);
	if (res != TEE_SUCCESS && res != TEE_ERROR_BAD_FORMAT)
		return res;
	return prop_out_string(p.name, nameBuffer, nameBufferLen);
}

TEE_Result __GP11_TEE_GetPropertyName(TEE_PropSetHandle enumerator,
				      void *nameBuffer,
				      uint32_t *nameBufferLen)
{
	size_t len;
	TEE_Result res;

	if (!nameBufferLen)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	len = *nameBufferLen;
	res = TEE_GetPropertyName(enumerator, nameBuffer, &len);
	*nameBufferLen = (uint32_t)len;
	return res;
}

TEE_Result TEE_GetNextProperty(TEE_PropSetHandle enumerator)
{
	struct __TEE_PropSetHandle *e = prop_enum(enumerator);
	struct prop p;
	TEE_Result res;

	if (!e->set)
		return TEE_ERROR_ITEM_NOT_FOUND;
	res = prop_at(e->set, e->index + 1, &p);
	if (res == TEE_ERROR_ITEM_NOT_FOUND) {
		/* Past the last: the enumerator stays at the end. */
		e->index++;
		return res;
	}
	e->index++;
	return TEE_SUCCESS;
}
