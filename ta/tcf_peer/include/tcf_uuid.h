/*
 * A TEE_UUID to and from its 16 bytes in network (big-endian) order, as RFC 4122
 * writes them: what the TCF TAs report to xtest. In the TAs themselves, not
 * from the dev kit, so that they build with any TA dev kit (OP-TEE's has no
 * such function for TAs).
 */
#ifndef TCF_UUID_H
#define TCF_UUID_H

#include <stdint.h>
#include <string.h>
#include <tee_internal_api.h>

static inline void tcf_uuid_octets(uint8_t *d, const TEE_UUID *s)
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

/* The other way: 16 bytes in network order to a TEE_UUID. */
static inline void tcf_uuid_from_octets(TEE_UUID *d, const uint8_t *s)
{
	d->timeLow = (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 |
		     (uint32_t)s[2] << 8 | s[3];
	d->timeMid = (uint16_t)(s[4] << 8 | s[5]);
	d->timeHiAndVersion = (uint16_t)(s[6] << 8 | s[7]);
	memcpy(d->clockSeqAndNode, s + 8, sizeof(d->clockSeqAndNode));
}

#endif
