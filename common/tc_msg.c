/* Framing checks and socket I/O for the tc_msg ABI. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "tc_msg.h"

static int bad(struct tc_why *why, const char *fmt, ...)
{
	va_list ap;

	if (why) {
		va_start(ap, fmt);
		vsnprintf(why->text, sizeof(why->text), fmt, ap);
		va_end(ap);
	}
	return -EBADMSG;
}

static int cmd_known(uint16_t cmd)
{
	cmd &= (uint16_t)~TC_REPLY;
	return (cmd >= TC_CMD_HELLO && cmd <= TC_CMD_CLIENT_LAST) ||
	       cmd == TC_CMD_RPC ||
	       (cmd >= TC_CMD_HOST_INIT && cmd <= TC_CMD_LAST);
}

/*
 * Registered memory: a cookie (a, b), an offset and a size. Only a message
 * that maps the object (HOST_SHM_MAP) carries its page list.
 */
static int rmem_check(const struct tc_msg *m, unsigned int i, int reply,
		      struct tc_why *why)
{
	const struct tc_param *p = &m->params[i];
	uint64_t max = (uint64_t)TC_MAX_PAGES * TC_PAGE_SIZE;

	if (p->flags)
		return bad(why, "params[%u].flags: 0x%x on registered memory",
			   i, p->flags);
	if (p->size > max)
		return bad(why, "params[%u].size: %llu exceeds %llu", i,
			   (unsigned long long)p->size,
			   (unsigned long long)max);
	if (reply) {
		if (p->offs || p->npages || p->first)
			return bad(why, "params[%u]: page fields set in a "
				   "reply", i);
		return 0;
	}
	if (p->offs > max)
		return bad(why, "params[%u].offs: %u beyond any object", i,
			   p->offs);
	if (!p->npages) {
		if (p->first)
			return bad(why, "params[%u].first: set with no pages",
				   i);
		return 0;
	}
	if (p->first >= m->npages || p->npages > m->npages - p->first)
		return bad(why, "params[%u].first: pages %u..%u outside the "
			   "list of %u", i, p->first,
			   p->first + p->npages - 1, m->npages);
	if (p->offs + p->size > (uint64_t)p->npages * TC_PAGE_SIZE)
		return bad(why, "params[%u]: offs %u + size %llu beyond its "
			   "%u pages", i, p->offs, (unsigned long long)p->size,
			   p->npages);
	return 0;
}

static int param_check(const struct tc_msg *m, unsigned int i, int reply,
		       struct tc_why *why)
{
	const struct tc_param *p = &m->params[i];

	if (i >= m->num_params) {
		if (p->type || p->flags || p->a || p->b || p->size ||
		    p->offs || p->npages || p->first)
			return bad(why, "params[%u]: set beyond num_params %u",
				   i, m->num_params);
		return 0;
	}
	if (p->reserved)
		return bad(why, "params[%u].reserved: not zero", i);
	if (p->flags & ~TC_PFLAG_NULL)
		return bad(why, "params[%u].flags: unknown bits 0x%x", i,
			   p->flags);
	if (p->type == TC_PARAM_NONE || tc_param_is_value(p->type)) {
		if (p->flags || p->size || p->offs || p->npages || p->first)
			return bad(why, "params[%u]: memory fields set on a "
				   "non-memory parameter (type %u)", i,
				   p->type);
		return 0;
	}
	if (tc_param_is_rmem(p->type))
		return rmem_check(m, i, reply, why);
	if (!tc_param_is_mem(p->type))
		return bad(why, "params[%u].type: unknown type %u", i,
			   p->type);
	if (p->size > (uint64_t)TC_MAX_PAGES * TC_PAGE_SIZE)
		return bad(why, "params[%u].size: %llu exceeds %llu", i,
			   (unsigned long long)p->size,
			   (unsigned long long)TC_MAX_PAGES * TC_PAGE_SIZE);
	if (reply) {
		/* Replies carry sizes only. */
		if (p->offs || p->npages || p->first)
			return bad(why, "params[%u]: page fields set in a "
				   "reply", i);
		return 0;
	}
	if (p->offs >= TC_PAGE_SIZE)
		return bad(why, "params[%u].offs: %u not below the page size",
			   i, p->offs);
	if (p->flags & TC_PFLAG_NULL) {
		if (p->npages || p->offs || p->first)
			return bad(why, "params[%u]: NULL buffer with pages", i);
		return 0;
	}
	if (p->npages != tc_mem_pages(p->offs, p->size))
		return bad(why, "params[%u].npages: %u, but offs %u + size "
			   "%llu span %llu", i, p->npages, p->offs,
			   (unsigned long long)p->size,
			   (unsigned long long)tc_mem_pages(p->offs, p->size));
	/* An empty reference may point just past the list, no further. */
	if (!p->npages && p->first > m->npages)
		return bad(why, "params[%u].first: %u beyond the list of %u",
			   i, p->first, m->npages);
	if (p->npages && (p->first >= m->npages ||
			  p->npages > m->npages - p->first))
		return bad(why, "params[%u].first: pages %u..%u outside the "
			   "list of %u", i, p->first,
			   p->first + p->npages - 1, m->npages);
	return 0;
}

