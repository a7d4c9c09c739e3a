/* Checking and moving tc_msg messages: shared by the core, libteec, the
 * supplicant and the TA host. */
#ifndef TC_MSG_H
#define TC_MSG_H

#include <stddef.h>
#include <sys/types.h>
#include <stdint.h>
#include <teecheck/msg_abi.h>

/* Room for a reason that names the offending field. */
struct tc_why {
	char text[160];
};

/*
 * Checks a received message's framing and parameters: length, magic,
 * version, command, counts, parameter types and flags, page-list indices.
 * Returns 0, or -EBADMSG with why->text naming the bad field.
 */
int tc_msg_check(const void *buf, size_t len, struct tc_why *why);

/*
 * Checks that every page frame in msg's page list is below npfn (the size
 * of the NS RAM it refers to, in pages).
 */
int tc_msg_check_pages(const struct tc_msg *msg, uint64_t npfn,
		       struct tc_why *why);

/* Pages spanned by a memory reference of size bytes at offset offs. */
static inline uint64_t tc_mem_pages(uint64_t offs, uint64_t size)
{
	return size ? (offs + size + TC_PAGE_SIZE - 1) / TC_PAGE_SIZE : 0;
}

void tc_msg_init(struct tc_msg *msg, uint16_t cmd, uint32_t id);

/*
 * Turns a request into its reply in place: TC_REPLY set, ret and origin,
 * the parameters' values and sizes kept, no page list (what the receiver
 * needs is in the values and sizes).
 */
void tc_msg_to_reply(struct tc_msg *msg, uint32_t ret, uint32_t origin);

/*
 * Sends one message with up to one file descriptor (fd < 0: none).
 * Returns 0 or -errno.
 */
int tc_send(int sock, const struct tc_msg *msg, int fd);

/* The same with sendmsg flags: MSG_DONTWAIT sends only what the peer's
 * socket buffer takes now (-EAGAIN otherwise). */
int tc_send_flags(int sock, const struct tc_msg *msg, int fd, int flags);

/*
 * Receives one message into buf (cap bytes), with at most one passed file
 * descriptor into *fd (-1 if none; pass fd NULL to refuse descriptors: any
 * that arrives is closed). Returns the message length, 0 on end of file, or
 * -errno. A message longer than cap is -EMSGSIZE. The content is not
 * checked: call tc_msg_check.
 */
ssize_t tc_recv(int sock, void *buf, size_t cap, int *fd);

/* The same, with *nfds the number of descriptors that came with the
 * message (all but the one kept in *fd are closed already). */
ssize_t tc_recv_count(int sock, void *buf, size_t cap, int *fd,
		      unsigned int *nfds);

#endif
