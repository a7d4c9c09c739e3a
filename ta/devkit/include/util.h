/* Small helpers TA sources written for OP-TEE take from <util.h>. */
#ifndef TEECHECK_DEVKIT_UTIL_H
#define TEECHECK_DEVKIT_UTIL_H

#include <stdint.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))
/* v rounded up or down to a multiple of size, a power of two. */
#define ROUNDUP(v, size)	(((v) + ((size) - 1)) & ~((__typeof__(v))(size) - 1))
#define ROUNDDOWN(v, size)	((v) & ~((__typeof__(v))(size) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((a) - 1)) == 0)
#define BIT32(n)		((uint32_t)1 << (n))
#define BIT64(n)		((uint64_t)1 << (n))
#define BIT(n)			(1UL << (n))
#define SHIFT_U32(v, shift)	((uint32_t)(v) << (shift))
#define SHIFT_U64(v, shift)	((uint64_t)(v) << (shift))

#endif
