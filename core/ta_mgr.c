/*
 * TA instances: finding or creating the instance a session opens on, running
 * its TA host process, and every exchange with that host.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <teecheck/ta_abi.h>

#include "../common/tc_log.h"
#include "../common/tc_msg.h"
#include "../common/uuid.h"
#include "core.h"
#include "ta_store.h"

static uint32_t host_next_id;

static uint32_t host_msg_id(void)
{
	return __atomic_add_fetch(&host_next_id, 1, __ATOMIC_RELAXED);
}

static const char *uuid_str(const uint8_t uuid[16], char buf[TC_UUID_STR_LEN])
{
	tc_uuid_bytes_to_str(uuid, buf);
	return buf;
}

/* Reaps the host and says how it ended. Called with call_lock held. */
static void host_reap(struct instance *inst)
{
	char u[TC_UUID_STR_LEN];
	int status;

	if (inst->host_gone)
		return;
	inst->host_gone = true;
	kill(inst->pid, SIGKILL);
	if (waitpid(inst->pid, &status, 0) != inst->pid)
		return;
	if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
		tc_warn("TA %s: host %d killed by signal %d (%s)",
			uuid_str(inst->uuid, u), (int)inst->pid,
			WTERMSIG(status), strsignal(WTERMSIG(status)));
}

void inst_mark_dead(struct instance *inst)
{
	pthread_mutex_lock(&core.lock);
	inst->state = INST_DEAD;
	pthread_cond_broadcast(&core.cond);
	pthread_mutex_unlock(&core.lock);
}

/*
 * Receives the host's reply to request id into reply. The host may report a
 * panic first. Returns 0, or -EPIPE if the host is gone (reaped here).
 */
static int host_wait_reply(struct instance *inst, uint32_t id, uint16_t cmd,
			   struct tc_msg *reply)
{
	char u[TC_UUID_STR_LEN];
	struct tc_why why;
	ssize_t n;

	for (;;) {
		n = tc_recv(inst->sock, reply, sizeof(*reply), NULL);
		if (n <= 0)
			break;
		if (tc_msg_check(reply, (size_t)n, &why)) {
			tc_err("TA %s: host sent a malformed message: %s",
			       uuid_str(inst->uuid, u), why.text);
			break;
		}
		if (reply->cmd == TC_CMD_HOST_PANIC) {
			tc_warn("TA %s: panic, code 0x%08x",
				uuid_str(inst->uuid, u), reply->ret);
			continue;
		}
		if (reply->cmd != (cmd | TC_REPLY) || reply->id != id) {
			tc_err("TA %s: host answered 0x%x/%u to 0x%x/%u",
			       uuid_str(inst->uuid, u), reply->cmd, reply->id,
			       cmd, id);
			break;
		}
		return 0;
	}
	host_reap(inst);
	inst_mark_dead(inst);
	return -EPIPE;
}

/* Gives the host a guest's non-secure RAM, once. call_lock held. */
static int host_add_guest(struct instance *inst, struct conn *g)
{
	struct tc_msg m, r;
	uint32_t *ng;
	size_t i;

	for (i = 0; i < inst->nguests; i++)
		if (inst->guests[i] == g->guest_id)
			return 0;
	ng = realloc(inst->guests, (inst->nguests + 1) * sizeof(*ng));
	if (!ng)
		return -ENOMEM;
	inst->guests = ng;
	tc_msg_init(&m, TC_CMD_HOST_GUEST, host_msg_id());
	m.arg = g->nsram_pages * TC_PAGE_SIZE;
	m.arg2 = g->guest_id;
	if (tc_send(inst->sock, &m, g->nsram_fd) ||
	    host_wait_reply(inst, m.id, TC_CMD_HOST_GUEST, &r))
		return -EPIPE;
	if (r.ret)
		return -ENOMEM;
	inst->guests[inst->nguests++] = g->guest_id;
	return 0;
}

static bool params_need_ram(const struct tc_msg *msg)
{
	unsigned int i;

	for (i = 0; msg && i < msg->num_params; i++)
		if (tc_param_is_mem(msg->params[i].type) &&
		    !(msg->params[i].flags & TC_PFLAG_NULL))
			return true;
	return false;
}

