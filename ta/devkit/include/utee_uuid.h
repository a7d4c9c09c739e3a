/*
 * UUID text parsing shared inside libutee (properties, tee_uuid_from_str).
 * Dev kit internal: TAs use tee_internal_api_extensions.h.
 */
#ifndef TEECHECK_DEVKIT_UTEE_UUID_H
#define TEECHECK_DEVKIT_UTEE_UUID_H

#include <stdbool.h>
#include <tee_api_types.h>

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" */
#define UTEE_UUID_STR_LEN	36

/* Parses the UUID string at the start of s, in either case. */
bool utee_uuid_parse(const char *s, TEE_UUID *u);

#endif
