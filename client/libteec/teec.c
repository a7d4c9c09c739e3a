/*
 * libteec: the GP TEE Client API v1.0 over the sim backend; a context on a
 * TEE device goes to the dev backend (dev.c) instead. Shared memory
 * lives in the context's non-secure RAM, so the core and the TA see the
 * application's allocated buffers without a copy; temporary memrefs and
 * registered buffers outside that RAM go through a bounce (shadow) buffer.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "../../common/tc_msg.h"
#include "../../common/uuid.h"
#include "dev_priv.h"
#include "regshm.h"
#include "teec_priv.h"

/* Where a memref's bytes are in the NS RAM, and how they got there. */
struct teec_region {
	int64_t ns_off;		/* -1: none (NULL or empty) */
	uint64_t size;
	int64_t bounce_off;	/* >= 0: bounce pages to free */
	uint64_t bounce_pages;
	void *copy_back;	/* application memory to update, or NULL */
	uint64_t copy_max;	/* at most this many bytes back */
	uint64_t cookie;	/* registered memory: the core's object */
	uint64_t rmem_off;	/* and the offset into it */
};

static struct teec_ctx *ctx_of(TEEC_Context *context)
{
	return context ? context->imp.priv : NULL;
}

static void set_origin(uint32_t *origin, uint32_t value)
{
	if (origin)
		*origin = value;
}

static uint64_t pages_of(uint64_t size)
{
	return (size + TC_PAGE_SIZE - 1) / TC_PAGE_SIZE;
}

TEEC_Result TEEC_InitializeContext(const char *name, TEEC_Context *context)
{
	struct teec_ctx *c;
	struct tc_msg m, r;
	uint64_t bytes = TEEC_NSRAM_DEFAULT;
	const char *env = getenv("TEECHECK_NSRAM_MB");
	const char *dev;
	TEEC_Result res;
	int rc;

	if (!context)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (dev_is_device(name, &dev))
		return dev_context_open(dev, context);
	if (env && atoi(env) > 0)
		bytes = (uint64_t)atoi(env) << 20;
	c = calloc(1, sizeof(*c));
	if (!c)
		return TEEC_ERROR_OUT_OF_MEMORY;
	c->sock = -1;
	res = transport_connect(c, name);
	if (res) {
		free(c);
		return res;
	}
	if (nsram_init(c, bytes)) {
		close(c->sock);
		free(c);
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	tc_msg_init(&m, TC_CMD_HELLO, 0);
	m.func = TC_ROLE_CLIENT;
	m.arg = c->nsram_pages * TC_PAGE_SIZE;
	/* HELLO carries the RAM descriptor, so it is sent by hand. */
	m.id = ++c->next_id;
	rc = tc_send(c->sock, &m, c->nsram_fd);
	if (!rc && tc_recv(c->sock, &r, sizeof(r), NULL) == sizeof(r) &&
	    !tc_msg_check(&r, sizeof(r), NULL) &&
	    r.cmd == (TC_CMD_HELLO | TC_REPLY) && r.id == m.id) {
		res = r.ret;
		c->guest_id = r.arg2;
	} else {
		res = TEEC_ERROR_COMMUNICATION;
	}
	if (res) {
		nsram_fini(c);
		close(c->sock);
		free(c);
		return res;
	}
	context->imp.priv = c;
	return TEEC_SUCCESS;
}

void TEEC_FinalizeContext(TEEC_Context *context)
{
	struct teec_ctx *c = ctx_of(context);

	if (!c)
		return;
	if (c->dev) {
		dev_context_close(context);
		return;
	}
	/* Closing the connection ends the guest: the core closes the rest. */
	close(c->sock);
	regshm_release_abandon(c);
	nsram_fini(c);
	pthread_mutex_destroy(&c->send_lock);
	pthread_mutex_destroy(&c->rx_lock);
	pthread_cond_destroy(&c->rx_cond);
	free(c);
	context->imp.priv = NULL;
}

static bool shm_flags_valid(uint32_t flags)
{
	return flags && !(flags & ~(TEEC_MEM_INPUT | TEEC_MEM_OUTPUT));
}

TEEC_Result TEEC_RegisterSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *shm)
{
	struct teec_ctx *c = ctx_of(context);
	int64_t off;

	if (c && c->dev)
		return dev_shm_register(c, shm);
	if (!c || !shm || !shm_flags_valid(shm->flags) ||
	    (!shm->buffer && shm->size))
		return TEEC_ERROR_BAD_PARAMETERS;
	if (shm->size > TEEC_CONFIG_SHAREDMEM_MAX_SIZE)
		return TEEC_ERROR_OUT_OF_MEMORY;
	memset(&shm->imp, 0, sizeof(shm->imp));
	shm->imp.ctx = c;
	shm->imp.registered = 1;
	off = shm->size ? nsram_offset_of(c, shm->buffer, shm->size) :
			  -ERANGE;
	if (off >= 0 || !shm->size) {
		shm->imp.ns_offset = off >= 0 ? (uint64_t)off : 0;
		return regshm_attach(c, shm);
	}
	/* Outside the NS RAM: a shadow the core can see, synced per call. */
	off = nsram_alloc(c, pages_of(shm->size));
	if (off < 0)
		return TEEC_ERROR_OUT_OF_MEMORY;
	shm->imp.shadow = c->nsram + off;
	shm->imp.ns_offset = (uint64_t)off;
	shm->imp.alloc_size = pages_of(shm->size) * TC_PAGE_SIZE;
	return regshm_attach(c, shm);
}

