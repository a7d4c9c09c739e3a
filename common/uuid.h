/* UUIDs as the project moves them: 16 bytes in RFC 4122 (big-endian) order
 * on the wire, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" in file names. */
#ifndef TC_UUID_H
#define TC_UUID_H

#include <stdint.h>

#define TC_UUID_STR_LEN	37	/* with the terminating NUL */

struct tc_uuid_fields {
	uint32_t time_low;
	uint16_t time_mid;
	uint16_t time_hi_and_version;
	uint8_t clock_seq_and_node[8];
};

void tc_uuid_to_bytes(const struct tc_uuid_fields *u, uint8_t out[16]);
void tc_uuid_from_bytes(const uint8_t in[16], struct tc_uuid_fields *u);
void tc_uuid_bytes_to_str(const uint8_t in[16], char out[TC_UUID_STR_LEN]);

#endif
