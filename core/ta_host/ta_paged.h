/*
 * A TA's memory under the demand pager: what the TA host asks of it (set up
 * by the core, load the TA into paged regions, lock the stack while an entry
 * point runs), and the stack size both the host and the core's budget use.
 */
#ifndef TA_PAGED_H
#define TA_PAGED_H

#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <tee_api_types.h>
#include <teecheck/msg_abi.h>

struct elf_loaded;

/*
 * Room the host's syscall handlers may use on top of the TA's declared
 * stack: they run on the TA's stack, as a syscall runs on the kernel's, and
 * so does the pager's fault handler when the TA faults.
 */
#define TA_HOST_STACK_RESERVE	(64 * 1024)

/* The stack a TA's entry points run on, in bytes (whole pages). */
static inline size_t ta_paged_stack_bytes(uint32_t ta_stack_size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	return ((size_t)ta_stack_size + TA_HOST_STACK_RESERVE + page - 1) /
	       page * page;
}

/*
 * Pool pages a TA instance needs besides its paging share: its stack, which
 * stays locked while an entry point runs (the kernel cannot deliver a fault
 * on a stack that itself faults, and the host's syscalls pass it buffers on
 * it).
 */
static inline size_t ta_paged_stack_pages(uint32_t ta_stack_size)
{
	return ta_paged_stack_bytes(ta_stack_size) /
	       (size_t)sysconf(_SC_PAGESIZE);
}

/* TC_CMD_HOST_PAGER from the core; fd is closed here. */
TEE_Result ta_paged_command(struct tc_msg *m, int fd);

/*
 * Loads the TA: into paged regions once the core has set the pager up (code
 * and read-only data read-only, checked against the signed image's page
 * hashes; data read-write with its initial content checked the same way;
 * bss and the heap in it zero-filled on demand), else into plain memory.
 */
TEE_Result ta_paged_load(const void *elf, size_t len, struct elf_loaded *out);

/*
 * The TA's stack, size bytes with a guard page below it: a read-write paged
 * region (plain memory without a pager). NULL if there is no room.
 */
void *ta_paged_stack_alloc(size_t size);

/*
 * Around every entry point: locks the stack (TEE_ERROR_OUT_OF_MEMORY if the
 * pool cannot hold it), then unlocks it and publishes the statistics.
 */
TEE_Result ta_paged_enter(void *stack, size_t size);
void ta_paged_leave(void *stack, size_t size);

#endif
