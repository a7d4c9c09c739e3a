/*
 * TEE_UUID to and from its 16 bytes in network order (as a UUID travels in
 * memrefs and in the ABI) and from its text form. The only copy on the TA
 * side: TAs and libutee call these.
 */
#include <string.h>
#include <tee_internal_api.h>
#include <tee_internal_api_extensions.h>
#include <utee_uuid.h>

void tee_uuid_to_octets(uint8_t *d, const TEE_UUID *s)
{
	d[0] = (uint8_t)(s->timeLow >> 24);
	d[1] = (uint8_t)(s->timeLow >> 16);
	d[2] = (uint8_t)(s->timeLow >> 8);
	d[3] = (uint8_t)s->timeLow;
	d[4] = (uint8_t)(s->timeMid >> 8);
	d[5] = (uint8_t)s->timeMid;
	d[6] = (uint8_t)(s->timeHiAndVersion >> 8);
	d[7] = (uint8_t)s->timeHiAndVersion;
	memcpy(d + 8, s->clockSeqAndNode, sizeof(s->clockSeqAndNode));
}

void tee_uuid_from_octets(TEE_UUID *d, const uint8_t *s)
{
	d->timeLow = (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 |
		     (uint32_t)s[2] << 8 | s[3];
	d->timeMid = (uint16_t)(s[4] << 8 | s[5]);
	d->timeHiAndVersion = (uint16_t)(s[6] << 8 | s[7]);
	memcpy(d->clockSeqAndNode, s + 8, sizeof(d->clockSeqAndNode));
}

static int uuid_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool utee_uuid_parse(const char *s, TEE_UUID *u)
{
	uint8_t b[TEE_UUID_LEN];
	size_t i = 0, n = 0;
	int hi, lo;

	while (i < UTEE_UUID_STR_LEN) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
			i++;
			continue;
		}
		hi = uuid_hex(s[i]);
		lo = hi < 0 ? -1 : uuid_hex(s[i + 1]);
		if (lo < 0)
			return false;
		b[n++] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	tee_uuid_from_octets(u, b);
	return true;
}

TEE_Result tee_uuid_from_str(TEE_UUID *uuid, const char *s)
{
	TEE_UUID u;

	if (!uuid || !s || strnlen(s, UTEE_UUID_STR_LEN + 1) !=
	    UTEE_UUID_STR_LEN || !utee_uuid_parse(s, &u))
		return TEE_ERROR_BAD_FORMAT;
	*uuid = u;
	return TEE_SUCCESS;
}