TEEC_Result TEEC_AllocateSharedMemory(TEEC_Context *context,
				      TEEC_SharedMemory *shm)
{
	struct teec_ctx *c = ctx_of(context);
	uint64_t npages;
	int64_t off;

	if (c && c->dev)
		return dev_shm_allocate(c, shm);
	if (!c || !shm || !shm_flags_valid(shm->flags))
		return TEEC_ERROR_BAD_PARAMETERS;
	if (shm->size > TEEC_CONFIG_SHAREDMEM_MAX_SIZE)
		return TEEC_ERROR_OUT_OF_MEMORY;
	/* A zero-sized block still gets a valid, distinct buffer. */
	npages = shm->size ? pages_of(shm->size) : 1;
	off = nsram_alloc(c, npages);
	if (off < 0)
		return TEEC_ERROR_OUT_OF_MEMORY;
	memset(&shm->imp, 0, sizeof(shm->imp));
	shm->imp.ctx = c;
	shm->imp.allocated = 1;
	shm->imp.ns_offset = (uint64_t)off;
	shm->imp.alloc_size = npages * TC_PAGE_SIZE;
	shm->buffer = c->nsram + off;
	return regshm_attach(c, shm);
}

void TEEC_ReleaseSharedMemory(TEEC_SharedMemory *shm)
{
	struct teec_ctx *c;

	if (!shm || !shm->imp.ctx)
		return;
	c = shm->imp.ctx;
	if (c->dev) {
		dev_shm_release(shm);
		return;
	}
	regshm_release(c, shm);
	if (shm->imp.allocated) {
		shm->buffer = NULL;
		shm->size = 0;
	}
	memset(&shm->imp, 0, sizeof(shm->imp));
}

/* A temporary memref: the application's buffer, bounced unless in NS RAM. */
static TEEC_Result region_temp(struct teec_ctx *c, uint32_t t,
			       TEEC_TempMemoryReference *ref,
			       struct teec_region *rg)
{
	int64_t off;

	rg->size = ref->size;
	if (!ref->buffer || !ref->size)
		return TEEC_SUCCESS;
	off = nsram_offset_of(c, ref->buffer, ref->size);
	if (off >= 0) {
		rg->ns_off = off;
		return TEEC_SUCCESS;
	}
	off = nsram_bounce_get(c, pages_of(ref->size), &rg->bounce_pages);
	if (off < 0)
		return TEEC_ERROR_OUT_OF_MEMORY;
	rg->ns_off = rg->bounce_off = off;
	/*
	 * Bounce pages are reused: what an earlier call left in them is
	 * not this call's to show, so an output buffer and the rest of its
	 * last page start zeroed.
	 */
	if (t != TEEC_MEMREF_TEMP_OUTPUT)
		memcpy(c->nsram + off, ref->buffer, ref->size);
	else
		memset(c->nsram + off, 0, ref->size);
	memset(c->nsram + off + ref->size, 0,
	       pages_of(ref->size) * TC_PAGE_SIZE - ref->size);
	if (t != TEEC_MEMREF_TEMP_INPUT) {
		rg->copy_back = ref->buffer;
		rg->copy_max = ref->size;
	}
	return TEEC_SUCCESS;
}

