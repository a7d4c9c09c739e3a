/*
 * TA-to-TA calls from this host's TA. Memrefs are copied through the XRAM
 * the core shares with this host: inputs in before the call, outputs back
 * after it (up to the size the callee reports, as long as the caller's
 * buffer holds it), so the callee maps pages of that RAM, with the access
 * each parameter's direction grants, and never this TA's own memory.
 */
#include <stdlib.h>
#include <string.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <teecheck/ta_abi.h>

#include "../../common/tc_log.h"
#include "../../common/tc_msg.h"
#include "../../common/uuid.h"
#include "host_parts.h"
#include "ta_host.h"

/* Where one memref went in the XRAM. */
struct ta2ta_buf {
	uintptr_t addr;		/* the caller's buffer */
	size_t size;
	uint64_t off;		/* in the XRAM */
	bool used;
};

static uint64_t ta2ta_pages(uint64_t size)
{
	return (size + TC_PAGE_SIZE - 1) / TC_PAGE_SIZE;
}

static bool ta2ta_is_mem(uint32_t t)
{
	return t == TEE_PARAM_TYPE_MEMREF_INPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_OUTPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_INOUT;
}

/*
 * Checks the parameters and counts the XRAM pages they need. A type or a
 * buffer the TA may not use is a programmer error: the TA panics, as GP
 * asks.
 */
static uint64_t ta2ta_check(uint32_t types, const struct utee_param *up)
{
	uint64_t pages = 0;
	unsigned int i;
	uint32_t t;

	if (types >> 16)
		host_panic(TEE_ERROR_BAD_PARAMETERS);
	for (i = 0; i < TC_MAX_PARAMS; i++) {
		t = (types >> (4 * i)) & 0xf;
		if (t == TEE_PARAM_TYPE_NONE || t == TEE_PARAM_TYPE_VALUE_INPUT ||
		    t == TEE_PARAM_TYPE_VALUE_OUTPUT ||
		    t == TEE_PARAM_TYPE_VALUE_INOUT)
			continue;
		if (!ta2ta_is_mem(t)) {
			tc_err("TA-to-TA: params[%u]: type %u invalid", i, t);
			host_panic(TEE_ERROR_BAD_PARAMETERS);
		}
		if (!up[i].a || !up[i].b)
			continue;
		if (!host_mem_usable(up[i].a, up[i].b,
				     t != TEE_PARAM_TYPE_MEMREF_INPUT)) {
			tc_err("TA-to-TA: params[%u]: buffer not the TA's", i);
			host_panic(TEE_ERROR_BAD_PARAMETERS);
		}
		pages += ta2ta_pages(up[i].b);
	}
	return pages;
}

/* The request for the call: values as they are, memrefs in the XRAM. */
static TEE_Result ta2ta_encode(uint32_t types, const struct utee_param *up,
			       struct tc_msg **out, struct ta2ta_buf *bufs)
{
	uint64_t npages = ta2ta_check(types, up), xsize, cursor = 0, k;
	uint8_t *xram = host_xram(&xsize);
	struct tc_msg *m;
	unsigned int i;

	if (npages && (!xram || npages > TC_MAX_PAGES ||
		       npages * TC_PAGE_SIZE > xsize))
		return TEE_ERROR_OUT_OF_MEMORY;
	m = calloc(1, TC_MSG_SIZE(npages));
	if (!m)
		return TEE_ERROR_OUT_OF_MEMORY;
	tc_msg_init(m, TC_CMD_HOST_REQ, 0);
	m->num_params = TC_MAX_PARAMS;
	memset(bufs, 0, TC_MAX_PARAMS * sizeof(*bufs));
	for (i = 0; i < TC_MAX_PARAMS; i++) {
		uint32_t t = (types >> (4 * i)) & 0xf;
		struct tc_param *p = &m->params[i];

		p->type = t;	/* TEE_PARAM_TYPE_* and TC_PARAM_* agree */
		if (!ta2ta_is_mem(t)) {
			if (t == TEE_PARAM_TYPE_VALUE_INPUT ||
			    t == TEE_PARAM_TYPE_VALUE_INOUT) {
				p->a = (uint32_t)up[i].a;
				p->b = (uint32_t)up[i].b;
			}
			continue;
		}
		p->size = up[i].b;
		if (!up[i].a) {
			p->flags = TC_PFLAG_NULL;
			continue;
		}
		if (!up[i].b)
			continue;
		if (t == TEE_PARAM_TYPE_MEMREF_OUTPUT)
			memset(xram + cursor, 0, up[i].b);
		else
			memcpy(xram + cursor, (void *)(uintptr_t)up[i].a,
			       up[i].b);
		bufs[i].addr = up[i].a;
		bufs[i].size = up[i].b;
		bufs[i].off = cursor;
		bufs[i].used = true;
		p->npages = (uint32_t)ta2ta_pages(up[i].b);
		p->first = m->npages;
		for (k = 0; k < p->npages; k++)
			m->pages[m->npages++] = cursor / TC_PAGE_SIZE + k;
		cursor += p->npages * TC_PAGE_SIZE;
	}
	m->length = (uint32_t)TC_MSG_SIZE(m->npages);
	*out = m;
	return TEE_SUCCESS;
}

