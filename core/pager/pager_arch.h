/*
 * What the pager needs from the CPU: the kind of access that faulted (read,
 * write or instruction fetch), instruction-cache upkeep and a spin hint.
 */
#ifndef PAGER_ARCH_H
#define PAGER_ARCH_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

enum pager_access {
	PAGER_ACCESS_READ,
	PAGER_ACCESS_WRITE,
	PAGER_ACCESS_EXEC,
	PAGER_ACCESS_UNKNOWN,	/* a data access; the CPU did not say which */
};

struct pager_fault {
	uintptr_t addr;
	uintptr_t pc;
	enum pager_access access;
};

/* Fills f from a SIGSEGV/SIGBUS; async-signal-safe. */
void pager_arch_decode(const siginfo_t *info, const void *uctx,
		       struct pager_fault *f);
/* Makes code just written to a page visible to instruction fetch at addr. */
void pager_arch_sync_icache(void *addr, size_t len);

static inline void pager_arch_relax(void)
{
#if defined(__x86_64__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield" ::: "memory");
#else
	__asm__ volatile("" ::: "memory");
#endif
}

#endif
