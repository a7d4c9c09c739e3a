/*
 * The TA ABI: the only contract between a TA image and the process that runs
 * it (the TA host). A TA depends on nothing else of that process: the host
 * finds the TA header in the ".ta_head" section, calls the ELF entry point
 * with a struct utee_entry_args, and the TA reaches the host only through the
 * syscall function whose address the host passes at boot.
 */
#ifndef TEECHECK_TA_ABI_H
#define TEECHECK_TA_ABI_H

#include <stdint.h>

#define UTEE_ABI_VERSION	1
#define UTEE_TA_HEAD_MAGIC	0x48415455u	/* "UTAH" */
#define UTEE_TA_HEAD_SECTION	".ta_head"

/* TA_FLAGS bits, with OP-TEE's values so TA folders build with either kit. */
#define TA_FLAG_SINGLE_INSTANCE		(1 << 2)
#define TA_FLAG_MULTI_SESSION		(1 << 3)
#define TA_FLAG_INSTANCE_KEEP_ALIVE	(1 << 4)

/*
 * The TA header, plain data only (no pointers, so it needs no relocation and
 * the core can read it from the image before anything runs).
 */
struct utee_ta_head {
	uint32_t magic;			/* UTEE_TA_HEAD_MAGIC */
	uint32_t abi_version;		/* UTEE_ABI_VERSION */
	uint32_t uuid_time_low;		/* TEE_UUID, field by field */
	uint16_t uuid_time_mid;
	uint16_t uuid_time_hi_and_version;
	uint8_t uuid_clock_seq_and_node[8];
	uint32_t flags;			/* TA_FLAG_* */
	uint32_t stack_size;		/* TA_STACK_SIZE */
	uint32_t data_size;		/* TA_DATA_SIZE: the heap */
	uint32_t reserved;
};

/* What the host asks of the TA through the entry point. */
enum utee_entry_func {
	UTEE_ENTRY_BOOT = 0,		/* once, before anything else */
	UTEE_ENTRY_CREATE = 1,		/* TA_CreateEntryPoint */
	UTEE_ENTRY_DESTROY = 2,		/* TA_DestroyEntryPoint */
	UTEE_ENTRY_OPEN_SESSION = 3,	/* TA_OpenSessionEntryPoint */
	UTEE_ENTRY_CLOSE_SESSION = 4,	/* TA_CloseSessionEntryPoint */
	UTEE_ENTRY_INVOKE = 5,		/* TA_InvokeCommandEntryPoint */
};

/* A parameter: a value (a, b) or a memref (a = TA address, b = size). */
struct utee_param {
	uint64_t a;
	uint64_t b;
};

/*
 * The syscall entry the host provides. Returns a TEE_Result (or a value the
 * syscall defines). Arguments beyond what a syscall uses are ignored.
 */
typedef uint32_t (*utee_syscall_fn)(uint32_t nr, uintptr_t a0, uintptr_t a1,
				    uintptr_t a2, uintptr_t a3, uintptr_t a4,
				    uintptr_t a5);

struct utee_entry_args {
	uint32_t func;			/* enum utee_entry_func */
	uint32_t cmd_id;		/* INVOKE: the command ID */
	uint64_t session_ctx;		/* in/out: the TA's sessionContext */
	uint32_t param_types;		/* TEE_PARAM_TYPES layout */
	uint32_t result;		/* out: TEE_Result */
	struct utee_param params[4];	/* in/out */
	uint64_t syscall;		/* BOOT: address of a utee_syscall_fn */
	uint64_t reserved[3];
};

/* The ELF entry point (e_entry) has this type. */
typedef void (*utee_entry_fn)(struct utee_entry_args *args);

/*
 * Syscall numbers. A syscall the host does not know returns
 * TEE_ERROR_NOT_SUPPORTED; new numbers are only ever appended.
 */
enum utee_syscall_nr {
	UTEE_SYS_LOG = 0,	/* (const char *buf, size_t len) */
	UTEE_SYS_PANIC = 1,	/* (TEE_Result code): does not return */
	UTEE_SYS_GET_RANDOM = 2, /* (void *buf, size_t len): fills buf */
	/* (set UTEE_PROPSET_*, index, struct utee_property *out) */
	UTEE_SYS_GET_PROPERTY = 3,
	/* (flags TEE_MEMORY_ACCESS_*, const void *buf, size_t size) */
	UTEE_SYS_CHECK_ACCESS = 4,
	UTEE_SYS_CANCEL_FLAG = 5, /* (): 1 if cancelled and unmasked, else 0 */
	UTEE_SYS_CANCEL_MASK = 6, /* (mask 0/1): the previous mask, 0/1 */
	UTEE_SYS_WAIT = 7,	/* (timeout ms): TEE_Wait */
	/* (UTEE_TIME_SYSTEM or UTEE_TIME_REE, struct utee_time *out) */
	UTEE_SYS_GET_TIME = 8,
	UTEE_SYS_PTIME_GET = 9,	/* (struct utee_time *out) */
	UTEE_SYS_PTIME_SET = 10, /* (const struct utee_time *time) */
	/*
	 * (const TEE_UUID *dest, timeout, param_types, struct utee_param
	 *  params[4], uint32_t *session, uint32_t *origin): a memref is
	 * (address, size) in the caller's memory; sizes come back in b.
	 */
	UTEE_SYS_TA_OPEN = 11,
	/* (session, timeout, command, param_types, params, uint32_t *origin) */
	UTEE_SYS_TA_INVOKE = 12,
	UTEE_SYS_TA_CLOSE = 13,	/* (session) */
	UTEE_SYS_COUNT
};

/* Property sets served by UTEE_SYS_GET_PROPERTY; the TA's own is local. */
#define UTEE_PROPSET_CLIENT	1
#define UTEE_PROPSET_TEE	2

/*
 * Property types, with the values of enum user_ta_prop_type. Values: BOOL
 * and U32 a uint32_t, U64 a uint64_t, UUID a TEE_UUID, IDENTITY a
 * TEE_Identity, STRING NUL-terminated text, BINARY_BLOCK base64 text.
 */
#define UTEE_PROP_BOOL		0
#define UTEE_PROP_U32		1
#define UTEE_PROP_UUID		2
#define UTEE_PROP_IDENTITY	3
#define UTEE_PROP_STRING	4
#define UTEE_PROP_BINARY_BLOCK	5
#define UTEE_PROP_U64		6

#define UTEE_PROP_NAME_MAX	128
#define UTEE_PROP_VALUE_MAX	256

struct utee_property {
	char name[UTEE_PROP_NAME_MAX];	/* NUL-terminated */
	uint32_t type;			/* UTEE_PROP_* */
	uint32_t len;			/* bytes of value used */
	uint8_t value[UTEE_PROP_VALUE_MAX];
};

#define UTEE_TIME_SYSTEM	0
#define UTEE_TIME_REE		1

/* TEE_Time's layout. */
struct utee_time {
	uint32_t seconds;
	uint32_t millis;
};

#endif
