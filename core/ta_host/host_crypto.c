/*
 * The cryptographic syscalls (ta_abi.h, UTEE_SYS_CRYP_FIRST on): every
 * pointer the TA passes is checked against its memory map, then the call
 * goes to core/crypto, where keys and operation state live. A bad pointer,
 * like every misuse GP names, is a panic of the TA.
 */
#include <stdlib.h>
#include <string.h>

#include <tee_api_defines.h>
#include <teecheck/ta_abi.h>

#include "../../common/tc_log.h"
#include "../crypto/cryp.h"
#include "host_parts.h"
#include "ta_host.h"

/* Attributes one call may carry. */
#define CRYP_PARAMS_MAX	16

void cryp_panic(TEE_Result code, const char *why)
{
	tc_warn("crypto: panic: %s", why);
	host_panic(code);
}

static void need_mem(uintptr_t p, size_t len, bool write)
{
	if (len && !host_mem_usable(p, len, write))
		cryp_panic(TEE_ERROR_BAD_PARAMETERS,
			   "buffer outside the TA's memory");
}

/* A size the TA passes by address: read it, and later write it back. */
static size_t get_len(uintptr_t p)
{
	need_mem(p, sizeof(uint64_t), true);
	return (size_t)*(const uint64_t *)p;
}

static void put_len(uintptr_t p, size_t len)
{
	*(uint64_t *)p = len;
}

static size_t get_params(uintptr_t attrs, uintptr_t count,
			 struct cryp_param *p)
{
	const struct utee_attr *a = (const struct utee_attr *)attrs;
	size_t i;

	if (count > CRYP_PARAMS_MAX)
		cryp_panic(TEE_ERROR_BAD_PARAMETERS, "too many attributes");
	need_mem(attrs, count * sizeof(*a), false);
	for (i = 0; i < count; i++) {
		memset(&p[i], 0, sizeof(p[i]));
		p[i].id = a[i].id;
		if (a[i].id & TEE_ATTR_FLAG_VALUE) {
			p[i].a = (uint32_t)a[i].a;
			p[i].b = (uint32_t)a[i].b;
		} else {
			need_mem(a[i].a, a[i].b, false);
			p[i].buf = (const uint8_t *)(uintptr_t)a[i].a;
			p[i].len = a[i].b;
		}
	}
	return count;
}

static uint32_t sys_obj_get_attr(uintptr_t h, uintptr_t id, uintptr_t buf,
				 uintptr_t lenp, uintptr_t ab)
{
	size_t len = 0;
	TEE_Result res;

	if (id & TEE_ATTR_FLAG_VALUE) {
		need_mem(ab, 2 * sizeof(uint32_t), true);
		return cryp_obj_get_attr(h, id, NULL, NULL, (uint32_t *)ab);
	}
	len = get_len(lenp);
	need_mem(buf, len, true);
	res = cryp_obj_get_attr(h, id, (void *)buf, &len, NULL);
	if (!res || res == TEE_ERROR_SHORT_BUFFER)
		put_len(lenp, len);
	return res;
}

/* (h, src, src_len, dst, uint64_t *dst_len): the calls of that shape. */
static uint32_t sys_in_out(uint32_t nr, uintptr_t h, uintptr_t src,
			   uintptr_t src_len, uintptr_t dst, uintptr_t lenp)
{
	size_t len = get_len(lenp);
	TEE_Result res;

	need_mem(src, src_len, false);
	need_mem(dst, len, true);
	switch (nr) {
	case UTEE_SYS_DIGEST_FINAL:
		res = cryp_digest_final(h, (void *)src, src_len, (void *)dst,
					&len);
		break;
	case UTEE_SYS_CIPHER_UPDATE:
	case UTEE_SYS_CIPHER_FINAL:
		res = cryp_cipher_update(h, (void *)src, src_len, (void *)dst,
					 &len, nr == UTEE_SYS_CIPHER_FINAL);
		break;
	case UTEE_SYS_MAC_COMPUTE:
		res = cryp_mac_compute(h, (void *)src, src_len, (void *)dst,
				       &len);
		break;
	default:
		res = cryp_ae_update(h, (void *)src, src_len, (void *)dst,
				     &len);
		break;
	}
	if (!res || res == TEE_ERROR_SHORT_BUFFER)
		put_len(lenp, len);
	return res;
}

