/*
 * The architecture-specific part of the fault path: reading the access type
 * and the faulting pc out of the signal's ucontext, and i-cache upkeep.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>

#include "pager_arch.h"

#if defined(__x86_64__)

/* Page-fault error code bits the kernel passes in REG_ERR. */
#define X86_PF_WRITE	(1u << 1)
#define X86_PF_INSTR	(1u << 4)

void pager_arch_decode(const siginfo_t *info, const void *uctx,
		       struct pager_fault *f)
{
	const ucontext_t *uc = uctx;
	uint64_t err = (uint64_t)uc->uc_mcontext.gregs[REG_ERR];

	f->addr = (uintptr_t)info->si_addr;
	f->pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
	if (err & X86_PF_INSTR)
		f->access = PAGER_ACCESS_EXEC;
	else if (err & X86_PF_WRITE)
		f->access = PAGER_ACCESS_WRITE;
	else
		f->access = PAGER_ACCESS_READ;
}

void pager_arch_sync_icache(void *addr, size_t len)
{
	/* x86 keeps instruction fetch coherent with stores. */
	(void)addr;
	(void)len;
}

#elif defined(__aarch64__)

/*
 * The kernel appends records to uc_mcontext.__reserved; the one tagged
 * ESR_MAGIC carries the syndrome of the fault. Layouts from the arm64
 * signal ABI, spelled out here so this file needs no kernel headers.
 */
#define A64_CTX_END_MAGIC	0u
#define A64_CTX_ESR_MAGIC	0x45535201u
#define A64_ESR_EC_SHIFT	26
#define A64_ESR_EC_IABT_LOW	0x20u
#define A64_ESR_EC_IABT_CUR	0x21u
#define A64_ESR_EC_DABT_LOW	0x24u
#define A64_ESR_EC_DABT_CUR	0x25u
#define A64_ESR_WNR		(1u << 6)
#define A64_ESR_CM		(1u << 8)

struct a64_ctx_head {
	uint32_t magic;
	uint32_t size;
};

static int a64_fault_esr(const ucontext_t *uc, uint64_t *esr)
{
	const uint8_t *p = uc->uc_mcontext.__reserved;
	const uint8_t *end = p + sizeof(uc->uc_mcontext.__reserved);

	while (p + sizeof(struct a64_ctx_head) <= end) {
		const struct a64_ctx_head *h = (const void *)p;

		if (h->magic == A64_CTX_END_MAGIC || h->size == 0 ||
		    h->size > (size_t)(end - p))
			return -ENOENT;
		if (h->magic == A64_CTX_ESR_MAGIC &&
		    h->size >= sizeof(*h) + sizeof(uint64_t)) {
			*esr = *(const uint64_t *)(p + sizeof(*h));
			return 0;
		}
		p += h->size;
	}
	return -ENOENT;
}

void pager_arch_decode(const siginfo_t *info, const void *uctx,
		       struct pager_fault *f)
{
	const ucontext_t *uc = uctx;
	uint64_t esr;
	unsigned int ec;

	f->addr = (uintptr_t)info->si_addr;
	f->pc = (uintptr_t)uc->uc_mcontext.pc;
	/* Some emulators deliver no syndrome record. */
	f->access = PAGER_ACCESS_UNKNOWN;
	if (a64_fault_esr(uc, &esr))
		return;
	ec = (unsigned int)(esr >> A64_ESR_EC_SHIFT) & 0x3f;
	if (ec == A64_ESR_EC_IABT_LOW || ec == A64_ESR_EC_IABT_CUR)
		f->access = PAGER_ACCESS_EXEC;
	else if ((ec == A64_ESR_EC_DABT_LOW || ec == A64_ESR_EC_DABT_CUR) &&
		 (esr & A64_ESR_WNR) && !(esr & A64_ESR_CM))
		f->access = PAGER_ACCESS_WRITE;
	else
		f->access = PAGER_ACCESS_READ;
}

void pager_arch_sync_icache(void *addr, size_t len)
{
	/* Cleans the d-cache and invalidates the i-cache by address. */
	__builtin___clear_cache((char *)addr, (char *)addr + len);
}

#else
#error "pager: no fault decoding for this architecture (x86_64 and aarch64 only)"
#endif
