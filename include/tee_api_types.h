/*
 * GlobalPlatform TEE Internal Core API v1.3.1: the types a TA uses, and the
 * v1.1 layouts of the few that changed since (see TEE_CORE_API_COMPAT_1_1).
 * Needs only the freestanding C headers.
 */
#ifndef TEE_API_TYPES_H
#define TEE_API_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <inttypes.h>
#include <tee_api_defines.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t TEE_Result;

typedef struct {
	uint32_t timeLow;
	uint16_t timeMid;
	uint16_t timeHiAndVersion;
	uint8_t clockSeqAndNode[8];
} TEE_UUID;

/* Who is on the other side of a session: a TEE_LOGIN_* and a UUID. */
typedef struct {
	uint32_t login;
	TEE_UUID uuid;
} TEE_Identity;

/* One parameter of an entry point or a TA-to-TA call. */
typedef union {
	struct {
		void *buffer;
		size_t size;
	} memref;
	struct {
		uint32_t a;
		uint32_t b;
	} value;
} TEE_Param;

/* Opaque handles: the implementation alone knows what they point to. */
typedef struct __TEE_TASessionHandle *TEE_TASessionHandle;
typedef struct __TEE_PropSetHandle *TEE_PropSetHandle;
typedef struct __TEE_ObjectHandle *TEE_ObjectHandle;
typedef struct __TEE_ObjectEnumHandle *TEE_ObjectEnumHandle;
typedef struct __TEE_OperationHandle *TEE_OperationHandle;

/* A TEE_TYPE_* value. */
typedef uint32_t TEE_ObjectType;

typedef struct {
	uint32_t objectType;
	uint32_t objectSize;
	uint32_t maxObjectSize;
	uint32_t objectUsage;
	size_t dataSize;
	size_t dataPosition;
	uint32_t handleFlags;
} TEE_ObjectInfo;

/* A buffer attribute (ref) or, when TEE_ATTR_FLAG_VALUE is set, a value. */
typedef struct {
	uint32_t attributeID;
	union {
		struct {
			void *buffer;
			size_t length;
		} ref;
		struct {
			uint32_t a;
			uint32_t b;
		} value;
	} content;
} TEE_Attribute;

/* The ILLEGAL_VALUE members keep both enums 32 bits wide on every ABI. */
typedef enum {
	TEE_DATA_SEEK_SET = 0,
	TEE_DATA_SEEK_CUR = 1,
	TEE_DATA_SEEK_END = 2,
	TEE_WHENCE_ILLEGAL_VALUE = 0x7FFFFFFF
} TEE_Whence;

typedef enum {
	TEE_MODE_ENCRYPT = 0,
	TEE_MODE_DECRYPT = 1,
	TEE_MODE_SIGN = 2,
	TEE_MODE_VERIFY = 3,
	TEE_MODE_MAC = 4,
	TEE_MODE_DIGEST = 5,
	TEE_MODE_DERIVE = 6,
	TEE_MODE_ILLEGAL_VALUE = 0x7FFFFFFF
} TEE_OperationMode;

typedef struct {
	uint32_t algorithm;
	uint32_t operationClass;
	uint32_t mode;
	uint32_t digestLength;
	uint32_t maxKeySize;
	uint32_t keySize;
	uint32_t requiredKeyUsage;
	uint32_t handleState;
} TEE_OperationInfo;

typedef struct {
	uint32_t keySize;
	uint32_t requiredKeyUsage;
} TEE_OperationInfoKey;

/* Followed by numberOfKeys key descriptions, as many as the caller's buffer holds. */
typedef struct {
	uint32_t algorithm;
	uint32_t operationClass;
	uint32_t mode;
	uint32_t digestLength;
	uint32_t maxKeySize;
	uint32_t handleState;
	uint32_t operationState;
	uint32_t numberOfKeys;
	TEE_OperationInfoKey keyInformation[];
} TEE_OperationInfoMultiple;

typedef struct {
	uint32_t seconds;
	uint32_t millis;
} TEE_Time;

/*
 * Arithmetic: a big integer, its fast-modular-multiplication form and the
 * FMM context are arrays of uint32_t the TA allocates (see
 * TEE_BigIntSizeInU32 and friends); these name their element type.
 */
typedef uint32_t TEE_BigInt;
typedef uint32_t TEE_BigIntFMM;
typedef uint32_t TEE_BigIntFMMContext;

/*
 * The v1.1 layouts of the types whose sizes changed to size_t in v1.2. The
 * implementation provides the v1.1 functions under the same "__GP11_"
 * prefix, so TAs of either version link against one library. The v1.0 field
 * names keySize and maxKeySize remain usable.
 */
typedef union {
	struct {
		void *buffer;
		uint32_t size;
	} memref;
	struct {
		uint32_t a;
		uint32_t b;
	} value;
} __GP11_TEE_Param;

typedef struct {
	uint32_t objectType;
	__extension__ union {
		uint32_t objectSize;
		uint32_t keySize;
	};
	__extension__ union {
		uint32_t maxObjectSize;
		uint32_t maxKeySize;
	};
	uint32_t objectUsage;
	uint32_t dataSize;
	uint32_t dataPosition;
	uint32_t handleFlags;
} __GP11_TEE_ObjectInfo;

typedef struct {
	uint32_t attributeID;
	union {
		struct {
			void *buffer;
			uint32_t length;
		} ref;
		struct {
			uint32_t a;
			uint32_t b;
		} value;
	} content;
} __GP11_TEE_Attribute;

/*
 * TEE_CORE_API_COMPAT_1_1: a TA written for v1.1 sees the v1.1 types under
 * their usual names (tee_internal_api.h does the same for the functions).
 */
#ifdef TEE_CORE_API_COMPAT_1_1
#define TEE_Param	__GP11_TEE_Param
#define TEE_ObjectInfo	__GP11_TEE_ObjectInfo
#define TEE_Attribute	__GP11_TEE_Attribute
#endif

#ifdef __cplusplus
}
#endif

#endif /* TEE_API_TYPES_H */
