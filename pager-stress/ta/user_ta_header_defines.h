/* pager-stress, single instance: every session shares the one instance. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <pager_stress_ta.h>

#define TA_UUID		TA_PAGER_STRESS_UUID
#define TA_FLAGS	(TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(8 * 1024)
#define TA_DATA_SIZE	(16 * 1024)

#endif
