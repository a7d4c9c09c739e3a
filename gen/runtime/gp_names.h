/*
 * The symbolic names GP's test-suite XML uses as values: the UUIDs of GP's
 * test TAs, their command IDs, and the test values and sizes the scenarios
 * pass. Values are GP's; the generated cases use them by name.
 */
#ifndef GP_NAMES_H
#define GP_NAMES_H

#include <stdint.h>

#include <tee_client_api.h>

/* A UUID as a pointer expression, what TEEC_OpenSession takes. */
#define GP_UUID(tl, tm, th, c0, c1, c2, c3, c4, c5, c6, c7)		\
	(&(const TEEC_UUID){ (tl), (tm), (th),				\
			     { (c0), (c1), (c2), (c3),			\
			       (c4), (c5), (c6), (c7) } })

/* GP's test TAs (TTAs). */
#define TTA_TCF								\
	GP_UUID(0x534d4152, 0x542d, 0x4353,				\
		0x4c, 0x54, 0x2d, 0x54, 0x41, 0x2d, 0x30, 0x31)
#define TTA_TCF_ICA							\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x54, 0x41, 0x54, 0x43, 0x46, 0x49, 0x43, 0x41)
#define TTA_TCF_ICA2							\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x54, 0x54, 0x43, 0x46, 0x49, 0x43, 0x41, 0x32)
#define TTA_TCF_MultipleInstanceTA					\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x4d, 0x4c, 0x54, 0x49, 0x4e, 0x53, 0x54, 0x43)
#define TTA_TCF_SingleInstanceTA					\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x53, 0x47, 0x4c, 0x49, 0x4e, 0x53, 0x54, 0x43)
#define TTA_TCF_PanicAtCloseSession					\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x43, 0x4c, 0x4f, 0x50, 0x41, 0x4e, 0x49, 0x43)
#define TTA_TCF_PanicAtCreation						\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x54, 0x43, 0x52, 0x50, 0x41, 0x4e, 0x49, 0x43)
#define TTA_Time							\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x5f, 0x54, 0x49, 0x4d, 0x45, 0x41, 0x50, 0x49)
#define TTA_answerErrorTo_Invoke					\
	GP_UUID(0x534d4152, 0x542d, 0x4353,				\
		0x4c, 0x54, 0x2d, 0x54, 0x41, 0x2d, 0x45, 0x52)
#define TTA_answerErrorTo_OpenSession					\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x54, 0x45, 0x52, 0x52, 0x54, 0x4f, 0x4f, 0x53)
#define TTA_answerSuccessTo_OpenSession_Invoke				\
	GP_UUID(0x534d4152, 0x542d, 0x4353,				\
		0x4c, 0x54, 0x2d, 0x54, 0x41, 0x2d, 0x53, 0x55)
#define TTA_check_OpenSession_with_4_parameters				\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x54, 0x4f, 0x53, 0x34, 0x50, 0x41, 0x52, 0x4d)
#define TTA_testingClientAPI						\
	GP_UUID(0x534d4152, 0x542d, 0x4353,				\
		0x4c, 0x54, 0x2d, 0x54, 0x41, 0x2d, 0x53, 0x54)
#define TTA_testingClientAPI_Parameters_Invoke				\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x54, 0x43, 0x4c, 0x49, 0x50, 0x41, 0x52, 0x41)
#define TTA_testingClientAPI_Parameters_OpenSession			\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x54, 0x43, 0x4c, 0x49, 0x50, 0x4f, 0x50, 0x53)
/* No TA has this one: opening it must fail. */
#define UUID_Unknown							\
	GP_UUID(0x534d4152, 0x542d, 0x4355,				\
		0x4e, 0x4b, 0x2d, 0x4e, 0x4f, 0x2d, 0x57, 0x4e)
/* For the Crypto, Data Storage and Arithmetical areas. */
#define TTA_Crypto							\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x54, 0x43, 0x52, 0x59, 0x50, 0x54, 0x4f, 0x31)
#define TTA_DS								\
	GP_UUID(0x534d4152, 0x5443, 0x534c,				\
		0x54, 0x44, 0x41, 0x54, 0x41, 0x53, 0x54, 0x31)
#define TTA_Arithmetical						\
	GP_UUID(0x534d4152, 0x5443, 0x4c53,				\
		0x41, 0x52, 0x49, 0x54, 0x48, 0x4d, 0x45, 0x54)

/* Results and origins the suite uses beyond the Client API's own. */
#define TEEC_UNDEFINED_ERROR		0xdeaddeadu	/* any result will do */
#define TEEC_ORIGIN_ANY_NOT_TRUSTED_APP	0x00000005u	/* not from the TA */
#define TEEC_MEM_INOUT			(TEEC_MEM_INPUT | TEEC_MEM_OUTPUT)
#define INVALID_CONNECTION_METHODS	0x0000000au

/* Commands of TTA_testingClientAPI and TTA_answerSuccessTo_OpenSession_Invoke. */
#define COMMAND_TTA_Copy_ParamIn_to_ParamOut	0x00000001u
#define COMMAND_TTA_Remember_Expected_ParamTypes	0x00000002u
#define COMMAND_TTA_Check_ParamTypes		0x00000003u
#define COMMAND_TTA_To_Be_Cancelled		0x00000004u
#define COMMAND_TTA_Success			0x00000005u
#define COMMAND_TTA_Panic			0x00000006u

/* Commands of TTA_TCF. */
#define CMD_TEE_Malloc			0x00000100u
#define CMD_TEE_GetInstanceData		0x00000101u
#define CMD_TEE_SetInstanceData		0x00000102u
#define CMD_TEE_CheckMemoryAccessRight	0x00000103u
#define CMD_TEE_Panic			0x00000104u
#define CMD_TEE_Free			0x00000107u
#define CMD_TEE_Realloc			0x00000110u
#define CMD_TEE_MemMove			0x00000120u
#define CMD_TEE_MemCompare		0x00000130u
#define CMD_TEE_MemFill			0x00000140u

/* Commands of TTA_Time. */
#define CMD_TEE_GetSystemTime		0x00000010u
#define CMD_TEE_Wait			0x00000011u
#define CMD_TEE_SetTAPersistentTime_and_GetTAPersistentTime	0x00000012u
#define CMD_TEE_GetREETime		0x00000013u
#define CMD_TEE_SetTAPersistentTime_and_GetTAPersistentTimeOverflow 0x00000014u
#define CMD_TEE_GetTAPersistentTimeNotSetAndSetTAPersistentTime	0x00000015u

/* How TEE_Wait should end in TTA_Time. */
#define CASE_WAIT_CANCELLED		1u
#define CASE_WAIT_SUCCESS		2u

/* Test values and sizes. */
#define IGNORE				0xfefefefeu	/* leave as it is */
#define VALUE01				0x01234567u
#define VALUE02				0xfedcba98u
#define SIZE_VALUE01			4u
#define ZERO				0u
#define OFFSET0				0u
#define BIG_SIZE			1024u
#define SIZE_02				0x2000u
#define ALLOC_SIZE_02			0x2800u
#define CLIENT_APP01			NULL
#define STRING_SAMPLE_SIZE_4_CHAR	"TEE"
#define CHAR1				((const uint8_t[]){ 0x10 })

#endif
