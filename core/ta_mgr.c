/*
 * TA instances: finding or creating the instance a session opens on, running
 * its TA host process, who may run its entry points when, and every exchange
 * with that host.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <tee_api_defines.h>
#include <teecheck/ta_abi.h>

#include "../common/tc_log.h"
#include "../common/tc_msg.h"
#include "../common/uuid.h"
#include "core.h"
#include "core_pager.h"
#include "shm_mgr.h"
#include "ta_store.h"

/* The RAM a host passes its TA's TA-to-TA memrefs in: sparse, so cheap. */
#define INST_XRAM_SIZE		((uint64_t)TC_MAX_PAGES * TC_PAGE_SIZE)

static uint32_t host_next_id;

/*
 * Receive buffers, one per nesting depth of this secure thread: a host's
 * request (with its page list) stays in use while the calls it causes
 * receive their own.
 */
static __thread struct tc_msg *host_rx[EXEC_MAX_DEPTH + 1];

static uint32_t host_msg_id(void)
{
	return __atomic_add_fetch(&host_next_id, 1, __ATOMIC_RELAXED);
}

static const char *uuid_str(const uint8_t uuid[16], char buf[TC_UUID_STR_LEN])
{
	tc_uuid_bytes_to_str(uuid, buf);
	return buf;
}

/* Reaps the host and says how it ended. Called by the instance's owner. */
static void host_reap(struct instance *inst)
{
	char u[TC_UUID_STR_LEN];
	bool reaped;
	int status;

	if (inst->host_gone)
		return;
	inst->host_gone = true;
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
			uuid_str(inst->uuid, u), (int)inst->pid,
			WTERMSIG(status), strsignal(WTERMSIG(status)));
}

/*
 * The instance is dead from now on: no new session finds it, and the
 * keep-alive reference goes (whoever noticed still holds one).
 */
static void inst_mark_dead(struct instance *inst)
{
	pthread_mutex_lock(&core.lock);
	inst->state = INST_DEAD;
	if (inst->keep_ref && inst->refs > 1) {
		inst->keep_ref = false;
		inst->refs--;
	}
	pthread_cond_broadcast(&core.cond);
	pthread_mutex_unlock(&core.lock);
}

bool inst_is_dead(struct instance *inst)
{
	bool dead;

	pthread_mutex_lock(&core.lock);
	dead = inst->state == INST_DEAD;
	pthread_mutex_unlock(&core.lock);
	return dead;
}

static struct tc_msg *host_rx_buf(void)
{
	unsigned int depth = exec_current()->depth;

	if (!host_rx[depth])
		host_rx[depth] = malloc(TC_MSG_MAX_SIZE);
	return host_rx[depth];
}

/*
 * Waits for the host's socket while TA-to-TA timeouts are pending, firing
 * them; with none, the receive itself waits (one system call less).
 */
static int host_poll(struct instance *inst)
{
	struct pollfd p = { .fd = inst->sock, .events = POLLIN };
	int timeout, rc;

	for (;;) {
		timeout = exec_poll_timeout(exec_current());
		if (timeout < 0)
			return 0;
		rc = poll(&p, 1, timeout);
		if (rc > 0)
			return 0;
		if (rc < 0 && errno != EINTR)
			return -errno;
	}
}

/*
 * Receives the host's reply to request id into reply. Meanwhile the host may
 * report a panic, and during a call its TA may ask the core for something
 * (HOST_REQ), which is served here, on this thread. Returns 0, or -EPIPE if
 * the host is gone (reaped here).
 */
static int host_wait_reply(struct instance *inst, uint32_t id, uint16_t cmd,
			   struct tc_msg *reply)
{
	struct tc_msg *m = host_rx_buf();
	char u[TC_UUID_STR_LEN];
	struct tc_why why;
	ssize_t n;

	while (m && !host_poll(inst)) {
		n = tc_recv(inst->sock, m, TC_MSG_MAX_SIZE, NULL);
		if (n <= 0)
			break;
		if (tc_msg_check(m, (size_t)n, &why)) {
			tc_err("TA %s: host sent a malformed message: %s",
			       uuid_str(inst->uuid, u), why.text);
			break;
		}
		if (m->cmd == TC_CMD_HOST_PANIC) {
			tc_warn("TA %s: panic, code 0x%08x",
				uuid_str(inst->uuid, u), m->ret);
			continue;
		}
		if (m->cmd == TC_CMD_HOST_REQ && cmd == TC_CMD_HOST_CALL) {
			if (tc_msg_check_pages(m, inst->xram.pages, &why)) {
				tc_err("TA %s: host request: %s",
				       uuid_str(inst->uuid, u), why.text);
				break;
			}
			hostreq_serve(inst, m);
			continue;
		}
		if (m->cmd != (cmd | TC_REPLY) || m->id != id ||
		    m->npages) {
			tc_err("TA %s: host answered 0x%x/%u to 0x%x/%u",
			       uuid_str(inst->uuid, u), m->cmd, m->id, cmd, id);
			break;
		}
		*reply = *m;
		return 0;
	}
	host_reap(inst);
	inst_mark_dead(inst);
	return -EPIPE;
}

