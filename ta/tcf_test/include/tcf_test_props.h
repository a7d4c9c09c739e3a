/*
 * tcf_test's own properties (TA_CURRENT_TA_EXT_PROPERTIES), one of each
 * type, strings to convert and a duplicate name (the first wins). None
 * starts with "gpd.": those are the implementation's, and OP-TEE's kit
 * keeps TA-declared names out of them. Values: tcf_test_ta.h.
 */
#ifndef TCF_TEST_PROPS_H
#define TCF_TEST_PROPS_H

#include <tcf_test_ta.h>

/* gpd.ta.description is the kit's to set, from TA_DESCRIPTION. */
#define TA_DESCRIPTION	TCF_PROP_DESCRIPTION

#define TCF_TEST_EXT_PROPERTIES \
	{ "tcf.bool", USER_TA_PROP_TYPE_BOOL, &(const bool){ true } }, \
	{ "tcf.u32", USER_TA_PROP_TYPE_U32, &(const uint32_t){ TCF_PROP_U32 } }, \
	{ "tcf.u64", USER_TA_PROP_TYPE_U64, &(const uint64_t){ TCF_PROP_U64 } }, \
	{ "tcf.uuid", USER_TA_PROP_TYPE_UUID, \
	  &(const TEE_UUID)TCF_PROP_UUID }, \
	{ "tcf.identity", USER_TA_PROP_TYPE_IDENTITY, \
	  &(const TEE_Identity){ TCF_PROP_IDENTITY_LOGIN, TCF_PROP_UUID } }, \
	{ "tcf.string", USER_TA_PROP_TYPE_STRING, TCF_PROP_STRING }, \
	{ "tcf.binary", USER_TA_PROP_TYPE_BINARY_BLOCK, TCF_PROP_BINARY_B64 }, \
	{ "tcf.binary.empty", USER_TA_PROP_TYPE_BINARY_BLOCK, "" }, \
	{ "tcf.str.true", USER_TA_PROP_TYPE_STRING, "TRUE" }, \
	{ "tcf.str.false", USER_TA_PROP_TYPE_STRING, "false" }, \
	{ "tcf.str.hex", USER_TA_PROP_TYPE_STRING, "0x1_0000" }, \
	{ "tcf.str.kilo", USER_TA_PROP_TYPE_STRING, "4K" }, \
	{ "tcf.str.mega", USER_TA_PROP_TYPE_STRING, "2M" }, \
	{ "tcf.str.bin", USER_TA_PROP_TYPE_STRING, "0b1010" }, \
	{ "tcf.str.big", USER_TA_PROP_TYPE_STRING, "4294967296" }, \
	{ "tcf.str.bad", USER_TA_PROP_TYPE_STRING, "12x" }, \
	{ "tcf.str.uuid", USER_TA_PROP_TYPE_STRING, \
	  "01234567-89AB-4cde-8f01-23456789abcd" }, \
	{ "tcf.str.identity", USER_TA_PROP_TYPE_STRING, \
	  "4026531840:01234567-89ab-4cde-8f01-23456789abcd" }, \
	{ "tcf.str.b64", USER_TA_PROP_TYPE_STRING, "aGVsbG8=" }, \
	{ "tcf.u32", USER_TA_PROP_TYPE_U32, &(const uint32_t){ 7 } }

#endif
