/*
 * Each TA's directory record: the list of its objects, each with the
 * number and authentication tag of its current file, sealed in file 0 of
 * the TA's directory with a version counter. Writing it is the commit
 * point of every update; the files it does not name are leftovers of
 * updates that did not commit, and are swept.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/crypto.h>

#include "../../common/tc_log.h"
#include "../../common/uuid.h"
#include "sto_priv.h"
#include "storage.h"

#define DIR_MAGIC	0x52445354u	/* "TSDR" */
#define DIR_VERSION	1

struct dir_hdr {
	uint32_t magic;
	uint32_t version;
	uint64_t counter;
	uint32_t n;
	uint32_t reserved;
};

pthread_mutex_t sto_lock = PTHREAD_MUTEX_INITIALIZER;
uint64_t sto_quota = STO_QUOTA_DEFAULT;

static struct sto_ta *sto_tas;

static void ta_warn(const struct sto_ta *ta, const char *what)
{
	char u[TC_UUID_STR_LEN];

	tc_uuid_bytes_to_str(ta->uuid, u);
	tc_warn("storage of TA %s: %s", u, what);
}

struct sto_dirent *sto_ta_find(struct sto_ta *ta, const uint8_t *id,
			       uint32_t id_len)
{
	size_t i;

	for (i = 0; i < ta->n; i++)
		if (ta->ents[i].id_len == id_len &&
		    !memcmp(ta->ents[i].id, id, id_len))
			return &ta->ents[i];
	return NULL;
}

uint64_t sto_ta_usage(const struct sto_ta *ta)
{
	uint64_t sum = 0;
	size_t i;

	for (i = 0; i < ta->n; i++)
		sum += ta->ents[i].file_len;
	return sum;
}

struct sto_dirent *sto_ta_copy(const struct sto_ta *ta)
{
	struct sto_dirent *e = calloc(ta->n + 1, sizeof(*e));

	if (e && ta->n)
		memcpy(e, ta->ents, ta->n * sizeof(*e));
	return e;
}

uint64_t sto_ta_new_file(const struct sto_ta *ta)
{
	uint64_t f;
	size_t i;

again:
	if (getrandom(&f, sizeof(f), 0) != sizeof(f) || f == STO_DIR_FILE)
		goto again;
	for (i = 0; i < ta->n; i++)
		if (ta->ents[i].file == f)
			goto again;
	return f;
}

/* Whether the entries read from a record make sense together. */
static bool dir_ents_ok(const struct sto_dirent *e, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (e[i].id_len > TC_STOR_ID_MAX || e[i].file == STO_DIR_FILE ||
		    e[i].file_len < STO_SEAL_OVERHEAD)
			return false;
		for (j = 0; j < i; j++)
			if (e[j].file == e[i].file ||
			    (e[j].id_len == e[i].id_len &&
			     !memcmp(e[j].id, e[i].id, e[i].id_len)))
				return false;
	}
	return true;
}

/* Removes the files of the TA's directory that its record does not name. */
static void dir_sweep(struct sto_ta *ta)
{
	uint64_t *files;
	size_t n, i, j;

	if (sto_fs_list(ta->keys.dirname, &files, &n))
		return;
	for (i = 0; i < n; i++) {
		if (files[i] == STO_DIR_FILE)
			continue;
		for (j = 0; j < ta->n; j++)
			if (ta->ents[j].file == files[i])
				break;
		if (j == ta->n)
			sto_fs_remove(ta->keys.dirname, files[i]);
	}
	free(files);
	ta->swept = true;
}

