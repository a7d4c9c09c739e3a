/*
 * Remote procedure calls from the core to tee-supplicant. A secure thread
 * sends a request and sleeps; the event loop delivers the reply to it.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../core.h"
#include "conn.h"

/* How long a call waits for a supplicant to attach, or to answer. */
#define RPC_TIMEOUT_S	20

struct rpc_call {
	uint32_t id;
	bool done;
	struct tc_msg reply;
	int fd;
	uint64_t *pages;		/* room for the reply's page list */
	uint32_t max_pages;
	struct rpc_call *next;
};

/* Guarded by core.lock. */
static struct rpc_call *rpc_pending;
static uint32_t rpc_next_id;
static pthread_cond_t rpc_cond = PTHREAD_COND_INITIALIZER;

bool rpc_supplicant_attach(struct conn *c)
{
	pthread_mutex_lock(&core.lock);
	if (core.supplicant) {
		pthread_mutex_unlock(&core.lock);
		return false;
	}
	core.supplicant = c;
	core.supplicant_expected = false;
	pthread_cond_broadcast(&rpc_cond);
	pthread_mutex_unlock(&core.lock);
	tc_info("supplicant attached (pid %d)", (int)c->pid);
	return true;
}

void rpc_supplicant_detach(struct conn *c)
{
	struct rpc_call *p;
	bool attached;

	pthread_mutex_lock(&core.lock);
	attached = core.supplicant == c;
	core.supplicant_expected = false;
	if (attached) {
		core.supplicant = NULL;
		/* Calls in flight fail: their answers will not come. */
		for (p = rpc_pending; p; p = p->next) {
			if (!p->done) {
				p->done = true;
				p->reply.ret = TEE_ERROR_COMMUNICATION;
			}
		}
	}
	pthread_cond_broadcast(&rpc_cond);
	pthread_mutex_unlock(&core.lock);
	if (attached)
		tc_warn("supplicant detached");
	else
		tc_warn("the supplicant connection the core was handed ended "
			"before its HELLO");
}

void rpc_deliver_reply(struct tc_msg *msg, int fd)
{
	struct rpc_call *p;

	pthread_mutex_lock(&core.lock);
	for (p = rpc_pending; p; p = p->next) {
		if (p->id == msg->id && !p->done) {
			p->reply = *msg;
			p->reply.ret = conn_rpc_result(msg->ret);
			if (p->pages && msg->npages <= p->max_pages)
				memcpy(p->pages, msg->pages,
				       msg->npages * sizeof(uint64_t));
			p->fd = fd;
			p->done = true;
			pthread_cond_broadcast(&rpc_cond);
			pthread_mutex_unlock(&core.lock);
			return;
		}
	}
	pthread_mutex_unlock(&core.lock);
	tc_err("supplicant: reply to unknown call %u", msg->id);
	if (fd >= 0)
		close(fd);
}

static void deadline(struct timespec *ts)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += RPC_TIMEOUT_S;
}

/*
 * Sends msg (with send_fd, or -1) to the supplicant and waits for the reply
 * into *call.
 */
static TEE_Result rpc_call_fd(struct tc_msg *msg, int send_fd,
			      struct rpc_call *call)
{
	struct rpc_call **pp;
	struct timespec ts;
	struct conn *s;
	int rc = 0;

	deadline(&ts);
	pthread_mutex_lock(&core.lock);
	/* Only the supplicant the core was handed is waited for, while it
	 * has not said HELLO yet; otherwise no trusted one is there. */
	while (!core.supplicant && core.supplicant_expected &&
	       rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&rpc_cond, &core.lock, &ts);
	s = core.supplicant;
	if (!s) {
		pthread_mutex_unlock(&core.lock);
		tc_err("no trusted supplicant attached");
		return TEE_ERROR_COMMUNICATION;
	}
	s->refs++;
	call->id = msg->id = ++rpc_next_id;
	call->done = false;
	call->fd = -1;
	call->next = rpc_pending;
	rpc_pending = call;
	pthread_mutex_unlock(&core.lock);

	rc = conn_send(s, msg, send_fd);

	pthread_mutex_lock(&core.lock);
	if (rc) {
		call->done = true;
		call->reply.ret = TEE_ERROR_COMMUNICATION;
	}
	deadline(&ts);
	rc = 0;
	while (!call->done && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&rpc_cond, &core.lock, &ts);
	if (!call->done) {
		call->done = true;
		call->reply.ret = TEE_ERROR_COMMUNICATION;
		tc_err("supplicant: no answer to call %u", call->id);
	}
	for (pp = &rpc_pending; *pp; pp = &(*pp)->next) {
		if (*pp == call) {
			*pp = call->next;
			break;
		}
	}
	pthread_mutex_unlock(&core.lock);
	conn_put(s);
	return call->reply.ret;
}

