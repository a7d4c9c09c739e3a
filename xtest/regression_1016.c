/*
 * 1016-1020: properties. The three property sets through tcf_test's
 * TCF_CMD_PROP_GET (any getter on any name) and TCF_CMD_PROP_NAMES
 * (enumeration); every expected value is written out here.
 */
#include <stdio.h>
#include <string.h>

#include "tcf_helpers.h"

/* What one getter gave: its result, and the value's bytes. */
struct prop_answer {
	TEEC_Result res;
	uint8_t value[256];
	size_t size;		/* written, or asked for by SHORT_BUFFER */
};

static void prop_ask(TEEC_Session *s, uint32_t set, uint32_t getter,
		     const char *name, size_t cap, struct prop_answer *a)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      MEMREF_TEMP_INPUT,
						      MEMREF_TEMP_OUTPUT,
						      NONE));
	uint32_t origin;

	memset(a, 0, sizeof(*a));
	op.params[0].value.a = set;
	op.params[0].value.b = getter;
	op.params[1].tmpref.buffer = (void *)name;
	op.params[1].tmpref.size = name ? strlen(name) : 0;
	op.params[2].tmpref.buffer = cap ? a->value : NULL;
	op.params[2].tmpref.size = cap;
	a->res = TEEC_InvokeCommand(s, TCF_CMD_PROP_GET, &op, &origin);
	if (a->res != TEEC_SUCCESS && origin != TEEC_ORIGIN_TRUSTED_APP)
		xtest_fail("TCF_CMD_PROP_GET(%s) failed in the %s: 0x%08x",
			   name, xtest_origin_name(origin), a->res);
	a->size = op.params[2].tmpref.size;
}

static const char *set_name(uint32_t set)
{
	return set == TCF_SET_TA ? "TA" : set == TCF_SET_CLIENT ? "client" :
	       "TEE";
}

static void prop_expect_res_at(const char *file, int line, TEEC_Session *s,
			       uint32_t set, uint32_t getter, const char *name,
			       TEEC_Result want)
{
	struct prop_answer a;
	char what[160];

	prop_ask(s, set, getter, name, sizeof(a.value), &a);
	snprintf(what, sizeof(what), "getter %u of %s property %s",
		 (unsigned int)getter, set_name(set), name);
	xtest_assert_result_at(file, line, what, a.res,
			       TEEC_ORIGIN_TRUSTED_APP, want,
			       TEEC_ORIGIN_TRUSTED_APP);
}

#define prop_expect_res(s, set, getter, name, want) \
	prop_expect_res_at(__FILE__, __LINE__, (s), (set), (getter), (name), \
			   (want))

static void prop_expect_string_at(const char *file, int line, TEEC_Session *s,
				  uint32_t set, const char *name,
				  const char *want)
{
	struct prop_answer a;

	prop_ask(s, set, TCF_GET_STRING, name, sizeof(a.value), &a);
	if (a.res != TEEC_SUCCESS)
		xtest_fail_at(file, line, "%s property %s as a string: 0x%08x",
			      set_name(set), name, a.res);
	if (a.size != strlen(want) + 1 || strcmp((char *)a.value, want))
		xtest_fail_at(file, line, "%s property %s is \"%.*s\" (size "
			      "%zu), expected \"%s\"", set_name(set), name,
			      (int)a.size, (char *)a.value, a.size, want);
}

#define prop_expect_string(s, set, name, want) \
	prop_expect_string_at(__FILE__, __LINE__, (s), (set), (name), (want))

static uint32_t prop_u32_at(const char *file, int line, TEEC_Session *s,
			    uint32_t set, uint32_t getter, const char *name)
{
	struct prop_answer a;
	uint32_t v;

	prop_ask(s, set, getter, name, sizeof(a.value), &a);
	if (a.res != TEEC_SUCCESS || a.size != sizeof(v))
		xtest_fail_at(file, line, "%s property %s with getter %u: "
			      "0x%08x", set_name(set), name,
			      (unsigned int)getter, a.res);
	memcpy(&v, a.value, sizeof(v));
	return v;
}

#define prop_u32(s, set, name) \
	prop_u32_at(__FILE__, __LINE__, (s), (set), TCF_GET_U32, (name))
#define prop_bool(s, set, name) \
	prop_u32_at(__FILE__, __LINE__, (s), (set), TCF_GET_BOOL, (name))

