/*
 * A raw guest: a connection to the core that speaks the message ABI itself,
 * with its own non-secure RAM, so tests and the SHM-churn driver can send
 * what libteec never would (scattered page lists, other guests' cookies,
 * bad bounds). No test framework inside: calls return results.
 */
#ifndef XTEST_SHM_RAW_H
#define XTEST_SHM_RAW_H

#include <stddef.h>
#include <stdint.h>

#include <tee_client_api.h>
#include <teecheck/msg_abi.h>

struct shm_raw {
	int sock;
	int ram_fd;
	uint8_t *ram;
	uint64_t pages;
	uint32_t guest;
	uint32_t next_id;
};

/*
 * Connects to the core TEECHECK_CORE names, with a RAM of pages pages.
 * Returns 0 or -errno (-ECONNREFUSED if the core refused HELLO).
 */
int shm_raw_open(struct shm_raw *g, uint64_t pages);
void shm_raw_close(struct shm_raw *g);

/*
 * Sends m (id set here) and waits for its reply into r. Returns r->ret, or
 * TEEC_ERROR_COMMUNICATION if the exchange itself failed.
 */
TEEC_Result shm_raw_call(struct shm_raw *g, struct tc_msg *m,
			 struct tc_msg *r);

/* REGISTER_SHM of frames pfns[0..n) from offs, size bytes, type MEM_*. */
TEEC_Result shm_raw_register(struct shm_raw *g, const uint64_t *pfns,
			     uint32_t n, uint32_t offs, uint64_t size,
			     uint32_t type, uint64_t *cookie);
TEEC_Result shm_raw_unregister(struct shm_raw *g, uint64_t cookie);
/* SHM_PROBE DIGEST of cookie. */
TEEC_Result shm_raw_digest(struct shm_raw *g, uint64_t cookie,
			   uint64_t *digest);
/* The same digest of buf: the first 8 bytes (big-endian) of its SHA-256. */
uint64_t shm_raw_local_digest(const void *buf, size_t len);

/* OPEN_SESSION on uuid with no parameters. */
TEEC_Result shm_raw_open_session(struct shm_raw *g, const TEEC_UUID *uuid,
				 uint32_t *session);
TEEC_Result shm_raw_close_session(struct shm_raw *g, uint32_t session);

/*
 * INVOKE of a shm_churn command on session with registered memory as its
 * memref (type TC_PARAM_RMEM_*, cookie, offset, size), its value input
 * (seed) and, for the commands that have one, its value output (into out,
 * which may be NULL).
 */
TEEC_Result shm_raw_invoke_rmem(struct shm_raw *g, uint32_t session,
				uint32_t cmd, uint32_t type, uint64_t cookie,
				uint32_t offset, uint64_t size, uint32_t seed,
				TEEC_Value *out);

/* Byte i of a buffer made of frames pfns[] from offs, in the raw RAM. */
uint8_t *shm_raw_byte(struct shm_raw *g, const uint64_t *pfns, uint32_t offs,
		      size_t i);

/* The shm_churn command's parameter types after its memref. */
void shm_raw_churn_layout(uint32_t cmd, uint32_t *t1, uint32_t *t2);

#endif
