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

/*
 * Cryptographic operations, transient objects and the Arithmetical API
 * (docs/CRYPTO.md): a range of its own, so other syscalls keep appending
 * below it. Objects and operations are handles the host gives out; the key
 * material and the operation state stay in the host. Sizes the host writes
 * back go through a uint64_t the TA passes by address.
 */
#define UTEE_SYS_CRYP_FIRST	0x100
enum utee_cryp_syscall_nr {
	/* (type, max_size, uint64_t *handle) */
	UTEE_SYS_OBJ_ALLOC = UTEE_SYS_CRYP_FIRST,
	UTEE_SYS_OBJ_FREE,	/* (handle, transient only) */
	UTEE_SYS_OBJ_RESET,	/* (handle) */
	UTEE_SYS_OBJ_INFO,	/* (handle, struct utee_object_info *out) */
	UTEE_SYS_OBJ_RESTRICT,	/* (handle, usage) */
	/* (handle, const struct utee_attr *attrs, count) */
	UTEE_SYS_OBJ_POPULATE,
	/* (handle, attribute ID, void *buf, uint64_t *len, uint32_t ab[2]) */
	UTEE_SYS_OBJ_GET_ATTR,
	UTEE_SYS_OBJ_COPY,	/* (dest handle, src handle) */
	/* (handle, key size, const struct utee_attr *params, count) */
	UTEE_SYS_OBJ_GENERATE,
	/* (algorithm, mode, max key size, uint64_t *handle) */
	UTEE_SYS_OP_ALLOC,
	UTEE_SYS_OP_FREE,	/* (handle) */
	/* (handle, struct utee_op_info *out, struct utee_op_key_info keys[2]) */
	UTEE_SYS_OP_INFO,
	UTEE_SYS_OP_RESET,	/* (handle) */
	UTEE_SYS_OP_SET_KEY,	/* (handle, key1, key2, nkeys 1 or 2) */
	UTEE_SYS_OP_COPY,	/* (dest handle, src handle) */
	UTEE_SYS_ALG_SUPPORTED,	/* (algorithm, element) */
	/* (handle, const void *chunk, len) */
	UTEE_SYS_DIGEST_UPDATE,
	/* (handle, chunk, len, void *out, uint64_t *out_len) */
	UTEE_SYS_DIGEST_FINAL,
	UTEE_SYS_DIGEST_EXTRACT, /* (handle, void *out, uint64_t *out_len) */
	UTEE_SYS_CIPHER_INIT,	/* (handle, iv, iv_len) */
	/* (handle, src, src_len, dst, uint64_t *dst_len) */
	UTEE_SYS_CIPHER_UPDATE,
	UTEE_SYS_CIPHER_FINAL,	/* as UPDATE */
	UTEE_SYS_MAC_INIT,	/* (handle, iv, iv_len) */
	UTEE_SYS_MAC_UPDATE,	/* (handle, chunk, len) */
	/* (handle, msg, len, void *mac, uint64_t *mac_len) */
	UTEE_SYS_MAC_COMPUTE,
	/* (handle, msg, len, const void *mac, mac_len) */
	UTEE_SYS_MAC_COMPARE,
	/* (handle, const struct utee_ae_init *init) */
	UTEE_SYS_AE_INIT,
	UTEE_SYS_AE_UPDATE_AAD,	/* (handle, aad, len) */
	/* (handle, src, src_len, dst, uint64_t *dst_len) */
	UTEE_SYS_AE_UPDATE,
	/* (handle, src, src_len, dst, uint64_t *dst_len, struct utee_buf *tag) */
	UTEE_SYS_AE_ENC_FINAL,
	UTEE_SYS_AE_DEC_FINAL,	/* as ENC_FINAL; tag->len is the tag's */
	/*
	 * (handle, UTEE_ASYM_*, const struct utee_attr *params, count,
	 *  const struct utee_buf *src, struct utee_buf *dst): dst->len in/out;
	 * for VERIFY dst is the signature.
	 */
	UTEE_SYS_ASYM,
	/* (handle, const struct utee_attr *params, count, derived key) */
	UTEE_SYS_DERIVE,
	UTEE_SYS_BIGINT,	/* (struct utee_bigint_args *args) */
	UTEE_SYS_CRYP_LAST
};

#define UTEE_ASYM_ENCRYPT	0
#define UTEE_ASYM_DECRYPT	1
#define UTEE_ASYM_SIGN		2
#define UTEE_ASYM_VERIFY	3

/* A TEE_Attribute as the syscalls see it: ref (a = address, b = length). */
struct utee_attr {
	uint32_t id;
	uint32_t reserved;
	uint64_t a;
	uint64_t b;
};

struct utee_buf {
	uint64_t addr;
	uint64_t len;
};

/* TEE_ObjectInfo, in fixed-width fields. */
struct utee_object_info {
	uint32_t type;
	uint32_t size;
	uint32_t max_size;
	uint32_t usage;
	uint32_t handle_flags;
	uint32_t reserved;
	uint64_t data_size;	/* persistent objects: their data stream */
	uint64_t data_position;
};

/* TEE_OperationInfoMultiple's fixed part, and each key's description. */
struct utee_op_info {
	uint32_t algorithm;
	uint32_t op_class;
	uint32_t mode;
	uint32_t digest_len;
	uint32_t max_key_size;
	uint32_t handle_state;
	uint32_t op_state;
	uint32_t nkeys;
};