static uint64_t prop_u64_at(const char *file, int line, TEEC_Session *s,
			    uint32_t set, const char *name)
{
	struct prop_answer a;
	uint64_t v;

	prop_ask(s, set, TCF_GET_U64, name, sizeof(a.value), &a);
	if (a.res != TEEC_SUCCESS || a.size != sizeof(v))
		xtest_fail_at(file, line, "%s property %s as U64: 0x%08x",
			      set_name(set), name, a.res);
	memcpy(&v, a.value, sizeof(v));
	return v;
}

#define prop_u64(s, set, name) \
	prop_u64_at(__FILE__, __LINE__, (s), (set), (name))

static void prop_expect_bytes_at(const char *file, int line, TEEC_Session *s,
				 uint32_t set, uint32_t getter,
				 const char *name, const void *want,
				 size_t len)
{
	struct prop_answer a;

	prop_ask(s, set, getter, name, sizeof(a.value), &a);
	if (a.res != TEEC_SUCCESS || a.size != len ||
	    memcmp(a.value, want, len))
		xtest_fail_at(file, line, "%s property %s with getter %u: "
			      "0x%08x, %zu bytes, not the %zu expected",
			      set_name(set), name, (unsigned int)getter,
			      a.res, a.size, len);
}

#define prop_expect_bytes(s, set, getter, name, want, len) \
	prop_expect_bytes_at(__FILE__, __LINE__, (s), (set), (getter), \
			     (name), (want), (len))

/* ---- 1016: the TA's standard properties --------------------------------- */

static void test_1016_app_id(void **state)
{
	TEEC_Session *s = &xtest_fixture(state)->sess;
	uint8_t want[16];

	xtest_uuid_to_bytes(&tcf_test_uuid, want);
	/* The header's UUID. */
	prop_expect_bytes(s, TCF_SET_TA, TCF_GET_UUID, "gpd.ta.appID", want,
			  16);
	prop_expect_string(s, TCF_SET_TA, "gpd.ta.appID",
			   "3b4ebcab-719a-42ec-9460-8c30f0b1c525");
}

static void test_1016_flags(void **state)
{
	struct xtest_fixture *fx = xtest_fixture(state);
	TEEC_Session *s = &fx->sess;

	EXPECT_EQ(prop_bool(s, TCF_SET_TA, "gpd.ta.singleInstance"), 1);
	EXPECT_EQ(prop_bool(s, TCF_SET_TA, "gpd.ta.multiSession"), 1);
	EXPECT_EQ(prop_bool(s, TCF_SET_TA, "gpd.ta.instanceKeepAlive"), 0);
	s = xtest_fx_session(fx, &fx->ctx, &tcf_keepalive_uuid);
	EXPECT_EQ(prop_bool(s, TCF_SET_TA, "gpd.ta.instanceKeepAlive"), 1);
	s = xtest_fx_session(fx, &fx->ctx, &tcf_test_mi_uuid);
	EXPECT_EQ(prop_bool(s, TCF_SET_TA, "gpd.ta.singleInstance"), 0);
}

static void test_1016_sizes(void **state)
{
	TEEC_Session *s = &xtest_fixture(state)->sess;

	EXPECT_EQ(prop_u32(s, TCF_SET_TA, "gpd.ta.dataSize"),
		  256 * 1024);
	EXPECT_EQ(prop_u32(s, TCF_SET_TA, "gpd.ta.stackSize"),
		  16 * 1024);
}

static void test_1016_declared(void **state)
{
	TEEC_Session *s = &xtest_fixture(state)->sess;

	prop_expect_string(s, TCF_SET_TA, "gpd.ta.version", TCF_PROP_VERSION);
	prop_expect_string(s, TCF_SET_TA, "gpd.ta.description",
			   TCF_PROP_DESCRIPTION);
	EXPECT_EQ(prop_u32(s, TCF_SET_TA, "gpd.ta.endian"), 0);
	EXPECT_EQ(prop_bool(s, TCF_SET_TA,
		  "gpd.ta.doesNotCloseHandleOnCorruptObject"), 0);
}

static const struct xtest_sub subs_1016[] = {
	{ 1, "gpd.ta.appID is the UUID of the TA's header",
	  test_1016_app_id },
	{ 2, "gpd.ta.singleInstance, multiSession, instanceKeepAlive match the flags",
	  test_1016_flags },
	{ 3, "gpd.ta.dataSize and gpd.ta.stackSize match the header",
	  test_1016_sizes },
	{ 4, "gpd.ta.version and description as declared, endian 0",
	  test_1016_declared },
};

