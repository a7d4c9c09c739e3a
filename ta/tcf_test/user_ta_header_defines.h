/* tcf_test: single instance, multi session. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <tcf_test_props.h>

#define TA_UUID		TA_TCF_TEST_UUID
#define TA_FLAGS	(TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(16 * 1024)
#define TA_DATA_SIZE	(256 * 1024)
#define TA_VERSION	TCF_PROP_VERSION

#define TA_CURRENT_TA_EXT_PROPERTIES	TCF_TEST_EXT_PROPERTIES

#endif
