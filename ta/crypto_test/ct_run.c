/*
 * CT_CMD_RUN: one operation end to end from a request blob (ct.h): the key
 * objects populated or generated, the operation allocated and keyed, the
 * data fed in the chunks asked for, the result or the GP result code back.
 */
#include <string.h>

#include "ct.h"

#define CT_ATTRS_MAX	12

struct ct_req {
	const void *blob;
	size_t size;
	uint32_t alg, mode;
	uint32_t key_type, key_size, op_size, chunk, tag_bits, derived_size;
	bool generate, roundtrip;
	TEE_Attribute key_attrs[2][CT_ATTRS_MAX];
	uint32_t nkey_attrs[2];
	TEE_Attribute op_attrs[CT_ATTRS_MAX];
	uint32_t nop_attrs;
	struct ct_tlv iv, aad, tag, mac, sig;
	bool has_iv, has_tag, has_mac, has_sig;
};

static void attr_from(TEE_Attribute *a, uint32_t id, const uint8_t *val,
		      uint32_t len)
{
	uint32_t v[2] = { 0, 0 };

	if (id & TEE_ATTR_FLAG_VALUE) {
		memcpy(v, val, len < 8 ? len : 8);
		TEE_InitValueAttribute(a, id, v[0], v[1]);
	} else {
		TEE_InitRefAttribute(a, id, val, len);
	}
}

static TEE_Result req_parse(struct ct_req *r, const void *blob, size_t size)
{
	size_t pos = 0;
	struct ct_tlv t;
	unsigned int k = 0;
	uint32_t id;

	r->blob = blob;
	r->size = size;
	while (ct_tlv_next(blob, size, &pos, &t)) {
		switch (t.tag) {
		case CT_T_KEY_TYPE: r->key_type = ct_tlv_u32(&t); break;
		case CT_T_KEY_SIZE: r->key_size = ct_tlv_u32(&t); break;
		case CT_T_OP_SIZE: r->op_size = ct_tlv_u32(&t); break;
		case CT_T_KEY2: k = 1; break;
		case CT_T_IV: r->iv = t; r->has_iv = true; break;
		case CT_T_AAD: r->aad = t; break;
		case CT_T_TAG: r->tag = t; r->has_tag = true; break;
		case CT_T_TAG_LEN: r->tag_bits = ct_tlv_u32(&t); break;
		case CT_T_CHUNK: r->chunk = ct_tlv_u32(&t); break;
		case CT_T_GENERATE: r->generate = true; break;
		case CT_T_ROUNDTRIP: r->roundtrip = true; break;
		case CT_T_MAC: r->mac = t; r->has_mac = true; break;
		case CT_T_SIG: r->sig = t; r->has_sig = true; break;
		case CT_T_DERIVED_SIZE: r->derived_size = ct_tlv_u32(&t); break;
		case CT_T_OPATTR:
			if (t.len < 4 || r->nop_attrs == CT_ATTRS_MAX)
				return TEE_ERROR_BAD_FORMAT;
			memcpy(&id, t.val, 4);
			attr_from(&r->op_attrs[r->nop_attrs++], id, t.val + 4,
				  t.len - 4);
			break;
		default:
			if (t.tag < CT_T_LAST ||
			    r->nkey_attrs[k] == CT_ATTRS_MAX)
				return TEE_ERROR_BAD_FORMAT;
			attr_from(&r->key_attrs[k][r->nkey_attrs[k]++], t.tag,
				  t.val, t.len);
		}
	}
	if (!r->op_size)
		r->op_size = r->key_size;
	/* To decrypt, the tag's own length unless the request says. */
	if (!r->tag_bits && r->has_tag)
		r->tag_bits = r->tag.len * 8;
	return TEE_SUCCESS;
}

/* The key object i of the request, populated or generated. */
static TEE_Result req_key(const struct ct_req *r, unsigned int i,
			  TEE_ObjectHandle *key)
{
	TEE_Result res;

	res = TEE_AllocateTransientObject(r->key_type, r->key_size, key);
	if (res)
		return res;
	if (r->generate)
		res = TEE_GenerateKey(*key, r->key_size, r->key_attrs[i],
				      r->nkey_attrs[i]);
	else
		res = TEE_PopulateTransientObject(*key, r->key_attrs[i],
						  r->nkey_attrs[i]);
	return res;
}

static size_t chunk_of(const struct ct_req *r, size_t left)
{
	return r->chunk && r->chunk < left ? r->chunk : left;
}

static TEE_Result run_digest(struct ct_req *r, TEE_OperationHandle op,
			     const uint8_t *in, size_t len, void *out,
			     ct_len_t *out_len)
{
	size_t n;

	while (r->chunk && len > r->chunk) {
		n = chunk_of(r, len);
		TEE_DigestUpdate(op, in, n);
		in += n;
		len -= n;
	}
	return TEE_DigestDoFinal(op, in, len, out, out_len);
}

