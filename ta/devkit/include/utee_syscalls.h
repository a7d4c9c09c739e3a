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
TEE_Result utee_get_property(uint32_t set, uint32_t index,
			     struct utee_property *out);
TEE_Result utee_check_access(uint32_t flags, const void *buf, size_t size);
bool utee_cancel_flag(void);
/* Sets the session's cancellation mask; returns the one before. */
bool utee_cancel_mask(bool mask);
TEE_Result utee_wait(uint32_t timeout);
TEE_Result utee_get_time(uint32_t kind, struct utee_time *out);
TEE_Result utee_ptime_get(struct utee_time *out);
TEE_Result utee_ptime_set(const struct utee_time *time);
TEE_Result utee_ta_open(const TEE_UUID *dest, uint32_t timeout,
			uint32_t types, struct utee_param params[4],
			uint32_t *session, uint32_t *origin);
TEE_Result utee_ta_invoke(uint32_t session, uint32_t timeout, uint32_t cmd,
			  uint32_t types, struct utee_param params[4],
			  uint32_t *origin);
TEE_Result utee_ta_close(uint32_t session);
/* Any syscall by number: the cryptographic range (utee_cryp.h) and
   the storage range use it. */
uint32_t utee_syscall_raw(uint32_t nr, uintptr_t a0, uintptr_t a1,
			  uintptr_t a2, uintptr_t a3, uintptr_t a4,
			  uintptr_t a5);

#endif