/* Copies what the TA may change back into the client's request. */
static int host_copy_back(struct tc_msg *msg, const struct tc_msg *r)
{
	unsigned int i;

	if (r->num_params != msg->num_params)
		return -EBADMSG;
	for (i = 0; i < msg->num_params; i++) {
		struct tc_param *p = &msg->params[i];
		const struct tc_param *q = &r->params[i];

		if (q->type != p->type)
			return -EBADMSG;
		if (p->type == TC_PARAM_VALUE_OUT ||
		    p->type == TC_PARAM_VALUE_INOUT) {
			p->a = q->a;
			p->b = q->b;
		} else if (tc_param_is_mem(p->type)) {
			p->size = q->size;
		}
	}
	return 0;
}

TEEC_Result inst_call(struct instance *inst, struct conn *guest,
		      uint32_t func, uint32_t cmd_id, uint64_t *ta_ctx,
		      struct tc_msg *msg, uint32_t *origin)
{
	size_t len = msg ? msg->length : sizeof(struct tc_msg);
	struct tc_msg *m, r;
	char u[TC_UUID_STR_LEN];

	*origin = TEEC_ORIGIN_TEE;
	if (inst->host_gone || inst->state == INST_DEAD)
		return TEEC_ERROR_TARGET_DEAD;
	if (params_need_ram(msg) && host_add_guest(inst, guest))
		return inst->host_gone ? TEEC_ERROR_TARGET_DEAD :
					 TEEC_ERROR_OUT_OF_MEMORY;
	m = malloc(len);
	if (!m)
		return TEEC_ERROR_OUT_OF_MEMORY;
	if (msg)
		memcpy(m, msg, len);
	else
		tc_msg_init(m, TC_CMD_HOST_CALL, 0);
	m->cmd = TC_CMD_HOST_CALL;
	m->id = host_msg_id();
	m->func = func;
	m->login = cmd_id;
	m->conn_data = 0;
	m->arg = *ta_ctx;
	m->arg2 = guest ? guest->guest_id : 0;
	if (tc_send(inst->sock, m, -1) ||
	    host_wait_reply(inst, m->id, TC_CMD_HOST_CALL, &r)) {
		free(m);
		host_reap(inst);
		inst_mark_dead(inst);
		return TEEC_ERROR_TARGET_DEAD;
	}
	free(m);
	if (msg && host_copy_back(msg, &r)) {
		tc_err("TA %s: host changed the parameter types",
		       uuid_str(inst->uuid, u));
		host_reap(inst);
		inst_mark_dead(inst);
		return TEEC_ERROR_TARGET_DEAD;
	}
	if (func == UTEE_ENTRY_OPEN_SESSION && r.ret == TEEC_SUCCESS)
		*ta_ctx = r.arg;
	*origin = r.origin == TEEC_ORIGIN_TEE ? TEEC_ORIGIN_TEE :
						TEEC_ORIGIN_TRUSTED_APP;
	return r.ret;
}