/* Reads and checks the record into ta. */
static TEE_Result dir_load(struct sto_ta *ta)
{
	uint8_t *raw = NULL, *plain = NULL, tag[STO_TAG_LEN];
	size_t raw_len, len;
	struct dir_hdr h;
	TEE_Result res;

	ta->valid = false;
	res = sto_fs_get(ta->keys.dirname, STO_DIR_FILE, &raw, &raw_len);
	if (res == TEE_ERROR_ITEM_NOT_FOUND) {
		if (ta->seen) {
			ta_warn(ta, "the directory record is gone");
			ta->corrupt = true;
			return TEE_ERROR_CORRUPT_OBJECT;
		}
		free(ta->ents);
		ta->ents = NULL;
		ta->n = 0;
		ta->counter = 0;
		goto loaded;
	}
	if (res)
		return res;
	res = sto_unseal(&ta->keys, ta->uuid, STO_DIR_FILE, raw, raw_len,
			 &plain, &len, tag);
	free(raw);
	if (res)
		goto corrupt;
	res = TEE_ERROR_CORRUPT_OBJECT;
	if (len < sizeof(h))
		goto corrupt;
	memcpy(&h, plain, sizeof(h));
	if (h.magic != DIR_MAGIC || h.version != DIR_VERSION ||
	    h.n > STO_MAX_OBJECTS ||
	    len != sizeof(h) + (size_t)h.n * sizeof(struct sto_dirent) ||
	    !dir_ents_ok((const struct sto_dirent *)(plain + sizeof(h)), h.n))
		goto corrupt;
	if (h.counter < ta->seen) {
		ta_warn(ta, "the directory record is older than one this "
			"core wrote: rolled back");
		goto corrupt;
	}
	free(ta->ents);
	ta->ents = calloc(h.n ? h.n : 1, sizeof(*ta->ents));
	if (!ta->ents) {
		free(plain);
		ta->n = 0;
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	memcpy(ta->ents, plain + sizeof(h), h.n * sizeof(*ta->ents));
	ta->n = h.n;
	ta->counter = h.counter;
	OPENSSL_cleanse(plain, len);
	free(plain);
loaded:
	ta->seen = ta->counter;
	ta->valid = true;
	ta->corrupt = false;
	if (!ta->swept)
		dir_sweep(ta);
	return TEE_SUCCESS;
corrupt:
	free(plain);
	ta_warn(ta, "the directory record fails its checks");
	ta->corrupt = true;
	return TEE_ERROR_CORRUPT_OBJECT;
}

TEE_Result sto_ta_get(const uint8_t uuid[16], bool reload,
		      struct sto_ta **out)
{
	struct sto_ta *ta;
	TEE_Result res;

	for (ta = sto_tas; ta; ta = ta->next)
		if (!memcmp(ta->uuid, uuid, 16))
			break;
	if (!ta) {
		ta = calloc(1, sizeof(*ta));
		if (!ta)
			return TEE_ERROR_OUT_OF_MEMORY;
		memcpy(ta->uuid, uuid, 16);
		res = sto_key_derive(uuid, &ta->keys);
		if (res) {
			free(ta);
			return res;
		}
		ta->next = sto_tas;
		sto_tas = ta;
	}
	*out = ta;
	if (ta->valid && !reload)
		return TEE_SUCCESS;
	return dir_load(ta);
}

TEE_Result sto_ta_commit(struct sto_ta *ta, struct sto_dirent *ents,
			 size_t n)
{
	size_t len = sizeof(struct dir_hdr) + n * sizeof(*ents);
	uint8_t *plain, *sealed, tag[STO_TAG_LEN];
	struct dir_hdr h = {
		.magic = DIR_MAGIC, .version = DIR_VERSION,
		.counter = ta->counter + 1, .n = (uint32_t)n,
	};
	size_t sealed_len;
	TEE_Result res;

	plain = malloc(len);
	if (!plain)
		return TEE_ERROR_OUT_OF_MEMORY;
	memcpy(plain, &h, sizeof(h));
	if (n)
		memcpy(plain + sizeof(h), ents, n * sizeof(*ents));
	res = sto_seal(&ta->keys, ta->uuid, STO_DIR_FILE, plain, len,
		       &sealed, &sealed_len, tag);
	OPENSSL_cleanse(plain, len);
	free(plain);
	if (res)
		return res;
	res = sto_fs_put(ta->keys.dirname, STO_DIR_FILE, sealed, sealed_len);
	free(sealed);
	if (res) {
		/* It may have been written all the same: read it again. */
		ta->valid = false;
		ta->swept = false;
		return res;
	}
	free(ta->ents);
	ta->ents = ents;
	ta->n = n;
	ta->counter = h.counter;
	ta->seen = h.counter;
	return TEE_SUCCESS;
}
