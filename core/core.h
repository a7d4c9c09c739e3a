/*
 * tee-core: the bundled secure core. Shared state of its parts: connections
 * from the normal world (clients, the supplicant), the secure thread pool,
 * TA instances with their host processes, and sessions.
 */
#ifndef CORE_H
#define CORE_H

#include <pthread.h>
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
	unsigned int threads;		/* secure threads */
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
	pthread_mutex_t send_lock;	/* one message at a time on fd */
	int refs;			/* guarded by core.lock */
	bool dead;			/* guarded by core.lock */
	struct list_node node;		/* core.conns */
};

enum inst_state { INST_LOADING, INST_READY, INST_DEAD };

/* A TA instance: one TA host process. */
struct instance {
	uint8_t uuid[16];
	uint32_t flags;			/* TA_FLAG_* from the TA header */
	enum inst_state state;		/* guarded by core.lock */
	int nsessions;			/* guarded by core.lock */
	int refs;			/* guarded by core.lock */
	pid_t pid;
	int sock;			/* to the host */
	/*
	 * A TA instance runs one entry point at a time: call_lock serialises
	 * every exchange with the host, and guards the fields below.
	 */
	pthread_mutex_t call_lock;
	uint32_t *guests;		/* guests whose RAM the host holds */
	size_t nguests;
	bool host_gone;			/* the host process ended */
	struct list_node node;		/* core.instances */
};

struct session {
	uint32_t id;
	struct conn *owner;		/* the guest that opened it */
	struct instance *inst;
	uint64_t ta_ctx;		/* the TA's sessionContext */
	int refs;			/* guarded by core.lock */
	bool closed;			/* guarded by core.lock */
	struct list_node node;		/* core.sessions */
};

struct core {
	struct core_config cfg;
	EVP_PKEY *ta_pubkey;
	/* Guards the lists, reference counts and states named above. */
	pthread_mutex_t lock;
	pthread_cond_t cond;		/* instance state changes */
	struct list_head conns;
	struct list_head instances;
	struct list_head sessions;
	uint32_t next_session;
	uint32_t next_guest;
	struct conn *supplicant;	/* guarded by lock */
};

extern struct core core;

/* conn.c */
void conn_get(struct conn *c);
void conn_put(struct conn *c);
int conn_reply(struct conn *c, struct tc_msg *msg, uint32_t ret,
	       uint32_t origin);

/* workq.c: the secure thread pool. */
int workq_start(unsigned int threads);
void workq_push(struct conn *c, struct tc_msg *msg);

/* dispatch.c: one request from a client, on a secure thread. */
void dispatch_request(struct conn *c, struct tc_msg *msg);
void dispatch_guest_gone(struct conn *c);

/* rpc.c: calls to the supplicant. */
void rpc_supplicant_attach(struct conn *c);
void rpc_supplicant_detach(struct conn *c);
void rpc_deliver_reply(struct tc_msg *msg, int fd);
TEEC_Result rpc_load_ta(const uint8_t uuid[16], int *fd, uint64_t *size);

/* ta_mgr.c: instances and their hosts. */
TEEC_Result inst_get(const uint8_t uuid[16], struct instance **inst,
		     uint32_t *origin);
void inst_put(struct instance *inst);
void inst_mark_dead(struct instance *inst);
/* One entry-point call; msg carries params and pages, updated in place. */
TEEC_Result inst_call(struct instance *inst, struct conn *guest,
		      uint32_t func, uint32_t cmd_id, uint64_t *ta_ctx,
		      struct tc_msg *msg, uint32_t *origin);
void inst_shutdown_all(void);

/* session.c */
TEEC_Result session_open(struct conn *c, struct tc_msg *msg,
			 uint32_t *origin);
TEEC_Result session_invoke(struct conn *c, struct tc_msg *msg,
			   uint32_t *origin);
TEEC_Result session_close(struct conn *c, uint32_t id, uint32_t *origin);
void session_close_guest(struct conn *c);

#endif
