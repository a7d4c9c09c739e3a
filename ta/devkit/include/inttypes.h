/*
 * printf formats of <stdint.h> types for the TA libc's snprintf: LP64
 * (arm64, x86_64) or ILP32 (arm32), as the compiler says.
 */
#ifndef TEECHECK_DEVKIT_INTTYPES_H
#define TEECHECK_DEVKIT_INTTYPES_H

#include <stdint.h>

#if __SIZEOF_LONG__ == 8
#define __PRI64		"l"
#define __PRIPTR	"l"
#else
#define __PRI64		"ll"
#define __PRIPTR	""
#endif

#define PRId8		"d"
#define PRId16		"d"
#define PRId32		"d"
#define PRId64		__PRI64 "d"
#define PRIi8		"i"
#define PRIi16		"i"
#define PRIi32		"i"
#define PRIi64		__PRI64 "i"
#define PRIu8		"u"
#define PRIu16		"u"
#define PRIu32		"u"
#define PRIu64		__PRI64 "u"
#define PRIx8		"x"
#define PRIx16		"x"
#define PRIx32		"x"
#define PRIx64		__PRI64 "x"
#define PRIX8		"X"
#define PRIX16		"X"
#define PRIX32		"X"
#define PRIX64		__PRI64 "X"
#define PRIo32		"o"
#define PRIo64		__PRI64 "o"
#define PRIdMAX		"jd"
#define PRIuMAX		"ju"
#define PRIxMAX		"jx"
#define PRIdPTR		__PRIPTR "d"
#define PRIuPTR		__PRIPTR "u"
#define PRIxPTR		__PRIPTR "x"
#define PRIXPTR		__PRIPTR "X"

#endif
