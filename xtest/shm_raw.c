/* The raw guest (shm_raw.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <openssl/evp.h>

#include <shm_churn_ta.h>

#include "../common/tc_msg.h"
#include "xtestsupport.h"

static const char *core_socket(void)
{
	const char *p = getenv("TEECHECK_CORE");

	if (p && !strncmp(p, "unix:", 5))
		p += 5;
	return p;
}

int shm_raw_open(struct shm_raw *g, uint64_t pages)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *path = core_socket();
	struct tc_msg m, r;
	int rc = 0;

	memset(g, 0, sizeof(*g));
	g->sock = g->ram_fd = -1;
	g->ram = MAP_FAILED;
	if (!path || strlen(path) >= sizeof(sa.sun_path))
		return -ENOENT;
	strcpy(sa.sun_path, path);
	g->pages = pages;
	g->sock = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	g->ram_fd = memfd_create("raw-guest", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (g->sock < 0 || g->ram_fd < 0 ||
	    connect(g->sock, (struct sockaddr *)&sa, sizeof(sa)) ||
	    ftruncate(g->ram_fd, (off_t)(pages * TC_PAGE_SIZE)) ||
	    fcntl(g->ram_fd, F_ADD_SEALS, F_SEAL_SHRINK))
		goto fail;
	g->ram = mmap(NULL, pages * TC_PAGE_SIZE, PROT_READ | PROT_WRITE,
		      MAP_SHARED, g->ram_fd, 0);
	if (g->ram == MAP_FAILED)
		goto fail;
	tc_msg_init(&m, TC_CMD_HELLO, ++g->next_id);
	m.func = TC_ROLE_CLIENT;
	m.arg = pages * TC_PAGE_SIZE;
	if (tc_send(g->sock, &m, g->ram_fd) ||
	    tc_recv(g->sock, &r, sizeof(r), NULL) != sizeof(r) || r.ret) {
		errno = ECONNREFUSED;
		goto fail;
	}
	g->guest = (uint32_t)r.arg2;
	return 0;
fail:
	rc = -errno;
	shm_raw_close(g);
	return rc;
}

void shm_raw_close(struct shm_raw *g)
{
	if (g->ram != MAP_FAILED && g->ram)
		munmap(g->ram, g->pages * TC_PAGE_SIZE);
	if (g->ram_fd >= 0)
		close(g->ram_fd);
	if (g->sock >= 0)
		close(g->sock);
	memset(g, 0, sizeof(*g));
	g->sock = g->ram_fd = -1;
	g->ram = MAP_FAILED;
}

TEEC_Result shm_raw_call(struct shm_raw *g, struct tc_msg *m,
			 struct tc_msg *r)
{
	struct tc_why why;
	ssize_t n;

	m->id = ++g->next_id;
	if (tc_send(g->sock, m, -1))
		return TEEC_ERROR_COMMUNICATION;
	n = tc_recv(g->sock, r, sizeof(*r), NULL);
	if (n <= 0 || tc_msg_check(r, (size_t)n, &why) ||
	    r->cmd != (m->cmd | TC_REPLY) || r->id != m->id)
		return TEEC_ERROR_COMMUNICATION;
	return r->ret;
}

TEEC_Result shm_raw_register(struct shm_raw *g, const uint64_t *pfns,
			     uint32_t n, uint32_t offs, uint64_t size,
			     uint32_t type, uint64_t *cookie)
{
	struct tc_msg *m = calloc(1, TC_MSG_SIZE(n)), r;
	TEEC_Result res;

	if (!m)
		return TEEC_ERROR_OUT_OF_MEMORY;
	tc_msg_init(m, TC_CMD_REGISTER_SHM, 0);
	m->num_params = 1;
	m->params[0].type = type;
	m->params[0].size = size;
	m->params[0].offs = offs;
	m->params[0].npages = n;
	memcpy(m->pages, pfns, n * sizeof(*pfns));
	m->npages = n;
	m->length = (uint32_t)TC_MSG_SIZE(n);
	res = shm_raw_call(g, m, &r);
	free(m);
	if (!res)
		*cookie = r.arg;
	return res;
}

TEEC_Result shm_raw_unregister(struct shm_raw *g, uint64_t cookie)
{
	struct tc_msg m, r;

	tc_msg_init(&m, TC_CMD_UNREGISTER_SHM, 0);
	m.arg = cookie;
	return shm_raw_call(g, &m, &r);
}

TEEC_Result shm_raw_digest(struct shm_raw *g, uint64_t cookie,
			   uint64_t *digest)
{
	struct tc_msg m, r;
	TEEC_Result res;

	tc_msg_init(&m, TC_CMD_SHM_PROBE, 0);
	m.func = TC_SHM_PROBE_DIGEST;
	m.arg = cookie;
	res = shm_raw_call(g, &m, &r);
	if (!res)
		*digest = r.arg;
	return res;
}

uint64_t shm_raw_local_digest(const void *buf, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n, i;
	uint64_t d = 0;

	if (!EVP_Digest(buf, len, md, &n, EVP_sha256(), NULL))
		return 0;
	for (i = 0; i < 8; i++)
		d = d << 8 | md[i];
	return d;
}

TEEC_Result shm_raw_open_session(struct shm_raw *g, const TEEC_UUID *uuid,
				 uint32_t *session)
{
	struct tc_msg m, r;
	TEEC_Result res;

	tc_msg_init(&m, TC_CMD_OPEN_SESSION, 0);
	xtest_uuid_to_bytes(uuid, m.uuid);
	m.login = TEEC_LOGIN_PUBLIC;
	res = shm_raw_call(g, &m, &r);
	if (!res)
		*session = r.session;
	return res;
}

TEEC_Result shm_raw_close_session(struct shm_raw *g, uint32_t session)
{
	struct tc_msg m, r;

	tc_msg_init(&m, TC_CMD_CLOSE_SESSION, 0);
	m.session = session;
	return shm_raw_call(g, &m, &r);
}

void shm_raw_churn_layout(uint32_t cmd, uint32_t *t1, uint32_t *t2)
{
	switch (cmd) {
	case SHM_CHURN_CMD_FILL:
	case SHM_CHURN_CMD_POKE:
		*t1 = TEEC_VALUE_INPUT;
		*t2 = TEEC_NONE;
		break;
	case SHM_CHURN_CMD_PROBE:
	case SHM_CHURN_CMD_TOUCH:
		*t1 = TEEC_VALUE_OUTPUT;
		*t2 = TEEC_NONE;
		break;
	case SHM_CHURN_CMD_KEEP:
		*t1 = TEEC_NONE;
		*t2 = TEEC_NONE;
		break;
	default:
		*t1 = TEEC_VALUE_INPUT;
		*t2 = TEEC_VALUE_OUTPUT;
		break;
	}
}

TEEC_Result shm_raw_invoke_rmem(struct shm_raw *g, uint32_t session,
				uint32_t cmd, uint32_t type, uint64_t cookie,
				uint32_t offset, uint64_t size, uint32_t seed,
				TEEC_Value *out)
{
	struct tc_msg m, r;
	uint32_t t1, t2;
	TEEC_Result res;
	unsigned int o;

	shm_raw_churn_layout(cmd, &t1, &t2);
	memset(&r, 0, sizeof(r));
	tc_msg_init(&m, TC_CMD_INVOKE, 0);
	m.session = session;
	m.func = cmd;
	m.num_params = t2 == TEEC_NONE ? 2 : 3;
	m.params[0].type = type;
	m.params[0].a = (uint32_t)cookie;
	m.params[0].b = (uint32_t)(cookie >> 32);
	m.params[0].offs = offset;
	m.params[0].size = size;
	/* TEEC's value types are the ABI's. */
	m.params[1].type = t1;
	m.params[1].a = seed;
	m.params[2].type = t2;
	res = shm_raw_call(g, &m, &r);
	o = t1 == TEEC_VALUE_OUTPUT ? 1 : 2;
	if (out && r.num_params > o) {
		out->a = r.params[o].a;
		out->b = r.params[o].b;
	}
	return res;
}

uint8_t *shm_raw_byte(struct shm_raw *g, const uint64_t *pfns, uint32_t offs,
		      size_t i)
{
	size_t at = offs + i;

	return g->ram + pfns[at / TC_PAGE_SIZE] * TC_PAGE_SIZE +
	       at % TC_PAGE_SIZE;
}
