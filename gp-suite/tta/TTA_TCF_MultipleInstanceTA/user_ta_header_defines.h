/*
 * TTA_TCF_MultipleInstanceTA as the dev kit builds it: GP's UUID, an
 * instance for each session.
 */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#define TA_UUID		{ 0x534d4152, 0x5443, 0x534c, \
			  { 0x4d, 0x4c, 0x54, 0x49, 0x4e, 0x53, 0x54, 0x43 } }
#define TA_FLAGS	(0)
#define TA_STACK_SIZE	(8 * 1024)
#define TA_DATA_SIZE	(32 * 1024)

/* gpd.ta.description is the kit's to set, from TA_DESCRIPTION. */
#define TA_DESCRIPTION	"one instance a session, with instance data"

#endif
