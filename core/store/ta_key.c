/* Loading the TA verification key: built in, or given with --ta-pubkey. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "../../common/tc_log.h"
#include "ta_key.h"

EVP_PKEY *ta_key_load(const char *path)
{
	EVP_PKEY *key = NULL;
	BIO *bio;

	if (path)
		bio = BIO_new_file(path, "r");
	else
		bio = BIO_new_mem_buf(ta_builtin_pubkey_pem, -1);
	if (!bio) {
		tc_err("TA key %s: %s", path ? path : "(built in)",
		       strerror(errno));
		return NULL;
	}
	key = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	BIO_free(bio);
	if (!key) {
		tc_err("TA key %s: not a PEM public key (%s)",
		       path ? path : "(built in)",
		       ERR_reason_error_string(ERR_get_error()));
		return NULL;
	}
	if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
		tc_err("TA key %s: not an RSA key", path ? path : "(built in)");
		EVP_PKEY_free(key);
		return NULL;
	}
	return key;
}