XTEST_CASE(case_1016, .id = "1016", .suite = "regression",
	   .ta = &tcf_test_uuid,
	   .title = "Properties: the TA's gpd.ta.* set",
	   .subs = subs_1016, .nsubs = XTEST_ARRAY_SIZE(subs_1016));

/* ---- 1017: the TA's own properties -------------------------------------- */

static void test_1017_types(void **state)
{
	static const uint8_t bin[] = TCF_PROP_BINARY;
	const TEEC_UUID prop_uuid = TCF_PROP_UUID;
	uint8_t uuid[16], id[20];
	TEEC_Session *s = &xtest_fixture(state)->sess;
	uint32_t login = TCF_PROP_IDENTITY_LOGIN;

	EXPECT_EQ(prop_bool(s, TCF_SET_TA, "tcf.bool"), 1);
	EXPECT_EQ(prop_u32(s, TCF_SET_TA, "tcf.u32"), TCF_PROP_U32);
	EXPECT_TRUE(prop_u64(s, TCF_SET_TA, "tcf.u64") == TCF_PROP_U64);
	xtest_uuid_to_bytes(&prop_uuid, uuid);
	prop_expect_bytes(s, TCF_SET_TA, TCF_GET_UUID, "tcf.uuid", uuid, 16);
	memcpy(id, &login, 4);
	memcpy(id + 4, uuid, 16);
	prop_expect_bytes(s, TCF_SET_TA, TCF_GET_IDENTITY, "tcf.identity", id,
			  sizeof(id));
	prop_expect_string(s, TCF_SET_TA, "tcf.string", TCF_PROP_STRING);
	prop_expect_bytes(s, TCF_SET_TA, TCF_GET_BINARY, "tcf.binary", bin,
			  sizeof(bin));
	prop_expect_bytes(s, TCF_SET_TA, TCF_GET_BINARY, "tcf.binary.empty",
			  "", 0);
}

static void test_1017_first_wins(void **state)
{
	TEEC_Session *s = &xtest_fixture(state)->sess;

	EXPECT_EQ(prop_u32(s, TCF_SET_TA, "tcf.u32"), 0xcafe1234);
}

static void test_1017_as_strings(void **state)
{
	TEEC_Session *s = &xtest_fixture(state)->sess;

	prop_expect_string(s, TCF_SET_TA, "tcf.bool", "true");
	prop_expect_string(s, TCF_SET_TA, "gpd.ta.instanceKeepAlive",
			   "false");
	prop_expect_string(s, TCF_SET_TA, "tcf.u32", "3405648436");
	prop_expect_string(s, TCF_SET_TA, "tcf.u64", "81985529216486895");
	prop_expect_string(s, TCF_SET_TA, "tcf.uuid",
			   "01234567-89ab-4cde-8f01-23456789abcd");
	prop_expect_string(s, TCF_SET_TA, "tcf.identity",
			   "1:01234567-89ab-4cde-8f01-23456789abcd");
	prop_expect_string(s, TCF_SET_TA, "tcf.binary", TCF_PROP_BINARY_B64);
}

static const struct xtest_sub subs_1017[] = {
	{ 1, "bool, U32, U64, UUID, identity, string and binary properties read",
	  test_1017_types },
	{ 2, "of two properties with one name, the first declared counts",
	  test_1017_first_wins },
	{ 3, "every property reads as a string in GP's form",
	  test_1017_as_strings },
};

XTEST_CASE(case_1017, .id = "1017", .suite = "regression",
	   .ta = &tcf_test_uuid,
	   .title = "Properties: the TA's own declared properties",
	   .subs = subs_1017, .nsubs = XTEST_ARRAY_SIZE(subs_1017));

/* ---- 1018: conversions and errors --------------------------------------- */