int tc_msg_check(const void *buf, size_t len, struct tc_why *why)
{
	const struct tc_msg *m = buf;
	unsigned int i;
	int rc;

	if (len < sizeof(*m))
		return bad(why, "message short: %zu bytes, the fixed part is "
			   "%zu", len, sizeof(*m));
	if (m->magic != TC_MSG_MAGIC)
		return bad(why, "magic: 0x%08x, expected 0x%08x", m->magic,
			   TC_MSG_MAGIC);
	if (m->version != TC_MSG_VERSION)
		return bad(why, "version: %u, this core speaks %u",
			   m->version, TC_MSG_VERSION);
	if (m->length != len)
		return bad(why, "length: field says %u, received %zu",
			   m->length, len);
	if (!cmd_known(m->cmd))
		return bad(why, "cmd: unknown command 0x%x", m->cmd);
	if (m->num_params > TC_MAX_PARAMS)
		return bad(why, "num_params: %u, at most %u", m->num_params,
			   TC_MAX_PARAMS);
	if (m->npages > TC_MAX_PAGES)
		return bad(why, "npages: %u, at most %u", m->npages,
			   TC_MAX_PAGES);
	if (len != TC_MSG_SIZE(m->npages))
		return bad(why, "length: %zu bytes, but npages %u needs %zu",
			   len, m->npages, TC_MSG_SIZE(m->npages));
	for (i = 0; i < TC_MAX_PARAMS; i++) {
		rc = param_check(m, i, !!(m->cmd & TC_REPLY), why);
		if (rc)
			return rc;
	}
	return 0;
}

int tc_msg_check_pages(const struct tc_msg *msg, uint64_t npfn,
		       struct tc_why *why)
{
	uint32_t i;

	for (i = 0; i < msg->npages; i++)
		if (msg->pages[i] >= npfn)
			return bad(why, "pages[%u]: frame %llu outside the "
				   "%llu pages of non-secure RAM", i,
				   (unsigned long long)msg->pages[i],
				   (unsigned long long)npfn);
	return 0;
}

void tc_msg_init(struct tc_msg *msg, uint16_t cmd, uint32_t id)
{
	memset(msg, 0, sizeof(*msg));
	msg->magic = TC_MSG_MAGIC;
	msg->version = TC_MSG_VERSION;
	msg->cmd = cmd;
	msg->id = id;
	msg->length = sizeof(*msg);
}

void tc_msg_to_reply(struct tc_msg *msg, uint32_t ret, uint32_t origin)
{
	unsigned int i;

	msg->cmd |= TC_REPLY;
	msg->ret = ret;
	msg->origin = origin;
	msg->npages = 0;
	msg->length = sizeof(*msg);
	for (i = 0; i < TC_MAX_PARAMS; i++) {
		msg->params[i].offs = 0;
		msg->params[i].npages = 0;
		msg->params[i].first = 0;
	}
}

int tc_send(int sock, const struct tc_msg *msg, int fd)
{
	return tc_send_flags(sock, msg, fd, 0);
}

int tc_send_flags(int sock, const struct tc_msg *msg, int fd, int flags)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { .iov_base = (void *)msg, .iov_len = msg->length };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;
	ssize_t n;

	if (fd >= 0) {
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = sizeof(ctl.buf);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	do
		n = sendmsg(sock, &mh, MSG_NOSIGNAL | flags);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if ((size_t)n != msg->length)
		return -EMSGSIZE;
	return 0;
}

ssize_t tc_recv(int sock, void *buf, size_t cap, int *fd)
{
	unsigned int nfds;

	return tc_recv_count(sock, buf, cap, fd, &nfds);
}

ssize_t tc_recv_count(int sock, void *buf, size_t cap, int *fd,
		      unsigned int *nfds)
{
	union {
		char buf[CMSG_SPACE(4 * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { .iov_base = buf, .iov_len = cap };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct cmsghdr *c;
	int got = -1;
	ssize_t n;

	if (fd)
		*fd = -1;
	*nfds = 0;
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		size_t nfd, k;
		int f;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		nfd = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		*nfds += (unsigned int)nfd;
		for (k = 0; k < nfd; k++) {
			memcpy(&f, CMSG_DATA(c) + k * sizeof(int), sizeof(int));
			if (fd && got < 0)
				got = f;
			else
				close(f);
		}
	}
	if (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) {
		if (got >= 0)
			close(got);
		return -EMSGSIZE;
	}
	if (fd)
		*fd = got;
	return n;
}
