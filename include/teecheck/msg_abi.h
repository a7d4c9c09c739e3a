/*
 * The message ABI between the normal world (libteec, tee-supplicant) and the
 * bundled secure core, and between the core and its TA host processes.
 *
 * Transport: one message is one packet on a SOCK_SEQPACKET Unix socket, so a
 * message's length is known exactly and checked against its length field.
 * File descriptors (non-secure RAM, TA images) travel as SCM_RIGHTS.
 * Every message has the same fixed part followed by a page list; a reply is
 * the request's command with TC_REPLY set and the request's id echoed.
 */
#ifndef TEECHECK_MSG_ABI_H
#define TEECHECK_MSG_ABI_H

#include <stdint.h>

#define TC_MSG_MAGIC		0x534d4354u	/* "TCMS" */
#define TC_MSG_VERSION		1
#define TC_PAGE_SIZE		4096u
#define TC_MAX_PARAMS		4
/* At most this many pages in one message: 32 MiB of memory references. */
#define TC_MAX_PAGES		8192u

/* Commands. The client side: */
#define TC_CMD_HELLO		1	/* role; NS RAM memfd (client); the reply
				   gives a client its guest ID in arg2, the
				   supplicant the core's pid in arg */
#define TC_CMD_OPEN_SESSION	2
#define TC_CMD_INVOKE		3
#define TC_CMD_CLOSE_SESSION	4
#define TC_CMD_CANCEL		5
#define TC_CMD_REGISTER_SHM	6
#define TC_CMD_UNREGISTER_SHM	7
#define TC_CMD_STATS		8	/* func: TC_STATS_* (pager_stats.h) */
#define TC_CMD_PAGER_TEST	9	/* test command, test builds of the
					   core only: func = TC_PAGER_TEST_*,
					   session, arg = a TA address (see
					   core/pager/pager_test_cmd.c) */
#define TC_CMD_GUEST_DESTROY	10	/* the guest ends itself (see below) */
#define TC_CMD_SHM_PROBE	11	/* test command, every build: func =
					   TC_SHM_PROBE_* (see below) */
#define TC_CMD_CLIENT_LAST	11
/* Core -> supplicant remote procedure calls (func = TC_RPC_*): */
#define TC_CMD_RPC		0x20
/* Core <-> TA host: */
#define TC_CMD_HOST_INIT	0x40	/* core->host: image memfd */
#define TC_CMD_HOST_GUEST	0x41	/* core->host: a guest's NS RAM memfd */
#define TC_CMD_HOST_CALL	0x42	/* core->host: one entry-point call */
#define TC_CMD_HOST_PANIC	0x43	/* host->core: the TA panicked */
#define TC_CMD_HOST_SHM		0x44	/* core->host: a memfd shared with the
					   core (func: TC_HOST_SHM_*) */
#define TC_CMD_HOST_GUEST_DROP	0x45	/* core->host: forget guest arg2 */
#define TC_CMD_HOST_REQ		0x46	/* host->core, only while a HOST_CALL
					   runs: func = TC_HREQ_*; the core
					   answers before the call goes on */
#define TC_CMD_HOST_PAGER	0x47	/* core->host: func = TC_HOST_PAGER_* */
#define TC_CMD_HOST_SHM_MAP	0x48	/* core->host: map a registered object */
#define TC_CMD_HOST_SHM_DROP	0x49	/* core->host: unmap one (cookie arg) */
#define TC_CMD_HOST_FORK	0x4a	/* core->host zygote: fd = a new host's
					   socket; the reply's arg = its pid */
#define TC_CMD_LAST		0x4a
#define TC_REPLY		0x8000

/*
 * HOST_PAGER functions (in func).
 *   SETUP, before HOST_INIT: fd = the page the host publishes its pager
 *          statistics in (struct tc_pager_stats_page), arg = the pool pages
 *          the core grants it
 *   TAMPER, a test build's host only: tamper = TC_PAGER_TEST_*, arg = the
 *          TA address whose saved copy or hashed backing to corrupt
 */
#define TC_HOST_PAGER_SETUP	1
#define TC_HOST_PAGER_TAMPER	2

/* What TC_CMD_PAGER_TEST and TC_HOST_PAGER_TAMPER corrupt. */
#define TC_PAGER_TEST_TA_SAVED		1	/* a TA page's sealed copy */
#define TC_PAGER_TEST_TA_HASHED		2	/* a TA page's hashed backing */
#define TC_PAGER_TEST_CORE_HASHED	3	/* a page of the core's text */

/* HELLO roles (in func). */
#define TC_ROLE_CLIENT		1
#define TC_ROLE_SUPPLICANT	2

/* RPC functions (in func of TC_CMD_RPC). */
#define TC_RPC_LOAD_TA		1	/* uuid -> image fd, arg = size */
#define TC_RPC_SHM_ALLOC	2	/* arg = pages -> pages[] (frames of the
					   supplicant's RAM), fd = that RAM,
					   arg2 = its size in bytes */
