/*
 * Cryptographic operations (GP Internal Core API, chapter 6): generic
 * functions, digests, ciphers, MACs and authenticated encryption. The
 * operation's state and keys live in the host, which enforces GP's state
 * machine; here sizes convert between the API versions and results GP does
 * not allow become panics.
 */
#include <tee_internal_api.h>

#include "utee_cryp.h"

#define CALL	UTEE_CRYP_CALL

TEE_Result TEE_AllocateOperation(TEE_OperationHandle *operation,
				 uint32_t algorithm, uint32_t mode,
				 uint32_t maxKeySize)
{
	uint64_t h = 0;
	TEE_Result res;

	res = CALL(UTEE_SYS_OP_ALLOC, algorithm, mode, maxKeySize, &h, 0, 0);
	utee_cryp_allow(res, TEE_ERROR_OUT_OF_MEMORY, TEE_ERROR_NOT_SUPPORTED,
			TEE_ERROR_OUT_OF_MEMORY);
	*operation = res ? TEE_HANDLE_NULL :
		     (TEE_OperationHandle)(uintptr_t)h;
	return res;
}

void TEE_FreeOperation(TEE_OperationHandle operation)
{
	if (operation == TEE_HANDLE_NULL)
		return;
	CALL(UTEE_SYS_OP_FREE, utee_op_id(operation), 0, 0, 0, 0, 0);
}

static void op_info(TEE_OperationHandle op, struct utee_op_info *in,
		    struct utee_op_key_info keys[2])
{
	CALL(UTEE_SYS_OP_INFO, utee_op_id(op), in, keys, 0, 0, 0);
}

void TEE_GetOperationInfo(TEE_OperationHandle operation,
			  TEE_OperationInfo *operationInfo)
{
	struct utee_op_info in;
	struct utee_op_key_info keys[2];

	op_info(operation, &in, keys);
	operationInfo->algorithm = in.algorithm;
	operationInfo->operationClass = in.op_class;
	operationInfo->mode = in.mode;
	operationInfo->digestLength = in.digest_len;
	operationInfo->maxKeySize = in.max_key_size;
	operationInfo->keySize = keys[0].key_size;
	operationInfo->requiredKeyUsage = keys[0].required_usage;
	operationInfo->handleState = in.handle_state;
}

