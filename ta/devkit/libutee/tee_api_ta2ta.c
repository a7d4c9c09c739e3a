/*
 * TA-to-TA sessions: TEE_OpenTASession, TEE_InvokeTACommand and
 * TEE_CloseTASession, in their v1.3 and v1.1 forms. A handle is a block of
 * this TA's heap, checked against the open sessions before use: a handle
 * that is not one panics the TA, as GP asks.
 */
#include <stddef.h>
#include <tee_internal_api.h>
#include <utee_syscalls.h>

#define TA2TA_MAGIC	0x54415353u	/* "SSAT" */

struct __TEE_TASessionHandle {
	uint32_t magic;
	uint32_t id;			/* the core's session ID */
	struct __TEE_TASessionHandle *next;
};

static struct __TEE_TASessionHandle *ta2ta_open;

static struct __TEE_TASessionHandle *ta2ta_find(TEE_TASessionHandle h)
{
	struct __TEE_TASessionHandle *s;

	for (s = ta2ta_open; s; s = s->next)
		if (s == h && s->magic == TA2TA_MAGIC)
			return s;
	TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
}

/* One parameter in either API version's layout, seen through pointers. */
struct ta2ta_param {
	uint32_t *a, *b;		/* values */
	void **buffer;			/* memrefs */
	size_t size;
	void (*set_size)(void *param, size_t size);
	void *param;
};

static void ta2ta_set_size13(void *param, size_t size)
{
	((TEE_Param *)param)->memref.size = size;
}

static void ta2ta_set_size11(void *param, size_t size)
{
	((__GP11_TEE_Param *)param)->memref.size = (uint32_t)size;
}

static void ta2ta_view13(TEE_Param *p, struct ta2ta_param *v)
{
	v->a = &p->value.a;
	v->b = &p->value.b;
	v->buffer = &p->memref.buffer;
	v->size = p->memref.size;
	v->set_size = ta2ta_set_size13;
	v->param = p;
}

static void ta2ta_view11(__GP11_TEE_Param *p, struct ta2ta_param *v)
{
	v->a = &p->value.a;
	v->b = &p->value.b;
	v->buffer = &p->memref.buffer;
	v->size = p->memref.size;
	v->set_size = ta2ta_set_size11;
	v->param = p;
}

static bool ta2ta_is_mem(uint32_t t)
{
	return t == TEE_PARAM_TYPE_MEMREF_INPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_OUTPUT ||
	       t == TEE_PARAM_TYPE_MEMREF_INOUT;
}

static void ta2ta_to_utee(uint32_t types, const struct ta2ta_param *v,
			  struct utee_param *up)
{
	size_t i;

	for (i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(types, i);

		up[i].a = up[i].b = 0;
		if (t == TEE_PARAM_TYPE_NONE)
			continue;
		if (ta2ta_is_mem(t)) {
			up[i].a = (uintptr_t)*v[i].buffer;
			up[i].b = v[i].size;
		} else {
			up[i].a = *v[i].a;
			up[i].b = *v[i].b;
		}
	}
}

/* Output values on success; output sizes also with SHORT_BUFFER. */
static void ta2ta_from_utee(uint32_t types, TEE_Result res,
			    const struct utee_param *up,
			    const struct ta2ta_param *v)
{
	size_t i;

	for (i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(types, i);

		if ((t == TEE_PARAM_TYPE_VALUE_OUTPUT ||
		     t == TEE_PARAM_TYPE_VALUE_INOUT) && res == TEE_SUCCESS) {
			*v[i].a = (uint32_t)up[i].a;
			*v[i].b = (uint32_t)up[i].b;
		} else if ((t == TEE_PARAM_TYPE_MEMREF_OUTPUT ||
			    t == TEE_PARAM_TYPE_MEMREF_INOUT) &&
			   (res == TEE_SUCCESS ||
			    res == TEE_ERROR_SHORT_BUFFER)) {
			v[i].set_size(v[i].param, up[i].b);
		}
	}
}

static TEE_Result ta2ta_open_common(const TEE_UUID *dest, uint32_t timeout,
				    uint32_t types, struct ta2ta_param *v,
				    TEE_TASessionHandle *session,
				    uint32_t *returnOrigin)
{
	struct __TEE_TASessionHandle *h = NULL;
	struct utee_param up[TEE_NUM_PARAMS];
	uint32_t id = 0, origin = TEE_ORIGIN_TEE;
	TEE_Result res;

	if (!dest || !session)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	ta2ta_to_utee(types, v, up);
	res = utee_ta_open(dest, timeout, types, up, &id, &origin);
	ta2ta_from_utee(types, res, up, v);
	if (res == TEE_SUCCESS) {
		h = TEE_Malloc(sizeof(*h), TEE_MALLOC_FILL_ZERO);
		if (h) {
			h->magic = TA2TA_MAGIC;
			h->id = id;
			h->next = ta2ta_open;
			ta2ta_open = h;
		} else {
			utee_ta_close(id);
			res = TEE_ERROR_OUT_OF_MEMORY;
			origin = TEE_ORIGIN_TEE;
		}
	}
	*session = h;
	if (returnOrigin)
		*returnOrigin = origin;
	return res;
}

