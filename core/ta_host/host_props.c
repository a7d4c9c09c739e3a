/*
 * The property sets the TA reads through the host: the current client's
 * (gpd.client.*) and the TEE implementation's (gpd.tee.*), by index. The
 * TA's own set lives in the TA (libutee) and needs no syscall.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <openssl/evp.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <teecheck/ta_abi.h>

#include "host_parts.h"

/* Name space of gpd.tee.deviceID: a v5 UUID of the machine's ID. */
static const uint8_t props_device_ns[16] = {
	0xd4, 0xc1, 0xe2, 0xa0, 0x5b, 0x7f, 0x4c, 0x3e,
	0x9a, 0x61, 0x2f, 0x8e, 0x7d, 0x3b, 0x6c, 0x15,
};

#define PROPS_VERSION		"1.0"
#define PROPS_BINARY_VERSION	0x00010000u

struct props_tee {
	const char *name;
	uint32_t type;
	uint32_t u32;		/* BOOL, U32 */
	const char *str;	/* STRING */
};

/* 100: an REE-controlled clock or store; 0: no rollback protection. */
static const struct props_tee props_tee[] = {
	{ "gpd.tee.apiversion", UTEE_PROP_STRING, 0, "1.3.1" },
	{ "gpd.tee.internalCore.version", UTEE_PROP_U32, 0x01030100u, NULL },
	{ "gpd.tee.description", UTEE_PROP_STRING, 0,
	  "teecheck bundled secure core " PROPS_VERSION },
	{ "gpd.tee.deviceID", UTEE_PROP_UUID, 0, NULL },
	{ "gpd.tee.systemTime.protectionLevel", UTEE_PROP_U32, 100, NULL },
	{ "gpd.tee.TAPersistentTime.protectionLevel", UTEE_PROP_U32, 100,
	  NULL },
	{ "gpd.tee.arith.maxBigIntSize", UTEE_PROP_U32, 4096, NULL },
	{ "gpd.tee.cryptography.ecc", UTEE_PROP_BOOL, 0, NULL },
	{ "gpd.tee.cryptography.nist", UTEE_PROP_BOOL, 0, NULL },
	{ "gpd.tee.cryptography.bsi-r", UTEE_PROP_BOOL, 0, NULL },
	{ "gpd.tee.cryptography.bsi-t", UTEE_PROP_BOOL, 0, NULL },
	{ "gpd.tee.cryptography.ietf", UTEE_PROP_BOOL, 0, NULL },
	{ "gpd.tee.cryptography.octa", UTEE_PROP_BOOL, 0, NULL },
	{ "gpd.tee.trustedStorage.antiRollback.protectionLevel",
	  UTEE_PROP_U32, 0, NULL },
	{ "gpd.tee.trustedStorage.rollbackDetection.protectionLevel",
	  UTEE_PROP_U32, 0, NULL },
	{ "gpd.tee.trustedos.implementation.version", UTEE_PROP_STRING, 0,
	  "teecheck " PROPS_VERSION },
	{ "gpd.tee.trustedos.implementation.binaryversion", UTEE_PROP_U32,
	  PROPS_BINARY_VERSION, NULL },
	{ "gpd.tee.trustedos.manufacturer", UTEE_PROP_STRING, 0, "teecheck" },
	{ "gpd.tee.firmware.implementation.version", UTEE_PROP_STRING, 0,
	  "teecheck " PROPS_VERSION },
	{ "gpd.tee.firmware.implementation.binaryversion", UTEE_PROP_U32,
	  PROPS_BINARY_VERSION, NULL },
	{ "gpd.tee.firmware.manufacturer", UTEE_PROP_STRING, 0, "teecheck" },
	{ "gpd.tee.event.maxSources", UTEE_PROP_U32, 0, NULL },
};