/* A registered memref: whole or partial, direction checked against flags. */
static TEEC_Result region_shm(struct teec_ctx *c, uint32_t t,
			      TEEC_RegisteredMemoryReference *ref,
			      uint32_t *tc_type, struct teec_region *rg)
{
	TEEC_SharedMemory *shm = ref->parent;
	uint64_t offset = 0, size;
	uint32_t need = 0;

	if (!shm || shm->imp.ctx != c)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (t == TEEC_MEMREF_WHOLE) {
		size = shm->size;
		need = shm->flags;
	} else {
		offset = ref->offset;
		size = ref->size;
		need = t == TEEC_MEMREF_PARTIAL_INPUT ? TEEC_MEM_INPUT :
		       t == TEEC_MEMREF_PARTIAL_OUTPUT ? TEEC_MEM_OUTPUT :
		       TEEC_MEM_INPUT | TEEC_MEM_OUTPUT;
		if ((shm->flags & need) != need || offset > shm->size ||
		    size > shm->size - offset)
			return TEEC_ERROR_BAD_PARAMETERS;
	}
	*tc_type = need == TEEC_MEM_INPUT ? TC_PARAM_MEM_IN :
		   need == TEEC_MEM_OUTPUT ? TC_PARAM_MEM_OUT :
		   TC_PARAM_MEM_INOUT;
	rg->size = size;
	if (!size)
		return TEEC_SUCCESS;
	rg->ns_off = (int64_t)(shm->imp.ns_offset + offset);
	rg->cookie = shm->imp.cookie;
	rg->rmem_off = offset;
	if (shm->imp.shadow) {
		if (need & TEEC_MEM_INPUT)
			memcpy((uint8_t *)shm->imp.shadow + offset,
			       (uint8_t *)shm->buffer + offset, size);
		if (need & TEEC_MEM_OUTPUT) {
			rg->copy_back = (uint8_t *)shm->buffer + offset;
			rg->copy_max = size;
		}
	}
	return TEEC_SUCCESS;
}

static void regions_free(struct teec_ctx *c, struct teec_region *rg)
{
	unsigned int i;

	for (i = 0; i < TC_MAX_PARAMS; i++)
		if (rg[i].bounce_off >= 0)
			nsram_bounce_put(c, (uint64_t)rg[i].bounce_off,
					 rg[i].bounce_pages);
}

/*
 * Builds the request for op: values as they are, memory as page lists into
 * the NS RAM. On success *out is a malloc'd message the caller frees.
 */
static TEEC_Result op_encode(struct teec_ctx *c, uint16_t cmd,
			     TEEC_Operation *op, struct teec_region *rg,
			     struct tc_msg **out)
{
	uint32_t types[TC_MAX_PARAMS] = { 0 }, t;
	uint64_t total = 0, n, k;
	struct tc_msg *m;
	TEEC_Result res = TEEC_SUCCESS;
	unsigned int i;

