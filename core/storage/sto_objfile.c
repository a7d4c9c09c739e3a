/*
 * An object's file: its key records (type, sizes, usage, attributes as the
 * crypto layer exports them) and its data stream, sealed as one. The
 * directory entry that names the file also holds its tag and length, so a
 * stale or foreign copy is refused before it is decrypted.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "sto_priv.h"

#define OBJ_MAGIC	0x4a4f5354u	/* "TSOJ" */
#define OBJ_VERSION	1

struct obj_hdr {
	uint32_t magic;
	uint32_t version;
	struct tc_stor_meta meta;
	uint64_t attr_len;
	uint64_t data_len;
};

void sto_obj_file_free(struct sto_obj_file *f)
{
	if (f->attrs)
		OPENSSL_cleanse(f->attrs, f->attr_len);
	free(f->attrs);
	free(f->data);
	memset(f, 0, sizeof(*f));
}

TEE_Result sto_obj_read(struct sto_ta *ta, const struct sto_dirent *e,
			struct sto_obj_file *f)
{
	uint8_t *raw, *plain = NULL, tag[STO_TAG_LEN];
	size_t raw_len, len;
	struct obj_hdr h;
	TEE_Result res;

	memset(f, 0, sizeof(*f));
	res = sto_fs_get(ta->keys.dirname, e->file, &raw, &raw_len);
	if (res == TEE_ERROR_ITEM_NOT_FOUND)
		return TEE_ERROR_CORRUPT_OBJECT;	/* listed, not there */
	if (res)
		return res;
	if (raw_len != e->file_len ||
	    memcmp(raw + raw_len - STO_TAG_LEN, e->tag, STO_TAG_LEN)) {
		free(raw);
		return TEE_ERROR_CORRUPT_OBJECT;
	}
	res = sto_unseal(&ta->keys, ta->uuid, e->file, raw, raw_len, &plain,
			 &len, tag);
	free(raw);
	if (res)
		return res;
	res = TEE_ERROR_CORRUPT_OBJECT;
	if (len < sizeof(h))
		goto out;
	memcpy(&h, plain, sizeof(h));
	if (h.magic != OBJ_MAGIC || h.version != OBJ_VERSION ||
	    h.attr_len > len - sizeof(h) ||
	    h.data_len != len - sizeof(h) - h.attr_len ||
	    h.data_len != e->data_size ||
	    memcmp(&h.meta, &e->meta, sizeof(h.meta)))
		goto out;
	res = TEE_ERROR_OUT_OF_MEMORY;
	f->attrs = malloc(h.attr_len ? h.attr_len : 1);
	f->data = malloc(h.data_len ? h.data_len : 1);
	if (!f->attrs || !f->data) {
		sto_obj_file_free(f);
		goto out;
	}
	memcpy(f->attrs, plain + sizeof(h), h.attr_len);
	memcpy(f->data, plain + sizeof(h) + h.attr_len, h.data_len);
	f->attr_len = h.attr_len;
	f->data_len = h.data_len;
	f->meta = h.meta;
	res = TEE_SUCCESS;
out:
	OPENSSL_cleanse(plain, len);
	free(plain);
	return res;
}

TEE_Result sto_obj_write(struct sto_ta *ta, const struct sto_obj_file *f,
			 struct sto_dirent *e, uint64_t replaced)
{
	size_t len = sizeof(struct obj_hdr) + f->attr_len + f->data_len;
	struct obj_hdr h = {
		.magic = OBJ_MAGIC, .version = OBJ_VERSION, .meta = f->meta,
		.attr_len = f->attr_len, .data_len = f->data_len,
	};
	uint8_t *plain, *sealed;
	size_t sealed_len;
	TEE_Result res;

	plain = malloc(len);
	if (!plain)
		return TEE_ERROR_OUT_OF_MEMORY;
	memcpy(plain, &h, sizeof(h));
	memcpy(plain + sizeof(h), f->attrs, f->attr_len);
	if (f->data_len)
		memcpy(plain + sizeof(h) + f->attr_len, f->data, f->data_len);
	e->file = sto_ta_new_file(ta);
	res = sto_seal(&ta->keys, ta->uuid, e->file, plain, len, &sealed,
		       &sealed_len, e->tag);
	OPENSSL_cleanse(plain, len);
	free(plain);
	if (res)
		return res;
	e->file_len = sealed_len;
	e->meta = f->meta;
	e->data_size = f->data_len;
	if (sto_ta_usage(ta) - replaced + sealed_len > sto_quota) {
		free(sealed);
		return TEE_ERROR_STORAGE_NO_SPACE;
	}
	res = sto_fs_put(ta->keys.dirname, e->file, sealed, sealed_len);
	free(sealed);
	if (res)	/* maybe written in part: the next sweep removes it */
		ta->swept = false;
	return res;
}
