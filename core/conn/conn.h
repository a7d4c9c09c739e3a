/*
 * Connections from the normal world: the event loop, replies, the secure
 * thread pool, requests in flight and cancellation, dispatch, test commands
 * and RPC to the supplicant.
 */
#ifndef CORE_CONN_H
#define CORE_CONN_H

#include <signal.h>

#include "../core.h"

/* conn.c */
/*
 * Requests a connection may have queued or running at once; one that sends
 * more without waiting for its replies is disconnected.
 */
#define CONN_MAX_REQUESTS	256

struct conn *conn_new(int fd);
void conn_get(struct conn *c);
void conn_put(struct conn *c);
/*
 * Sends msg (and fd, if >= 0) without waiting for the peer: no thread of
 * the core blocks on a peer. A peer that does not take it now (its socket
 * buffer is full: it does not read) is disconnected. 0 or -errno.
 */
int conn_send(struct conn *c, const struct tc_msg *msg, int fd);
/*
 * Disconnects c, saying why in the log (once): the event loop then ends it
 * as any peer that goes, its guest cleaned up.
 */
void conn_drop(struct conn *c, const char *why);
bool conn_dropped(const struct conn *c);
uint32_t conn_new_guest_id(void);
void conn_ram(const struct conn *c, struct ram_ref *ram);
/*
 * Sends msg (and fd, if >= 0) without waiting for the peer: no thread of
 * the core blocks on a peer. A peer that does not take it now (its socket
 * buffer is full: it does not read) is disconnected. 0 or -errno.
 */
int conn_send(struct conn *c, const struct tc_msg *msg, int fd);
/*
 * Disconnects c, saying why in the log (once): the event loop then ends it
 * as any peer that goes, its guest cleaned up.
 */
void conn_drop(struct conn *c, const char *why);
bool conn_dropped(const struct conn *c);

/*
 * reply.c, the normal-world boundary: replies to a client or the
 * supplicant, res with origin (TEE_ORIGIN_*) in the Client API's codes; 0
 * or -errno from the send.
 */
int conn_reply(struct conn *c, struct tc_msg *msg, TEE_Result res,
	       uint32_t origin);
/* A result the supplicant answered an RPC with, in the core's terms. */
TEE_Result conn_rpc_result(uint32_t teec_res);

/*
 * A client request read from its connection, to run on a secure thread:
 * recorded (a CANCEL finds it), counted against its connection, which it
 * holds a reference to. msg NULL: the client is gone, its sessions and
 * shared memory are to be cleaned up.
 */
struct request {
	struct conn *conn;
	struct tc_msg *msg;
	size_t len;		/* of msg */
	struct call *call;	/* OPEN_SESSION, INVOKE: what CANCEL finds */
};

/*
 * event_loop.c: the listening socket and the connections, read by idle
 * secure threads (or the main thread, workq.c), each message by one.
 */
/*
 * The socket at path, listening, and the set of connections watched with
 * it (the supplicant handed at start included); -errno if it cannot be.
 */
int event_loop_listen(const char *path);
enum loop_result { LOOP_NONE, LOOP_REQUEST };
/*
 * Waits up to timeout_ms (-1: for ever) for one event and handles it: a
 * connection, a HELLO, a CANCEL, a supplicant's reply, a bad message are
 * done here. LOOP_REQUEST: *r is a request (or a client gone), its message
 * in this thread's receive buffer until the thread reads again; the
 * connection is watched again already (its CANCEL can be read meanwhile).
 */
enum loop_result event_loop_one(int timeout_ms, struct request *r);
/* Runs r here and lets it go. */
void request_run(struct request *r);
/* Lets r go without running it (its reply is sent already). */
void request_abandon(const struct request *r);

/* Wakes one thread waiting in event_loop_one() (LOOP_NONE). */
void event_loop_wake(void);
/* Accepts no more connections (the core stops). */
void event_loop_close(void);

/* workq.c: the secure thread pool, reading for itself. */
int workq_start(unsigned int threads);
/* The main thread: reads whenever no secure thread can, until *stop. */
void workq_main_loop(volatile sig_atomic_t *stop);

/* call.c: requests in flight, cancellation, and each thread's exec. */
struct call *call_begin(struct conn *c, uint32_t id);
/* On the secure thread: false if the request was cancelled while queued. */
bool call_start(struct call *call, struct exec *e);
void call_end(struct call *call);
/* CANCEL, on the event loop: never blocks on a secure thread. */
void call_cancel(struct conn *c, uint32_t id);
struct exec *exec_current(void);
/* core.lock held: whether the current request was cancelled. */
bool exec_cancelled(const struct exec *e);
/* core.lock held: raises the cancel flag of frames from..depth-1. */
void exec_cancel_frames(struct exec *e, unsigned int from);
/*
 * Milliseconds until the next TA-to-TA cancellation timeout of e's frames
 * (-1: none); timeouts already passed cancel their frames here.
 */
int exec_poll_timeout(struct exec *e);
int64_t core_now_ms(void);

/* dispatch.c: one request from a client, on a secure thread. */
void dispatch_request(struct conn *c, struct tc_msg *msg);
void dispatch_guest_gone(struct conn *c);
/*
 * test_cmds.c: a command for the project's tests (SHM_PROBE; PAGER_TEST in
 * the test build): false if msg is none of them.
 */
bool test_cmd_dispatch(struct conn *c, struct tc_msg *msg, TEE_Result *res,
		       uint32_t *origin);

/* rpc.c: calls to the supplicant. */
/* false: another supplicant is attached already. */
bool rpc_supplicant_attach(struct conn *c);
void rpc_supplicant_detach(struct conn *c);
void rpc_deliver_reply(struct tc_msg *msg, int fd);
/*
 * One call with an optional descriptor each way (-1: none); the caller
 * checks the reply's fields and closes *reply_fd.
 */
TEE_Result rpc_exchange(struct tc_msg *msg, int send_fd, struct tc_msg *reply,
			int *reply_fd);
TEE_Result rpc_load_ta(const uint8_t uuid[16], int *fd, uint64_t *size);
/* SHM_ALLOC: npages frames of the supplicant's RAM, that RAM and its size. */
TEE_Result rpc_shm_alloc(uint32_t npages, uint64_t *pages, int *fd,
			 uint64_t *ram_bytes);
TEE_Result rpc_shm_free(uint32_t npages, const uint64_t *pages);

#endif
