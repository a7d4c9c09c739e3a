/*
 * String and memory functions of the TA dev kit's freestanding libc, so TA
 * sources can include <string.h> without a hosted C library.
 */
#ifndef TEECHECK_DEVKIT_STRING_H
#define TEECHECK_DEVKIT_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strcpy(char *restrict dst, const char *restrict src);
/*
 * Copies at most size - 1 bytes and always terminates dst when size > 0.
 * Returns strlen(src), so a result >= size means the copy was truncated.
 */
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);
size_t strlcat(char *restrict dst, const char *restrict src, size_t size);
char *strstr(const char *haystack, const char *needle);
/* On the TA heap (malloc). */
char *strdup(const char *s);
char *strndup(const char *s, size_t n);

#endif
