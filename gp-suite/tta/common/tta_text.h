/*
 * How the GP test TAs answer a value as text in an output memref: the
 * form docs/GP_SUITE.md gives for each property type.
 */
#ifndef TTA_TEXT_H
#define TTA_TEXT_H

#include <stddef.h>
#include <tee_internal_api.h>

/* Room for the longest text: an identity, or a 64-byte block in hex. */
#define TTA_TEXT_MAX	160

/*
 * Copies text and its NUL to the memref and sets its size; a memref too
 * small gets the size needed and TEE_ERROR_SHORT_BUFFER.
 */
TEE_Result tta_text_out(TEE_Param *p, const char *text);

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lower case. */
void tta_text_uuid(char *buf, size_t size, const TEE_UUID *uuid);

/* "LLLLLLLL:" and the UUID: the login in hex, then the UUID. */
void tta_text_identity(char *buf, size_t size, const TEE_Identity *id);

/* Two lower-case hex digits a byte; buf holds 2 * len + 1 at least. */
void tta_text_hex(char *buf, size_t size, const uint8_t *data, size_t len);

#endif
