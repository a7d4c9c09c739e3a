/*
 * The extensions to the GP Internal Core API that this TEE implements,
 * under OP-TEE's names and signatures where OP-TEE has them. Only what
 * libutee implements is declared here: a TA that uses another OP-TEE
 * extension fails to compile instead of failing at run time. As OP-TEE's,
 * it also brings trace.h and stdio.h. The identifiers of the extra
 * algorithms are in tee_api_defines_extensions.h, as in OP-TEE.
 */
#ifndef TEE_INTERNAL_API_EXTENSIONS_H
#define TEE_INTERNAL_API_EXTENSIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <tee_api_defines_extensions.h>
#include <tee_api_types.h>
#include <trace.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Cache maintenance on a buffer the TA may read and write. TEE memory here
 * is coherent, so these only check access: TEE_ERROR_ACCESS_DENIED when
 * the TA may not access the whole buffer, TEE_SUCCESS otherwise.
 */
TEE_Result TEE_CacheClean(char *buf, size_t len);
TEE_Result TEE_CacheFlush(char *buf, size_t len);
TEE_Result TEE_CacheInvalidate(char *buf, size_t len);

/*
 * "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (hex digits in either case) to a
 * TEE_UUID; TEE_ERROR_BAD_FORMAT for anything else.
 */
TEE_Result tee_uuid_from_str(TEE_UUID *uuid, const char *s);

/* The 16 bytes of a UUID in network (big-endian) order, as RFC 4122. */
#define TEE_UUID_LEN	16
void tee_uuid_to_octets(uint8_t *d, const TEE_UUID *s);
void tee_uuid_from_octets(TEE_UUID *d, const uint8_t *s);

#ifdef __cplusplus
}
#endif

#endif /* TEE_INTERNAL_API_EXTENSIONS_H */
