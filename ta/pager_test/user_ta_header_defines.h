/* pager_test as the dev kit sees it: every session is an instance. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <pager_test_ta.h>

#define TA_UUID		TA_PAGER_TEST_UUID
#define TA_FLAGS	0
#define TA_STACK_SIZE	PT_TA_STACK_SIZE
#define TA_DATA_SIZE	(16 * 1024)

#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "gpd.ta.description", USER_TA_PROP_TYPE_STRING, \
	  "pager_test: data, code and read-only data larger than a pool" }

#endif
