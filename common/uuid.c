/* UUID conversions between GP's struct layout, wire bytes and strings. */
#include <stdio.h>
#include <string.h>

#include "uuid.h"

void tc_uuid_to_bytes(const struct tc_uuid_fields *u, uint8_t out[16])
{
	tc_uuid_parts_to_bytes(u->time_low, u->time_mid, u->time_hi_and_version,
			       u->clock_seq_and_node, out);
}

void tc_uuid_from_bytes(const uint8_t in[16], struct tc_uuid_fields *u)
{
	u->time_low = (uint32_t)in[0] << 24 | (uint32_t)in[1] << 16 |
		      (uint32_t)in[2] << 8 | in[3];
	u->time_mid = (uint16_t)(in[4] << 8 | in[5]);
	u->time_hi_and_version = (uint16_t)(in[6] << 8 | in[7]);
	memcpy(u->clock_seq_and_node, in + 8, 8);
}

void tc_uuid_bytes_to_str(const uint8_t in[16], char out[TC_UUID_STR_LEN])
{
	snprintf(out, TC_UUID_STR_LEN,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x",
		 in[0], in[1], in[2], in[3], in[4], in[5], in[6], in[7],
		 in[8], in[9], in[10], in[11], in[12], in[13], in[14], in[15]);
}
