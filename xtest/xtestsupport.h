/*
 * libxtestsupport: the parts of xtest that the programs beside it (bench/,
 * pager-stress/, shm-churn/) link as well: a private core and supplicant,
 * child processes and signals, the build output's directories, the core's
 * statistics, and raw guests that speak the message ABI themselves. None of
 * it uses cmocka: calls return results.
 */
#ifndef XTEST_XTESTSUPPORT_H
#define XTEST_XTESTSUPPORT_H

#include <stdint.h>
#include <string.h>

#include <tee_client_api.h>

#include "../common/uuid.h"
#include "private_core.h"
#include "proc.h"
#include "settings.h"
#include "shm_raw.h"
#include "stats.h"

/* A Client API UUID as its 16 bytes in RFC 4122 order, and back. */
static inline void xtest_uuid_to_bytes(const TEEC_UUID *u, uint8_t b[16])
{
	tc_uuid_gp_to_bytes(u, b);
}

static inline void xtest_uuid_from_bytes(const uint8_t b[16], TEEC_UUID *u)
{
	tc_uuid_gp_from_bytes(b, u);
}

#endif