	for (i = 0; i < TC_MAX_PARAMS; i++) {
		rg[i].ns_off = rg[i].bounce_off = -1;
		rg[i].bounce_pages = rg[i].size = 0;
		rg[i].copy_back = NULL;
		rg[i].cookie = 0;
	}
	for (i = 0; op && i < TC_MAX_PARAMS && !res; i++) {
		t = TEEC_PARAM_TYPE_GET(op->paramTypes, i);
		switch (t) {
		case TEEC_NONE:
		case TEEC_VALUE_INPUT:
		case TEEC_VALUE_OUTPUT:
		case TEEC_VALUE_INOUT:
			types[i] = t;
			break;
		case TEEC_MEMREF_TEMP_INPUT:
		case TEEC_MEMREF_TEMP_OUTPUT:
		case TEEC_MEMREF_TEMP_INOUT:
			types[i] = t;
			res = region_temp(c, t, &op->params[i].tmpref, &rg[i]);
			break;
		case TEEC_MEMREF_WHOLE:
		case TEEC_MEMREF_PARTIAL_INPUT:
		case TEEC_MEMREF_PARTIAL_OUTPUT:
		case TEEC_MEMREF_PARTIAL_INOUT:
			res = region_shm(c, t, &op->params[i].memref,
					 &types[i], &rg[i]);
			break;
		default:
			res = TEEC_ERROR_BAD_PARAMETERS;
			break;
		}
		if (rg[i].ns_off >= 0 && !rg[i].cookie)
			total += tc_mem_pages((uint64_t)rg[i].ns_off %
					      TC_PAGE_SIZE, rg[i].size);
	}
	if (!res && total > TC_MAX_PAGES)
		res = TEEC_ERROR_EXCESS_DATA;
	if (res)
		goto err;
	m = calloc(1, TC_MSG_SIZE(total));
	if (!m) {
		res = TEEC_ERROR_OUT_OF_MEMORY;
		goto err;
	}
	tc_msg_init(m, cmd, 0);
	m->num_params = op ? TC_MAX_PARAMS : 0;
	for (i = 0; op && i < TC_MAX_PARAMS; i++) {
		struct tc_param *p = &m->params[i];

		p->type = types[i];
		if (tc_param_is_value(types[i])) {
			p->a = op->params[i].value.a;
			p->b = op->params[i].value.b;
			continue;
		}
		if (!tc_param_is_mem(types[i]))
			continue;
		p->size = rg[i].size;
		if (rg[i].cookie) {
			regshm_param(p, types[i], rg[i].cookie,
				     rg[i].rmem_off);
			continue;
		}
		if (rg[i].ns_off < 0) {
			/* NULL buffer, or an empty one that needs no page. */
			if (types[i] >= TEEC_MEMREF_TEMP_INPUT &&
			    types[i] <= TEEC_MEMREF_TEMP_INOUT &&
			    !op->params[i].tmpref.buffer)
				p->flags = TC_PFLAG_NULL;
			continue;
		}
		p->offs = (uint32_t)((uint64_t)rg[i].ns_off % TC_PAGE_SIZE);
		n = tc_mem_pages(p->offs, p->size);
		p->npages = (uint32_t)n;
		p->first = m->npages;
		for (k = 0; k < n; k++)
			m->pages[m->npages++] =
				(uint64_t)rg[i].ns_off / TC_PAGE_SIZE + k;
	}
	m->length = (uint32_t)TC_MSG_SIZE(m->npages);
	*out = m;
	return TEEC_SUCCESS;
err:
	regions_free(c, rg);
	return res;
}

/* Gives the application what the TA returned. */
static void op_decode(struct teec_ctx *c, TEEC_Operation *op,
		      const struct tc_msg *r, struct teec_region *rg)
{
	unsigned int i;
	uint32_t t;

	for (i = 0; op && i < TC_MAX_PARAMS; i++) {
		const struct tc_param *p = &r->params[i];

		t = TEEC_PARAM_TYPE_GET(op->paramTypes, i);
		switch (t) {
		case TEEC_VALUE_OUTPUT:
		case TEEC_VALUE_INOUT:
			op->params[i].value.a = p->a;
			op->params[i].value.b = p->b;
			break;
		case TEEC_MEMREF_TEMP_OUTPUT:
		case TEEC_MEMREF_TEMP_INOUT:
			op->params[i].tmpref.size = p->size;
			break;
		case TEEC_MEMREF_WHOLE:
			if (op->params[i].memref.parent->flags &
			    TEEC_MEM_OUTPUT)
				op->params[i].memref.size = p->size;
			break;
		case TEEC_MEMREF_PARTIAL_OUTPUT:
		case TEEC_MEMREF_PARTIAL_INOUT:
			op->params[i].memref.size = p->size;
			break;
		default:
			break;
		}
		if (rg[i].copy_back && r->ret == TEEC_SUCCESS)
			memcpy(rg[i].copy_back, c->nsram + rg[i].ns_off,
			       p->size < rg[i].copy_max ? p->size :
							  rg[i].copy_max);
	}
}

/*
 * Sends m for op and waits for the reply, so that TEEC_RequestCancellation
 * can find it meanwhile. TEEC_ERROR_CANCEL: op was cancelled before it
 * started, and nothing was sent.
 */
static TEEC_Result op_exchange(struct teec_ctx *c, struct tc_msg *m,
			       TEEC_Operation *op, struct tc_msg *reply)
{
	struct teec_inflight e;
	struct teec_pending p;
	TEEC_Result res;

	if (!op)
		return transport_call(c, m, reply);
	if (!cancel_op_begin(op, c, &e))
		return TEEC_ERROR_CANCEL;
	res = transport_prepare(c, m, reply, &p);
	if (!res) {
		transport_send(c, m, &p);
		cancel_op_sent(&e, m->id);
		res = transport_wait(c, &p);
	}
	cancel_op_end(&e);
	return res;
}