static void test_1018_conversions(void **state)
{
	const TEEC_UUID prop_uuid = TCF_PROP_UUID;
	uint8_t uuid[16], id[20];
	TEEC_Session *s = &xtest_fixture(state)->sess;
	uint32_t login = 0xf0000000;

	EXPECT_EQ(prop_bool(s, TCF_SET_TA, "tcf.str.true"), 1);
	EXPECT_EQ(prop_bool(s, TCF_SET_TA, "tcf.str.false"), 0);
	EXPECT_EQ(prop_u32(s, TCF_SET_TA, "tcf.str.hex"), 0x10000);
	EXPECT_EQ(prop_u32(s, TCF_SET_TA, "tcf.str.kilo"), 4096);
	EXPECT_EQ(prop_u32(s, TCF_SET_TA, "tcf.str.mega"),
		  2 * 1024 * 1024);
	EXPECT_EQ(prop_u32(s, TCF_SET_TA, "tcf.str.bin"), 10);
	EXPECT_TRUE(prop_u64(s, TCF_SET_TA, "tcf.str.big") == 4294967296ull);
	EXPECT_EQ(prop_u64(s, TCF_SET_TA, "tcf.u32"), 0xcafe1234);
	xtest_uuid_to_bytes(&prop_uuid, uuid);
	prop_expect_bytes(s, TCF_SET_TA, TCF_GET_UUID, "tcf.str.uuid", uuid,
			  16);
	memcpy(id, &login, 4);
	memcpy(id + 4, uuid, 16);
	prop_expect_bytes(s, TCF_SET_TA, TCF_GET_IDENTITY, "tcf.str.identity",
			  id, sizeof(id));
	prop_expect_bytes(s, TCF_SET_TA, TCF_GET_BINARY, "tcf.str.b64",
			  "hello", 5);
}

static void test_1018_bad_format(void **state)
{
	static const struct {
		const char *name;
		uint32_t getter;
	} bad[] = {
		{ "tcf.bool", TCF_GET_U32 },
		{ "tcf.u32", TCF_GET_BOOL },
		{ "tcf.u64", TCF_GET_U32 },
		{ "tcf.uuid", TCF_GET_BOOL },
		{ "tcf.identity", TCF_GET_UUID },
		{ "tcf.binary", TCF_GET_U32 },
		{ "tcf.string", TCF_GET_BOOL },
		{ "tcf.string", TCF_GET_UUID },
		{ "tcf.string", TCF_GET_BINARY },
		{ "tcf.str.bad", TCF_GET_U32 },
		{ "tcf.str.big", TCF_GET_U32 },
		{ "tcf.str.bad", TCF_GET_IDENTITY },
		{ "gpd.ta.appID", TCF_GET_BINARY },
	};
	TEEC_Session *s = &xtest_fixture(state)->sess;
	size_t i;

	for (i = 0; i < XTEST_ARRAY_SIZE(bad); i++)
		prop_expect_res(s, TCF_SET_TA, bad[i].getter, bad[i].name,
				TEEC_ERROR_BAD_FORMAT);
}

static void test_1018_not_found(void **state)
{
	static const char *const names[] = {
		"tcf.nothing", "GPD.TA.APPID", "gpd.ta.appid", "gpd.ta",
		"gpd.ta.appID ", "tcf.u32.", "",
	};
	uint32_t set, g;
	TEEC_Session *s = &xtest_fixture(state)->sess;
	size_t i;

	for (i = 0; i < XTEST_ARRAY_SIZE(names); i++)
		for (g = TCF_GET_STRING; g <= TCF_GET_IDENTITY; g++)
			prop_expect_res(s, TCF_SET_TA, g, names[i],
					TEEC_ERROR_ITEM_NOT_FOUND);
	/* A name of one set is not in the others. */
	for (set = TCF_SET_CLIENT; set <= TCF_SET_TEE; set++)
		prop_expect_res(s, set, TCF_GET_STRING, "gpd.ta.appID",
				TEEC_ERROR_ITEM_NOT_FOUND);
	prop_expect_res(s, TCF_SET_TA, TCF_GET_STRING, "gpd.tee.apiversion",
			TEEC_ERROR_ITEM_NOT_FOUND);
}

