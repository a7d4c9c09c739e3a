/*
 * SHA-256 and AES-256-GCM for the fault path, through OpenSSL 3, with every
 * context created at init and only reused afterwards.
 *
 * AES-GCM: an EVP_CIPHER_CTX initialised once with the cipher and key is
 * re-initialised per page with only a new IV; OpenSSL 3 keeps the provider
 * context then, so that path does not allocate.
 *
 * SHA-256: EVP_DigestInit_ex() in OpenSSL 3.0 frees and re-creates the
 * provider's digest context on every call, which allocates. So the digest is
 * fetched through EVP as usual, and its provider's own init/update/final
 * functions are then called on a context created here once per slot; a
 * self-test against EVP_Digest() at init makes sure both agree.
 */
#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

#include "pager_crypto.h"

#define PAGER_KEY_SIZE		32
#define PAGER_IV_SALT_SIZE	4

struct pager_crypto_slot {
	void *md;		/* the provider's SHA-256 context */
	EVP_CIPHER_CTX *enc;
	EVP_CIPHER_CTX *dec;
};

struct pager_digest_fns {
	OSSL_FUNC_digest_newctx_fn *newctx;
	OSSL_FUNC_digest_init_fn *init;
	OSSL_FUNC_digest_update_fn *update;
	OSSL_FUNC_digest_final_fn *final;
	OSSL_FUNC_digest_freectx_fn *freectx;
};

static struct {
	EVP_MD *md;
	EVP_CIPHER *cipher;
	struct pager_digest_fns fn;
	struct pager_crypto_slot slots[PAGER_CRYPTO_SLOTS];
	atomic_uint in_use;			/* bit per slot */
	uint8_t iv_salt[PAGER_IV_SALT_SIZE];
	atomic_uint_fast64_t iv_counter;	/* never repeats under a key */
} crypto;

/* True if the ':'-separated list of algorithm names contains name. */
static bool names_contain(const char *list, const char *name)
{
	size_t n = strlen(name);

	while (list && *list) {
		const char *sep = strchr(list, ':');
		size_t len = sep ? (size_t)(sep - list) : strlen(list);

		if (len == n && !strncasecmp(list, name, n))
			return true;
		list = sep ? sep + 1 : NULL;
	}
	return false;
}

static int bind_digest_fns(const OSSL_DISPATCH *d, struct pager_digest_fns *fn)
{
	for (; d->function_id; d++) {
		switch (d->function_id) {
		case OSSL_FUNC_DIGEST_NEWCTX:
			fn->newctx = OSSL_FUNC_digest_newctx(d);
			break;
		case OSSL_FUNC_DIGEST_INIT:
			fn->init = OSSL_FUNC_digest_init(d);
			break;
		case OSSL_FUNC_DIGEST_UPDATE:
			fn->update = OSSL_FUNC_digest_update(d);
			break;
		case OSSL_FUNC_DIGEST_FINAL:
			fn->final = OSSL_FUNC_digest_final(d);
			break;
		case OSSL_FUNC_DIGEST_FREECTX:
			fn->freectx = OSSL_FUNC_digest_freectx(d);
			break;
		default:
			break;
		}
	}
	if (!fn->newctx || !fn->init || !fn->update || !fn->final ||
	    !fn->freectx)
		return -ENOTSUP;
	return 0;
}

/* Finds the functions of the provider that implements crypto.md. */
static int find_digest_fns(void)
{
	const OSSL_PROVIDER *prov = EVP_MD_get0_provider(crypto.md);
	const char *name = EVP_MD_get0_name(crypto.md);
	const OSSL_ALGORITHM *algs, *a;
	int no_cache = 0;
	int rc = -ENOTSUP;

	if (!prov || !name)
		return -ENOTSUP;
	algs = OSSL_PROVIDER_query_operation(prov, OSSL_OP_DIGEST, &no_cache);
	for (a = algs; a && a->algorithm_names; a++) {
		if (names_contain(a->algorithm_names, name)) {
			rc = bind_digest_fns(a->implementation, &crypto.fn);
			break;
		}
	}
	if (algs)
		OSSL_PROVIDER_unquery_operation(prov, OSSL_OP_DIGEST, algs);
	return rc;
}