/* Starts the host process for inst and loads the TA into it. */
static TEEC_Result host_start(struct instance *inst, const void *elf,
			      size_t elf_len, uint32_t *origin)
{
	char *argv[] = { (char *)core.cfg.ta_host_path, "--fd", "3", NULL };
	int sv[2], mfd;
	struct tc_msg m, r;
	pid_t pid;

	*origin = TEEC_ORIGIN_TEE;
	mfd = memfd_create("ta-image", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (mfd < 0)
		return TEEC_ERROR_OUT_OF_MEMORY;
	/* Sealed: what the host loads is exactly what was verified. */
	if (write(mfd, elf, elf_len) != (ssize_t)elf_len ||
	    fcntl(mfd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW |
		  F_SEAL_WRITE | F_SEAL_SEAL)) {
		close(mfd);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) {
		close(mfd);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	pid = fork();
	if (pid < 0) {
		close(mfd);
		close(sv[0]);
		close(sv[1]);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	if (!pid) {
		/* Only async-signal-safe calls from here to exec. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (dup2(sv[1], 3) < 0)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	close(sv[1]);
	inst->pid = pid;
	inst->sock = sv[0];
	tc_msg_init(&m, TC_CMD_HOST_INIT, host_msg_id());
	m.arg = elf_len;
	memcpy(m.uuid, inst->uuid, 16);
	if (tc_send(inst->sock, &m, mfd) ||
	    host_wait_reply(inst, m.id, TC_CMD_HOST_INIT, &r)) {
		close(mfd);
		tc_err("TA host %s did not start", core.cfg.ta_host_path);
		return TEEC_ERROR_TARGET_DEAD;
	}
	close(mfd);
	if (r.ret) {
		*origin = r.origin == TEEC_ORIGIN_TRUSTED_APP ?
			  TEEC_ORIGIN_TRUSTED_APP : TEEC_ORIGIN_TEE;
		return r.ret;
	}
	return TEEC_SUCCESS;
}

static void inst_free(struct instance *inst)
{
	if (inst->sock >= 0)
		close(inst->sock);
	free(inst->guests);
	pthread_mutex_destroy(&inst->call_lock);
	free(inst);
}

TEEC_Result inst_get(const uint8_t uuid[16], struct instance **out,
		     uint32_t *origin)
{
	struct utee_ta_head head;
	struct instance *inst;
	struct list_node *n;
	void *elf = NULL;
	size_t elf_len = 0;
	TEEC_Result res;

	*origin = TEEC_ORIGIN_TEE;
	pthread_mutex_lock(&core.lock);
again:
	list_for_each(n, &core.instances) {
		inst = list_entry(n, struct instance, node);
		if (memcmp(inst->uuid, uuid, 16) || inst->state == INST_DEAD ||
		    !(inst->flags & TA_FLAG_SINGLE_INSTANCE))
			continue;
		if (inst->state == INST_LOADING) {
			pthread_cond_wait(&core.cond, &core.lock);
			goto again;
		}
		inst->refs++;
		pthread_mutex_unlock(&core.lock);
		*out = inst;
		return TEEC_SUCCESS;
	}
	inst = calloc(1, sizeof(*inst));
	if (!inst) {
		pthread_mutex_unlock(&core.lock);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	memcpy(inst->uuid, uuid, 16);
	inst->state = INST_LOADING;
	inst->refs = 1;
	inst->sock = -1;
	/* Until the header is read, others wait as for a single instance. */
	inst->flags = TA_FLAG_SINGLE_INSTANCE;
	pthread_mutex_init(&inst->call_lock, NULL);
	list_add_tail(&core.instances, &inst->node);
	pthread_mutex_unlock(&core.lock);

	res = ta_store_load(uuid, &elf, &elf_len, &head);
	if (!res) {
		inst->flags = head.flags;
		pthread_mutex_lock(&inst->call_lock);
		res = host_start(inst, elf, elf_len, origin);
		if (res)
			host_reap(inst);
		pthread_mutex_unlock(&inst->call_lock);
	}
	free(elf);

	pthread_mutex_lock(&core.lock);
	inst->state = res ? INST_DEAD : INST_READY;
	if (res)
		list_del(&inst->node);
	pthread_cond_broadcast(&core.cond);
	pthread_mutex_unlock(&core.lock);
	if (res) {
		inst_free(inst);
		return res;
	}
	*out = inst;
	return TEEC_SUCCESS;
}

void inst_put(struct instance *inst)
{
	uint64_t ctx = 0;
	uint32_t origin;
	bool last;

	pthread_mutex_lock(&core.lock);
	last = --inst->refs == 0;
	if (last) {
		inst->state = INST_DEAD;
		list_del(&inst->node);
	}
	pthread_mutex_unlock(&core.lock);
	if (!last)
		return;
	pthread_mutex_lock(&inst->call_lock);
	if (!inst->host_gone) {
		inst_call(inst, NULL, UTEE_ENTRY_DESTROY, 0, &ctx, NULL,
			  &origin);
		host_reap(inst);
	}
	pthread_mutex_unlock(&inst->call_lock);
	inst_free(inst);
}

void inst_shutdown_all(void)
{
	struct list_node *n;
	struct instance *inst;

	pthread_mutex_lock(&core.lock);
	list_for_each(n, &core.instances) {
		inst = list_entry(n, struct instance, node);
		if (!inst->host_gone && inst->pid > 0)
			kill(inst->pid, SIGKILL);
	}
	pthread_mutex_unlock(&core.lock);
}