#define TC_RPC_SHM_FREE		3	/* pages[]: given back */
/*
 * Trusted storage's file system (docs/STORAGE.md). A file is named by a
 * directory (uuid: 16 opaque bytes, one per TA) and a number (arg); the
 * supplicant serves them below its storage directory and never learns
 * more. Every field of the reply is checked by the core.
 *   FS_GET:    -> fd open for reading, arg = its size
 *   FS_PUT:    fd = the contents (a memfd), arg2 = their length: written
 *              to a new file, synced, then renamed over the old one
 *   FS_REMOVE: the file goes (no error if it was not there)
 *   FS_LIST:   -> fd = a memfd of uint64_t file numbers, arg = how many
 */
#define TC_RPC_FS_GET		4
#define TC_RPC_FS_PUT		5
#define TC_RPC_FS_REMOVE	6
#define TC_RPC_FS_LIST		7

/*
 * CANCEL (client -> core) names the request to cancel by its message id in
 * func; session is unused. It has no reply: the cancelled request's own
 * reply says what became of it.
 */

/* HOST_SHM kinds (in func). */
#define TC_HOST_SHM_CTL		1	/* one page: struct tc_host_ctl */
#define TC_HOST_SHM_XRAM	2	/* the RAM the host puts memrefs of its
					   TA's TA-to-TA calls in; arg = size,
					   arg2 = its guest ID */

/*
 * The control page the core shares with a TA host. Only the core writes it;
 * cancel is also a futex word the host may sleep on.
 */
struct tc_host_ctl {
	uint32_t cancel;	/* 1: the running call is cancelled */
	uint32_t reserved[1023];
};

/*
 * HOST_REQ functions (in func), the TA's requests that need the core. Memory
 * references are page lists into the host's XRAM.
 *   TA_OPEN:   uuid = destination, arg = cancellation timeout (ms),
 *              params; reply: session, params, ret, origin
 *   TA_INVOKE: session, cmd_id = command ID, arg = timeout, params
 *   TA_CLOSE:  session
 *   PTIME_GET: reply arg = the TA's persistent time in ms, ret
 *              (TIME_NOT_SET, TIME_NEEDS_RESET)
 *   PTIME_SET: arg = the new persistent time in ms
 *   STORAGE:   the request and its answer are in the XRAM
 */
#define TC_HREQ_TA_OPEN		1
#define TC_HREQ_TA_INVOKE	2
#define TC_HREQ_TA_CLOSE	3
#define TC_HREQ_PTIME_GET	4
#define TC_HREQ_PTIME_SET	5
/* STORAGE: a struct tc_stor_req at offset 0 of the XRAM (storage_abi.h). */
#define TC_HREQ_STORAGE		6

/*
 * Parameter types. Values and memory references; memory is always a page
 * list into the sender's non-secure RAM (TC_CMD_HOST_CALL: into the RAM of
 * the guest named in the message).
 */
#define TC_PARAM_NONE		0
#define TC_PARAM_VALUE_IN	1
#define TC_PARAM_VALUE_OUT	2
#define TC_PARAM_VALUE_INOUT	3
#define TC_PARAM_MEM_IN		5
#define TC_PARAM_MEM_OUT	6
#define TC_PARAM_MEM_INOUT	7

/* Parameter flags. */
#define TC_PFLAG_NULL		(1u << 0)	/* memref with a NULL buffer */

struct tc_param {
	uint32_t type;		/* TC_PARAM_* */
	uint32_t flags;		/* TC_PFLAG_* */
	uint32_t a;		/* value a */
	uint32_t b;		/* value b */
	uint64_t size;		/* memory: size in bytes (updated in replies) */
	uint32_t offs;		/* memory: offset into the first page */
	uint32_t npages;	/* memory: pages in the list */
	uint32_t first;		/* memory: index of its first page in pages[] */
	uint32_t reserved;
};

struct tc_msg {
	uint32_t magic;		/* TC_MSG_MAGIC */
	uint16_t version;	/* TC_MSG_VERSION */
	uint16_t cmd;		/* TC_CMD_*, | TC_REPLY in replies */
	uint32_t length;	/* bytes in this message, page list included */
	uint32_t id;		/* chosen by the requester, echoed in the reply */
	uint32_t session;	/* session ID (core-chosen) */
	uint32_t func;		/* INVOKE: command ID; HELLO: role; RPC: TC_RPC_*;
				   HOST_CALL: enum utee_entry_func; CANCEL: id
				   of the call to cancel */
	/* One word, named by what it carries for each command: */
	union {
		uint32_t login;		/* OPEN_SESSION: TEEC_LOGIN_* */
		uint32_t cmd_id;	/* HOST_CALL, HOST_REQ TA_INVOKE: the
					   TA's command ID */
		uint32_t tamper;	/* HOST_PAGER TAMPER:
					   TC_PAGER_TEST_* */
	};
	union {
		uint32_t conn_data;	/* OPEN_SESSION: group for GROUP
					   logins */
		uint32_t client_login;	/* HOST_CALL: the client's login
					   method (TEE_LOGIN_*) */
	};
	uint32_t ret;		/* replies: TEEC_Result to the normal world,
				   TEE_Result between the core and a host
				   (the values GP gives both are equal) */
	uint32_t origin;	/* replies: TEEC_ORIGIN_* to the normal world,
				   TEE_ORIGIN_* between the core and a host */
	uint32_t num_params;	/* 0..TC_MAX_PARAMS */
	uint32_t npages;	/* entries in pages[] */
	uint8_t uuid[16];	/* OPEN_SESSION, RPC LOAD_TA: RFC 4122 order;
				   HOST_CALL: the client's identity UUID */
	uint64_t arg;		/* HELLO: NS RAM bytes; RPC: image size;
				   HOST_CALL: the TA's session context */
	uint64_t arg2;		/* HOST_CALL: guest ID of the memory */
	struct tc_param params[TC_MAX_PARAMS];
	uint64_t pages[];	/* page frame numbers in the NS RAM */
};