/* One request with an operation: encode, exchange, decode. */
static TEEC_Result op_call(struct teec_ctx *c, struct tc_msg *proto,
			   TEEC_Operation *op, struct tc_msg *reply,
			   uint32_t *origin)
{
	struct teec_region rg[TC_MAX_PARAMS];
	struct tc_msg *m;
	TEEC_Result res;
	bool uses_rmem;
	unsigned int i;

	res = op_encode(c, proto->cmd, op, rg, &m);
	if (res) {
		set_origin(origin, TEEC_ORIGIN_API);
		return res;
	}
	m->session = proto->session;
	m->func = proto->func;
	m->login = proto->login;
	m->conn_data = proto->conn_data;
	memcpy(m->uuid, proto->uuid, sizeof(m->uuid));
	for (i = 0; i < TC_MAX_PARAMS && !rg[i].cookie; i++)
		;
	uses_rmem = i < TC_MAX_PARAMS;
	if (uses_rmem)
		__atomic_add_fetch(&c->rmem_calls, 1, __ATOMIC_SEQ_CST);
	res = op_exchange(c, m, op, reply);
	if (uses_rmem)
		__atomic_sub_fetch(&c->rmem_calls, 1, __ATOMIC_SEQ_CST);
	free(m);
	if (res == TEEC_ERROR_CANCEL) {
		/* Cancelled before it left: nothing reached the TEE. */
		regions_free(c, rg);
		set_origin(origin, TEEC_ORIGIN_COMMS);
		return res;
	}
	if (res) {
		regions_free(c, rg);
		set_origin(origin, TEEC_ORIGIN_COMMS);
		return res;
	}
	op_decode(c, op, reply, rg);
	regions_free(c, rg);
	set_origin(origin, reply->origin);
	return reply->ret;
}

TEEC_Result TEEC_OpenSession(TEEC_Context *context, TEEC_Session *session,
			     const TEEC_UUID *destination,
			     uint32_t connectionMethod,
			     const void *connectionData,
			     TEEC_Operation *operation,
			     uint32_t *returnOrigin)
{
	struct teec_ctx *c = ctx_of(context);
	struct tc_msg proto, r;
	TEEC_Result res;

	set_origin(returnOrigin, TEEC_ORIGIN_API);
	if (!c || !session || !destination)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (c->dev)
		return dev_open_session(c, session, destination,
					connectionMethod, connectionData,
					operation, returnOrigin);
	tc_msg_init(&proto, TC_CMD_OPEN_SESSION, 0);
	tc_uuid_gp_to_bytes(destination, proto.uuid);
	proto.login = connectionMethod;
	switch (connectionMethod) {
	case TEEC_LOGIN_PUBLIC:
	case TEEC_LOGIN_USER:
	case TEEC_LOGIN_APPLICATION:
	case TEEC_LOGIN_USER_APPLICATION:
		/* The core derives the identity; connectionData is unused. */
		break;
	case TEEC_LOGIN_GROUP:
	case TEEC_LOGIN_GROUP_APPLICATION:
		/* The group; the core checks the client is a member. */
		if (!connectionData)
			return TEEC_ERROR_BAD_PARAMETERS;
		proto.conn_data = *(const uint32_t *)connectionData;
		break;
	default:
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	res = op_call(c, &proto, operation, &r, returnOrigin);
	if (res)
		return res;
	session->imp.ctx = c;
	session->imp.id = r.session;
	return TEEC_SUCCESS;
}

void TEEC_CloseSession(TEEC_Session *session)
{
	struct tc_msg m, r;

	if (!session || !session->imp.ctx)
		return;
	if (((struct teec_ctx *)session->imp.ctx)->dev) {
		dev_close_session(session);
		return;
	}
	tc_msg_init(&m, TC_CMD_CLOSE_SESSION, 0);
	m.session = session->imp.id;
	transport_call(session->imp.ctx, &m, &r);
	session->imp.ctx = NULL;
}

TEEC_Result TEEC_InvokeCommand(TEEC_Session *session, uint32_t commandID,
			       TEEC_Operation *operation,
			       uint32_t *returnOrigin)
{
	struct tc_msg proto, r;

	set_origin(returnOrigin, TEEC_ORIGIN_API);
	if (!session || !session->imp.ctx)
		return TEEC_ERROR_BAD_PARAMETERS;
	if (((struct teec_ctx *)session->imp.ctx)->dev)
		return dev_invoke(session, commandID, operation,
				  returnOrigin);
	tc_msg_init(&proto, TC_CMD_INVOKE, 0);
	proto.session = session->imp.id;
	proto.func = commandID;
	return op_call(session->imp.ctx, &proto, operation, &r,
		       returnOrigin);
}
