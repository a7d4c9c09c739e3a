/*
 * os_test_mi: os_test's code as a multi-instance TA, so tests can tell a
 * shared instance from one instance per session.
 */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <os_test_ta.h>

#define TA_UUID		TA_OS_TEST_MI_UUID
#define TA_FLAGS	TA_FLAG_MULTI_SESSION
#define TA_STACK_SIZE	(16 * 1024)
#define TA_DATA_SIZE	(64 * 1024)

/* gpd.ta.description is the kit's to set, from TA_DESCRIPTION. */
#define TA_DESCRIPTION	"os_test_mi: os_test as a multi-instance TA"

#endif