static TEE_Result run_cipher(struct ct_req *r, TEE_OperationHandle op,
			     const uint8_t *in, size_t len, uint8_t *out,
			     ct_len_t *out_len)
{
	ct_len_t room = *out_len, n, done = 0;
	TEE_Result res;
	size_t c;

	TEE_CipherInit(op, r->has_iv ? r->iv.val : NULL,
		       r->has_iv ? r->iv.len : 0);
	while (r->chunk && len > r->chunk) {
		c = chunk_of(r, len);
		n = room - done;
		res = TEE_CipherUpdate(op, in, c, out + done, &n);
		if (res) {
			*out_len = n;
			return res;
		}
		done += n;
		in += c;
		len -= c;
	}
	n = room - done;
	res = TEE_CipherDoFinal(op, in, len, out + done, &n);
	*out_len = done + n;
	return res;
}

static TEE_Result run_mac(struct ct_req *r, TEE_OperationHandle op,
			  const uint8_t *in, size_t len, void *out,
			  ct_len_t *out_len)
{
	size_t n;

	TEE_MACInit(op, r->has_iv ? r->iv.val : NULL,
		    r->has_iv ? r->iv.len : 0);
	while (r->chunk && len > r->chunk) {
		n = chunk_of(r, len);
		TEE_MACUpdate(op, in, n);
		in += n;
		len -= n;
	}
	if (r->has_mac) {
		*out_len = 0;
		return TEE_MACCompareFinal(op, in, len, r->mac.val,
					   r->mac.len);
	}
	return TEE_MACComputeFinal(op, in, len, out, out_len);
}

/* Encryption: ciphertext then tag. Decryption: the plaintext. */
static TEE_Result run_ae(struct ct_req *r, TEE_OperationHandle op,
			 const uint8_t *in, size_t len, uint8_t *out,
			 ct_len_t *out_len)
{
	ct_len_t room = *out_len, n, done = 0, tl;
	TEE_Result res;
	size_t c, a = r->aad.len;
	const uint8_t *ap = r->aad.val;

	res = TEE_AEInit(op, r->iv.val, r->iv.len, r->tag_bits, r->aad.len,
			 len);
	if (res)
		return res;
	while (r->chunk && a > r->chunk) {
		TEE_AEUpdateAAD(op, ap, r->chunk);
		ap += r->chunk;
		a -= r->chunk;
	}
	if (a)
		TEE_AEUpdateAAD(op, ap, a);
	while (r->chunk && len > r->chunk) {
		c = chunk_of(r, len);
		n = room - done;
		res = TEE_AEUpdate(op, in, c, out + done, &n);
		if (res)
			return res;
		done += n;
		in += c;
		len -= c;
	}
	n = room - done;
	if (r->mode == TEE_MODE_ENCRYPT) {
		uint8_t tagbuf[16];

		tl = sizeof(tagbuf);
		if (n < r->tag_bits / 8) {
			*out_len = done + len + r->tag_bits / 8;
			return TEE_ERROR_SHORT_BUFFER;
		}
		n -= r->tag_bits / 8;
		res = TEE_AEEncryptFinal(op, in, len, out + done, &n, tagbuf,
					 &tl);
		if (!res)
			memcpy(out + done + n, tagbuf, tl);
		*out_len = done + n + tl;
		return res;
	}
	res = TEE_AEDecryptFinal(op, in, len, out + done, &n,
				 (void *)r->tag.val, r->tag.len);
	*out_len = done + n;
	return res;
}

static TEE_Result run_asym(struct ct_req *r, TEE_ObjectHandle key,
			   TEE_OperationHandle op, const uint8_t *in,
			   size_t len, uint8_t *out, ct_len_t *out_len)
{
	TEE_OperationHandle op2 = TEE_HANDLE_NULL;
	uint8_t tmp[1024];
	ct_len_t tl = sizeof(tmp);
	TEE_Result res;

	if (!r->roundtrip) {
		if (r->mode == TEE_MODE_ENCRYPT)
			return TEE_AsymmetricEncrypt(op, r->op_attrs,
						     r->nop_attrs, in, len,
						     out, out_len);
		return TEE_AsymmetricDecrypt(op, r->op_attrs, r->nop_attrs, in,
					     len, out, out_len);
	}
	/* Encrypt with this operation, decrypt with a second one. */
	res = TEE_AsymmetricEncrypt(op, r->op_attrs, r->nop_attrs, in, len,
				    tmp, &tl);
	if (!res)
		res = TEE_AllocateOperation(&op2, r->alg, TEE_MODE_DECRYPT,
					    r->op_size);
	if (!res)
		res = TEE_SetOperationKey(op2, key);
	if (!res)
		res = TEE_AsymmetricDecrypt(op2, r->op_attrs, r->nop_attrs,
					    tmp, tl, out, out_len);
	ct_free_op(op2);
	return res;
}

