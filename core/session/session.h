/*
 * Sessions, of clients and of TA instances, and the login identities of
 * their clients.
 */
#ifndef CORE_SESSION_H
#define CORE_SESSION_H

#include "../core.h"

/* session.c */
TEE_Result session_open(struct conn *c, struct tc_msg *msg,
			uint32_t *origin);
TEE_Result session_invoke(struct conn *c, struct tc_msg *msg,
			  uint32_t *origin);
TEE_Result session_close(struct conn *c, uint32_t id, uint32_t *origin);
void session_close_guest(struct conn *c);
/* TA-to-TA: the same for sessions a TA instance opens. */
TEE_Result session_open_ta(struct instance *caller, struct tc_msg *msg,
			   uint32_t *origin);
TEE_Result session_invoke_ta(struct instance *caller, struct tc_msg *msg,
			     uint32_t *origin);
TEE_Result session_close_ta(struct instance *caller, uint32_t id);
/* Closes every session instance inst opened (it is dead or ending). */
void session_close_children(struct instance *inst);


/* login.c: client identities from kernel credentials. */
void login_read_creds(struct conn *c);
void login_free_creds(struct conn *c);
TEE_Result login_identity(const struct conn *c, uint32_t method,
			  uint32_t group, uint8_t uuid[16]);

#endif
