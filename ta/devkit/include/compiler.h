/*
 * Attribute shorthands TA sources written for OP-TEE expect from
 * <compiler.h> (tee_internal_api.h makes them visible): __unused and
 * friends, each a plain GCC attribute.
 */
#ifndef TEECHECK_DEVKIT_COMPILER_H
#define TEECHECK_DEVKIT_COMPILER_H

#define __unused		__attribute__((unused))
#define __maybe_unused		__attribute__((unused))
#define __used			__attribute__((used))
#define __packed		__attribute__((packed))
#define __aligned(x)		__attribute__((aligned(x)))
#define __section(x)		__attribute__((section(x)))
#define __weak			__attribute__((weak))
#define __noreturn		__attribute__((noreturn))
#define __pure			__attribute__((pure))
#define __must_check		__attribute__((warn_unused_result))
#define __noinline		__attribute__((noinline))
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define __deprecated		__attribute__((deprecated))

#endif