static uint32_t sys_ae_final(uint32_t nr, uintptr_t h, uintptr_t src,
			     uintptr_t src_len, uintptr_t dst, uintptr_t lenp,
			     uintptr_t tagp)
{
	struct utee_buf *tag = (struct utee_buf *)tagp;
	size_t len = get_len(lenp), tag_len;
	TEE_Result res;

	need_mem(tagp, sizeof(*tag), true);
	tag_len = tag->len;
	need_mem(src, src_len, false);
	need_mem(dst, len, true);
	need_mem(tag->addr, tag_len, nr == UTEE_SYS_AE_ENC_FINAL);
	if (nr == UTEE_SYS_AE_ENC_FINAL) {
		res = cryp_ae_enc_final(h, (void *)src, src_len, (void *)dst,
					&len, (void *)(uintptr_t)tag->addr,
					&tag_len);
		if (!res || res == TEE_ERROR_SHORT_BUFFER)
			tag->len = tag_len;
	} else {
		res = cryp_ae_dec_final(h, (void *)src, src_len, (void *)dst,
					&len, (void *)(uintptr_t)tag->addr,
					tag_len);
	}
	if (!res || res == TEE_ERROR_SHORT_BUFFER)
		put_len(lenp, len);
	return res;
}

static uint32_t sys_asym(uintptr_t h, uintptr_t func, uintptr_t attrs,
			 uintptr_t count, uintptr_t srcp, uintptr_t dstp)
{
	struct cryp_param p[CRYP_PARAMS_MAX];
	const struct utee_buf *src = (const struct utee_buf *)srcp;
	struct utee_buf *dst = (struct utee_buf *)dstp;
	size_t n = get_params(attrs, count, p), len;
	TEE_Result res;

	need_mem(srcp, sizeof(*src), false);
	need_mem(dstp, sizeof(*dst), true);
	len = dst->len;
	need_mem(src->addr, src->len, false);
	need_mem(dst->addr, len, func != UTEE_ASYM_VERIFY);
	res = cryp_asym(h, (unsigned int)func, p, n,
			(const void *)(uintptr_t)src->addr, src->len,
			(void *)(uintptr_t)dst->addr, &len);
	if (func != UTEE_ASYM_VERIFY &&
	    (!res || res == TEE_ERROR_SHORT_BUFFER))
		dst->len = len;
	return res;
}

/* A TEE_BigInt the TA passes: header first, then as many words as it says. */
static void *bigint_mem(uint64_t addr, bool write)
{
	const uint32_t *bi = (const uint32_t *)(uintptr_t)addr;

	if (!addr)
		return NULL;
	need_mem(addr, UTEE_BIGINT_HDR_WORDS * 4, write);
	need_mem(addr, ((size_t)bi[1] + UTEE_BIGINT_HDR_WORDS) * 4, write);
	return (void *)bi;
}

static uint32_t sys_bigint(uintptr_t argp)
{
	struct utee_bigint_args *args = (struct utee_bigint_args *)argp;
	uint32_t *dst[3];
	const uint32_t *src[3];
	int i;

	need_mem(argp, sizeof(*args), true);
	for (i = 0; i < 3; i++) {
		dst[i] = bigint_mem(args->dst[i], true);
		src[i] = bigint_mem(args->src[i], false);
	}
	if (args->op == UTEE_BIGINT_FROM_OCTETS ||
	    args->op == UTEE_BIGINT_TO_OCTETS)
		need_mem(args->buf, args->buf_len,
			 args->op == UTEE_BIGINT_TO_OCTETS);
	return cryp_bigint(args, dst, src);
}

