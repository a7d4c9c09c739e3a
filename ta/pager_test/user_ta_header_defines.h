/* pager_test as the dev kit sees it: every session is an instance. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <pager_test_ta.h>

#define TA_UUID		TA_PAGER_TEST_UUID
#define TA_FLAGS	0
#define TA_STACK_SIZE	PT_TA_STACK_SIZE
#define TA_DATA_SIZE	(16 * 1024)

/* gpd.ta.description is the kit's to set, from TA_DESCRIPTION. */
#define TA_DESCRIPTION	"pager_test: data, code and read-only data larger than a pool"

#endif
