/*
 * What a TA folder's user_ta_header_defines.h may use: the TA_FLAG_* bits
 * for TA_FLAGS and the property entries of TA_CURRENT_TA_EXT_PROPERTIES.
 * Names follow OP-TEE's so a TA folder builds with either dev kit.
 */
#ifndef USER_TA_HEADER_H
#define USER_TA_HEADER_H

#include <stddef.h>
#include <teecheck/ta_abi.h>

/*
 * Flags of OP-TEE's with no effect here, accepted so its TA folders build:
 * deprecated ones (0), and ones about pseudo TAs, secure data path, cache
 * maintenance and device enumeration, none of which this TEE has.
 */
#define TA_FLAG_USER_MODE		0
#define TA_FLAG_EXEC_DDR		0
#define TA_FLAG_REMAP_SUPPORT		0
#define TA_FLAG_SECURE_DATA_PATH	(1 << 5)
#define TA_FLAG_CACHE_MAINTENANCE	(1 << 7)
#define TA_FLAG_CONCURRENT		(1 << 8)
#define TA_FLAG_DEVICE_ENUM		(1 << 9)
#define TA_FLAG_DEVICE_ENUM_SUPP	(1 << 10)
/* Sets the TA property gpd.ta.doesNotCloseHandleOnCorruptObject. */
#define TA_FLAG_DONT_CLOSE_HANDLE_ON_CORRUPT_OBJECT (1 << 11)

enum user_ta_prop_type {
	USER_TA_PROP_TYPE_BOOL,		/* value: const bool * */
	USER_TA_PROP_TYPE_U32,		/* value: const uint32_t * */
	USER_TA_PROP_TYPE_UUID,		/* value: const TEE_UUID * */
	USER_TA_PROP_TYPE_IDENTITY,	/* value: const TEE_Identity * */
	USER_TA_PROP_TYPE_STRING,	/* value: const char * */
	USER_TA_PROP_TYPE_BINARY_BLOCK,	/* value: const char *, base64 */
	USER_TA_PROP_TYPE_U64,		/* value: const uint64_t * */
	USER_TA_PROP_TYPE_INVALID,
};

/*
 * One TA property, "gpd.ta.*" or the TA's own; TA_CURRENT_TA_EXT_PROPERTIES
 * is a comma-separated list of initialisers of this type.
 */
struct user_ta_property {
	const char *name;
	enum user_ta_prop_type type;
	const void *value;
};

/* The current TA's properties: the standard ones, then its own. */
extern const struct user_ta_property ta_props[];
extern const size_t ta_num_props;

#endif
