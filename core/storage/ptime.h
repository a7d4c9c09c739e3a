/*
 * TA persistent time in the state directory.
 */
#ifndef CORE_PTIME_H
#define CORE_PTIME_H

#include "../core.h"

/* ptime.c: TA persistent time in the state directory. */
int ptime_init(const char *dir);
TEE_Result ptime_get(const uint8_t uuid[16], uint64_t *ms);
TEE_Result ptime_set(const uint8_t uuid[16], uint64_t ms);

#endif
