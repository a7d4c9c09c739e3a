/*
 * The TA host's services behind the TA's syscalls: sessions and their
 * client, cancellation, memory rights, properties, time and TA-to-TA calls,
 * and what ta_host.c offers them.
 */
#ifndef HOST_PARTS_H
#define HOST_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tee_api_types.h>
#include <teecheck/msg_abi.h>

struct elf_loaded;

/* ta_host.c */
int host_socket(void);
const struct elf_loaded *host_ta(void);
void host_stack_range(uintptr_t *lo, uintptr_t *hi);
/*
 * Sends req (HOST_REQ; id set here) to the core during a call and receives
 * its fixed-size reply. Returns 0 or -EPIPE.
 */
int host_core_request(struct tc_msg *req, struct tc_msg *reply);

/* host_shm.c: what the core shares with the host (HOST_SHM). */
TEE_Result host_shm(struct tc_msg *m, int fd);
/* The TA-to-TA RAM: its mapping, size and guest ID; NULL if none. */
uint8_t *host_xram(uint64_t *size);
/* The cancel flag of the running call (0 if the core shared none). */
uint32_t host_cancel_raised(void);
volatile uint32_t *host_cancel_word(void);

/* host_session.c: the session and client of the running call. */
void host_session_begin(const struct tc_msg *call);
void host_session_end(const struct tc_msg *call, TEE_Result res);
/* The running call's client; false outside a session's call. */
bool host_session_client(uint32_t *login, uint8_t uuid[16]);
/* The running session's cancellation mask (masked outside sessions). */
bool host_session_masked(void);
bool host_session_set_mask(bool mask);

/* host_mem.c: the TA's memory map and access rights. */
void host_mem_window(unsigned int i, const void *addr, size_t size,
		     bool writable);
void host_mem_windows_clear(void);
/* TEE_CheckMemoryAccessRights. */
TEE_Result host_mem_access(uint32_t flags, uintptr_t buf, size_t size);
/* Whether the TA may pass [buf, buf+size) to a syscall to read/write. */
bool host_mem_usable(uintptr_t buf, size_t size, bool write);

/*
 * host_tmem.c: temporary memrefs' mappings kept between calls. A call
 * begins, maps its memrefs, then applies: before the TA runs, every kept
 * mapping this call does not use loses all access.
 */
void host_tmem_call_begin(void);
void *host_tmem_map(uint64_t guest, int fd, uint64_t pfn, uint32_t npages,
		    bool writable);
TEE_Result host_tmem_apply(void);
void host_tmem_forget_guest(uint64_t guest);

/* Syscalls, by part (syscalls.c dispatches). */
uint32_t sys_cancel_flag(void);
uint32_t sys_cancel_mask(uintptr_t mask);
TEE_Result sys_wait(uintptr_t timeout);
TEE_Result sys_get_property(uintptr_t set, uintptr_t index, uintptr_t out);
TEE_Result sys_get_time(uintptr_t kind, uintptr_t out);
TEE_Result sys_ptime_get(uintptr_t out);
TEE_Result sys_ptime_set(uintptr_t in);
TEE_Result sys_ta_open(uintptr_t dest, uintptr_t timeout, uintptr_t types,
		       uintptr_t params, uintptr_t session, uintptr_t origin);
TEE_Result sys_ta_invoke(uintptr_t session, uintptr_t timeout, uintptr_t cmd,
			 uintptr_t types, uintptr_t params, uintptr_t origin);
TEE_Result sys_ta_close(uintptr_t session);
/* host_crypto.c: the UTEE_SYS_CRYP_FIRST range. */
TEE_Result host_crypto_syscall(uint32_t nr, uintptr_t a0, uintptr_t a1,
			       uintptr_t a2, uintptr_t a3, uintptr_t a4,
			       uintptr_t a5);
/* host_storage.c: the UTEE_SYS_STOR_FIRST range. */
TEE_Result host_storage_syscall(uint32_t nr, uintptr_t a0, uintptr_t a1,
				uintptr_t a2, uintptr_t a3, uintptr_t a4);
/*
 * What the generic object syscalls ask of storage: an object about to be
 * freed that may be a persistent one (its core side closes), and the data
 * stream's part of a persistent object's info.
 */
struct utee_object_info;
void host_stor_closing(uint64_t obj);
void host_stor_info(uint64_t obj, struct utee_object_info *info);

#endif