/* One request to the host and its reply; the owner's only. */
static int host_exchange(struct instance *inst, struct tc_msg *m, int fd,
			 struct tc_msg *reply)
{
	if (inst->host_gone)
		return -EPIPE;
	if (tc_send(inst->sock, m, fd)) {
		host_reap(inst);
		inst_mark_dead(inst);
		return -EPIPE;
	}
	return host_wait_reply(inst, m->id, m->cmd, reply);
}

int inst_host_exchange(struct instance *inst, struct tc_msg *m, int fd,
		       struct tc_msg *reply)
{
	m->id = host_msg_id();
	return host_exchange(inst, m, fd, reply);
}

static bool guest_alive(uint32_t id)
{
	struct list_node *n;
	bool alive = false;

	pthread_mutex_lock(&core.lock);
	list_for_each(n, &core.conns) {
		struct conn *c = list_entry(n, struct conn, node);

		if (c->guest_id == id && !c->dead)
			alive = true;
	}
	list_for_each(n, &core.instances) {
		struct instance *i = list_entry(n, struct instance, node);

		if (i->xram.id == id && i->state != INST_DEAD)
			alive = true;
	}
	pthread_mutex_unlock(&core.lock);
	return alive;
}

/* Makes the host forget the RAM of guests[k]. */
static int host_drop_guest(struct instance *inst, size_t k)
{
	struct tc_msg m, r;

	tc_msg_init(&m, TC_CMD_HOST_GUEST_DROP, host_msg_id());
	m.arg2 = inst->guests[k];
	if (host_exchange(inst, &m, -1, &r))
		return -EPIPE;
	memmove(inst->guests + k, inst->guests + k + 1,
		(inst->nguests - k - 1) * sizeof(inst->guests[0]));
	inst->nguests--;
	return 0;
}

/*
 * Gives the host a RAM it maps memrefs from, once. When the host holds as
 * many as it may, a gone guest's RAM makes room, else the oldest's: the core
 * knows what the host holds and gives it again when needed.
 */
static int host_add_guest(struct instance *inst, const struct ram_ref *ram)
{
	struct tc_msg m, r;
	size_t i, victim = 0;

	for (i = 0; i < inst->nguests; i++)
		if (inst->guests[i] == ram->id)
			return 0;
	if (inst->nguests == INST_MAX_GUESTS) {
		for (i = 0; i < inst->nguests; i++) {
			if (!guest_alive(inst->guests[i])) {
				victim = i;
				break;
			}
		}
		if (host_drop_guest(inst, victim))
			return -EPIPE;
	}
	tc_msg_init(&m, TC_CMD_HOST_GUEST, host_msg_id());
	m.arg = ram->pages * TC_PAGE_SIZE;
	m.arg2 = ram->id;
	if (host_exchange(inst, &m, ram->fd, &r))
		return -EPIPE;
	if (r.ret)
		return -ENOMEM;
	inst->guests[inst->nguests++] = ram->id;
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

/* Copies what the TA may change back into the request. */
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
		} else if (tc_param_is_mem(p->type) ||
			   tc_param_is_rmem(p->type)) {
			p->size = q->size;
		}
	}
	return 0;
}

/* core.lock held: would waiting for inst's owner wait for ourselves? */
static bool inst_would_deadlock(const struct exec *me,
				const struct instance *inst)
{
	const struct exec *o = inst->owner;
	unsigned int hops;

	for (hops = 0; o && hops < 4096; hops++) {
		if (o == me)
			return true;
		if (!o->waiting_for)
			return false;
		o = o->waiting_for->owner;
	}
	return false;
}

/* core.lock held: me becomes inst's owner, one frame deeper. */
static void inst_take(struct exec *me, struct instance *inst,
		      uint32_t timeout_ms)
{
	struct exec_frame *f = &me->frames[me->depth];

	f->inst = inst;
	f->deadline_ms = timeout_ms == TEE_TIMEOUT_INFINITE ? 0 :
			 core_now_ms() + timeout_ms;
	f->deadline_fired = false;
	me->depth++;
	inst->owner = me;
}

