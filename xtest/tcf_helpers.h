/*
 * Helpers of the Trusted Core Framework (1008-1029) and Client API
 * (7001-7014) cases: the TAs they drive, invokes that report the TA's
 * answer, the core's counts, cancellation from another thread, expected
 * client identities, and a core of the case's own.
 */
#ifndef XTEST_TCF_HELPERS_H
#define XTEST_TCF_HELPERS_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <tcf_peer_ta.h>
#include <tcf_test_ta.h>
#include <teecheck/teec_ext.h>

#include "xtest_helpers.h"
#include "xtestsupport.h"

extern const TEEC_UUID tcf_test_uuid;
extern const TEEC_UUID tcf_test_mi_uuid;
extern const TEEC_UUID tcf_keepalive_uuid;
extern const TEEC_UUID tcf_single_uuid;
extern const TEEC_UUID tcf_create_fail_uuid;
extern const TEEC_UUID tcf_create_panic_uuid;
extern const TEEC_UUID tcf_peer_uuid;

#define TCF_TYPES(a, b, c, d) \
	TEEC_PARAM_TYPES(TEEC_##a, TEEC_##b, TEEC_##c, TEEC_##d)

/* Milliseconds of CLOCK_MONOTONIC. */
long long tcf_now_ms(void);

/* What TCF_CMD_INFO says about a session's instance. */
struct tcf_info {
	uint32_t sessions;	/* open on the instance */
	uint32_t instance;	/* its ID */
	uint32_t invokes;	/* served by the instance before this one */
	uint32_t session_invokes;
};

void tcf_info_at(const char *file, int line, TEEC_Session *sess,
		 struct tcf_info *info);
#define tcf_info(sess, info) tcf_info_at(__FILE__, __LINE__, (sess), (info))

/* Invokes cmd and fails unless it gives res from origin. */
void tcf_invoke_expect_at(const char *file, int line, TEEC_Session *sess,
			  uint32_t cmd, TEEC_Operation *op, TEEC_Result res,
			  uint32_t origin);
#define tcf_invoke_expect(sess, cmd, op, res, origin) \
	tcf_invoke_expect_at(__FILE__, __LINE__, (sess), (cmd), (op), (res), \
			     (origin))

/* Invokes a step-checking command ([VALUE_OUTPUT...]); fails on a step. */
void tcf_steps_ok_at(const char *file, int line, TEEC_Session *sess,
		     uint32_t cmd, const char *what);
#define tcf_steps_ok(sess, cmd, what) \
	tcf_steps_ok_at(__FILE__, __LINE__, (sess), (cmd), (what))

/*
 * Opens uuid with TEEC_LOGIN_PUBLIC and an operation, expecting res, into a
 * session fx owns (closed at the end if it opened).
 */
TEEC_Session *tcf_open_expect_at(const char *file, int line,
				 struct xtest_fixture *fx, TEEC_Context *ctx,
				 const TEEC_UUID *uuid, TEEC_Operation *op,
				 TEEC_Result res, uint32_t origin);
#define tcf_open_expect(fx, ctx, uuid, op, res, origin) \
	tcf_open_expect_at(__FILE__, __LINE__, (fx), (ctx), (uuid), (op), \
			   (res), (origin))

/* The core's counts, through a context of the run's core. */
void tcf_stats_at(const char *file, int line, TEEC_Context *ctx,
		  struct teecheck_core_stats *st);
#define tcf_stats(ctx, st) tcf_stats_at(__FILE__, __LINE__, (ctx), (st))

/* Waits (up to 10 s) until sessions, instances, guests are back to base. */
void tcf_wait_stats_at(const char *file, int line, TEEC_Context *ctx,
		       const struct teecheck_core_stats *base);
#define tcf_wait_stats(ctx, base) \
	tcf_wait_stats_at(__FILE__, __LINE__, (ctx), (base))

/*
 * Cancels an operation from another thread after delay_ms: start, then the
 * case's thread makes the call, then join.
 */
struct tcf_canceller {
	pthread_t thread;
	TEEC_Operation *op;
	unsigned int delay_ms;
	const volatile uint8_t *event;	/* cancel once it is not 0 */
	bool started;
};

void tcf_cancel_later_at(const char *file, int line, struct tcf_canceller *c,
			 TEEC_Operation *op, unsigned int delay_ms);
#define tcf_cancel_later(c, op, delay) \
	tcf_cancel_later_at(__FILE__, __LINE__, (c), (op), (delay))
/*
 * The same once *event is not 0 (a byte of shared memory the TA sets when
 * it has started to wait), not after a delay: the cancellation then
 * reaches the TA however slowly its instance started. At most 30 s.
 */
void tcf_cancel_on_at(const char *file, int line, struct tcf_canceller *c,
		      TEEC_Operation *op, const volatile uint8_t *event);
#define tcf_cancel_on(c, op, event) \
	tcf_cancel_on_at(__FILE__, __LINE__, (c), (op), (event))
void tcf_cancel_join(struct tcf_canceller *c);

/* RFC 4122 version 5 UUID of name in the Linux TEE client name space. */
void tcf_client_uuid_at(const char *file, int line, const char *name,
			uint8_t uuid[16]);
#define tcf_client_uuid(name, uuid) \
	tcf_client_uuid_at(__FILE__, __LINE__, (name), (uuid))

/* This program's path, as the core reads it for application logins. */
void tcf_self_exe_at(const char *file, int line, char *buf, size_t len);
#define tcf_self_exe(buf, len) tcf_self_exe_at(__FILE__, __LINE__, (buf), (len))

/*
 * A core and supplicant of the case's own (the build's TAs), with its
 * persistent state in state_dir (NULL: its own directory).
 */
void tcf_core_start_at(const char *file, int line, struct private_core *pc,
		       const char *state_dir);
#define tcf_core_start(pc, state_dir) \
	tcf_core_start_at(__FILE__, __LINE__, (pc), (state_dir))

/* A fresh temporary directory (removed with tcf_rmdir_all). */
void tcf_mkdtemp_at(const char *file, int line, char *path, size_t len);
#define tcf_mkdtemp(path, len) tcf_mkdtemp_at(__FILE__, __LINE__, (path), (len))
void tcf_rmdir_all(const char *path);

#endif
