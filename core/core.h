/*
 * tee-core: the bundled secure core. Shared state of its parts: connections
 * from the normal world (clients, the supplicant), the secure thread pool,
 * client requests in flight, TA instances with their host processes, and
 * sessions.
 */
#ifndef CORE_H
#define CORE_H

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <openssl/evp.h>

#include <tee_client_api.h>
#include <teecheck/msg_abi.h>

#include "list.h"

struct core_config {
	const char *socket_path;
	const char *ta_host_path;	/* the TA host program */
	const char *pubkey_path;	/* NULL: the key built in */
	const char *state_dir;		/* persistent state (TA time) */
	unsigned int threads;		/* secure threads */
	int supplicant_fd;		/* handed supplicant connection, or -1 */
	bool supplicant_uid_set;	/* --supplicant-uid given: */
	uid_t supplicant_uid;		/* a supplicant of this user is trusted */
	unsigned int max_conns;		/* connections served at once */
};

/*
 * Memory a TA host may be given to map memrefs from: a client's non-secure
 * RAM, or the RAM a TA instance passes its TA-to-TA memrefs in.
 */
struct ram_ref {
	uint32_t id;			/* guest ID, unique per core run */
	int fd;
	uint64_t pages;
};

/* A connection from the normal world. A client connection is a guest. */
struct conn {
	int fd;
	int role;			/* TC_ROLE_*, 0 before HELLO */
	uint32_t guest_id;		/* clients: unique per core run */
	int nsram_fd;			/* clients: their non-secure RAM */
	uint64_t nsram_pages;
	pid_t pid;			/* from the kernel, not the client */
	uid_t uid;
	gid_t gid;
	/* Clients, read at HELLO from /proc: what login identities use. */
	char *exe;			/* the executable, or NULL if unknown */
	gid_t *groups;			/* supplementary groups */
	size_t ngroups;
	bool trusted_supplicant;	/* the connection the core was handed */
	pthread_mutex_t send_lock;	/* one message at a time on fd */
	bool dropped;			/* atomic: disconnected by the core */
	unsigned int requests;		/* atomic: queued or running */
	int refs;			/* guarded by core.lock */
	bool dead;			/* guarded by core.lock */
	struct list_head calls;		/* struct call, guarded by core.lock */
	struct list_node node;		/* core.conns */
};

/*
 * A client's OPEN_SESSION or INVOKE from the moment the event loop reads it
 * until its reply: what a CANCEL finds by (guest, message id).
 */
struct call {
	uint32_t id;			/* the request's message id */
	bool cancelled;			/* guarded by core.lock */
	struct exec *exec;		/* guarded by core.lock: running on */
	struct list_node node;		/* conn.calls */
};

/* How deep TA-to-TA calls may nest on one secure thread. */
#define EXEC_MAX_DEPTH		8

struct exec_frame {
	struct instance *inst;
	int64_t deadline_ms;		/* CLOCK_MONOTONIC; 0: none */
	bool deadline_fired;
};

/*
 * What one secure thread is doing: the request it serves and the instances
 * it has entered, outermost first (a TA-to-TA call nests one deeper).
 * Owned by its thread; frames, depth and waiting_for change under core.lock
 * so that CANCEL and other threads' deadlock checks may read them.
 */
struct exec {
	struct call *call;		/* the client request, or NULL */
	struct exec_frame frames[EXEC_MAX_DEPTH];
	unsigned int depth;
	struct instance *waiting_for;	/* the instance it waits to enter */
};

enum inst_state { INST_LOADING, INST_READY, INST_DEAD };

#define INST_MAX_GUESTS		48	/* guest RAMs one host holds at most */

/* A TA instance: one TA host process. */
struct instance {
	uint8_t uuid[16];
	uint32_t flags;			/* TA_FLAG_* from the TA header */
	enum inst_state state;		/* guarded by core.lock */
	int nsessions;			/* guarded by core.lock */
	int refs;			/* guarded by core.lock */
	bool keep_ref;			/* guarded by core.lock: the keep-alive
					   reference is held */
	/*
	 * A TA instance runs one entry point at a time: the exec that
	 * entered it (inst_enter) is the only one to talk to the host, and
	 * the fields from pid on are its own until it leaves.
	 */
	struct exec *owner;		/* guarded by core.lock */
	pid_t pid;
	int sock;			/* to the host */
	struct tc_host_ctl *ctl;	/* shared with the host */
	struct ram_ref xram;		/* its TA-to-TA memref RAM */
	uint32_t guests[INST_MAX_GUESTS];	/* RAMs the host holds, oldest
						   first */
	size_t nguests;
	bool host_gone;			/* the host process ended */
	/* Its share of the pager's pool (inst_pager.c). */
	struct inst_pager *pager;
	struct list_node node;		/* core.instances */
};

struct session {
	uint32_t id;
	struct conn *owner;		/* the guest that opened it, or NULL */
	struct instance *caller;	/* or the TA instance that did (no
					   reference: it closes its sessions
					   before it goes) */
	struct instance *inst;
	uint64_t ta_ctx;		/* the TA's sessionContext */
	uint32_t login;			/* the client identity the TA sees */
	uint8_t client_uuid[16];
	int refs;			/* guarded by core.lock */
	bool closed;			/* guarded by core.lock */
	struct list_node node;		/* core.sessions */
};

