/*
 * tee-core: the bundled secure core. The state its parts share, under one
 * lock: connections from the normal world (clients, the supplicant),
 * client requests in flight and what each secure thread runs, TA instances
 * with their host processes, and sessions. Each part's functions are
 * declared in its folder (conn/conn.h, session/session.h, inst/inst.h, ...).
 */
#ifndef CORE_H
#define CORE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <openssl/evp.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <teecheck/msg_abi.h>

#include "list.h"

struct core_config {
	const char *socket_path;
	const char *ta_host_path;	/* the TA host program */
	const char *pubkey_path;	/* NULL: the key built in */
	const char *state_dir;		/* persistent state (TA time) */
	unsigned int threads;		/* secure threads */
	bool host_zygote;		/* TA hosts forked by a zygote */
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

#endif
