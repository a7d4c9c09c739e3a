/* tcf_test built as a multi-instance TA: an instance per session. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <tcf_test_props.h>

#define TA_UUID		TA_TCF_TEST_MI_UUID
#define TA_FLAGS	(TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(16 * 1024)
/*
 * 1022.4 runs here: a block grown a page at a time to 20 KiB, each time
 * moved past an 8-byte block, leaves freed blocks of 4, 8 and 12 KiB that
 * nothing can merge; with the 16 KiB block and its 20 KiB copy that is
 * 62 KiB at the peak, more than a 64 KiB heap holds besides the kit's own
 * allocations and block headers (OP-TEE's returns NULL there).
 */
#define TA_DATA_SIZE	(128 * 1024)
#define TA_VERSION	TCF_PROP_VERSION

#define TA_CURRENT_TA_EXT_PROPERTIES	TCF_TEST_EXT_PROPERTIES

#endif
