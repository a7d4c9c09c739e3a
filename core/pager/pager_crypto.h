/*
 * The pager's cryptography: SHA-256 of a page and AES-256-GCM sealing of a
 * page, with every OpenSSL object created at init so the fault path never
 * allocates.
 */
#ifndef PAGER_CRYPTO_H
#define PAGER_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#define PAGER_CRYPTO_SLOTS	8	/* fault paths in crypto at once */
#define PAGER_IV_SIZE		12
#define PAGER_TAG_SIZE		16
#define PAGER_AAD_SIZE		16

struct pager_crypto_slot;

/* The algorithms fetched ahead of pager_crypto_init(), kept for good. */
int pager_crypto_preload(void);
int pager_crypto_init(void);
void pager_crypto_fini(void);

/*
 * Claims a free slot, waiting (yielding) while all are in use. Slots are
 * held only by code that never waits for anything else, so this ends.
 */
struct pager_crypto_slot *pager_crypto_get(void);
void pager_crypto_put(struct pager_crypto_slot *slot);

int pager_crypto_sha256(struct pager_crypto_slot *slot, const void *data,
			size_t len, uint8_t out[32]);
/* Encrypts len bytes with a fresh IV; writes iv and tag. */
int pager_crypto_seal(struct pager_crypto_slot *slot,
		      const uint8_t aad[PAGER_AAD_SIZE], const void *in,
		      void *out, size_t len, uint8_t iv[PAGER_IV_SIZE],
		      uint8_t tag[PAGER_TAG_SIZE]);
/* Decrypts and authenticates; -EBADMSG if the tag does not match. */
int pager_crypto_open(struct pager_crypto_slot *slot,
		      const uint8_t aad[PAGER_AAD_SIZE], const void *in,
		      void *out, size_t len, const uint8_t iv[PAGER_IV_SIZE],
		      const uint8_t tag[PAGER_TAG_SIZE]);

#endif