static TEE_Result ta2ta_invoke_common(TEE_TASessionHandle session,
				      uint32_t timeout, uint32_t cmd,
				      uint32_t types, struct ta2ta_param *v,
				      uint32_t *returnOrigin)
{
	struct __TEE_TASessionHandle *h = ta2ta_find(session);
	struct utee_param up[TEE_NUM_PARAMS];
	uint32_t origin = TEE_ORIGIN_TEE;
	TEE_Result res;

	ta2ta_to_utee(types, v, up);
	res = utee_ta_invoke(h->id, timeout, cmd, types, up, &origin);
	ta2ta_from_utee(types, res, up, v);
	if (returnOrigin)
		*returnOrigin = origin;
	return res;
}

/* A NULL params array is fine when no parameter is used. */
static void ta2ta_views13(uint32_t types, TEE_Param *params,
			  struct ta2ta_param *v)
{
	static TEE_Param none[TEE_NUM_PARAMS];
	size_t i;

	if (!params) {
		if (types)
			TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
		params = none;
	}
	for (i = 0; i < TEE_NUM_PARAMS; i++)
		ta2ta_view13(params + i, v + i);
}

static void ta2ta_views11(uint32_t types, __GP11_TEE_Param *params,
			  struct ta2ta_param *v)
{
	static __GP11_TEE_Param none[TEE_NUM_PARAMS];
	size_t i;

	if (!params) {
		if (types)
			TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
		params = none;
	}
	for (i = 0; i < TEE_NUM_PARAMS; i++)
		ta2ta_view11(params + i, v + i);
}

TEE_Result TEE_OpenTASession(const TEE_UUID *destination,
			     uint32_t cancellationRequestTimeout,
			     uint32_t paramTypes,
			     TEE_Param params[TEE_NUM_PARAMS],
			     TEE_TASessionHandle *session,
			     uint32_t *returnOrigin)
{
	struct ta2ta_param v[TEE_NUM_PARAMS];

	ta2ta_views13(paramTypes, params, v);
	return ta2ta_open_common(destination, cancellationRequestTimeout,
				 paramTypes, v, session, returnOrigin);
}

TEE_Result __GP11_TEE_OpenTASession(const TEE_UUID *destination,
				    uint32_t cancellationRequestTimeout,
				    uint32_t paramTypes,
				    __GP11_TEE_Param params[TEE_NUM_PARAMS],
				    TEE_TASessionHandle *session,
				    uint32_t *returnOrigin)
{
	struct ta2ta_param v[TEE_NUM_PARAMS];

	ta2ta_views11(paramTypes, params, v);
	return ta2ta_open_common(destination, cancellationRequestTimeout,
				 paramTypes, v, session, returnOrigin);
}

TEE_Result TEE_InvokeTACommand(TEE_TASessionHandle session,
			       uint32_t cancellationRequestTimeout,
			       uint32_t commandID, uint32_t paramTypes,
			       TEE_Param params[TEE_NUM_PARAMS],
			       uint32_t *returnOrigin)
{
	struct ta2ta_param v[TEE_NUM_PARAMS];

	ta2ta_views13(paramTypes, params, v);
	return ta2ta_invoke_common(session, cancellationRequestTimeout,
				   commandID, paramTypes, v, returnOrigin);
}

TEE_Result __GP11_TEE_InvokeTACommand(TEE_TASessionHandle session,
				      uint32_t cancellationRequestTimeout,
				      uint32_t commandID, uint32_t paramTypes,
				      __GP11_TEE_Param params[TEE_NUM_PARAMS],
				      uint32_t *returnOrigin)
{
	struct ta2ta_param v[TEE_NUM_PARAMS];

	ta2ta_views11(paramTypes, params, v);
	return ta2ta_invoke_common(session, cancellationRequestTimeout,
				   commandID, paramTypes, v, returnOrigin);
}

/* TEE_HANDLE_NULL closes nothing; any other non-session panics. */
void TEE_CloseTASession(TEE_TASessionHandle session)
{
	struct __TEE_TASessionHandle **pp, *h;

	if (!session)
		return;
	h = ta2ta_find(session);
	utee_ta_close(h->id);
	for (pp = &ta2ta_open; *pp; pp = &(*pp)->next) {
		if (*pp == h) {
			*pp = h->next;
			break;
		}
	}
	h->magic = 0;
	TEE_Free(h);
}
