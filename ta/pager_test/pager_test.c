/*
 * pager_test: the TA behind the 8000 series. Its data area, its one-page
 * functions and its read-only tables are each far larger than the pool the
 * tests give an instance, so every command below pages.
 */
#include <pager_test_ta.h>
#include <tee_internal_api.h>
#include <trace.h>

#define PT_WORDS	(PT_PAGE_SIZE / sizeof(uint32_t))

/* The data area: zero-filled bss, paged in on demand. */
static uint32_t pt_data[PT_DATA_PAGES][PT_WORDS]
	__attribute__((aligned(PT_PAGE_SIZE)));

/* One read-only page per table, each all one byte. */
#define PT_TABLE(i) [i] = { [0 ... PT_PAGE_SIZE - 1] = (uint8_t)((i) * 37 + 11) }
#define PT_TABLE8(i) PT_TABLE(i), PT_TABLE(i + 1), PT_TABLE(i + 2), \
	PT_TABLE(i + 3), PT_TABLE(i + 4), PT_TABLE(i + 5), PT_TABLE(i + 6), \
	PT_TABLE(i + 7)
static const uint8_t pt_tables[PT_TABLE_PAGES][PT_PAGE_SIZE]
	__attribute__((aligned(PT_PAGE_SIZE))) = {
	PT_TABLE8(0), PT_TABLE8(8), PT_TABLE8(16), PT_TABLE8(24),
	PT_TABLE8(32), PT_TABLE8(40), PT_TABLE8(48), PT_TABLE8(56),
};

/* One function per page of code. */
#define PT_FN(i)							\
	static __attribute__((noinline, aligned(PT_PAGE_SIZE)))	\
	uint32_t pt_fn_##i(uint32_t x)					\
	{								\
		return pt_fn(i, x);					\
	}
#define PT_FN8(a, b, c, d, e, f, g, h) PT_FN(a) PT_FN(b) PT_FN(c) PT_FN(d) \
	PT_FN(e) PT_FN(f) PT_FN(g) PT_FN(h)
PT_FN8(0, 1, 2, 3, 4, 5, 6, 7)
PT_FN8(8, 9, 10, 11, 12, 13, 14, 15)
PT_FN8(16, 17, 18, 19, 20, 21, 22, 23)
PT_FN8(24, 25, 26, 27, 28, 29, 30, 31)
PT_FN8(32, 33, 34, 35, 36, 37, 38, 39)
PT_FN8(40, 41, 42, 43, 44, 45, 46, 47)
PT_FN8(48, 49, 50, 51, 52, 53, 54, 55)
PT_FN8(56, 57, 58, 59, 60, 61, 62, 63)

static uint32_t (*const pt_fns[PT_CODE_PAGES])(uint32_t) = {
	pt_fn_0, pt_fn_1, pt_fn_2, pt_fn_3, pt_fn_4, pt_fn_5, pt_fn_6,
	pt_fn_7, pt_fn_8, pt_fn_9, pt_fn_10, pt_fn_11, pt_fn_12, pt_fn_13,
	pt_fn_14, pt_fn_15, pt_fn_16, pt_fn_17, pt_fn_18, pt_fn_19,
	pt_fn_20, pt_fn_21, pt_fn_22, pt_fn_23, pt_fn_24, pt_fn_25,
	pt_fn_26, pt_fn_27, pt_fn_28, pt_fn_29, pt_fn_30, pt_fn_31,
	pt_fn_32, pt_fn_33, pt_fn_34, pt_fn_35, pt_fn_36, pt_fn_37,
	pt_fn_38, pt_fn_39, pt_fn_40, pt_fn_41, pt_fn_42, pt_fn_43,
	pt_fn_44, pt_fn_45, pt_fn_46, pt_fn_47, pt_fn_48, pt_fn_49,
	pt_fn_50, pt_fn_51, pt_fn_52, pt_fn_53, pt_fn_54, pt_fn_55,
	pt_fn_56, pt_fn_57, pt_fn_58, pt_fn_59, pt_fn_60, pt_fn_61,
	pt_fn_62, pt_fn_63,
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
	(void)paramTypes;
	(void)params;
	*sessionContext = NULL;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sessionContext)
{
	(void)sessionContext;
}

static void pt_fill(uint32_t seed, uint32_t n)
{
	uint32_t p, w;

	for (p = 0; p < n; p++)
		for (w = 0; w < PT_WORDS; w++)
			pt_data[p][w] = pt_word(seed, p, w);
}

