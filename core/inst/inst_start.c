/*
 * What happens when a TA instance starts: its image is fetched and
 * verified (store/), its share of the pager's pool granted, its TA host
 * spawned with the verified ELF in a sealed memfd, handed its control page
 * and TA-to-TA RAM, and told to load the TA and run TA_CreateEntryPoint.
 * And how a host ends: killed and reaped by the instance's owner.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../../common/uuid.h"
#include "../conn/conn.h"
#include "../core.h"
#include "../pager/core_pager.h"
#include "../store/ta_store.h"
#include "../storage/storage.h"
#include "inst.h"
#include "inst_priv.h"

/* The RAM a host passes its TA's TA-to-TA memrefs in: sparse, so cheap. */
#define INST_XRAM_SIZE		((uint64_t)TC_MAX_PAGES * TC_PAGE_SIZE)

/* A sealed memfd of size bytes: neither side can shrink it under the other. */
static int inst_sealed_memfd(const char *name, uint64_t size)
{
	int fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
	int err;

	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size) ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL)) {
		err = errno;
		close(fd);
		return -err;
	}
	return fd;
}

/* The control page and the TA-to-TA RAM, created and handed to the host. */
static int host_share(struct instance *inst)
{
	struct tc_msg m, r;
	void *ctl;
	int fd, rc;

	fd = inst_sealed_memfd("ta-ctl", sizeof(struct tc_host_ctl));
	if (fd < 0)
		return -ENOMEM;
	ctl = mmap(NULL, sizeof(struct tc_host_ctl), PROT_READ | PROT_WRITE,
		   MAP_SHARED, fd, 0);
	if (ctl == MAP_FAILED) {
		close(fd);
		return -ENOMEM;
	}
	pthread_mutex_lock(&core.lock);
	inst->ctl = ctl;
	pthread_mutex_unlock(&core.lock);
	tc_msg_init(&m, TC_CMD_HOST_SHM, 0);
	m.func = TC_HOST_SHM_CTL;
	m.arg = sizeof(struct tc_host_ctl);
	rc = inst_host_exchange(inst, &m, fd, &r);
	close(fd);
	if (rc || r.ret)
		return -EPIPE;

	inst->xram.fd = inst_sealed_memfd("ta-xram", INST_XRAM_SIZE);
	if (inst->xram.fd < 0)
		return -ENOMEM;
	inst->xram.pages = INST_XRAM_SIZE / TC_PAGE_SIZE;
	inst->xram.id = conn_new_guest_id();
	tc_msg_init(&m, TC_CMD_HOST_SHM, 0);
	m.func = TC_HOST_SHM_XRAM;
	m.arg = INST_XRAM_SIZE;
	m.arg2 = inst->xram.id;
	if (inst_host_exchange(inst, &m, inst->xram.fd, &r) || r.ret)
		return -EPIPE;
	return 0;
}

/* Starts the host process for inst and loads the TA into it. */
static TEE_Result inst_host_spawn(struct instance *inst, const void *elf,
				  size_t elf_len, uint32_t *origin)
{
	char *argv[] = { (char *)core.cfg.ta_host_path, "--fd", "3", NULL };
	posix_spawn_file_actions_t fa;
	int sv[2], mfd, rc;
	struct tc_msg m, r;
	pid_t pid;

	*origin = TEE_ORIGIN_TEE;
	mfd = memfd_create("ta-image", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (mfd < 0)
		return TEE_ERROR_OUT_OF_MEMORY;
	/* Sealed: what the host loads is exactly what was verified. */
	if (write(mfd, elf, elf_len) != (ssize_t)elf_len ||
	    fcntl(mfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW |
		  F_SEAL_WRITE | F_SEAL_SEAL)) {
		close(mfd);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) {
		close(mfd);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	/*
	 * Forked by the zygote (host_zygote.c), or posix_spawn, never a
	 * fork of the core: the child runs none of the core's code on its
	 * way to exec. The core's code is paged, and a forked child would
	 * share the pager's pool with it. The host asks to die with its
	 * parent itself.
	 */
	if (posix_spawn_file_actions_init(&fa)) {
		close(mfd);
		close(sv[0]);
		close(sv[1]);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	rc = posix_spawn_file_actions_adddup2(&fa, sv[1], 3);
	if (!rc && host_zygote_fork(sv[1], &pid))
		rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(sv[1]);
	if (rc) {
		tc_err("cannot start the TA host %s: %s", argv[0],
		       strerror(rc));
		close(mfd);
		close(sv[0]);
		return TEE_ERROR_TARGET_DEAD;
	}
	inst->pid = pid;
	inst->sock = sv[0];
	if (inst_pager_setup(inst) || host_share(inst)) {
		close(mfd);
		tc_err("TA host %s did not start", core.cfg.ta_host_path);
		return TEE_ERROR_TARGET_DEAD;
	}
	tc_msg_init(&m, TC_CMD_HOST_INIT, 0);
	m.arg = elf_len;
	memcpy(m.uuid, inst->uuid, 16);
	if (inst_host_exchange(inst, &m, mfd, &r)) {
		close(mfd);
		tc_err("TA host %s did not start", core.cfg.ta_host_path);
		return TEE_ERROR_TARGET_DEAD;
	}
	close(mfd);
	if (r.ret) {
		/* TA_CreateEntryPoint's refusal is the TA's. */
		*origin = r.origin == TEE_ORIGIN_TRUSTED_APP ?
			  TEE_ORIGIN_TRUSTED_APP : TEE_ORIGIN_TEE;
		return r.ret;
	}
	return TEE_SUCCESS;
}

/* Loads a new instance's TA and runs TA_CreateEntryPoint. */
TEE_Result inst_start(struct instance *inst, uint32_t *origin)
{
	struct utee_ta_head head;
	void *elf = NULL;
	size_t elf_len = 0;
	TEE_Result res;

	*origin = TEE_ORIGIN_TEE;
	res = ta_store_load(inst->uuid, &elf, &elf_len, &head);
	if (!res)
		res = inst_pager_grant(inst, &head);
	if (!res) {
		inst->flags = head.flags;
		res = inst_host_spawn(inst, elf, elf_len, origin);
		if (res)
			inst_host_reap(inst);
	}
	free(elf);
	return res;
}

/* Reaps the host and says how it ended. Called by the instance's owner. */
void inst_host_reap(struct instance *inst)
{
	char u[TC_UUID_STR_LEN];
	bool reaped;
	int status;

	if (inst->host_gone)
		return;
	inst->host_gone = true;
	/* Its TA can use no storage handle any more: they must not block. */
	sto_inst_gone(inst);
	if (inst->pid <= 0)
		return;
	kill(inst->pid, SIGKILL);
	reaped = waitpid(inst->pid, &status, 0) == inst->pid;
	/* Its pool is the kernel's again: so is its share of the budget. */
	inst_pager_release(inst);
	if (!reaped)
		return;
	if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
		tc_warn("TA %s: host %d killed by signal %d (%s)",
			inst_uuid_str(inst, u), (int)inst->pid,
			WTERMSIG(status), strsignal(WTERMSIG(status)));
}