static void props_uuid_from_bytes(const uint8_t b[16], TEE_UUID *u)
{
	u->timeLow = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
		     (uint32_t)b[2] << 8 | b[3];
	u->timeMid = (uint16_t)(b[4] << 8 | b[5]);
	u->timeHiAndVersion = (uint16_t)(b[6] << 8 | b[7]);
	memcpy(u->clockSeqAndNode, b + 8, 8);
}

/* A v5 UUID of /etc/machine-id (or the host name): stable per machine. */
static void props_device_id(TEE_UUID *out)
{
	static uint8_t id[16];
	static bool done;
	uint8_t md[EVP_MAX_MD_SIZE];
	char name[256] = "";
	unsigned int len = 0;
	EVP_MD_CTX *ctx;
	FILE *f;

	if (!done) {
		f = fopen("/etc/machine-id", "re");
		if (!f || !fgets(name, sizeof(name), f))
			gethostname(name, sizeof(name) - 1);
		if (f)
			fclose(f);
		name[strcspn(name, "\n")] = 0;
		ctx = EVP_MD_CTX_new();
		if (ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) &&
		    EVP_DigestUpdate(ctx, props_device_ns, 16) &&
		    EVP_DigestUpdate(ctx, name, strlen(name)) &&
		    EVP_DigestFinal_ex(ctx, md, &len) && len >= 16) {
			memcpy(id, md, 16);
			id[6] = (uint8_t)((id[6] & 0x0f) | 0x50);
			id[8] = (uint8_t)((id[8] & 0x3f) | 0x80);
		}
		EVP_MD_CTX_free(ctx);
		done = true;
	}
	props_uuid_from_bytes(id, out);
}

static void props_put(struct utee_property *p, const char *name,
		      uint32_t type, const void *value, size_t len)
{
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->type = type;
	p->len = (uint32_t)len;
	memcpy(p->value, value, len);
}

static TEE_Result props_tee_get(size_t index, struct utee_property *p)
{
	const struct props_tee *t;
	TEE_UUID dev;

	if (index >= sizeof(props_tee) / sizeof(props_tee[0]))
		return TEE_ERROR_ITEM_NOT_FOUND;
	t = &props_tee[index];
	switch (t->type) {
	case UTEE_PROP_STRING:
		props_put(p, t->name, t->type, t->str, strlen(t->str) + 1);
		break;
	case UTEE_PROP_UUID:
		props_device_id(&dev);
		props_put(p, t->name, t->type, &dev, sizeof(dev));
		break;
	default:
		props_put(p, t->name, t->type, &t->u32, sizeof(t->u32));
		break;
	}
	return TEE_SUCCESS;
}

/* Outside a session's call (TA_CreateEntryPoint...) there is no client. */
static TEE_Result props_client_get(size_t index, struct utee_property *p)
{
	TEE_Identity id;
	uint8_t uuid[16];
	uint32_t endian = 0;	/* little endian, as the TA is */

	if (!host_session_client(&id.login, uuid))
		return TEE_ERROR_ITEM_NOT_FOUND;
	switch (index) {
	case 0:
		props_uuid_from_bytes(uuid, &id.uuid);
		props_put(p, "gpd.client.identity", UTEE_PROP_IDENTITY, &id,
			  sizeof(id));
		return TEE_SUCCESS;
	case 1:
		props_put(p, "gpd.client.endian", UTEE_PROP_U32, &endian,
			  sizeof(endian));
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_ITEM_NOT_FOUND;
	}
}

TEE_Result sys_get_property(uintptr_t set, uintptr_t index, uintptr_t out)
{
	struct utee_property p;
	TEE_Result res;

	if (!host_mem_usable(out, sizeof(p), true))
		return TEE_ERROR_BAD_PARAMETERS;
	memset(&p, 0, sizeof(p));
	switch (set) {
	case UTEE_PROPSET_CLIENT:
		res = props_client_get(index, &p);
		break;
	case UTEE_PROPSET_TEE:
		res = props_tee_get(index, &p);
		break;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (res == TEE_SUCCESS)
		memcpy((void *)out, &p, sizeof(p));
	return res;
}