static void test_1018_short_buffers(void **state)
{
	static const uint8_t bin[] = TCF_PROP_BINARY;
	struct prop_answer a;
	TEEC_Session *s = &xtest_fixture(state)->sess;

	prop_ask(s, TCF_SET_TA, TCF_GET_STRING, "tcf.string", 5, &a);
	EXPECT_RESULT(a.res, TEEC_ERROR_SHORT_BUFFER);
	EXPECT_EQ(a.size, strlen(TCF_PROP_STRING) + 1);
	/* A NULL buffer asks for the size. */
	prop_ask(s, TCF_SET_TA, TCF_GET_STRING, "tcf.string", 0, &a);
	EXPECT_RESULT(a.res, TEEC_ERROR_SHORT_BUFFER);
	EXPECT_EQ(a.size, strlen(TCF_PROP_STRING) + 1);
	/* Exactly the size needed, terminator included, is enough. */
	prop_ask(s, TCF_SET_TA, TCF_GET_STRING, "tcf.string",
		 strlen(TCF_PROP_STRING) + 1, &a);
	EXPECT_RESULT(a.res, TEEC_SUCCESS);
	prop_ask(s, TCF_SET_TA, TCF_GET_BINARY, "tcf.binary", 2, &a);
	EXPECT_RESULT(a.res, TEEC_ERROR_SHORT_BUFFER);
	EXPECT_EQ(a.size, sizeof(bin));
	prop_ask(s, TCF_SET_TA, TCF_GET_BINARY, "tcf.binary", 0, &a);
	EXPECT_RESULT(a.res, TEEC_ERROR_SHORT_BUFFER);
	EXPECT_EQ(a.size, sizeof(bin));
}

/*
 * The TEE's own text properties read as integers: the same refusal as
 * 1018.2 makes for the TA's set, checked on another set and another
 * property, so that one skipped sub-case cannot hide it.
 */
static void test_1018_tee_string_as_integer(void **state)
{
	static const char *const names[] = {
		"gpd.tee.description", "gpd.tee.trustedos.manufacturer",
	};
	TEEC_Session *s = &xtest_fixture(state)->sess;
	size_t i;

	for (i = 0; i < XTEST_ARRAY_SIZE(names); i++) {
		prop_expect_res(s, TCF_SET_TEE, TCF_GET_U32, names[i],
				TEEC_ERROR_BAD_FORMAT);
		prop_expect_res(s, TCF_SET_TEE, TCF_GET_U64, names[i],
				TEEC_ERROR_BAD_FORMAT);
	}
}

static const struct xtest_sub subs_1018[] = {
	{ 1, "strings convert to bool, U32 (hex, K, M, binary), U64, UUID, identity, binary",
	  test_1018_conversions },
	{ 2, "a value the getter cannot convert gives BAD_FORMAT",
	  test_1018_bad_format },
	{ 3, "a name the set does not hold (names are exact) gives ITEM_NOT_FOUND",
	  test_1018_not_found },
	{ 4, "short string and binary buffers give SHORT_BUFFER and the size",
	  test_1018_short_buffers },
	{ 5, "the TEE's text properties read as U32 or U64 give BAD_FORMAT",
	  test_1018_tee_string_as_integer },
};

XTEST_CASE(case_1018, .id = "1018", .suite = "regression",
	   .ta = &tcf_test_uuid,
	   .title = "Properties: conversions and errors",
	   .subs = subs_1018, .nsubs = XTEST_ARRAY_SIZE(subs_1018));

/* ---- 1019: the client and TEE sets ---------------------------------------- */

static void test_1019_client(void **state)
{
	uint8_t id[20] = { 0 };
	TEEC_Session *s = &xtest_fixture(state)->sess;

	/* TEEC_LOGIN_PUBLIC: login 0 and the nil UUID. */
	prop_expect_bytes(s, TCF_SET_CLIENT, TCF_GET_IDENTITY,
			  "gpd.client.identity", id, sizeof(id));
	prop_expect_string(s, TCF_SET_CLIENT, "gpd.client.identity",
			   "0:00000000-0000-0000-0000-000000000000");
	EXPECT_EQ(prop_u32(s, TCF_SET_CLIENT, "gpd.client.endian"), 0);
}

