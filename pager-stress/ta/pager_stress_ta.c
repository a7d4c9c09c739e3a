/*
 * The pager-stress TA: runs the driver's batches of page accesses over its
 * working set, checking every page it touches against the version the
 * driver says it holds, and rewriting the pages it writes.
 */
#include <pager_stress_ta.h>
#include <tee_internal_api.h>
#include <trace.h>

/* Zero-filled bss: paged in on demand, costs nothing until touched. */
static uint32_t ps_area[PS_MAX_PAGES][PS_WORDS]
	__attribute__((aligned(PS_PAGE_SIZE)));

struct ps_session {
	uint32_t first;
	uint32_t pages;
	uint32_t seed;
};

TEE_Result TA_CreateEntryPoint(void)
{
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes,
				    TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext)
{
	struct ps_session *s = TEE_Malloc(sizeof(*s), TEE_MALLOC_FILL_ZERO);

	(void)paramTypes;
	(void)params;
	if (!s)
		return TEE_ERROR_OUT_OF_MEMORY;
	*sessionContext = s;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sessionContext)
{
	TEE_Free(sessionContext);
}

static TEE_Result ps_init(struct ps_session *s, uint32_t types,
			  TEE_Param p[TEE_NUM_PARAMS])
{
	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE) ||
	    !p[0].value.b || p[0].value.a > PS_MAX_PAGES ||
	    p[0].value.b > PS_MAX_PAGES - p[0].value.a)
		return TEE_ERROR_BAD_PARAMETERS;
	s->first = p[0].value.a;
	s->pages = p[0].value.b;
	s->seed = p[1].value.a;
	return TEE_SUCCESS;
}

/* The first word of page p that is not version v, or PS_WORDS. */
static uint32_t ps_check(const struct ps_session *s, uint32_t p, uint32_t v)
{
	const uint32_t *page = ps_area[s->first + p];
	uint32_t w;

	for (w = 0; w < PS_WORDS; w++)
		if (page[w] != ps_word(s->seed, s->first + p, v, w))
			break;
	return w;
}

static void ps_write(const struct ps_session *s, uint32_t p, uint32_t v)
{
	uint32_t *page = ps_area[s->first + p];
	uint32_t w;

	for (w = 0; w < PS_WORDS; w++)
		page[w] = ps_word(s->seed, s->first + p, v, w);
}

static TEE_Result ps_run(struct ps_session *s, uint32_t types,
			 TEE_Param p[TEE_NUM_PARAMS])
{
	const struct ps_access *acc = p[0].memref.buffer;
	uint32_t n, i, bad = 0, first_bad = 0, bad_word = 0;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
				     TEE_PARAM_TYPE_VALUE_OUTPUT,
				     TEE_PARAM_TYPE_VALUE_OUTPUT,
				     TEE_PARAM_TYPE_NONE) ||
	    !s->pages || p[0].memref.size % sizeof(*acc) ||
	    p[0].memref.size / sizeof(*acc) > PS_MAX_BATCH)
		return TEE_ERROR_BAD_PARAMETERS;
	n = p[0].memref.size / sizeof(*acc);
	for (i = 0; i < n; i++) {
		uint32_t page = acc[i].page & ~PS_ACCESS_WRITE;
		uint32_t w;

		if (page >= s->pages)
			return TEE_ERROR_BAD_PARAMETERS;
		w = ps_check(s, page, acc[i].version);
		if (w < PS_WORDS && !bad++) {
			first_bad = i;
			bad_word = w;
		}
		if (acc[i].page & PS_ACCESS_WRITE)
			ps_write(s, page, acc[i].version + 1);
	}
	p[1].value.a = n;
	p[1].value.b = bad;
	p[2].value.a = first_bad;
	p[2].value.b = bad_word;
	if (bad)
		EMSG("pager-stress: %u of %u accesses found a wrong page, the "
		     "first at access %u, word %u", bad, n, first_bad,
		     bad_word);
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID,
				      uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	switch (commandID) {
	case PS_CMD_INIT:
		return ps_init(sessionContext, paramTypes, params);
	case PS_CMD_RUN:
		return ps_run(sessionContext, paramTypes, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