static int slot_init(struct pager_crypto_slot *s, const uint8_t *key)
{
	void *provctx;

	provctx = OSSL_PROVIDER_get0_provider_ctx(EVP_MD_get0_provider(crypto.md));
	s->md = crypto.fn.newctx(provctx);
	s->enc = EVP_CIPHER_CTX_new();
	s->dec = EVP_CIPHER_CTX_new();
	if (!s->md || !s->enc || !s->dec)
		return -ENOMEM;
	if (!EVP_EncryptInit_ex(s->enc, crypto.cipher, NULL, key, NULL) ||
	    !EVP_DecryptInit_ex(s->dec, crypto.cipher, NULL, key, NULL))
		return -EIO;
	return 0;
}

/* The provider path must give what EVP_Digest() gives. */
static int digest_self_test(struct pager_crypto_slot *s)
{
	static const char msg[] = "pager digest self-test";
	uint8_t want[EVP_MAX_MD_SIZE], got[32];
	unsigned int want_len = 0;

	if (!EVP_Digest(msg, sizeof(msg), want, &want_len, crypto.md, NULL) ||
	    want_len != sizeof(got))
		return -EIO;
	if (pager_crypto_sha256(s, msg, sizeof(msg), got) ||
	    memcmp(want, got, sizeof(got)))
		return -EIO;
	return 0;
}

/*
 * Fetched before a fork and never freed, so that the algorithm tables the
 * crypto library builds on a first fetch are there in every child.
 */
static EVP_MD *preloaded_md;
static EVP_CIPHER *preloaded_cipher;

int pager_crypto_preload(void)
{
	if (!preloaded_md)
		preloaded_md = EVP_MD_fetch(NULL, "SHA2-256", NULL);
	if (!preloaded_cipher)
		preloaded_cipher = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL);
	return preloaded_md && preloaded_cipher ? 0 : -EIO;
}

int pager_crypto_init(void)
{
	uint8_t key[PAGER_KEY_SIZE];
	int rc = -EIO;
	size_t i;

	memset(&crypto, 0, sizeof(crypto));
	crypto.md = EVP_MD_fetch(NULL, "SHA2-256", NULL);
	crypto.cipher = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL);
	if (!crypto.md || !crypto.cipher ||
	    EVP_MD_get_size(crypto.md) != 32)
		goto out;
	rc = find_digest_fns();
	if (rc)
		goto out;
	rc = -EIO;
	/* A key per pager: saved pages never outlive the process. */
	if (RAND_bytes(key, sizeof(key)) != 1 ||
	    RAND_bytes(crypto.iv_salt, sizeof(crypto.iv_salt)) != 1)
		goto out;
	for (i = 0; i < PAGER_CRYPTO_SLOTS; i++) {
		rc = slot_init(&crypto.slots[i], key);
		if (rc)
			goto out;
	}
	rc = digest_self_test(&crypto.slots[0]);
out:
	OPENSSL_cleanse(key, sizeof(key));
	if (rc)
		pager_crypto_fini();
	return rc;
}

void pager_crypto_fini(void)
{
	size_t i;

	for (i = 0; i < PAGER_CRYPTO_SLOTS; i++) {
		struct pager_crypto_slot *s = &crypto.slots[i];

		if (s->md)
			crypto.fn.freectx(s->md);
		EVP_CIPHER_CTX_free(s->enc);
		EVP_CIPHER_CTX_free(s->dec);
	}
	EVP_MD_free(crypto.md);
	EVP_CIPHER_free(crypto.cipher);
	memset(&crypto, 0, sizeof(crypto));
}