struct utee_op_key_info {
	uint32_t key_size;
	uint32_t required_usage;
};

struct utee_ae_init {
	uint64_t nonce;		/* address */
	uint64_t nonce_len;
	uint64_t tag_bits;
	uint64_t aad_len;
	uint64_t payload_len;
};

/*
 * One Arithmetical API call: op (UTEE_BIGINT_*), up to three results and
 * three operands (TEE_BigInt arrays in the TA), a scalar in and one out.
 */
struct utee_bigint_args {
	uint32_t op;
	uint32_t reserved;
	uint64_t dst[3];
	uint64_t src[3];
	int64_t scalar;
	int64_t result;
	uint64_t buf;		/* octet strings */
	uint64_t buf_len;
};

enum utee_bigint_op {
	UTEE_BIGINT_FROM_OCTETS,	/* dst0 <- buf, scalar = sign */
	UTEE_BIGINT_TO_OCTETS,		/* buf <- |src0|, buf_len in/out */
	UTEE_BIGINT_CMP,		/* result = cmp(src0, src1) */
	UTEE_BIGINT_SHIFT_RIGHT,	/* dst0 = src0 >> scalar */
	UTEE_BIGINT_ADD,
	UTEE_BIGINT_SUB,
	UTEE_BIGINT_NEG,
	UTEE_BIGINT_MUL,
	UTEE_BIGINT_SQUARE,
	UTEE_BIGINT_DIV,		/* dst0 = quotient, dst1 = remainder */
	UTEE_BIGINT_MOD,		/* dst0 = src0 mod src1 */
	UTEE_BIGINT_ADD_MOD,		/* dst0 = src0 + src1 mod src2 */
	UTEE_BIGINT_SUB_MOD,
	UTEE_BIGINT_MUL_MOD,
	UTEE_BIGINT_SQUARE_MOD,		/* dst0 = src0^2 mod src1 */
	UTEE_BIGINT_INV_MOD,		/* dst0 = src0^-1 mod src1 */
	UTEE_BIGINT_EXP_MOD,		/* dst0 = src0^src1 mod src2 */
	UTEE_BIGINT_RELATIVE_PRIME,	/* result = gcd(src0, src1) == 1 */
	UTEE_BIGINT_EXT_GCD,		/* dst0 gcd, dst1 u, dst2 v */
	UTEE_BIGINT_IS_PRIME,		/* result, scalar = confidence */
	UTEE_BIGINT_TO_FMM,		/* dst0 = src0 * R mod src1 */
	UTEE_BIGINT_FROM_FMM,		/* dst0 = src0 * R^-1 mod src1 */
	UTEE_BIGINT_COMPUTE_FMM,	/* dst0 = src0 * src1 * R^-1 mod src2 */
};


/*
 * A TEE_BigInt as both sides read it: word 0 holds the number of magnitude
 * words in use (bits 0..15) and the sign (bit 31 set: negative, never for
 * zero); word 1 the capacity in magnitude words (the len given to
 * TEE_BigIntInit, less the two header words); then the magnitude, least
 * significant word first. A TEE_BigIntFMM has the same layout; an FMM
 * context is a TEE_BigInt holding the modulus.
 */
#define UTEE_BIGINT_HDR_WORDS	2
#define UTEE_BIGINT_SIGN_NEG	0x80000000u
#define UTEE_BIGINT_USED_MASK	0x0000ffffu

/*
 * Trusted storage (docs/STORAGE.md): persistent objects are object handles
 * of the range above whose records the host fills from storage; their data
 * stream and enumerators go through these. Sizes the host writes back go
 * through a uint64_t the TA passes by address.
 */
#define UTEE_SYS_STOR_FIRST	0x200
enum utee_stor_syscall_nr {
	/* (storage, id, id_len, flags, uint64_t *handle) */
	UTEE_SYS_STOR_OPEN = UTEE_SYS_STOR_FIRST,
	/* (const struct utee_stor_create *args, uint64_t *handle) */
	UTEE_SYS_STOR_CREATE,
	UTEE_SYS_STOR_CLOSE_DELETE,	/* (handle) */
	UTEE_SYS_STOR_RENAME,		/* (handle, id, id_len) */
	UTEE_SYS_STOR_READ,	/* (handle, buf, size, uint64_t *count) */
	UTEE_SYS_STOR_WRITE,	/* (handle, buf, size) */
	UTEE_SYS_STOR_TRUNCATE,	/* (handle, size) */
	UTEE_SYS_STOR_SEEK,	/* (handle, int64_t offset, whence) */
	UTEE_SYS_STOR_ENUM_ALLOC,	/* (uint64_t *enumerator) */
	UTEE_SYS_STOR_ENUM_FREE,	/* (enumerator) */
	UTEE_SYS_STOR_ENUM_RESET,	/* (enumerator) */
	UTEE_SYS_STOR_ENUM_START,	/* (enumerator, storage) */
	/* (enumerator, struct utee_object_info *info, id, uint64_t *id_len) */
	UTEE_SYS_STOR_ENUM_NEXT,
	UTEE_SYS_STOR_LAST
};

struct utee_stor_create {
	uint32_t storage;
	uint32_t flags;
	uint64_t id;		/* address */
	uint64_t id_len;
	uint64_t attributes;	/* object handle, 0: none */
	uint64_t data;		/* address */
	uint64_t data_len;
};

#endif
