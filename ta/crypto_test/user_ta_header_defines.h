/* crypto_test: the 4000 and 4100 series' TA, against the v1.3.1 API. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <crypto_test_ta.h>

#define TA_UUID		TA_CRYPTO_TEST_UUID
#define TA_FLAGS	(TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(32 * 1024)
#define TA_DATA_SIZE	(256 * 1024)

#define TA_CURRENT_TA_EXT_PROPERTIES \
	{ "gpd.ta.description", USER_TA_PROP_TYPE_STRING, \
	  "crypto_test: objects, operations and arithmetic" }

#endif