static void test_1019_tee(void **state)
{
	static const char *const bools[] = {
		"gpd.tee.cryptography.ecc", "gpd.tee.cryptography.nist",
		"gpd.tee.cryptography.bsi-r", "gpd.tee.cryptography.bsi-t",
		"gpd.tee.cryptography.ietf", "gpd.tee.cryptography.octa",
	};
	static const char *const strings[] = {
		"gpd.tee.description",
		"gpd.tee.trustedos.implementation.version",
		"gpd.tee.trustedos.manufacturer",
		"gpd.tee.firmware.implementation.version",
		"gpd.tee.firmware.manufacturer",
	};
	static const char *const u32s[] = {
		"gpd.tee.trustedStorage.antiRollback.protectionLevel",
		"gpd.tee.trustedStorage.rollbackDetection.protectionLevel",
		"gpd.tee.trustedos.implementation.binaryversion",
		"gpd.tee.firmware.implementation.binaryversion",
		"gpd.tee.event.maxSources",
	};
	struct prop_answer a, b;
	uint8_t nil[16] = { 0 };
	TEEC_Session *s = &xtest_fixture(state)->sess;
	size_t i;

	prop_expect_string(s, TCF_SET_TEE, "gpd.tee.apiversion", "1.3.1");
	EXPECT_EQ(prop_u32(s, TCF_SET_TEE,
		  "gpd.tee.internalCore.version"), 0x01030100);
	/* 100: protected by the REE, which is what this core has. */
	EXPECT_EQ(prop_u32(s, TCF_SET_TEE,
		  "gpd.tee.systemTime.protectionLevel"), 100);
	EXPECT_EQ(prop_u32(s, TCF_SET_TEE,
		  "gpd.tee.TAPersistentTime.protectionLevel"), 100);
	EXPECT_TRUE(prop_u32(s, TCF_SET_TEE, "gpd.tee.arith.maxBigIntSize") >=
		    2048);
	prop_ask(s, TCF_SET_TEE, TCF_GET_UUID, "gpd.tee.deviceID", 16, &a);
	EXPECT_RESULT(a.res, TEEC_SUCCESS);
	assert_memory_not_equal(a.value, nil, 16);
	prop_ask(s, TCF_SET_TEE, TCF_GET_UUID, "gpd.tee.deviceID", 16, &b);
	EXPECT_MEM_EQ(a.value, b.value, 16);	/* stable */
	for (i = 0; i < XTEST_ARRAY_SIZE(bools); i++)
		prop_bool(s, TCF_SET_TEE, bools[i]);
	for (i = 0; i < XTEST_ARRAY_SIZE(u32s); i++)
		prop_u32(s, TCF_SET_TEE, u32s[i]);
	for (i = 0; i < XTEST_ARRAY_SIZE(strings); i++) {
		prop_ask(s, TCF_SET_TEE, TCF_GET_STRING, strings[i],
			 sizeof(a.value), &a);
		EXPECT_RESULT(a.res, TEEC_SUCCESS);
		EXPECT_GT(a.size, 1);	/* not empty */
	}
}

