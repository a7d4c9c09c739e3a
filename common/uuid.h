/* UUIDs as the project moves them: 16 bytes in RFC 4122 (big-endian) order
 * on the wire, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" in file names. */
#ifndef TC_UUID_H
#define TC_UUID_H

#include <stdint.h>
#include <string.h>

#define TC_UUID_STR_LEN	37	/* with the terminating NUL */

struct tc_uuid_fields {
	uint32_t time_low;
	uint16_t time_mid;
	uint16_t time_hi_and_version;
	uint8_t clock_seq_and_node[8];
};

/* The wire bytes of a UUID given by its fields. */
static inline void tc_uuid_parts_to_bytes(uint32_t time_low, uint16_t time_mid,
					  uint16_t time_hi_and_version,
					  const uint8_t clock_seq_and_node[8],
					  uint8_t out[16])
{
	unsigned int i;

	out[0] = (uint8_t)(time_low >> 24);
	out[1] = (uint8_t)(time_low >> 16);
	out[2] = (uint8_t)(time_low >> 8);
	out[3] = (uint8_t)time_low;
	out[4] = (uint8_t)(time_mid >> 8);
	out[5] = (uint8_t)time_mid;
	out[6] = (uint8_t)(time_hi_and_version >> 8);
	out[7] = (uint8_t)time_hi_and_version;
	for (i = 0; i < 8; i++)
		out[8 + i] = clock_seq_and_node[i];
}

/*
 * The wire bytes of a GP UUID: a TEEC_UUID (Client API) or a TEE_UUID
 * (Internal Core API), whose members have the same names. Host-side code
 * converts with this one helper; TAs use libutee's.
 */
#define tc_uuid_gp_to_bytes(gp, out)					\
	tc_uuid_parts_to_bytes((gp)->timeLow, (gp)->timeMid,		\
			       (gp)->timeHiAndVersion,			\
			       (gp)->clockSeqAndNode, (out))

/* The fields of a GP UUID (TEEC_UUID or TEE_UUID) from its wire bytes. */
#define tc_uuid_gp_from_bytes(in, gp)					\
	do {								\
		struct tc_uuid_fields tc_f_;				\
									\
		tc_uuid_from_bytes((in), &tc_f_);			\
		(gp)->timeLow = tc_f_.time_low;				\
		(gp)->timeMid = tc_f_.time_mid;				\
		(gp)->timeHiAndVersion = tc_f_.time_hi_and_version;	\
		memcpy((gp)->clockSeqAndNode, tc_f_.clock_seq_and_node, 8); \
	} while (0)

void tc_uuid_to_bytes(const struct tc_uuid_fields *u, uint8_t out[16]);
void tc_uuid_from_bytes(const uint8_t in[16], struct tc_uuid_fields *u);
void tc_uuid_bytes_to_str(const uint8_t in[16], char out[TC_UUID_STR_LEN]);

#endif