static void pt_check(uint32_t seed, uint32_t n, TEE_Param *out)
{
	uint32_t p, w, bad = 0, first = n;

	for (p = 0; p < n; p++) {
		for (w = 0; w < PT_WORDS; w++)
			if (pt_data[p][w] != pt_word(seed, p, w))
				break;
		if (w < PT_WORDS) {
			if (!bad++)
				first = p;
		}
	}
	out->value.a = bad;
	out->value.b = first;
}

static uint32_t pt_zero(uint32_t first, uint32_t n)
{
	uint32_t p, w, bad = 0;

	for (p = first; p < first + n; p++) {
		for (w = 0; w < PT_WORDS; w++)
			if (pt_data[p][w])
				break;
		bad += w < PT_WORDS;
	}
	return bad;
}

static uint64_t pt_code(uint32_t seed, uint32_t rounds)
{
	uint32_t state = seed, r;
	uint64_t sum = 0;

	for (r = 0; r < rounds; r++) {
		uint32_t i = pt_next(&state) % PT_CODE_PAGES;

		sum += pt_fns[i](r + pt_tables[i][r % PT_PAGE_SIZE]);
	}
	return sum;
}

static uint32_t pt_hotcold(uint32_t hot, uint32_t rounds)
{
	volatile uint32_t sink = 0;
	uint32_t r, p, cold = hot;

	for (r = 0; r < rounds; r++) {
		for (p = 0; p < hot; p++)
			sink += pt_data[p][r % PT_WORDS];
		sink += pt_data[cold][r % PT_WORDS];
		if (++cold == PT_DATA_PAGES)
			cold = hot;
	}
	(void)sink;
	return rounds;
}

static uintptr_t pt_addr(uint32_t area, uint32_t i)
{
	switch (area) {
	case PT_AREA_DATA:
		return i < PT_DATA_PAGES ? (uintptr_t)pt_data[i] : 0;
	case PT_AREA_CODE:
		return i < PT_CODE_PAGES ? (uintptr_t)pt_fns[i] : 0;
	case PT_AREA_TABLE:
		return i < PT_TABLE_PAGES ? (uintptr_t)pt_tables[i] : 0;
	default:
		return 0;
	}
}

static uint32_t pt_touch(uint32_t area, uint32_t i)
{
	uint32_t sum = 0, w;

	switch (area) {
	case PT_AREA_DATA:
		for (w = 0; w < PT_WORDS; w++)
			sum += pt_data[i][w];
		return sum;
	case PT_AREA_CODE:
		return pt_fns[i](1);
	default:
		for (w = 0; w < PT_PAGE_SIZE; w++)
			sum += pt_tables[i][w];
		return sum;
	}
}

TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID,
				      uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	uint32_t a = params[0].value.a, b = params[0].value.b;
	TEE_Param *out = &params[1];
	uint64_t v;

	(void)sessionContext;
	if (paramTypes != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
					  TEE_PARAM_TYPE_VALUE_OUTPUT,
					  TEE_PARAM_TYPE_NONE,
					  TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	out->value.a = 0;
	out->value.b = 0;
	switch (commandID) {
	case PT_CMD_FILL:
		if (b > PT_DATA_PAGES)
			return TEE_ERROR_BAD_PARAMETERS;
		pt_fill(a, b);
		return TEE_SUCCESS;
	case PT_CMD_CHECK:
		if (b > PT_DATA_PAGES)
			return TEE_ERROR_BAD_PARAMETERS;
		pt_check(a, b, out);
		return TEE_SUCCESS;
	case PT_CMD_ZERO:
		if (a > PT_DATA_PAGES || b > PT_DATA_PAGES - a)
			return TEE_ERROR_BAD_PARAMETERS;
		out->value.a = pt_zero(a, b);
		return TEE_SUCCESS;
	case PT_CMD_CODE:
		v = pt_code(a, b);
		out->value.a = (uint32_t)v;
		out->value.b = (uint32_t)(v >> 32);
		return TEE_SUCCESS;
	case PT_CMD_HOTCOLD:
		if (!a || a >= PT_DATA_PAGES)
			return TEE_ERROR_BAD_PARAMETERS;
		out->value.a = pt_hotcold(a, b);
		return TEE_SUCCESS;
	case PT_CMD_ADDR:
		v = pt_addr(a, b);
		if (!v)
			return TEE_ERROR_BAD_PARAMETERS;
		out->value.a = (uint32_t)v;
		out->value.b = (uint32_t)(v >> 32);
		return TEE_SUCCESS;
	case PT_CMD_TOUCH:
		if (!pt_addr(a, b))
			return TEE_ERROR_BAD_PARAMETERS;
		out->value.a = pt_touch(a, b);
		return TEE_SUCCESS;
	default:
		EMSG("pager_test: unknown command %u", commandID);
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