_Static_assert(sizeof(struct tc_msg) == 80 + TC_MAX_PARAMS *
	       sizeof(struct tc_param), "struct tc_msg changed its layout");

#define TC_MSG_SIZE(npages)	(sizeof(struct tc_msg) + (size_t)(npages) * 8u)
#define TC_MSG_MAX_SIZE		TC_MSG_SIZE(TC_MAX_PAGES)

static inline int tc_param_is_mem(uint32_t type)
{
	return type == TC_PARAM_MEM_IN || type == TC_PARAM_MEM_OUT ||
	       type == TC_PARAM_MEM_INOUT;
}

static inline int tc_param_is_value(uint32_t type)
{
	return type == TC_PARAM_VALUE_IN || type == TC_PARAM_VALUE_OUT ||
	       type == TC_PARAM_VALUE_INOUT;
}

/*
 * Dynamic shared memory (docs/SHM.md).
 *
 * REGISTER_SHM (client -> core): params[0] is a memory parameter for the
 *   buffer, its type the directions the buffer may be used in (MEM_IN,
 *   MEM_OUT, MEM_INOUT), with offs, size (not 0) and its page list. The
 *   reply's arg is the object's cookie, which only this guest can use.
 * UNREGISTER_SHM: arg = the cookie. The reply comes once no call uses the
 *   object any more, and no new call can start using it meanwhile;
 *   TEEC_ERROR_BUSY if a call still used it after the core's wait, and the
 *   object stays registered.
 * GUEST_DESTROY: every session, object and window range the guest owns is
 *   released before the reply; then the core ends the connection.
 * SHM_PROBE, func TC_SHM_PROBE_DIGEST: arg = a cookie; the reply's arg is
 *   the first 8 bytes (big-endian) of the SHA-256 of the object's bytes as
 *   the core reads them through its SHM window.
 * SHM_PROBE, func TC_SHM_PROBE_RPC: arg = pages (1..1024) the core asks
 *   the supplicant for (RPC SHM_ALLOC), maps, writes and checks page by
 *   page, and gives back (RPC SHM_FREE); the reply's arg = pages checked.
 * STATS, func TC_STATS_SHM: arg = TC_SHM_STATS_TOTAL, TC_SHM_STATS_SELF
 *   or a guest ID. Reply, every parameter VALUE_OUT: [0] a = objects,
 *   b = pages mapped in the window; [1] a = window pages in use (guard
 *   pages included), b = window pages free; [2] a = (object, TA host)
 *   mappings, b = largest free window range in pages; [3] a = the next
 *   guest ID above the one reported that has objects (0: none), b = guest
 *   RAMs in the core's physical frame map; arg2 = the guest reported.
 *
 * Registered memory parameters (RMEM_*): a and b the cookie's low and high
 *   32 bits, offs the offset into the registered buffer, size; no pages.
 *   From the core to a TA host, offs counts from the object's first page,
 *   and the host has the object mapped already (HOST_SHM_MAP).
 * HOST_SHM_MAP (core -> host): fd = the guest's RAM, arg = its size,
 *   arg2 = its guest ID; params[0] = RMEM of the object's access with its
 *   cookie, size = pages * TC_PAGE_SIZE, npages/first = its page list. The
 *   host keeps the mapping, inaccessible between calls, until
 *   HOST_SHM_DROP (arg = cookie, arg2 = guest ID).
 */
#define TC_PARAM_RMEM_IN	0x15	/* low nibble: the TA's memref type */
#define TC_PARAM_RMEM_OUT	0x16
#define TC_PARAM_RMEM_INOUT	0x17

#define TC_STATS_SHM		2	/* func of TC_CMD_STATS */
#define TC_SHM_STATS_TOTAL	0ull
#define TC_SHM_STATS_SELF	0xffffffffffffffffull

#define TC_SHM_PROBE_DIGEST	1
#define TC_SHM_PROBE_RPC	2

static inline int tc_param_is_rmem(uint32_t type)
{
	return type == TC_PARAM_RMEM_IN || type == TC_PARAM_RMEM_OUT ||
	       type == TC_PARAM_RMEM_INOUT;
}

static inline uint64_t tc_param_cookie(const struct tc_param *p)
{
	return (uint64_t)p->b << 32 | p->a;
}

#endif