/*
 * core.lock held: waits until inst has no owner. cancellable: a cancelled
 * request stops waiting.
 */
static TEEC_Result inst_wait_free(struct exec *me, struct instance *inst,
				  bool cancellable)
{
	while (inst->owner) {
		if (inst_would_deadlock(me, inst))
			return TEEC_ERROR_BUSY;
		if (cancellable && exec_cancelled(me))
			return TEEC_ERROR_CANCEL;
		me->waiting_for = inst;
		pthread_cond_wait(&core.cond, &core.lock);
		me->waiting_for = NULL;
	}
	return TEEC_SUCCESS;
}

static TEEC_Result inst_enter_locked(struct instance *inst, uint32_t timeout,
				     bool cancellable, uint32_t *origin)
{
	struct exec *me = exec_current();
	TEEC_Result res;

	*origin = TEEC_ORIGIN_TEE;
	if (me->depth == EXEC_MAX_DEPTH) {
		tc_err("TA-to-TA calls nest deeper than %d", EXEC_MAX_DEPTH);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	res = inst_wait_free(me, inst, cancellable);
	if (res)
		return res;
	inst_take(me, inst, timeout);
	return TEEC_SUCCESS;
}

TEEC_Result inst_enter(struct instance *inst, uint32_t timeout_ms,
		       uint32_t *origin)
{
	TEEC_Result res;

	pthread_mutex_lock(&core.lock);
	res = inst_enter_locked(inst, timeout_ms, true, origin);
	pthread_mutex_unlock(&core.lock);
	return res;
}

TEEC_Result inst_enter_uncancellable(struct instance *inst, uint32_t *origin)
{
	TEEC_Result res;

	pthread_mutex_lock(&core.lock);
	res = inst_enter_locked(inst, TEE_TIMEOUT_INFINITE, false, origin);
	pthread_mutex_unlock(&core.lock);
	return res;
}

void inst_leave(struct instance *inst)
{
	struct exec *me = exec_current();

	pthread_mutex_lock(&core.lock);
	if (me->depth && me->frames[me->depth - 1].inst == inst) {
		me->depth--;
		me->frames[me->depth].inst = NULL;
		inst->owner = NULL;
	} else {
		tc_err("instance left by a thread that does not own it");
	}
	pthread_cond_broadcast(&core.cond);
	pthread_mutex_unlock(&core.lock);
}

/* The RAM a session's memrefs are in: its client's, or its caller TA's. */
static void session_ram(const struct session *s, struct ram_ref *ram)
{
	if (s->owner)
		conn_ram(s->owner, ram);
	else
		*ram = s->caller->xram;
}

TEEC_Result inst_call(struct instance *inst, struct session *s,
		      uint32_t func, uint32_t cmd_id, struct tc_msg *msg,
		      uint32_t *origin)
{
	size_t len = msg ? msg->length : sizeof(struct tc_msg);
	struct ram_ref ram = { 0 };
	char u[TC_UUID_STR_LEN];
	struct tc_msg *m, r;
	struct shm_call sc;
	TEEC_Result res;
	bool cancelled;

	*origin = TEEC_ORIGIN_TEE;
	/* A dead instance's host is gone; DESTROY runs on one being ended. */
	if (inst->host_gone)
		return TEEC_ERROR_TARGET_DEAD;
	if (s)
		session_ram(s, &ram);
	if (params_need_ram(msg) && host_add_guest(inst, &ram))
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
	m->session = s ? s->id : 0;
	m->conn_data = s ? s->login : 0;
	memset(m->uuid, 0, sizeof(m->uuid));
	if (s)
		memcpy(m->uuid, s->client_uuid, sizeof(m->uuid));
	m->arg = s ? s->ta_ctx : 0;
	m->arg2 = ram.id;
	/* Registered memory: in use by this call until it ends. */
	res = shm_call_prepare(inst, s ? s->owner : NULL, m, &sc);
	if (res) {
		free(m);
		return res;
	}

	/* A new call starts uncancelled, unless its request already is. */
	pthread_mutex_lock(&core.lock);
	if (inst->ctl)
		__atomic_store_n(&inst->ctl->cancel, 0, __ATOMIC_RELEASE);
	cancelled = (func == UTEE_ENTRY_OPEN_SESSION ||
		     func == UTEE_ENTRY_INVOKE) &&
		    exec_cancelled(exec_current());
	pthread_mutex_unlock(&core.lock);
	if (cancelled) {
		free(m);
		shm_call_finish(&sc);
		return TEEC_ERROR_CANCEL;
	}

	if (host_exchange(inst, m, -1, &r)) {
		free(m);
		shm_call_finish(&sc);
		return TEEC_ERROR_TARGET_DEAD;
	}
	free(m);
	shm_call_finish(&sc);
	if (msg && host_copy_back(msg, &r)) {
		tc_err("TA %s: host changed the parameter types",
		       uuid_str(inst->uuid, u));
		host_reap(inst);
		inst_mark_dead(inst);
		return TEEC_ERROR_TARGET_DEAD;
	}
	if (func == UTEE_ENTRY_OPEN_SESSION && r.ret == TEEC_SUCCESS)
		s->ta_ctx = r.arg;
	*origin = r.origin == TEEC_ORIGIN_TEE ? TEEC_ORIGIN_TEE :
						TEEC_ORIGIN_TRUSTED_APP;
	return r.ret;
}

/* A sealed memfd of size bytes: neither side can shrink it under the other. */
static int shm_create(const char *name, uint64_t size)
{
	int fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);

	if (fd < 0)
		return -1;
	if (ftruncate(fd, (off_t)size) ||
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The control page and the TA-to-TA RAM, created and handed to the host. */
static int host_share(struct instance *inst)
{
	struct tc_msg m, r;
	void *ctl;
	int fd, rc;

	fd = shm_create("ta-ctl", sizeof(struct tc_host_ctl));
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
	tc_msg_init(&m, TC_CMD_HOST_SHM, host_msg_id());
	m.func = TC_HOST_SHM_CTL;
	m.arg = sizeof(struct tc_host_ctl);
	rc = host_exchange(inst, &m, fd, &r);
	close(fd);
	if (rc || r.ret)
		return -EPIPE;

	inst->xram.fd = shm_create("ta-xram", INST_XRAM_SIZE);
	if (inst->xram.fd < 0)
		return -ENOMEM;
	inst->xram.pages = INST_XRAM_SIZE / TC_PAGE_SIZE;
	inst->xram.id = conn_new_guest_id();
	tc_msg_init(&m, TC_CMD_HOST_SHM, host_msg_id());
	m.func = TC_HOST_SHM_XRAM;
	m.arg = INST_XRAM_SIZE;
	m.arg2 = inst->xram.id;
	if (host_exchange(inst, &m, inst->xram.fd, &r) || r.ret)
		return -EPIPE;
	return 0;
}

/* Starts the host process for inst and loads the TA into it. */
static TEEC_Result host_start(struct instance *inst, const void *elf,
			      size_t elf_len, uint32_t *origin)
{
	char *argv[] = { (char *)core.cfg.ta_host_path, "--fd", "3", NULL };
	posix_spawn_file_actions_t fa;
	int sv[2], mfd, rc;
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
	/*
	 * posix_spawn, not fork: the child runs none of the core's code on
	 * its way to exec. The core's code is paged, and a forked child
	 * would share the pager's pool with it. The host asks to die with
	 * its parent itself.
	 */
	if (posix_spawn_file_actions_init(&fa)) {
		close(mfd);
		close(sv[0]);
		close(sv[1]);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	rc = posix_spawn_file_actions_adddup2(&fa, sv[1], 3);
	if (!rc)
		rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(sv[1]);
	if (rc) {
		tc_err("cannot start the TA host %s: %s", argv[0],
		       strerror(rc));
		close(mfd);
		close(sv[0]);
		return TEEC_ERROR_TARGET_DEAD;
	}
	inst->pid = pid;
	inst->sock = sv[0];
	if (inst_pager_setup(inst) || host_share(inst)) {
		close(mfd);
		tc_err("TA host %s did not start", core.cfg.ta_host_path);
		return TEEC_ERROR_TARGET_DEAD;
	}
	tc_msg_init(&m, TC_CMD_HOST_INIT, host_msg_id());
	m.arg = elf_len;
	memcpy(m.uuid, inst->uuid, 16);
	if (host_exchange(inst, &m, mfd, &r)) {
		close(mfd);
		tc_err("TA host %s did not start", core.cfg.ta_host_path);
		return TEEC_ERROR_TARGET_DEAD;
	}
	close(mfd);
	if (r.ret) {
		/* TA_CreateEntryPoint's refusal is the TA's. */
		*origin = r.origin == TEEC_ORIGIN_TRUSTED_APP ?
			  TEEC_ORIGIN_TRUSTED_APP : TEEC_ORIGIN_TEE;
		return r.ret;
	}
	return TEEC_SUCCESS;
}

static void inst_free(struct instance *inst)
{
	shm_inst_gone(inst);
	inst_pager_release(inst);
	if (inst->sock >= 0)
		close(inst->sock);
	if (inst->ctl)
		munmap(inst->ctl, sizeof(struct tc_host_ctl));
	if (inst->xram.fd >= 0)
		close(inst->xram.fd);
	free(inst);
}

/* core.lock held: a new instance of uuid, loading, owned by the caller. */
static struct instance *inst_new(const uint8_t uuid[16])
{
	struct exec *me = exec_current();
	struct instance *inst;

	if (me->depth == EXEC_MAX_DEPTH)
		return NULL;
	inst = calloc(1, sizeof(*inst));
	if (!inst)
		return NULL;
	memcpy(inst->uuid, uuid, 16);
	inst->state = INST_LOADING;
	inst->refs = 1;
	inst->sock = -1;
	inst->xram.fd = -1;
	/* Until the header is read, others wait as for a single instance. */
	inst->flags = TA_FLAG_SINGLE_INSTANCE;
	list_add_tail(&core.instances, &inst->node);
	inst_take(me, inst, TEE_TIMEOUT_INFINITE);
	return inst;
}

/* Loads a new instance's TA and runs TA_CreateEntryPoint. */
static TEEC_Result inst_load(struct instance *inst, uint32_t *origin)
{
	struct utee_ta_head head;
	void *elf = NULL;
	size_t elf_len = 0;
	TEEC_Result res;

	*origin = TEEC_ORIGIN_TEE;
	res = ta_store_load(inst->uuid, &elf, &elf_len, &head);
	if (!res)
		res = inst_pager_grant(inst, &head);
	if (!res) {
		inst->flags = head.flags;
		res = host_start(inst, elf, elf_len, origin);
		if (res)
			host_reap(inst);
	}
	free(elf);
	return res;
}

TEEC_Result inst_get(const uint8_t uuid[16], struct instance **out,
		     uint32_t *origin)
{
	struct exec *me = exec_current();
	struct instance *inst;
	struct list_node *n;
	TEEC_Result res;

	*origin = TEEC_ORIGIN_TEE;
	pthread_mutex_lock(&core.lock);
again:
	list_for_each(n, &core.instances) {
		inst = list_entry(n, struct instance, node);
		if (memcmp(inst->uuid, uuid, 16) || inst->state == INST_DEAD ||
		    !(inst->flags & TA_FLAG_SINGLE_INSTANCE))
			continue;
		inst->refs++;
		if (inst->state == INST_LOADING) {
			/* Its loader owns it until the load ends. */
			res = inst_wait_free(me, inst, true);
			if (res || inst->state != INST_READY ||
			    !(inst->flags & TA_FLAG_SINGLE_INSTANCE)) {
				pthread_mutex_unlock(&core.lock);
				inst_put(inst);
				if (res)
					return res;
				pthread_mutex_lock(&core.lock);
				goto again;
			}
		}
		pthread_mutex_unlock(&core.lock);
		*out = inst;
		return TEEC_SUCCESS;
	}
	inst = inst_new(uuid);
	pthread_mutex_unlock(&core.lock);
	if (!inst)
		return TEEC_ERROR_OUT_OF_MEMORY;

	res = inst_load(inst, origin);
	pthread_mutex_lock(&core.lock);
	if (res) {
		inst->state = INST_DEAD;
		list_del(&inst->node);
	} else {
		inst->state = INST_READY;
		if ((inst->flags & TA_FLAG_SINGLE_INSTANCE) &&
		    (inst->flags & TA_FLAG_INSTANCE_KEEP_ALIVE)) {
			/* The core's own: the instance outlives sessions. */
			inst->refs++;
			inst->keep_ref = true;
		}
	}
	pthread_mutex_unlock(&core.lock);
	inst_leave(inst);
	if (res) {
		/* Those that waited for the load hold references too. */
		inst_put(inst);
		return res;
	}
	*out = inst;
	return TEEC_SUCCESS;
}

void inst_put(struct instance *inst)
{
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
	if (!inst->host_gone && !inst_enter_uncancellable(inst, &origin)) {
		inst_call(inst, NULL, UTEE_ENTRY_DESTROY, 0, NULL, &origin);
		host_reap(inst);
		inst_leave(inst);
	}
	session_close_children(inst);
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
