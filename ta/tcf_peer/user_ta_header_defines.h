/* tcf_peer: the callee of TA-to-TA calls; single instance, multi session. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <tcf_peer_ta.h>

#define TA_UUID		TA_TCF_PEER_UUID
#define TA_FLAGS	(TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(16 * 1024)
#define TA_DATA_SIZE	(32 * 1024)
#define TA_DESCRIPTION	"tcf_peer: the callee of TA-to-TA calls"

#endif
