/*
 * The supplicant's side of trusted storage (RPC FS_*): files in a directory
 * of the normal world, and, for the project's tests, faults injected at a
 * chosen step of the writes (docs/STORAGE.md).
 */
#ifndef SUPP_FS_H
#define SUPP_FS_H

#include <stdint.h>
#include <sys/types.h>

#include <teecheck/msg_abi.h>

/* The directory served (created if missing). Returns 0 or -errno. */
int supp_fs_init(const char *dir);
/*
 * "KIND@N": at the Nth step of the writes, KIND happens: kill (this
 * process), kill-core, short (half a file, then EIO), enospc, eio.
 * Returns 0 or -EINVAL.
 */
int supp_fs_fault(const char *spec);
/*
 * Every GET answered falsely, to test the core's checks: size (one byte
 * more announced), nofd (no descriptor), swap (another file's contents),
 * func (another function echoed). Returns 0 or -EINVAL.
 */
int supp_fs_lie(const char *kind);
/* The core's process, which kill-core ends. */
void supp_fs_core_pid(pid_t pid);
/* One FS_* call: *fd and m->arg as the reply needs. Returns a TEEC_Result. */
uint32_t supp_fs_serve(struct tc_msg *m, int in_fd, int *fd);

#endif