static const struct xtest_sub subs_1019[] = {
	{ 1, "gpd.client.identity and gpd.client.endian of a PUBLIC client",
	  test_1019_client },
	{ 2, "the gpd.tee.* properties have GP's types and this core's values",
	  test_1019_tee,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
};

XTEST_CASE(case_1019, .id = "1019", .suite = "regression",
	   .ta = &tcf_test_uuid,
	   .title = "Properties: the client and TEE implementation sets",
	   .subs = subs_1019, .nsubs = XTEST_ARRAY_SIZE(subs_1019));

/* ---- 1020: enumerators -------------------------------------------------- */

/* The names of a set, NUL-separated, and how many. */
static size_t prop_names(TEEC_Session *s, uint32_t set, char *buf, size_t cap,
			 TEEC_Result *res)
{
	TEEC_Operation op = xtest_operation(TCF_TYPES(VALUE_INPUT,
						      MEMREF_TEMP_OUTPUT,
						      VALUE_OUTPUT, NONE));
	uint32_t origin;

	op.params[0].value.a = set;
	op.params[1].tmpref.buffer = buf;
	op.params[1].tmpref.size = cap;
	*res = TEEC_InvokeCommand(s, TCF_CMD_PROP_NAMES, &op, &origin);
	return *res ? op.params[1].tmpref.size : op.params[2].value.a;
}

static void expect_names(TEEC_Session *s, uint32_t set,
			 const char *const *want, size_t n)
{
	char buf[4096];
	TEEC_Result res;
	size_t count, i, off = 0;

	count = prop_names(s, set, buf, sizeof(buf), &res);
	ASSERT_RESULT(res, TEEC_SUCCESS);
	if (count != n)
		xtest_fail("the %s set enumerates %zu properties, expected %zu",
			   set_name(set), count, n);
	for (i = 0; i < n; i++) {
		if (strcmp(buf + off, want[i]))
			xtest_fail("%s set property %zu is %s, expected %s",
				   set_name(set), i, buf + off, want[i]);
		off += strlen(buf + off) + 1;
	}
}

static void test_1020_api(void **state)
{
	TEEC_Session *s = &xtest_fixture(state)->sess;

	tcf_steps_ok(s, TCF_CMD_PROP_ENUM_API, "enumerator states");
}

static void test_1020_ta_set(void **state)
{
	static const char *const want[] = {
		"gpd.ta.appID", "gpd.ta.singleInstance", "gpd.ta.multiSession",
		"gpd.ta.instanceKeepAlive", "gpd.ta.dataSize",
		"gpd.ta.stackSize", "gpd.ta.version", "gpd.ta.description",
		"gpd.ta.endian", "gpd.ta.doesNotCloseHandleOnCorruptObject",
		"tcf.bool", "tcf.u32", "tcf.u64",
		"tcf.uuid", "tcf.identity", "tcf.string", "tcf.binary",
		"tcf.binary.empty", "tcf.str.true", "tcf.str.false",
		"tcf.str.hex", "tcf.str.kilo", "tcf.str.mega", "tcf.str.bin",
		"tcf.str.big", "tcf.str.bad", "tcf.str.uuid",
		"tcf.str.identity", "tcf.str.b64",
	};
	TEEC_Session *s = &xtest_fixture(state)->sess;

	expect_names(s, TCF_SET_TA, want, XTEST_ARRAY_SIZE(want));
}

static void test_1020_client_set(void **state)
{
	static const char *const want[] = {
		"gpd.client.identity", "gpd.client.endian",
	};
	TEEC_Session *s = &xtest_fixture(state)->sess;

	expect_names(s, TCF_SET_CLIENT, want, XTEST_ARRAY_SIZE(want));
}

static void test_1020_tee_set(void **state)
{
	static const char *const want[] = {
		"gpd.tee.apiversion", "gpd.tee.internalCore.version",
		"gpd.tee.description", "gpd.tee.deviceID",
		"gpd.tee.systemTime.protectionLevel",
		"gpd.tee.TAPersistentTime.protectionLevel",
		"gpd.tee.arith.maxBigIntSize", "gpd.tee.cryptography.ecc",
		"gpd.tee.cryptography.nist", "gpd.tee.cryptography.bsi-r",
		"gpd.tee.cryptography.bsi-t", "gpd.tee.cryptography.ietf",
		"gpd.tee.cryptography.octa",
		"gpd.tee.trustedStorage.antiRollback.protectionLevel",
		"gpd.tee.trustedStorage.rollbackDetection.protectionLevel",
		"gpd.tee.trustedos.implementation.version",
		"gpd.tee.trustedos.implementation.binaryversion",
		"gpd.tee.trustedos.manufacturer",
		"gpd.tee.firmware.implementation.version",
		"gpd.tee.firmware.implementation.binaryversion",
		"gpd.tee.firmware.manufacturer", "gpd.tee.event.maxSources",
	};
	TEEC_Session *s = &xtest_fixture(state)->sess;

	expect_names(s, TCF_SET_TEE, want, XTEST_ARRAY_SIZE(want));
}

static void test_1020_short(void **state)
{
	char buf[8];
	TEEC_Session *s = &xtest_fixture(state)->sess;
	TEEC_Result res;
	size_t need;

	need = prop_names(s, TCF_SET_CLIENT, buf, sizeof(buf), &res);
	ASSERT_RESULT(res, TEEC_ERROR_SHORT_BUFFER);
	EXPECT_EQ(need, sizeof("gpd.client.identity") +
			 sizeof("gpd.client.endian"));
}

static const struct xtest_sub subs_1020[] = {
	{ 1, "enumerators: not started, started, at the end, reset, restarted, freed",
	  test_1020_api },
	{ 2, "the TA set lists header, default and declared properties once each",
	  test_1020_ta_set,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
	{ 3, "the client set lists gpd.client.identity and gpd.client.endian",
	  test_1020_client_set },
	{ 4, "the TEE set lists every gpd.tee.* property of this core",
	  test_1020_tee_set,
	  .flags = XTEST_NEEDS_CORE_CHOICE },
	{ 5, "a name buffer too small for the names gives SHORT_BUFFER",
	  test_1020_short },
};

XTEST_CASE(case_1020, .id = "1020", .suite = "regression",
	   .ta = &tcf_test_uuid,
	   .title = "Properties: enumerators",
	   .subs = subs_1020, .nsubs = XTEST_ARRAY_SIZE(subs_1020));