struct pager_crypto_slot *pager_crypto_get(void)
{
	for (;;) {
		unsigned int used = atomic_load(&crypto.in_use);
		unsigned int i;

		for (i = 0; i < PAGER_CRYPTO_SLOTS; i++) {
			if (used & (1u << i))
				continue;
			if (atomic_compare_exchange_weak(&crypto.in_use, &used,
							 used | (1u << i)))
				return &crypto.slots[i];
			break;	/* used was reloaded: look again */
		}
		if (i == PAGER_CRYPTO_SLOTS)
			sched_yield();
	}
}

void pager_crypto_put(struct pager_crypto_slot *slot)
{
	unsigned int bit = 1u << (slot - crypto.slots);

	atomic_fetch_and(&crypto.in_use, ~bit);
}

int pager_crypto_sha256(struct pager_crypto_slot *slot, const void *data,
			size_t len, uint8_t out[32])
{
	size_t out_len = 0;

	if (!crypto.fn.init(slot->md, NULL) ||
	    !crypto.fn.update(slot->md, data, len) ||
	    !crypto.fn.final(slot->md, out, &out_len, 32) || out_len != 32)
		return -EIO;
	return 0;
}

static void next_iv(uint8_t iv[PAGER_IV_SIZE])
{
	uint64_t n = atomic_fetch_add(&crypto.iv_counter, 1);
	size_t i;

	memcpy(iv, crypto.iv_salt, PAGER_IV_SALT_SIZE);
	for (i = 0; i < 8; i++)
		iv[PAGER_IV_SALT_SIZE + i] = (uint8_t)(n >> (56 - 8 * i));
}

int pager_crypto_seal(struct pager_crypto_slot *slot,
		      const uint8_t aad[PAGER_AAD_SIZE], const void *in,
		      void *out, size_t len, uint8_t iv[PAGER_IV_SIZE],
		      uint8_t tag[PAGER_TAG_SIZE])
{
	OSSL_PARAM params[2];
	int n = 0, fin = 0;

	next_iv(iv);
	params[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG,
						      tag, PAGER_TAG_SIZE);
	params[1] = OSSL_PARAM_construct_end();
	if (!EVP_EncryptInit_ex(slot->enc, NULL, NULL, NULL, iv) ||
	    !EVP_EncryptUpdate(slot->enc, NULL, &n, aad, PAGER_AAD_SIZE) ||
	    !EVP_EncryptUpdate(slot->enc, out, &n, in, (int)len) ||
	    !EVP_EncryptFinal_ex(slot->enc, (uint8_t *)out + n, &fin) ||
	    (size_t)(n + fin) != len ||
	    !EVP_CIPHER_CTX_get_params(slot->enc, params))
		return -EIO;
	return 0;
}

int pager_crypto_open(struct pager_crypto_slot *slot,
		      const uint8_t aad[PAGER_AAD_SIZE], const void *in,
		      void *out, size_t len, const uint8_t iv[PAGER_IV_SIZE],
		      const uint8_t tag[PAGER_TAG_SIZE])
{
	uint8_t want[PAGER_TAG_SIZE];
	OSSL_PARAM params[2];
	int n = 0, fin = 0;

	memcpy(want, tag, sizeof(want));
	params[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG,
						      want, sizeof(want));
	params[1] = OSSL_PARAM_construct_end();
	if (!EVP_DecryptInit_ex(slot->dec, NULL, NULL, NULL, iv) ||
	    !EVP_DecryptUpdate(slot->dec, NULL, &n, aad, PAGER_AAD_SIZE) ||
	    !EVP_DecryptUpdate(slot->dec, out, &n, in, (int)len) ||
	    !EVP_CIPHER_CTX_set_params(slot->dec, params) ||
	    !EVP_DecryptFinal_ex(slot->dec, (uint8_t *)out + n, &fin) ||
	    (size_t)(n + fin) != len) {
		/* Nothing unauthenticated stays behind in the pool page. */
		OPENSSL_cleanse(out, len);
		return -EBADMSG;
	}
	return 0;
}
