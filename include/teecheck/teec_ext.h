/*
 * teecheck's additions to the Client API, for its own tests and tools: not
 * part of GP's API, and only offered by teecheck's libteec.
 */
#ifndef TEECHECK_TEEC_EXT_H
#define TEECHECK_TEEC_EXT_H

#include <stdint.h>
#include <tee_client_api.h>

/* What the core holds right now, across all guests. */
struct teecheck_core_stats {
	uint32_t sessions;	/* open sessions */
	uint32_t instances;	/* TA instances (host processes) */
	uint32_t guests;	/* client connections */
	uint32_t supplicant;	/* 1 while a supplicant is attached */
};

TEEC_Result teecheck_core_stats(TEEC_Context *context,
				struct teecheck_core_stats *stats);

#endif