TEE_Result
TEE_GetOperationInfoMultiple(TEE_OperationHandle operation,
			     TEE_OperationInfoMultiple *operationInfoMultiple,
			     size_t *operationSize)
{
	struct utee_op_info in;
	struct utee_op_key_info keys[2];
	size_t need;
	uint32_t i;

	op_info(operation, &in, keys);
	need = sizeof(*operationInfoMultiple) +
	       in.nkeys * sizeof(TEE_OperationInfoKey);
	if (*operationSize < need) {
		*operationSize = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	operationInfoMultiple->algorithm = in.algorithm;
	operationInfoMultiple->operationClass = in.op_class;
	operationInfoMultiple->mode = in.mode;
	operationInfoMultiple->digestLength = in.digest_len;
	operationInfoMultiple->maxKeySize = in.max_key_size;
	operationInfoMultiple->handleState = in.handle_state;
	operationInfoMultiple->operationState = in.op_state;
	operationInfoMultiple->numberOfKeys = in.nkeys;
	for (i = 0; i < in.nkeys; i++) {
		operationInfoMultiple->keyInformation[i].keySize =
			keys[i].key_size;
		operationInfoMultiple->keyInformation[i].requiredKeyUsage =
			keys[i].required_usage;
	}
	*operationSize = need;
	return TEE_SUCCESS;
}

TEE_Result
__GP11_TEE_GetOperationInfoMultiple(TEE_OperationHandle operation,
				    TEE_OperationInfoMultiple *operationInfoMultiple,
				    uint32_t *operationSize)
{
	size_t size = *operationSize;
	TEE_Result res = TEE_GetOperationInfoMultiple(operation,
						      operationInfoMultiple,
						      &size);

	*operationSize = (uint32_t)size;
	return res;
}

void TEE_ResetOperation(TEE_OperationHandle operation)
{
	CALL(UTEE_SYS_OP_RESET, utee_op_id(operation), 0, 0, 0, 0, 0);
}

TEE_Result TEE_SetOperationKey(TEE_OperationHandle operation,
			       TEE_ObjectHandle key)
{
	TEE_Result res = CALL(UTEE_SYS_OP_SET_KEY, utee_op_id(operation),
			      utee_obj_id(key), 0, 1, 0, 0);

	return utee_cryp_allow(res, TEE_ERROR_CORRUPT_OBJECT,
			       TEE_ERROR_STORAGE_NOT_AVAILABLE,
			       TEE_ERROR_CORRUPT_OBJECT);
}

TEE_Result TEE_SetOperationKey2(TEE_OperationHandle operation,
				TEE_ObjectHandle key1, TEE_ObjectHandle key2)
{
	TEE_Result res = CALL(UTEE_SYS_OP_SET_KEY, utee_op_id(operation),
			      utee_obj_id(key1), utee_obj_id(key2), 2, 0, 0);

	return utee_cryp_allow(res, TEE_ERROR_SECURITY,
			       TEE_ERROR_CORRUPT_OBJECT,
			       TEE_ERROR_STORAGE_NOT_AVAILABLE);
}

void TEE_CopyOperation(TEE_OperationHandle dstOperation,
		       TEE_OperationHandle srcOperation)
{
	CALL(UTEE_SYS_OP_COPY, utee_op_id(dstOperation),
	     utee_op_id(srcOperation), 0, 0, 0, 0);
}

TEE_Result TEE_IsAlgorithmSupported(uint32_t algId, uint32_t element)
{
	TEE_Result res = CALL(UTEE_SYS_ALG_SUPPORTED, algId, element, 0, 0, 0,
			      0);

	return utee_cryp_allow(res, TEE_ERROR_NOT_SUPPORTED,
			       TEE_ERROR_NOT_SUPPORTED,
			       TEE_ERROR_NOT_SUPPORTED);
}

/* Digests. */

void TEE_DigestUpdate(TEE_OperationHandle operation, const void *chunk,
		      size_t chunkSize)
{
	CALL(UTEE_SYS_DIGEST_UPDATE, utee_op_id(operation), chunk, chunkSize,
	     0, 0, 0);
}

void __GP11_TEE_DigestUpdate(TEE_OperationHandle operation, const void *chunk,
			     uint32_t chunkSize)
{
	TEE_DigestUpdate(operation, chunk, chunkSize);
}

TEE_Result TEE_DigestDoFinal(TEE_OperationHandle operation, const void *chunk,
			     size_t chunkLen, void *hash, size_t *hashLen)
{
	uint64_t len = *hashLen;
	TEE_Result res = CALL(UTEE_SYS_DIGEST_FINAL, utee_op_id(operation),
			      chunk, chunkLen, hash, &len, 0);

	utee_cryp_allow(res, TEE_ERROR_SHORT_BUFFER, TEE_ERROR_SHORT_BUFFER,
			TEE_ERROR_SHORT_BUFFER);
	*hashLen = len;
	return res;
}

TEE_Result __GP11_TEE_DigestDoFinal(TEE_OperationHandle operation,
				    const void *chunk, uint32_t chunkLen,
				    void *hash, uint32_t *hashLen)
{
	size_t len = *hashLen;
	TEE_Result res = TEE_DigestDoFinal(operation, chunk, chunkLen, hash,
					   &len);

	*hashLen = (uint32_t)len;
	return res;
}

TEE_Result TEE_DigestExtract(TEE_OperationHandle operation, void *hash,
			     size_t *hashLen)
{
	uint64_t len = *hashLen;
	TEE_Result res = CALL(UTEE_SYS_DIGEST_EXTRACT, utee_op_id(operation),
			      hash, &len, 0, 0, 0);

	utee_cryp_allow(res, TEE_ERROR_SHORT_BUFFER, TEE_ERROR_SHORT_BUFFER,
			TEE_ERROR_SHORT_BUFFER);
	*hashLen = len;
	return res;
}

/* Symmetric ciphers. */

void TEE_CipherInit(TEE_OperationHandle operation, const void *IV,
		    size_t IVLen)
{
	CALL(UTEE_SYS_CIPHER_INIT, utee_op_id(operation), IV, IVLen, 0, 0, 0);
}

void __GP11_TEE_CipherInit(TEE_OperationHandle operation, const void *IV,
			   uint32_t IVLen)
{
	TEE_CipherInit(operation, IV, IVLen);
}

static TEE_Result in_out(uint32_t nr, TEE_OperationHandle operation,
			 const void *src, size_t src_len, void *dst,
			 size_t *dst_len)
{
	uint64_t len = dst_len ? *dst_len : 0;
	TEE_Result res = CALL(nr, utee_op_id(operation), src, src_len, dst,
			      &len, 0);

	utee_cryp_allow(res, TEE_ERROR_SHORT_BUFFER, TEE_ERROR_SHORT_BUFFER,
			TEE_ERROR_SHORT_BUFFER);
	if (dst_len)
		*dst_len = len;
	return res;
}

static TEE_Result in_out_gp11(uint32_t nr, TEE_OperationHandle operation,
			      const void *src, uint32_t src_len, void *dst,
			      uint32_t *dst_len)
{
	size_t len = dst_len ? *dst_len : 0;
	TEE_Result res = in_out(nr, operation, src, src_len, dst, &len);

	if (dst_len)
		*dst_len = (uint32_t)len;
	return res;
}

TEE_Result TEE_CipherUpdate(TEE_OperationHandle operation, const void *srcData,
			    size_t srcLen, void *destData, size_t *destLen)
{
	return in_out(UTEE_SYS_CIPHER_UPDATE, operation, srcData, srcLen,
		      destData, destLen);
}

TEE_Result __GP11_TEE_CipherUpdate(TEE_OperationHandle operation,
				   const void *srcData, uint32_t srcLen,
				   void *destData, uint32_t *destLen)
{
	return in_out_gp11(UTEE_SYS_CIPHER_UPDATE, operation, srcData, srcLen,
			   destData, destLen);
}

TEE_Result TEE_CipherDoFinal(TEE_OperationHandle operation,
			     const void *srcData, size_t srcLen,
			     void *destData, size_t *destLen)
{
	return in_out(UTEE_SYS_CIPHER_FINAL, operation, srcData, srcLen,
		      destData, destLen);
}

TEE_Result __GP11_TEE_CipherDoFinal(TEE_OperationHandle operation,
				    const void *srcData, uint32_t srcLen,
				    void *destData, uint32_t *destLen)
{
	return in_out_gp11(UTEE_SYS_CIPHER_FINAL, operation, srcData, srcLen,
			   destData, destLen);
}

/* MACs. */

void TEE_MACInit(TEE_OperationHandle operation, const void *IV, size_t IVLen)
{
	CALL(UTEE_SYS_MAC_INIT, utee_op_id(operation), IV, IVLen, 0, 0, 0);
}

void __GP11_TEE_MACInit(TEE_OperationHandle operation, const void *IV,
			uint32_t IVLen)
{
	TEE_MACInit(operation, IV, IVLen);
}

void TEE_MACUpdate(TEE_OperationHandle operation, const void *chunk,
		   size_t chunkSize)
{
	CALL(UTEE_SYS_MAC_UPDATE, utee_op_id(operation), chunk, chunkSize, 0,
	     0, 0);
}

void __GP11_TEE_MACUpdate(TEE_OperationHandle operation, const void *chunk,
			  uint32_t chunkSize)
{
	TEE_MACUpdate(operation, chunk, chunkSize);
}

TEE_Result TEE_MACComputeFinal(TEE_OperationHandle operation,
			       const void *message, size_t messageLen,
			       void *mac, size_t *macLen)
{
	return in_out(UTEE_SYS_MAC_COMPUTE, operation, message, messageLen,
		      mac, macLen);
}

TEE_Result __GP11_TEE_MACComputeFinal(TEE_OperationHandle operation,
				      const void *message, uint32_t messageLen,
				      void *mac, uint32_t *macLen)
{
	return in_out_gp11(UTEE_SYS_MAC_COMPUTE, operation, message,
			   messageLen, mac, macLen);
}

TEE_Result TEE_MACCompareFinal(TEE_OperationHandle operation,
			       const void *message, size_t messageLen,
			       const void *mac, size_t macLen)
{
	TEE_Result res = CALL(UTEE_SYS_MAC_COMPARE, utee_op_id(operation),
			      message, messageLen, mac, macLen, 0);

	return utee_cryp_allow(res, TEE_ERROR_MAC_INVALID,
			       TEE_ERROR_MAC_INVALID, TEE_ERROR_MAC_INVALID);
}

TEE_Result __GP11_TEE_MACCompareFinal(TEE_OperationHandle operation,
				      const void *message, uint32_t messageLen,
				      const void *mac, uint32_t macLen)
{
	return TEE_MACCompareFinal(operation, message, messageLen, mac,
				   macLen);
}

/* Authenticated encryption. */

TEE_Result TEE_AEInit(TEE_OperationHandle operation, const void *nonce,
		      size_t nonceLen, uint32_t tagLen, size_t AADLen,
		      size_t payloadLen)
{
	struct utee_ae_init in = {
		.nonce = (uintptr_t)nonce, .nonce_len = nonceLen,
		.tag_bits = tagLen, .aad_len = AADLen,
		.payload_len = payloadLen,
	};
	TEE_Result res = CALL(UTEE_SYS_AE_INIT, utee_op_id(operation), &in, 0,
			      0, 0, 0);

	return utee_cryp_allow(res, TEE_ERROR_NOT_SUPPORTED,
			       TEE_ERROR_NOT_SUPPORTED,
			       TEE_ERROR_NOT_SUPPORTED);
}

TEE_Result __GP11_TEE_AEInit(TEE_OperationHandle operation, const void *nonce,
			     uint32_t nonceLen, uint32_t tagLen,
			     uint32_t AADLen, uint32_t payloadLen)
{
	return TEE_AEInit(operation, nonce, nonceLen, tagLen, AADLen,
			  payloadLen);
}

void TEE_AEUpdateAAD(TEE_OperationHandle operation, const void *AADdata,
		     size_t AADdataLen)
{
	CALL(UTEE_SYS_AE_UPDATE_AAD, utee_op_id(operation), AADdata,
	     AADdataLen, 0, 0, 0);
}

void __GP11_TEE_AEUpdateAAD(TEE_OperationHandle operation, const void *AADdata,
			    uint32_t AADdataLen)
{
	TEE_AEUpdateAAD(operation, AADdata, AADdataLen);
}

TEE_Result TEE_AEUpdate(TEE_OperationHandle operation, const void *srcData,
			size_t srcLen, void *destData, size_t *destLen)
{
	return in_out(UTEE_SYS_AE_UPDATE, operation, srcData, srcLen,
		      destData, destLen);
}

TEE_Result __GP11_TEE_AEUpdate(TEE_OperationHandle operation,
			       const void *srcData, uint32_t srcLen,
			       void *destData, uint32_t *destLen)
{
	return in_out_gp11(UTEE_SYS_AE_UPDATE, operation, srcData, srcLen,
			   destData, destLen);
}

static TEE_Result ae_final(uint32_t nr, TEE_OperationHandle operation,
			   const void *src, size_t src_len, void *dst,
			   size_t *dst_len, void *tag, size_t *tag_len)
{
	uint64_t len = dst_len ? *dst_len : 0;
	struct utee_buf t = { .addr = (uintptr_t)tag, .len = *tag_len };
	TEE_Result res = CALL(nr, utee_op_id(operation), src, src_len, dst,
			      &len, &t);

	utee_cryp_allow(res, TEE_ERROR_SHORT_BUFFER, TEE_ERROR_MAC_INVALID,
			TEE_ERROR_SHORT_BUFFER);
	if (dst_len)
		*dst_len = len;
	*tag_len = t.len;
	return res;
}

TEE_Result TEE_AEEncryptFinal(TEE_OperationHandle operation,
			      const void *srcData, size_t srcLen,
			      void *destData, size_t *destLen,
			      void *tag, size_t *tagLen)
{
	return ae_final(UTEE_SYS_AE_ENC_FINAL, operation, srcData, srcLen,
			destData, destLen, tag, tagLen);
}

TEE_Result __GP11_TEE_AEEncryptFinal(TEE_OperationHandle operation,
				     const void *srcData, uint32_t srcLen,
				     void *destData, uint32_t *destLen,
				     void *tag, uint32_t *tagLen)
{
	size_t dl = *destLen, tl = *tagLen;
	TEE_Result res = TEE_AEEncryptFinal(operation, srcData, srcLen,
					    destData, &dl, tag, &tl);

	*destLen = (uint32_t)dl;
	*tagLen = (uint32_t)tl;
	return res;
}

TEE_Result TEE_AEDecryptFinal(TEE_OperationHandle operation,
			      const void *srcData, size_t srcLen,
			      void *destData, size_t *destLen,
			      void *tag, size_t tagLen)
{
	size_t tl = tagLen;

	return ae_final(UTEE_SYS_AE_DEC_FINAL, operation, srcData, srcLen,
			destData, destLen, tag, &tl);
}

TEE_Result __GP11_TEE_AEDecryptFinal(TEE_OperationHandle operation,
				     const void *srcData, uint32_t srcLen,
				     void *destData, uint32_t *destLen,
				     void *tag, uint32_t tagLen)
{
	size_t dl = *destLen;
	TEE_Result res = TEE_AEDecryptFinal(operation, srcData, srcLen,
					    destData, &dl, tag, tagLen);

	*destLen = (uint32_t)dl;
	return res;
}
