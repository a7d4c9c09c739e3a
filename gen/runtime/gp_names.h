/*
 * The symbolic names GP's test-suite XML uses as values: test TA UUIDs,
 * command IDs, test values and sizes, with GP's values.
 */
#ifndef GP_NAMES_H
#define GP_NAMES_H

#include <stdint.h>

/*
 * The test TAs include this through tta_names.h, which defines GP_NAMES_TA:
 * they use no Client API type, and a TA dev kit (OP-TEE's) has no
 * tee_client_api.h.
 */
#ifndef GP_NAMES_TA
#include <tee_client_api.h>
#endif

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

/* Commands of TTA_testingClientAPI_Parameters_Invoke. */
#define COMMAND_TTA_Store_Expected_Param_Info	0xFFFF0001u
#define COMMAND_TTA_Check_Update_Params		0xFFFF0002u

/* Commands of TTA_TCF. */
#define CMD_TEE_GetPropertyAsString_withoutEnum		0x00000010u
#define CMD_TEE_GetPropertyAsBool_withoutEnum		0x00000015u
#define CMD_TEE_GetPropertyAsU32_withoutEnum		0x00000020u
#define CMD_TEE_GetPropertyAsBinaryBlock_withoutEnum	0x00000025u
#define CMD_TEE_GetPropertyAsUUID_withoutEnum		0x00000030u
#define CMD_TEE_GetPropertyAsIdentity_withoutEnum	0x00000035u
#define CMD_TEE_GetPropertyAsXXXX_fromEnum		0x00000045u
#define CMD_TEE_AllocatePropertyEnumerator		0x00000060u
#define CMD_TEE_StartPropertyEnumerator			0x00000065u
#define CMD_TEE_ResetPropertyEnumerator			0x00000070u
#define CMD_TEE_FreePropertyEnumerator			0x00000075u
#define CMD_TEE_GetPropertyName				0x00000080u
#define CMD_TEE_GetCancellationFlag_RequestedCancel	0x00000105u
#define CMD_TEE_MaskUnmaskCancellations			0x00000106u
#define CMD_ProcessInvokeTAOpenSession			0x00000200u
#define CMD_ProcessTAInvokeTA_simple			0x00000201u
#define CMD_ProcessTAInvokeTA_PayloadValue		0x00000202u
#define CMD_TEE_GetNextPropertyEnumerator_notStarted	0x00000203u
#define CMD_ProcessTAInvokeTA_PayloadMemref		0x00000204u
#define CMD_ProcessTAInvokeTA_PayloadValue_In_Out	0x00000205u
#define CMD_TEE_OpenTASession				0x00000300u
#define CMD_TEE_InvokeTACommand				0x00000301u
#define CMD_TEE_CloseTASession				0x00000302u
/* TTA_TCF commands of teecheck's own (docs/GP_SUITE.md). */
#define CMD_TTA_GetNextProperty				0x00000085u
#define CMD_TTA_CheckOwnMemoryAccessRights		0x00000108u
#define CMD_TTA_WaitCancellationMasked			0x00000109u
#define CMD_TTA_TAPersistentTimeNotSet			0x0000010au
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

/* Commands of TTA_TCF_ICA and TTA_TCF_ICA2 (CMD_SUCCESS is GP's). */
#define CMD_SUCCESS			0x00000001u
#define CMD_SET_PANIC_ON_DESTROY	0x00000001u
#define CMD_ICA_SwapValues		0x00000002u
#define CMD_ICA_ReverseMemref		0x00000003u
#define CMD_ICA_Panic			0x00000004u
#define CMD_ICA_Error			0x00000005u
#define CMD_ICA_CheckCallerIsTTA_TCF	0x00000006u
#define CMD_ICA_IncrementValues		0x00000007u
#define CMD_ICA_Success			0x00000008u

/* The cases of TTA_TCF's commands (value 0's a or 1's a). */
#define CASE_SUCCESS			0u
#define CASE_TARGET_DEAD_ICA2		1u
#define CASE_SUCCESS_ICA2		2u
#define CASE_ERROR_ICA2			3u
#define CASE_EQUAL			0u
#define CASE_BUFFER1_GREATER		1u
#define CASE_BUFFER1_LOWER		2u
#define CASE_NULL			0u
#define CASE_ALLOCATED			1u
#define RESULT_EQUAL			0u
#define RESULT_INTEGER_GREATER_THAN_ZERO 1u
#define RESULT_INTEGER_LOWER_THAN_ZERO	2u
#define TARGET_ICA			0u
#define TARGET_ICA2			1u
#define OWN_MEMORY_HEAP			0u
#define OWN_MEMORY_STACK		1u
#define OWN_MEMORY_RODATA		2u

/* Commands of TTA_Time. */
#define CMD_TEE_GetSystemTime		0x00000010u
#define CMD_TEE_Wait			0x00000011u
#define CMD_TEE_SetTAPersistentTime_and_GetTAPersistentTime	0x00000012u
#define CMD_TEE_GetREETime		0x00000013u
#define CMD_TEE_SetTAPersistentTime_and_GetTAPersistentTimeOverflow 0x00000014u
#define CMD_TEE_GetTAPersistentTimeNotSetAndSetTAPersistentTime	0x00000015u
/* TTA_Time commands of teecheck's own (docs/GP_SUITE.md). */
#define CMD_TTA_WaitAndMeasure		0x00000020u
#define CMD_TTA_REETimeAdvances		0x00000021u
#define CMD_TTA_SetTAPersistentTime	0x00000022u
#define CMD_TTA_GetTAPersistentTimeWithin 0x00000023u
#define CMD_TTA_TAPersistentTimeAdvances 0x00000024u

