/* storage_test2: storage_test under another UUID. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <storage_test_ta.h>

#define TA_UUID		TA_STORAGE_TEST2_UUID
#define TA_FLAGS	TA_FLAG_MULTI_SESSION
#define TA_STACK_SIZE	(16 * 1024)
#define TA_DATA_SIZE	(256 * 1024)

#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "gpd.ta.description", USER_TA_PROP_TYPE_STRING, \
	  "storage_test2: storage_test under another UUID" }

#endif
