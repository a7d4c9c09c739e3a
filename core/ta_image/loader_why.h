/* How the loader's functions say what was wrong: a message naming the bad
 * field, written into the caller's buffer. */
#ifndef CORE_LOADER_WHY_H
#define CORE_LOADER_WHY_H

#include <stddef.h>
#include <tee_api_types.h>

/* The reason buffers of struct elf_loaded and struct ta_image_info. */
#define LOADER_WHY_LEN	192

/* Formats the reason into why[whylen] (if why) and returns res. */
TEE_Result loader_fail(TEE_Result res, char *why, size_t whylen,
		       const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
