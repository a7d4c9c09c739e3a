/*
 * libutee's side of the TA ABI (teecheck/ta_abi.h): the syscall function
 * the host hands over at boot, and one wrapper per syscall. Dev kit
 * internal: TAs use the GP API and trace.h instead.
 */
#ifndef TEECHECK_DEVKIT_UTEE_SYSCALLS_H
#define TEECHECK_DEVKIT_UTEE_SYSCALLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tee_api_types.h>
#include <teecheck/ta_abi.h>

/* Called by the entry point at UTEE_ENTRY_BOOT. */
void utee_syscall_init(utee_syscall_fn fn);
bool utee_syscall_ready(void);

TEE_Result utee_log(const char *buf, size_t len);
void utee_panic(TEE_Result code) __attribute__((noreturn));
TEE_Result utee_get_random(void *buf, size_t len);

#endif