/* Gives the caller what came back: values, sizes, output bytes. */
static TEE_Result ta2ta_decode(uint32_t types, const struct tc_msg *r,
			       struct utee_param *up,
			       const struct ta2ta_buf *bufs)
{
	uint64_t xsize;
	uint8_t *xram = host_xram(&xsize);
	unsigned int i;

	if (r->num_params != TC_MAX_PARAMS)
		return TEE_ERROR_COMMUNICATION;
	for (i = 0; i < TC_MAX_PARAMS; i++) {
		uint32_t t = (types >> (4 * i)) & 0xf;
		const struct tc_param *p = &r->params[i];

		if (p->type != t)
			return TEE_ERROR_COMMUNICATION;
		if (t == TEE_PARAM_TYPE_VALUE_OUTPUT ||
		    t == TEE_PARAM_TYPE_VALUE_INOUT) {
			up[i].a = p->a;
			up[i].b = p->b;
		} else if (t == TEE_PARAM_TYPE_MEMREF_OUTPUT ||
			   t == TEE_PARAM_TYPE_MEMREF_INOUT) {
			if (bufs[i].used && r->ret == TEE_SUCCESS)
				memcpy((void *)bufs[i].addr,
				       xram + bufs[i].off,
				       p->size < bufs[i].size ? p->size :
								bufs[i].size);
			up[i].b = p->size;
		}
	}
	return TEE_SUCCESS;
}

/* One TA_OPEN or TA_INVOKE request; m is freed here. */
static TEE_Result ta2ta_call(struct tc_msg *m, uint32_t types,
			     struct utee_param *up,
			     const struct ta2ta_buf *bufs, uint32_t *session,
			     uint32_t *origin)
{
	struct tc_msg r;
	TEE_Result res;

	if (host_core_request(m, &r)) {
		free(m);
		*origin = TEE_ORIGIN_COMMS;
		return TEE_ERROR_COMMUNICATION;
	}
	free(m);
	res = ta2ta_decode(types, &r, up, bufs);
	if (res) {
		*origin = TEE_ORIGIN_COMMS;
		return res;
	}
	if (session)
		*session = r.session;
	*origin = r.origin;
	return r.ret;
}

/* The syscall's own pointers must be the TA's, or it panics. */
static void ta2ta_need(uintptr_t p, size_t size, bool write)
{
	if (!host_mem_usable(p, size, write)) {
		tc_err("TA-to-TA: argument %#lx not the TA's",
		       (unsigned long)p);
		host_panic(TEE_ERROR_BAD_PARAMETERS);
	}
}

TEE_Result sys_ta_open(uintptr_t dest, uintptr_t timeout, uintptr_t types,
		       uintptr_t params, uintptr_t session, uintptr_t origin)
{
	struct utee_param *up = (struct utee_param *)params;
	struct ta2ta_buf bufs[TC_MAX_PARAMS];
	struct tc_msg *m;
	TEE_Result res;

	ta2ta_need(dest, sizeof(TEE_UUID), false);
	ta2ta_need(params, TC_MAX_PARAMS * sizeof(*up), true);
	ta2ta_need(session, sizeof(uint32_t), true);
	ta2ta_need(origin, sizeof(uint32_t), true);
	*(uint32_t *)session = 0;
	res = ta2ta_encode((uint32_t)types, up, &m, bufs);
	if (res) {
		*(uint32_t *)origin = TEE_ORIGIN_TEE;
		return res;
	}
	m->func = TC_HREQ_TA_OPEN;
	m->arg = (uint32_t)timeout;
	tc_uuid_gp_to_bytes((const TEE_UUID *)dest, m->uuid);
	return ta2ta_call(m, (uint32_t)types, up, bufs, (uint32_t *)session,
			  (uint32_t *)origin);
}

TEE_Result sys_ta_invoke(uintptr_t session, uintptr_t timeout, uintptr_t cmd,
			 uintptr_t types, uintptr_t params, uintptr_t origin)
{
	struct utee_param *up = (struct utee_param *)params;
	struct ta2ta_buf bufs[TC_MAX_PARAMS];
	struct tc_msg *m;
	TEE_Result res;

	ta2ta_need(params, TC_MAX_PARAMS * sizeof(*up), true);
	ta2ta_need(origin, sizeof(uint32_t), true);
	res = ta2ta_encode((uint32_t)types, up, &m, bufs);
	if (res) {
		*(uint32_t *)origin = TEE_ORIGIN_TEE;
		return res;
	}
	m->func = TC_HREQ_TA_INVOKE;
	m->session = (uint32_t)session;
	m->cmd_id = (uint32_t)cmd;
	m->arg = (uint32_t)timeout;
	return ta2ta_call(m, (uint32_t)types, up, bufs, NULL,
			  (uint32_t *)origin);
}

TEE_Result sys_ta_close(uintptr_t session)
{
	struct tc_msg m, r;

	tc_msg_init(&m, TC_CMD_HOST_REQ, 0);
	m.func = TC_HREQ_TA_CLOSE;
	m.session = (uint32_t)session;
	if (host_core_request(&m, &r))
		return TEE_ERROR_COMMUNICATION;
	return r.ret;
}
