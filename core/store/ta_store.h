/* Fetching a TA image through the supplicant and verifying it. */
#ifndef CORE_TA_STORE_H
#define CORE_TA_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <teecheck/ta_abi.h>

/*
 * Loads the image of uuid (RPC LOAD_TA), verifies its signature and that it
 * is the TA asked for, and returns a malloc'd copy of its ELF with the TA
 * header. TEE_ERROR_ITEM_NOT_FOUND: no such TA; TEE_ERROR_SECURITY: the
 * image is not signed by our key, is malformed, or is another TA.
 */
TEE_Result ta_store_load(const uint8_t uuid[16], void **elf, size_t *len,
			 struct utee_ta_head *head);

#endif
