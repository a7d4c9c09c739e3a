/*
 * TTA_TCF as the dev kit builds it: GP's UUID, one instance, many
 * sessions, and one property of each type for the property commands.
 */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <tee_api_types.h>

#define TA_UUID		{ 0x534d4152, 0x542d, 0x4353, \
			  { 0x4c, 0x54, 0x2d, 0x54, 0x41, 0x2d, 0x30, 0x31 } }
#define TA_FLAGS	(TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(16 * 1024)
#define TA_DATA_SIZE	(64 * 1024)
/* OP-TEE's kit gives TEE_MALLOC_NO_SHARE its own heap of this size. */
#define TA_NO_SHARE_DATA_SIZE	(16 * 1024)

/* gpd.ta.description is the kit's to set, from TA_DESCRIPTION. */
#define TA_DESCRIPTION	"the Trusted Core Framework under test"

/* The values gp_names.h's TEXT_TTA_* spell as text. */
#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "teecheck.tta.string", USER_TA_PROP_TYPE_STRING, \
	  "this is a test string" }, \
	{ "teecheck.tta.bool", USER_TA_PROP_TYPE_BOOL, \
	  &(const bool){ true } }, \
	{ "teecheck.tta.u32", USER_TA_PROP_TYPE_U32, \
	  &(const uint32_t){ 48059 } }, \
	{ "teecheck.tta.uuid", USER_TA_PROP_TYPE_UUID, \
	  &(const TEE_UUID)TA_UUID }, \
	{ "teecheck.tta.identity", USER_TA_PROP_TYPE_IDENTITY, \
	  &(const TEE_Identity){ .login = TEE_LOGIN_TRUSTED_APP, \
		.uuid = { 0x534d4152, 0x5443, 0x534c, { 0x54, 0x54, 0x43, \
			  0x46, 0x49, 0x43, 0x41, 0x32 } } } }, \
	{ "teecheck.tta.binaryBlock", USER_TA_PROP_TYPE_BINARY_BLOCK, \
	  "SGVsbG8sIFRFRQ==" }

#endif
