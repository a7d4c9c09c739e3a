/* The TA host's parts: the entry-point runner (ta_host.c) and the syscalls
 * it serves to the TA (syscalls.c). */
#ifndef TA_HOST_H
#define TA_HOST_H

#include <stdint.h>

/* Ends the instance: tells the core the TA panicked with code. */
void host_panic(uint32_t code) __attribute__((noreturn));

uint32_t host_syscall_dispatch(uint32_t nr, uintptr_t a0, uintptr_t a1,
			       uintptr_t a2, uintptr_t a3, uintptr_t a4,
			       uintptr_t a5);

#endif