static TEE_Result rpc_call(struct tc_msg *msg, struct rpc_call *call)
{
	return rpc_call_fd(msg, -1, call);
}

TEE_Result rpc_exchange(struct tc_msg *msg, int send_fd, struct tc_msg *reply,
			int *reply_fd)
{
	struct rpc_call call = { .fd = -1 };
	TEE_Result res;

	res = rpc_call_fd(msg, send_fd, &call);
	*reply = call.reply;
	*reply_fd = call.fd;
	return res;
}

TEE_Result rpc_load_ta(const uint8_t uuid[16], int *fd, uint64_t *size)
{
	struct rpc_call call = { .fd = -1 };
	struct tc_msg msg;
	TEE_Result res;

	tc_msg_init(&msg, TC_CMD_RPC, 0);
	msg.func = TC_RPC_LOAD_TA;
	memcpy(msg.uuid, uuid, 16);
	res = rpc_call(&msg, &call);
	if (res == TEE_SUCCESS && call.fd < 0) {
		tc_err("supplicant: LOAD_TA answered without an image");
		res = TEE_ERROR_COMMUNICATION;
	}
	if (res) {
		if (call.fd >= 0)
			close(call.fd);
		return res;
	}
	*fd = call.fd;
	*size = call.reply.arg;
	return TEE_SUCCESS;
}

/*
 * The supplicant's RAM, as a client's: a regular file sealed against
 * shrinking, as large as it says, holding every page it names, so that no
 * page the core maps from it can vanish under the core.
 */
static bool rpc_ram_ok(int fd, uint64_t bytes, const uint64_t *pages,
		       uint32_t npages)
{
	struct stat st;
	uint32_t i;
	int seals;

	if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size < bytes) {
		tc_err("supplicant: SHM_ALLOC: its RAM is not a file of %llu "
		       "bytes", (unsigned long long)bytes);
		return false;
	}
	seals = fcntl(fd, F_GET_SEALS);
	if (seals < 0 || !(seals & F_SEAL_SHRINK)) {
		tc_err("supplicant: SHM_ALLOC: its RAM can shrink: it must be "
		       "sealed with F_SEAL_SHRINK");
		return false;
	}
	for (i = 0; i < npages; i++) {
		if (pages[i] >= bytes / TC_PAGE_SIZE) {
			tc_err("supplicant: SHM_ALLOC: pages[%u]: frame %llu "
			       "outside its RAM of %llu pages", i,
			       (unsigned long long)pages[i],
			       (unsigned long long)(bytes / TC_PAGE_SIZE));
			return false;
		}
	}
	return true;
}

TEE_Result rpc_shm_alloc(uint32_t npages, uint64_t *pages, int *fd,
			 uint64_t *ram_bytes)
{
	struct rpc_call call = { .fd = -1, .pages = pages,
				 .max_pages = npages };
	struct tc_msg msg;
	TEE_Result res;

	tc_msg_init(&msg, TC_CMD_RPC, 0);
	msg.func = TC_RPC_SHM_ALLOC;
	msg.arg = npages;
	res = rpc_call(&msg, &call);
	if (!res && (call.fd < 0 || call.reply.npages != npages)) {
		tc_err("supplicant: SHM_ALLOC answered %u pages for %u%s",
		       call.reply.npages, npages,
		       call.fd < 0 ? ", and no RAM" : "");
		res = TEE_ERROR_COMMUNICATION;
	}
	if (!res && !rpc_ram_ok(call.fd, call.reply.arg2, pages, npages))
		res = TEE_ERROR_COMMUNICATION;
	if (res) {
		if (call.fd >= 0)
			close(call.fd);
		return res;
	}
	*fd = call.fd;
	*ram_bytes = call.reply.arg2;
	return TEE_SUCCESS;
}

TEE_Result rpc_shm_free(uint32_t npages, const uint64_t *pages)
{
	struct rpc_call call = { .fd = -1 };
	struct tc_msg *msg = calloc(1, TC_MSG_SIZE(npages));
	TEE_Result res;

	if (!msg)
		return TEE_ERROR_OUT_OF_MEMORY;
	tc_msg_init(msg, TC_CMD_RPC, 0);
	msg->func = TC_RPC_SHM_FREE;
	msg->npages = npages;
	memcpy(msg->pages, pages, npages * sizeof(uint64_t));
	msg->length = (uint32_t)TC_MSG_SIZE(npages);
	res = rpc_call(msg, &call);
	if (call.fd >= 0)
		close(call.fd);
	free(msg);
	return res;
}