static TEE_Result run_sign(struct ct_req *r, TEE_ObjectHandle key,
			   TEE_OperationHandle op, const uint8_t *in,
			   size_t len, uint8_t *out, ct_len_t *out_len)
{
	TEE_OperationHandle op2 = TEE_HANDLE_NULL;
	TEE_Result res;

	if (r->mode == TEE_MODE_VERIFY) {
		*out_len = 0;
		return TEE_AsymmetricVerifyDigest(op, r->op_attrs,
						  r->nop_attrs, in, len,
						  r->sig.val, r->sig.len);
	}
	res = TEE_AsymmetricSignDigest(op, r->op_attrs, r->nop_attrs, in, len,
				       out, out_len);
	if (res || !r->roundtrip)
		return res;
	res = TEE_AllocateOperation(&op2, r->alg, TEE_MODE_VERIFY, r->op_size);
	if (!res)
		res = TEE_SetOperationKey(op2, key);
	if (!res)
		res = TEE_AsymmetricVerifyDigest(op2, r->op_attrs,
						 r->nop_attrs, in, len, out,
						 *out_len);
	ct_free_op(op2);
	return res;
}

static TEE_Result run_derive(struct ct_req *r, TEE_OperationHandle op,
			     void *out, ct_len_t *out_len)
{
	TEE_ObjectHandle d = TEE_HANDLE_NULL;
	TEE_Result res;

	res = TEE_AllocateTransientObject(TEE_TYPE_GENERIC_SECRET,
					  r->derived_size ? r->derived_size :
					  4096, &d);
	if (res)
		return res;
	TEE_DeriveKey(op, r->op_attrs, r->nop_attrs, d);
	res = TEE_GetObjectBufferAttribute(d, TEE_ATTR_SECRET_VALUE, out,
					   out_len);
	TEE_FreeTransientObject(d);
	return res;
}

TEE_Result ct_run(uint32_t types, TEE_Param p[4])
{
	static struct ct_req r;
	TEE_ObjectHandle key[2] = { TEE_HANDLE_NULL, TEE_HANDLE_NULL };
	TEE_OperationHandle op = TEE_HANDLE_NULL;
	ct_len_t out_len = p[3].memref.size;
	const uint8_t *in = p[2].memref.buffer;
	size_t len = p[2].memref.size;
	uint32_t cls;
	TEE_Result res;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_MEMREF_INPUT,
				     TEE_PARAM_TYPE_MEMREF_INPUT,
				     TEE_PARAM_TYPE_MEMREF_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	memset(&r, 0, sizeof(r));
	r.alg = p[0].value.a;
	r.mode = p[0].value.b;
	res = req_parse(&r, p[1].memref.buffer, p[1].memref.size);
	if (res)
		return res;
	cls = r.alg >> 28;
	/* SM2 encryption has a number of the derivation class. */
	if (r.alg == TEE_ALG_SM2_PKE)
		cls = 6;
	res = TEE_AllocateOperation(&op, r.alg, r.mode, r.op_size);
	if (res)
		goto out;
	if (cls != 5) {
		res = req_key(&r, 0, &key[0]);
		if (!res && r.alg == TEE_ALG_AES_XTS)
			res = req_key(&r, 1, &key[1]);
		if (res)
			goto out;
		if (r.alg == TEE_ALG_AES_XTS)
			res = TEE_SetOperationKey2(op, key[0], key[1]);
		else
			res = TEE_SetOperationKey(op, key[0]);
		if (res)
			goto out;
	}
	switch (cls) {
	case 5:
		res = run_digest(&r, op, in, len, p[3].memref.buffer, &out_len);
		break;
	case 1:
		res = run_cipher(&r, op, in, len, p[3].memref.buffer, &out_len);
		break;
	case 3:
		res = run_mac(&r, op, in, len, p[3].memref.buffer, &out_len);
		break;
	case 4:
		res = run_ae(&r, op, in, len, p[3].memref.buffer, &out_len);
		break;
	case 6:
		res = run_asym(&r, key[0], op, in, len, p[3].memref.buffer,
			       &out_len);
		break;
	case 7:
		res = run_sign(&r, key[0], op, in, len, p[3].memref.buffer,
			       &out_len);
		break;
	default:
		res = run_derive(&r, op, p[3].memref.buffer, &out_len);
		break;
	}
	p[3].memref.size = out_len;
out:
	ct_free_op(op);
	TEE_FreeTransientObject(key[0]);
	TEE_FreeTransientObject(key[1]);
	return res;
}
