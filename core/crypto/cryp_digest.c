/*
 * Message digests: MD5, SHA-1, SHA-2, SHA-3, SM3 and the SHAKE XOFs, over
 * EVP_MD. TEE_DigestExtract squeezes: the first call closes the message,
 * every call gives the next bytes of the output.
 */
#include <string.h>

#include <openssl/crypto.h>

#include "cryp_priv.h"

static bool digest_is_xof(const struct cryp_op *op)
{
	return op->a->digest_len == 0;
}

static void digest_start(struct cryp_op *op)
{
	if (op->md)
		return;
	op->md = EVP_MD_CTX_new();
	if (!op->md || EVP_DigestInit_ex(op->md, cryp_md(op->a->md), NULL) != 1)
		cryp_panic(TEE_ERROR_OUT_OF_MEMORY, "digest init");
}

void cryp_digest_update(uint64_t h, const void *chunk, size_t len)
{
	struct cryp_op *op = cryp_op_expect(h, CRYP_F_DIGEST,
					    "digest update: not a digest");

	if (op->state == CRYP_S_EXTRACTING)
		cryp_panic(TEE_ERROR_BAD_STATE, "digest update while extracting");
	digest_start(op);
	if (EVP_DigestUpdate(op->md, chunk, len) != 1)
		cryp_panic(TEE_ERROR_GENERIC, "digest update");
	op->state = CRYP_S_ACTIVE;
}

TEE_Result cryp_digest_final(uint64_t h, const void *chunk, size_t len,
			     void *out, size_t *out_len)
{
	struct cryp_op *op = cryp_op_expect(h, CRYP_F_DIGEST,
					    "digest final: not a digest");
	size_t n = digest_is_xof(op) ? *out_len : op->a->digest_len;
	unsigned int got = 0;
	TEE_Result res;
	int ok;

	if (op->state == CRYP_S_EXTRACTING)
		cryp_panic(TEE_ERROR_BAD_STATE, "digest final while extracting");
	if (!n)
		return TEE_ERROR_BAD_PARAMETERS;
	res = cryp_out_fits(out_len, n);
	if (res)
		return res;
	digest_start(op);
	if (EVP_DigestUpdate(op->md, chunk, len) != 1)
		cryp_panic(TEE_ERROR_GENERIC, "digest update");
	if (digest_is_xof(op))
		ok = EVP_DigestFinalXOF(op->md, out, n);
	else
		ok = EVP_DigestFinal_ex(op->md, out, &got);
	if (ok != 1)
		cryp_panic(TEE_ERROR_GENERIC, "digest final");
	*out_len = n;
	cryp_op_clear_run(op);
	op->state = CRYP_S_INITIAL;
	return TEE_SUCCESS;
}

TEE_Result cryp_digest_extract(uint64_t h, void *out, size_t *out_len)
{
	struct cryp_op *op = cryp_op_expect(h, CRYP_F_DIGEST,
					    "digest extract: not a digest");
	size_t want = *out_len, total;
	EVP_MD_CTX *tmp;
	uint8_t *all;
	unsigned int got;

	digest_start(op);
	op->state = CRYP_S_EXTRACTING;
	if (!digest_is_xof(op)) {
		/* A fixed-size digest has no more to give than its size. */
		if (op->extracted + want > op->a->digest_len)
			want = op->a->digest_len - op->extracted;
	}
	total = op->extracted + want;
	all = OPENSSL_malloc(total + EVP_MAX_MD_SIZE);
	tmp = EVP_MD_CTX_new();
	if (!all || !tmp || !EVP_MD_CTX_copy_ex(tmp, op->md))
		cryp_panic(TEE_ERROR_OUT_OF_MEMORY, "digest extract");
	if (digest_is_xof(op)) {
		if (total && EVP_DigestFinalXOF(tmp, all, total) != 1)
			cryp_panic(TEE_ERROR_GENERIC, "digest extract");
	} else if (EVP_DigestFinal_ex(tmp, all, &got) != 1) {
		cryp_panic(TEE_ERROR_GENERIC, "digest extract");
	}
	memcpy(out, all + op->extracted, want);
	op->extracted = total;
	*out_len = want;
	EVP_MD_CTX_free(tmp);
	OPENSSL_clear_free(all, total + EVP_MAX_MD_SIZE);
	return TEE_SUCCESS;
}
