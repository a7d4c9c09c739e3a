/* libteec internals: a context's connection to the core, its non-secure RAM
 * and the request/reply exchange shared by every thread using it. */
#ifndef TEEC_PRIV_H
#define TEEC_PRIV_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <tee_client_api.h>
#include <teecheck/msg_abi.h>

/* Default non-secure RAM per context; TEECHECK_NSRAM_MB overrides. */
#define TEEC_NSRAM_DEFAULT	(256ull << 20)
#define TEEC_DEFAULT_CORE	"/run/teecheck/core.sock"

struct teec_ctx;

/* A request waiting for its reply. */
struct teec_pending {
	uint32_t id;
	bool done;
	TEEC_Result err;		/* transport failure, else 0 */
	struct tc_msg *reply;
	struct teec_pending *next;
	/*
	 * Set for a request nobody waits for: called by whichever thread
	 * reads its reply (or finds the connection broken), rx_lock held,
	 * once the entry is off the list; it frees the entry.
	 */
	void (*async_done)(struct teec_ctx *c, struct teec_pending *p);
};

/* Requests not waited for that a context lets stand at once. */
#define TEEC_ASYNC_MAX		16

/* Bounce regions a context keeps, and the largest it keeps (4 MiB). */
#define TEEC_BOUNCE_KEEP	4
#define TEEC_BOUNCE_KEEP_PAGES	1024

struct dev_ctx;

struct teec_ctx {
	struct dev_ctx *dev;		/* the dev backend's device, or NULL */
	int sock;
	uint64_t guest_id;

	/* Non-secure RAM: a memfd mapped once, handed to the core at HELLO. */
	int nsram_fd;
	uint8_t *nsram;
	uint64_t nsram_pages;
	pthread_mutex_t alloc_lock;	/* guards used[], hint, bounce[] */
	uint8_t *used;			/* one byte per page */
	uint64_t hint;
	/* Bounce pages of finished calls, kept for the next (nsram.c). */
	struct {
		int64_t off;		/* < 0: empty */
		uint64_t npages;
	} bounce[TEEC_BOUNCE_KEEP];

	pthread_mutex_t send_lock;	/* one message at a time on sock */
	pthread_mutex_t rx_lock;	/* guards the fields below */
	pthread_cond_t rx_cond;
	bool reader;			/* a thread is receiving */
	bool broken;			/* the connection failed */
	struct teec_pending *pending;
	uint32_t next_id;
	unsigned int nasync;		/* pending with async_done */
	/* Calls in flight that use registered memory (atomic). */
	unsigned int rmem_calls;
};

/* nsram.c: page allocation in a context's non-secure RAM. */
int nsram_init(struct teec_ctx *c, uint64_t bytes);
void nsram_fini(struct teec_ctx *c);
/* Returns the byte offset of npages free pages, or -ENOMEM. */
int64_t nsram_alloc(struct teec_ctx *c, uint64_t npages);
void nsram_free(struct teec_ctx *c, uint64_t offset, uint64_t npages);
/*
 * Bounce pages for a temporary memref: at least npages, *got says how many
 * (a kept region may be larger). Given back with nsram_bounce_put, they are
 * kept, not returned to the kernel, so the next call of the same size finds
 * the same pages: no fresh page faults here, and the TA host's mapping of
 * them is still valid.
 */
int64_t nsram_bounce_get(struct teec_ctx *c, uint64_t npages, uint64_t *got);
void nsram_bounce_put(struct teec_ctx *c, uint64_t offset, uint64_t npages);
/* The offset of p if [p, p+len) lies in the NS RAM, else -ERANGE. */
int64_t nsram_offset_of(struct teec_ctx *c, const void *p, size_t len);

/* transport.c: the exchange with the core. */
TEEC_Result transport_connect(struct teec_ctx *c, const char *name);
/* Sends req (its id is set here) and waits for the reply. */
TEEC_Result transport_call(struct teec_ctx *c, struct tc_msg *req,
			   struct tc_msg *reply);
/*
 * The same in three steps, for a caller that must know the request's id
 * before it is sent and after: prepare (sets req->id), send, wait.
 */
TEEC_Result transport_prepare(struct teec_ctx *c, struct tc_msg *req,
			     struct tc_msg *reply, struct teec_pending *me);
void transport_send(struct teec_ctx *c, struct tc_msg *req,
		    struct teec_pending *me);
TEEC_Result transport_wait(struct teec_ctx *c, struct teec_pending *me);
/* A message with no reply (CANCEL). Returns 0 or -errno. */
/*
 * Sends req and returns: me (with async_done set, its reply pointing into
 * it) is completed by a later reader. Waits first while TEEC_ASYNC_MAX
 * such requests stand. If the send fails, async_done runs before return.
 */
void transport_send_async(struct teec_ctx *c, struct tc_msg *req,
			  struct teec_pending *me);
/* Waits until at most max requests not waited for stand. */
void transport_drain(struct teec_ctx *c, unsigned int max);
/*
 * transport_call once every earlier release has its reply: statistics and
 * probes see the core as this client left it.
 */
TEEC_Result transport_call_settled(struct teec_ctx *c, struct tc_msg *req,
				   struct tc_msg *reply);
int transport_send_oneway(struct teec_ctx *c, const struct tc_msg *msg);

/* cancel.c: TEEC_RequestCancellation's bookkeeping. */
struct teec_inflight {
	TEEC_Operation *op;
	struct teec_ctx *ctx;
	uint32_t id;			/* the request's message id once sent
					 * (dev backend: its cancel ID) */
	uint32_t session;		/* dev backend: the session, or 0 */
	bool sent;
	bool cancel_requested;		/* before it was sent */
	struct teec_inflight *next;
};

/*
 * Before op's request is sent: records it (e) so a cancellation finds it,
 * and marks it started. False, with nothing recorded, if op was cancelled
 * before it started.
 */
bool cancel_op_begin(TEEC_Operation *op, struct teec_ctx *c,
		     struct teec_inflight *e);
/* After it was sent as message id: a cancellation asked meanwhile goes. */
void cancel_op_sent(struct teec_inflight *e, uint32_t id);
void cancel_op_end(struct teec_inflight *e);

#endif
