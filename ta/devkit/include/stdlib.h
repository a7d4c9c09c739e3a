/*
 * The little of <stdlib.h> a TA has: the heap allocator (the TA's heap of
 * TA_DATA_SIZE bytes, shared with TEE_Malloc) and abort().
 */
#ifndef TEECHECK_DEVKIT_STDLIB_H
#define TEECHECK_DEVKIT_STDLIB_H

#include <stddef.h>

/* Every block is aligned to 16 bytes; malloc(0) returns a unique pointer. */
void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
/* Freeing or reallocating a pointer the heap did not hand out aborts. */
void *realloc(void *ptr, size_t size);
void free(void *ptr);

/* Panics the TA (TEE_Panic with TEE_ERROR_GENERIC). */
void abort(void) __attribute__((noreturn));

#endif
