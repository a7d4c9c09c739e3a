/*
 * The part of <stdlib.h> a TA has: the heap allocator (the TA's heap of
 * TA_DATA_SIZE bytes, shared with TEE_Malloc), abort(), sorting and
 * searching, and number parsing.
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

void qsort(void *base, size_t nmemb, size_t size,
	   int (*compar)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *));

long strtol(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
long long strtoll(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end,
			    int base);
int atoi(const char *s);
int abs(int v);
long labs(long v);

#endif