/* How TEE_Wait should end in TTA_Time. */
#define CASE_WAIT_CANCELLED		1u
#define CASE_WAIT_SUCCESS		2u
#define CASE_WAIT_MASKED		3u	/* teecheck's own */

/*
 * Property sets as values (TEE_PROPSET_* in a TA, where tee_api_defines.h
 * makes them handles), property names, and the text TTA_TCF answers a
 * property with (docs/GP_SUITE.md).
 */
#ifndef TEE_PROPSET_CURRENT_TA
#define TEE_PROPSET_TEE_IMPLEMENTATION	0xfffffffdu
#define TEE_PROPSET_CURRENT_CLIENT	0xfffffffeu
#define TEE_PROPSET_CURRENT_TA		0xffffffffu
#endif
#define TOO_SHORT_BUFFER		0u
#define NORMAL_SIZE_BUFFER		1u
#define VALUE_NONE			NULL	/* the text is not checked */
#define PROP_TA_APPID			"gpd.ta.appID"
#define PROP_TA_SINGLE_INSTANCE		"gpd.ta.singleInstance"
#define PROP_TA_MULTI_SESSION		"gpd.ta.multiSession"
#define PROP_TA_KEEP_ALIVE		"gpd.ta.instanceKeepAlive"
#define PROP_TA_DATA_SIZE		"gpd.ta.dataSize"
#define PROP_TA_STACK_SIZE		"gpd.ta.stackSize"
#define PROP_CLIENT_IDENTITY		"gpd.client.identity"
#define PROP_TEE_INTERNAL_CORE_VERSION	"gpd.tee.internalCore.version"
#define PROP_TEE_DEVICE_ID		"gpd.tee.deviceID"
#define PROP_TEE_SYSTEM_TIME_LEVEL	"gpd.tee.systemTime.protectionLevel"
#define PROP_TTA_STRING			"teecheck.tta.string"
#define PROP_TTA_BOOL			"teecheck.tta.bool"
#define PROP_TTA_U32			"teecheck.tta.u32"
#define PROP_TTA_UUID			"teecheck.tta.uuid"
#define PROP_TTA_IDENTITY		"teecheck.tta.identity"
#define PROP_TTA_BINARY_BLOCK		"teecheck.tta.binaryBlock"
#define PROP_UNKNOWN			"teecheck.tta.noSuchProperty"
#define PROP_EMPTY_NAME			""
#define TEXT_TTA_STRING			"this is a test string"
#define TEXT_TTA_BINARY_BLOCK		"48656c6c6f2c20544545"	/* "Hello, TEE" */
#define TEXT_TTA_U32			"48059"
#define TEXT_TTA_UUID			"534d4152-542d-4353-4c54-2d54412d3031"
#define TEXT_TTA_IDENTITY		"f0000000:534d4152-5443-534c-5454-434649434132"
#define TEXT_TTA_TCF_DATA_SIZE		"65536"
#define TEXT_TTA_TCF_STACK_SIZE		"16384"
#define TEXT_PUBLIC_IDENTITY		"00000000:00000000-0000-0000-0000-000000000000"
#define TEXT_TRUE			"true"
#define TEXT_FALSE			"false"

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
#define STRING_INSTANCE_DATA_1		"instance data one"
#define STRING_INSTANCE_DATA_2		"instance data two"
#define STRING_INSTANCE_DATA_KEPT	"kept by a keep-alive instance"
#define CHAR1				((const uint8_t[]){ 0x10 })
#define CHAR_FF				((const uint8_t[]){ 0xff })
#define SIZE_ZERO			0u
#define SIZE_SMALL			0x0000000au
#define SIZE_OVER_TA_HEAP		0x00100000u	/* more than a TTA's heap */
#define HINT_ZERO			0u	/* TEE_MALLOC_FILL_ZERO */
#define HINT_NO_FILL			0x00000001u	/* TEE_MALLOC_NO_FILL */
/* GP has a TA ask for NO_FILL only together with NO_SHARE. */
#define HINT_NO_FILL_NO_SHARE		0x00000003u
#define ACCESS_READ			0x00000001u
#define ACCESS_WRITE			0x00000002u
#define ACCESS_READ_WRITE		0x00000003u
#define ANY_OWNER_SET_ACCESS_READ	0x00000005u
#define ANY_OWNER_SET_ACCESS_WRITE	0x00000006u
#define ANY_OWNER_SET_ACCESS_READ_WRITE	0x00000007u
#define MS_0				0u
#define MS_10				10u
#define MS_100				100u
#define MS_250				250u
/* How long a client gives a command to reach the TA before cancelling. */
#define MS_REACH_TA			100u
#define TIME_SECONDS_SET		1000u
#define TIME_SECONDS_SET_MAX		1010u	/* what 10 s can add */
#define TIME_SECONDS_LATER		5000u
#define TIME_SLACK			10u
#define VALUE_MAX			0xffffffffu
#define SIZE_SHORT			2u	/* less than SIZE_VALUE01 */
#define SIZE_OVER_SHAREDMEM_MAX		(TEEC_CONFIG_SHAREDMEM_MAX_SIZE + 1)
/* A command ID no test TA implements. */
#define COMMAND_Unknown			0x7fff0000u
/* TEE_PARAM_TYPES(MEMREF_INPUT, MEMREF_OUTPUT, MEMREF_INOUT, NONE). */
#define TYPES_MEMREF_IN_OUT_INOUT	0x00000765u

#endif
