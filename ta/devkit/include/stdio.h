/*
 * Formatted output of the TA dev kit's freestanding libc. There are no
 * streams in a TA: text reaches the outside world through the TA's log
 * (trace.h, or printf and puts below).
 */
#ifndef TEECHECK_DEVKIT_STDIO_H
#define TEECHECK_DEVKIT_STDIO_H

#include <stdarg.h>
#include <stddef.h>

/*
 * C99 semantics: writes at most size bytes including the terminating NUL,
 * and returns the length the complete output would have had.
 *
 * Conversions: d i u o x X c s p %. Flags: - 0 + space #. Width and
 * precision, also as '*'. Length modifiers: hh h l ll z t j.
 * "%s" of NULL prints "(null)"; "%p" prints "0x" and lowercase hex digits,
 * so NULL is "0x0". An unknown conversion is copied out as written.
 */
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      va_list ap) __attribute__((format(printf, 3, 0)));

/*
 * To the TA's log (libutee), one log line per call: a TA's printf output
 * lands where its trace messages do.
 */
int printf(const char *restrict fmt, ...)
	__attribute__((format(printf, 1, 2)));
int vprintf(const char *restrict fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));
int puts(const char *s);

#endif
