/*
 * Values as text for the GP test TAs' answers (tta_text.h).
 */
#include <stdio.h>
#include <string.h>

#include "tta_text.h"

TEE_Result tta_text_out(TEE_Param *p, const char *text)
{
	size_t len = strlen(text) + 1;

	if (p->memref.size < len) {
		p->memref.size = len;
		return TEE_ERROR_SHORT_BUFFER;
	}
	TEE_MemMove(p->memref.buffer, text, len);
	p->memref.size = len;
	return TEE_SUCCESS;
}

void tta_text_uuid(char *buf, size_t size, const TEE_UUID *u)
{
	const uint8_t *c = u->clockSeqAndNode;

	snprintf(buf, size,
		 "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 (unsigned int)u->timeLow, (unsigned int)u->timeMid,
		 (unsigned int)u->timeHiAndVersion, c[0], c[1], c[2], c[3],
		 c[4], c[5], c[6], c[7]);
}

void tta_text_identity(char *buf, size_t size, const TEE_Identity *id)
{
	int n = snprintf(buf, size, "%08x:", (unsigned int)id->login);

	if (n > 0 && (size_t)n < size)
		tta_text_uuid(buf + n, size - n, &id->uuid);
}

void tta_text_hex(char *buf, size_t size, const uint8_t *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	if (!size)
		return;
	for (i = 0; i < len && 2 * i + 2 < size; i++) {
		buf[2 * i] = digits[data[i] >> 4];
		buf[2 * i + 1] = digits[data[i] & 0xf];
	}
	buf[2 * i] = '\0';
}