struct core {
	struct core_config cfg;
	EVP_PKEY *ta_pubkey;
	/* Guards the lists, reference counts and states named above. */
	pthread_mutex_t lock;
	/* Instance state and owner changes, cancellations. */
	pthread_cond_t cond;
	struct list_head conns;
	struct list_head instances;
	struct list_head sessions;
	uint32_t next_session;
	uint32_t next_guest;
	struct conn *supplicant;	/* guarded by lock */
	bool supplicant_expected;	/* guarded by lock: a handed supplicant
					   connection has not said HELLO yet */
	unsigned int nconns;		/* guarded by lock */
};

extern struct core core;

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
int conn_reply(struct conn *c, struct tc_msg *msg, uint32_t ret,
	       uint32_t origin);
/*
 * Disconnects c, saying why in the log (once): the event loop then ends it
 * as any peer that goes, its guest cleaned up.
 */
void conn_drop(struct conn *c, const char *why);
bool conn_dropped(const struct conn *c);
void conn_ram(const struct conn *c, struct ram_ref *ram);
uint32_t conn_new_guest_id(void);

/* event_loop.c: the listening socket and the thread that reads it all. */
/* The socket at path, listening; -errno if it cannot be. */
int event_loop_listen(const char *path);
/* Serves every connection until *stop is set (by a signal handler). */
int event_loop_run(int lfd, volatile sig_atomic_t *stop);

/* workq.c: the secure thread pool. */
int workq_start(unsigned int threads);
void workq_push(struct conn *c, struct tc_msg *msg);

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

/* rpc.c: calls to the supplicant. */
void rpc_supplicant_attach(struct conn *c);
void rpc_supplicant_detach(struct conn *c);
void rpc_deliver_reply(struct tc_msg *msg, int fd);
TEEC_Result rpc_load_ta(const uint8_t uuid[16], int *fd, uint64_t *size);
/* SHM_ALLOC: npages frames of the supplicant's RAM, that RAM and its size. */
TEEC_Result rpc_shm_alloc(uint32_t npages, uint64_t *pages, int *fd,
			  uint64_t *ram_bytes);
TEEC_Result rpc_shm_free(uint32_t npages, const uint64_t *pages);

/* login.c: client identities from kernel credentials. */
void login_read_creds(struct conn *c);
void login_free_creds(struct conn *c);
TEEC_Result login_identity(const struct conn *c, uint32_t method,
			   uint32_t group, uint8_t uuid[16]);

/* inst/: TA instances and their hosts. */
/*
 * The instance a session on uuid opens on, with a reference: the single
 * instance if there is one, else a new instance (loaded, its
 * TA_CreateEntryPoint run).
 */
TEEC_Result inst_get(const uint8_t uuid[16], struct instance **inst,
		     uint32_t *origin);
void inst_put(struct instance *inst);
/*
 * Waits until the current thread may run inst's entry points, then makes
 * it the owner (one frame deeper). TEEC_ERROR_BUSY if waiting would never
 * end (inst is already in this thread's chain of calls, or its owner waits,
 * maybe through others, for this thread); TEEC_ERROR_CANCEL if the request
 * is cancelled while it waits. timeout_ms (TEE_TIMEOUT_INFINITE: none)
 * cancels the calls of this frame when it runs out.
 */
TEEC_Result inst_enter(struct instance *inst, uint32_t timeout_ms,
		       uint32_t *origin);
/* The same for closing and ending, which a cancelled request still does. */
TEEC_Result inst_enter_uncancellable(struct instance *inst, uint32_t *origin);
void inst_leave(struct instance *inst);
/*
 * One entry-point call on an entered instance, for session s (NULL for
 * DESTROY); msg carries params and pages (into s's RAM), updated in place.
 */
TEEC_Result inst_call(struct instance *inst, struct session *s,
		      uint32_t func, uint32_t cmd_id, struct tc_msg *msg,
		      uint32_t *origin);
bool inst_is_dead(struct instance *inst);
void inst_shutdown_all(void);
/* One request to an entered instance's host and its reply (the owner's). */
int inst_host_exchange(struct instance *inst, struct tc_msg *m, int fd,
		       struct tc_msg *reply);

/* hostreq.c: what a TA host asks of the core during a call. */
void hostreq_serve(struct instance *inst, struct tc_msg *req);

/* ptime.c: TA persistent time in the state directory. */
int ptime_init(const char *dir);
TEEC_Result ptime_get(const uint8_t uuid[16], uint64_t *ms);
TEEC_Result ptime_set(const uint8_t uuid[16], uint64_t ms);

/* session.c */
TEEC_Result session_open(struct conn *c, struct tc_msg *msg,
			 uint32_t *origin);
TEEC_Result session_invoke(struct conn *c, struct tc_msg *msg,
			   uint32_t *origin);
TEEC_Result session_close(struct conn *c, uint32_t id, uint32_t *origin);
void session_close_guest(struct conn *c);
/* TA-to-TA: the same for sessions a TA instance opens. */
TEEC_Result session_open_ta(struct instance *caller, struct tc_msg *msg,
			    uint32_t *origin);
TEEC_Result session_invoke_ta(struct instance *caller, struct tc_msg *msg,
			      uint32_t *origin);
TEEC_Result session_close_ta(struct instance *caller, uint32_t id);
/* Closes every session instance inst opened (it is dead or ending). */
void session_close_children(struct instance *inst);

#endif
