/* The public key the core verifies TA images with. */
#ifndef CORE_TA_KEY_H
#define CORE_TA_KEY_H

#include <openssl/evp.h>

/* The PEM built into tee-core (generated at build time from out/keys/). */
extern const char ta_builtin_pubkey_pem[];

/* Loads path's PEM public key, or the built-in one if path is NULL. */
EVP_PKEY *ta_key_load(const char *path);

#endif