TEE_Result host_crypto_syscall(uint32_t nr, uintptr_t a0, uintptr_t a1,
			     uintptr_t a2, uintptr_t a3, uintptr_t a4,
			     uintptr_t a5)
{
	struct cryp_param p[CRYP_PARAMS_MAX];
	uint64_t h = 0;
	TEE_Result res;
	size_t n, len;

	if (cryp_init())
		return TEE_ERROR_NOT_SUPPORTED;
	switch (nr) {
	case UTEE_SYS_OBJ_ALLOC:
	case UTEE_SYS_OP_ALLOC:
		need_mem(a3 ? a3 : a2, sizeof(uint64_t), true);
		if (nr == UTEE_SYS_OBJ_ALLOC) {
			res = cryp_obj_alloc(a0, a1, &h);
			*(uint64_t *)a2 = h;
		} else {
			res = cryp_op_alloc(a0, a1, a2, &h);
			*(uint64_t *)a3 = h;
		}
		return res;
	case UTEE_SYS_OBJ_FREE:
		/* a1: the caller is TEE_FreeTransientObject, transient only */
		if (a1)
			cryp_obj_transient(a0);
		host_stor_closing(a0);
		cryp_obj_free(a0);
		return TEE_SUCCESS;
	case UTEE_SYS_OBJ_RESET:
		cryp_obj_transient(a0);
		cryp_obj_reset(a0);
		return TEE_SUCCESS;
	case UTEE_SYS_OBJ_INFO:
		need_mem(a1, sizeof(struct utee_object_info), true);
		cryp_obj_info(a0, (struct utee_object_info *)a1);
		host_stor_info(a0, (struct utee_object_info *)a1);
		return TEE_SUCCESS;
	case UTEE_SYS_OBJ_RESTRICT:
		cryp_obj_restrict(a0, a1);
		return TEE_SUCCESS;
	case UTEE_SYS_OBJ_POPULATE:
		n = get_params(a1, a2, p);
		return cryp_obj_populate(a0, p, n);
	case UTEE_SYS_OBJ_GET_ATTR:
		return sys_obj_get_attr(a0, a1, a2, a3, a4);
	case UTEE_SYS_OBJ_COPY:
		return cryp_obj_copy(a0, a1);
	case UTEE_SYS_OBJ_GENERATE:
		n = get_params(a2, a3, p);
		return cryp_obj_generate(a0, a1, p, n);
	case UTEE_SYS_OP_FREE:
		cryp_op_free(a0);
		return TEE_SUCCESS;
	case UTEE_SYS_OP_INFO:
		need_mem(a1, sizeof(struct utee_op_info), true);
		need_mem(a2, 2 * sizeof(struct utee_op_key_info), true);
		cryp_op_info(a0, (struct utee_op_info *)a1,
			     (struct utee_op_key_info *)a2);
		return TEE_SUCCESS;
	case UTEE_SYS_OP_RESET:
		cryp_op_reset(a0);
		return TEE_SUCCESS;
	case UTEE_SYS_OP_SET_KEY:
		return cryp_op_set_key(a0, a1, a2, a3);
	case UTEE_SYS_OP_COPY:
		cryp_op_copy(a0, a1);
		return TEE_SUCCESS;
	case UTEE_SYS_ALG_SUPPORTED:
		return cryp_alg_supported(a0, a1);
	case UTEE_SYS_DIGEST_UPDATE:
		need_mem(a1, a2, false);
		cryp_digest_update(a0, (void *)a1, a2);
		return TEE_SUCCESS;
	case UTEE_SYS_DIGEST_EXTRACT:
		len = get_len(a2);
		need_mem(a1, len, true);
		res = cryp_digest_extract(a0, (void *)a1, &len);
		put_len(a2, len);
		return res;
	case UTEE_SYS_CIPHER_INIT:
	case UTEE_SYS_MAC_INIT:
		need_mem(a1, a2, false);
		if (nr == UTEE_SYS_CIPHER_INIT)
			cryp_cipher_init(a0, (void *)a1, a2);
		else
			cryp_mac_init(a0, (void *)a1, a2);
		return TEE_SUCCESS;
	case UTEE_SYS_MAC_UPDATE:
		need_mem(a1, a2, false);
		cryp_mac_update(a0, (void *)a1, a2);
		return TEE_SUCCESS;
	case UTEE_SYS_DIGEST_FINAL:
	case UTEE_SYS_CIPHER_UPDATE:
	case UTEE_SYS_CIPHER_FINAL:
	case UTEE_SYS_MAC_COMPUTE:
	case UTEE_SYS_AE_UPDATE:
		return sys_in_out(nr, a0, a1, a2, a3, a4);
	case UTEE_SYS_MAC_COMPARE:
		need_mem(a1, a2, false);
		need_mem(a3, a4, false);
		return cryp_mac_compare(a0, (void *)a1, a2, (void *)a3, a4);
	case UTEE_SYS_AE_INIT: {
		const struct utee_ae_init *in = (const void *)a1;

		need_mem(a1, sizeof(*in), false);
		need_mem(in->nonce, in->nonce_len, false);
		return cryp_ae_init(a0, (const void *)(uintptr_t)in->nonce,
				    in->nonce_len, (uint32_t)in->tag_bits,
				    in->aad_len, in->payload_len);
	}
	case UTEE_SYS_AE_UPDATE_AAD:
		need_mem(a1, a2, false);
		cryp_ae_update_aad(a0, (void *)a1, a2);
		return TEE_SUCCESS;
	case UTEE_SYS_AE_ENC_FINAL:
	case UTEE_SYS_AE_DEC_FINAL:
		return sys_ae_final(nr, a0, a1, a2, a3, a4, a5);
	case UTEE_SYS_ASYM:
		return sys_asym(a0, a1, a2, a3, a4, a5);
	case UTEE_SYS_DERIVE:
		n = get_params(a1, a2, p);
		cryp_derive(a0, p, n, a3);
		return TEE_SUCCESS;
	case UTEE_SYS_BIGINT:
		return sys_bigint(a0);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
