/*
 * Compiled once per TA with its user_ta_header_defines.h: the ".ta_head"
 * the host and the core read, the heap of TA_DATA_SIZE bytes, and the TA's
 * property table.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ta_heap.h>
#include <tee_api_types.h>
#include <user_ta_header.h>
#include <user_ta_header_defines.h>
#include <utee_props.h>

#ifndef TA_UUID
#error "user_ta_header_defines.h must define TA_UUID"
#endif
#ifndef TA_FLAGS
#error "user_ta_header_defines.h must define TA_FLAGS"
#endif
#ifndef TA_STACK_SIZE
#error "user_ta_header_defines.h must define TA_STACK_SIZE"
#endif
#ifndef TA_DATA_SIZE
#error "user_ta_header_defines.h must define TA_DATA_SIZE"
#endif

/*
 * struct utee_ta_head with its UUID fields seen as one TEE_UUID, so the
 * braced TA_UUID initialiser fits. The asserts tie the two layouts.
 */
union ta_head_image {
	struct utee_ta_head head;
	struct {
		uint32_t magic;
		uint32_t abi_version;
		TEE_UUID uuid;
		uint32_t flags;
		uint32_t stack_size;
		uint32_t data_size;
		uint32_t reserved;
	} init;
};

_Static_assert(sizeof(union ta_head_image) == sizeof(struct utee_ta_head),
	       "ta_head_image must not grow the TA head");
_Static_assert(offsetof(union ta_head_image, init.uuid) ==
	       offsetof(struct utee_ta_head, uuid_time_low),
	       "UUID placement");
_Static_assert(offsetof(union ta_head_image, init.flags) ==
	       offsetof(struct utee_ta_head, flags), "flags placement");
_Static_assert(offsetof(union ta_head_image, init.reserved) ==
	       offsetof(struct utee_ta_head, reserved), "reserved placement");

/* "retain": nothing in the TA refers to it, the link must keep it anyway. */
const union ta_head_image ta_head
	__attribute__((section(UTEE_TA_HEAD_SECTION), used, retain)) = {
	.init = {
		.magic = UTEE_TA_HEAD_MAGIC,
		.abi_version = UTEE_ABI_VERSION,
		.uuid = TA_UUID,
		.flags = TA_FLAGS,
		.stack_size = TA_STACK_SIZE,
		.data_size = TA_DATA_SIZE,
	},
};

uint8_t ta_heap[TA_DATA_SIZE] __attribute__((aligned(TA_HEAP_ALIGN)));
const size_t ta_heap_size = sizeof(ta_heap);

/* What a TA that declares neither says about itself. */
#ifndef TA_VERSION
#define TA_VERSION	"0.0"
#endif
#ifndef TA_DESCRIPTION
#define TA_DESCRIPTION	""
#endif

_Static_assert(USER_TA_PROP_TYPE_BOOL == UTEE_PROP_BOOL &&
	       USER_TA_PROP_TYPE_U32 == UTEE_PROP_U32 &&
	       USER_TA_PROP_TYPE_UUID == UTEE_PROP_UUID &&
	       USER_TA_PROP_TYPE_IDENTITY == UTEE_PROP_IDENTITY &&
	       USER_TA_PROP_TYPE_STRING == UTEE_PROP_STRING &&
	       USER_TA_PROP_TYPE_BINARY_BLOCK == UTEE_PROP_BINARY_BLOCK &&
	       USER_TA_PROP_TYPE_U64 == UTEE_PROP_U64,
	       "the ABI's property types are the header's");

/*
 * Kept whether or not the TA reads its own properties. Layout: see
 * utee_props.h; the counts below must match.
 */
__attribute__((used, retain))
const struct user_ta_property ta_props[] = {
	{ "gpd.ta.appID", USER_TA_PROP_TYPE_UUID, &(const TEE_UUID)TA_UUID },
	{ "gpd.ta.singleInstance", USER_TA_PROP_TYPE_BOOL,
	  &(const bool){ (TA_FLAGS & TA_FLAG_SINGLE_INSTANCE) != 0 } },
	{ "gpd.ta.multiSession", USER_TA_PROP_TYPE_BOOL,
	  &(const bool){ (TA_FLAGS & TA_FLAG_MULTI_SESSION) != 0 } },
	{ "gpd.ta.instanceKeepAlive", USER_TA_PROP_TYPE_BOOL,
	  &(const bool){ (TA_FLAGS & TA_FLAG_INSTANCE_KEEP_ALIVE) != 0 } },
	{ "gpd.ta.dataSize", USER_TA_PROP_TYPE_U32,
	  &(const uint32_t){ TA_DATA_SIZE } },
	{ "gpd.ta.stackSize", USER_TA_PROP_TYPE_U32,
	  &(const uint32_t){ TA_STACK_SIZE } },
	{ "gpd.ta.version", USER_TA_PROP_TYPE_STRING, TA_VERSION },
	{ "gpd.ta.description", USER_TA_PROP_TYPE_STRING, TA_DESCRIPTION },
	{ "gpd.ta.endian", USER_TA_PROP_TYPE_U32, &(const uint32_t){ 0 } },
	{ "gpd.ta.doesNotCloseHandleOnCorruptObject", USER_TA_PROP_TYPE_BOOL,
	  &(const bool){ (TA_FLAGS &
			  TA_FLAG_DONT_CLOSE_HANDLE_ON_CORRUPT_OBJECT) != 0 } },
#ifdef TA_CURRENT_TA_EXT_PROPERTIES
	TA_CURRENT_TA_EXT_PROPERTIES
#endif
};

__attribute__((used, retain))
const size_t ta_num_props = sizeof(ta_props) / sizeof(ta_props[0]);
const size_t ta_num_fixed_props = 6;
const size_t ta_num_default_props = 4;
