/*
 * TTA_testingClientAPI_Parameters_OpenSession as the dev kit builds it: GP's
 * UUID, one instance, many sessions.
 */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#define TA_UUID		{ 0x534d4152, 0x5443, 0x534c, \
			  { 0x54, 0x43, 0x4c, 0x49, 0x50, 0x4f, 0x50, 0x53 } }
#define TA_FLAGS	(TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE	(8 * 1024)
#define TA_DATA_SIZE	(32 * 1024)

/* gpd.ta.description is the kit's to set, from TA_DESCRIPTION. */
#define TA_DESCRIPTION	"checks and updates the parameters of open session"

#endif
