/*
 * Trusted storage inside core/storage/: keys, the file-system RPC, sealed
 * files, each TA's directory record and the open objects.
 *
 * One lock, sto_lock, guards every TA's directory and every open object:
 * an update is a few RPCs to the supplicant and runs start to end under it.
 */
#ifndef CORE_STORAGE_STO_PRIV_H
#define CORE_STORAGE_STO_PRIV_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <teecheck/storage_abi.h>

#include "../core.h"

#define STO_KEY_LEN	32
#define STO_TAG_LEN	16
#define STO_NONCE_LEN	12
#define STO_DIRNAME_LEN	16
#define STO_DIR_FILE	0	/* the directory record's file number */
/* Entries one TA's directory may hold. */
#define STO_MAX_OBJECTS	1024

extern pthread_mutex_t sto_lock;
extern uint64_t sto_quota;

/* sto_key.c: the device secret and what is derived from it per TA. */
struct sto_ta_keys {
	uint8_t key[STO_KEY_LEN];		/* AES-256-GCM */
	uint8_t dirname[STO_DIRNAME_LEN];	/* the TA's directory name */
};
int sto_key_init(const char *state_dir);
TEE_Result sto_key_derive(const uint8_t uuid[16], struct sto_ta_keys *k);

/* sto_fs.c: the supplicant's file system (TC_RPC_FS_*). */
TEE_Result sto_fs_get(const uint8_t dir[16], uint64_t file, uint8_t **buf,
		      size_t *len);
TEE_Result sto_fs_put(const uint8_t dir[16], uint64_t file, const void *buf,
		      size_t len);
TEE_Result sto_fs_remove(const uint8_t dir[16], uint64_t file);
TEE_Result sto_fs_list(const uint8_t dir[16], uint64_t **files, size_t *n);

/* sto_seal.c: a file's contents, encrypted and bound to TA and number. */
#define STO_SEAL_OVERHEAD	(32 + STO_TAG_LEN)
TEE_Result sto_seal(const struct sto_ta_keys *k, const uint8_t uuid[16],
		    uint64_t file, const void *plain, size_t len,
		    uint8_t **out, size_t *out_len, uint8_t tag[STO_TAG_LEN]);
/* TEE_ERROR_CORRUPT_OBJECT for anything that fails a check. */
TEE_Result sto_unseal(const struct sto_ta_keys *k, const uint8_t uuid[16],
		      uint64_t file, const uint8_t *in, size_t len,
		      uint8_t **plain, size_t *plain_len,
		      uint8_t tag[STO_TAG_LEN]);

/* One object as the directory record lists it. */
struct sto_dirent {
	uint32_t id_len;
	uint8_t id[TC_STOR_ID_MAX];
	uint64_t file;			/* its file's number */
	uint8_t tag[STO_TAG_LEN];	/* that file's authentication tag */
	uint64_t file_len;
	struct tc_stor_meta meta;
	uint64_t data_size;
};

/* sto_dir.c: one TA's directory record, as last read or written. */
struct sto_ta {
	uint8_t uuid[16];
	struct sto_ta_keys keys;
	bool valid;		/* ents mirror the record on disk */
	bool corrupt;		/* the record failed its checks */
	bool swept;		/* stray files removed since it was loaded */
	uint64_t counter;	/* the record's version */
	uint64_t seen;		/* the highest version this core saw */
	struct sto_dirent *ents;
	size_t n;
	struct sto_ta *next;
};

/* The TA's state, its record loaded (TEE_ERROR_CORRUPT_OBJECT if bad). */
TEE_Result sto_ta_get(const uint8_t uuid[16], bool reload,
		      struct sto_ta **ta);
struct sto_dirent *sto_ta_find(struct sto_ta *ta, const uint8_t *id,
			       uint32_t id_len);
uint64_t sto_ta_usage(const struct sto_ta *ta);
/*
 * Writes ents (n of them) as the TA's new record: the commit point of
 * every update. On success they become the TA's; on failure the TA's
 * state is reloaded before its next use, and ents stay the caller's.
 */
TEE_Result sto_ta_commit(struct sto_ta *ta, struct sto_dirent *ents,
			 size_t n);
/* A copy of the TA's entries with room for one more (free() it). */
struct sto_dirent *sto_ta_copy(const struct sto_ta *ta);
/* A new file number, unused in the TA's directory. */
uint64_t sto_ta_new_file(const struct sto_ta *ta);

/* An object's file: its records and data, sealed. */
struct sto_obj_file {
	struct tc_stor_meta meta;
	uint8_t *attrs;
	size_t attr_len;
	uint8_t *data;
	size_t data_len;
};
TEE_Result sto_obj_read(struct sto_ta *ta, const struct sto_dirent *e,
			struct sto_obj_file *f);
/*
 * Seals f as a new file of ta; e gets its number, tag and lengths. The
 * quota counts the TA's files but the one of replaced bytes this replaces.
 */
TEE_Result sto_obj_write(struct sto_ta *ta, const struct sto_obj_file *f,
			 struct sto_dirent *e, uint64_t replaced);
void sto_obj_file_free(struct sto_obj_file *f);

/* sto_obj.c: one request of inst (xq and data are in its XRAM). */
TEE_Result sto_call_serve(const struct instance *inst, struct tc_stor_req *xq,
			  uint8_t *data, size_t data_max);

#endif
