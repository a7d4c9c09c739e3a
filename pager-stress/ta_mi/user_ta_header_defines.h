/* pager-stress, multi-instance: every session is an instance of its own. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <pager_stress_ta.h>

#define TA_UUID		TA_PAGER_STRESS_MI_UUID
#define TA_FLAGS	0
#define TA_STACK_SIZE	(8 * 1024)
#define TA_DATA_SIZE	(16 * 1024)

#endif
