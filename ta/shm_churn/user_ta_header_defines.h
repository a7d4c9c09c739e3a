/* shm_churn as the dev kit sees it: one instance per session. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <shm_churn_ta.h>

#define TA_UUID		TA_SHM_CHURN_UUID
#define TA_FLAGS	TA_FLAG_MULTI_SESSION
#define TA_STACK_SIZE	(8 * 1024)
#define TA_DATA_SIZE	(16 * 1024)

/* gpd.ta.description is the kit's to set, from TA_DESCRIPTION. */
#define TA_DESCRIPTION	"shm_churn: shared memory data paths under load"

#endif
