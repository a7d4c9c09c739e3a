/*
 * Unit tests of the TA ELF loader: the os_test TA loads with the right
 * protections and runs through its entry point on this host; each kind of
 * malformed ELF is refused with its own error, naming the bad field.
 */
#include <elf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <setjmp.h>
#include <cmocka.h>

#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <teecheck/ta_abi.h>

#include "../../../ta/os_test/include/os_test_ta.h"
#include "../../../common/tc_maps.h"
#include "../elf_load.h"
#include "loader_test_util.h"

#if defined(__x86_64__)
#define HOST_ABS64	R_X86_64_64
#define HOST_ABS64_NAME	"R_X86_64_64"
#define OTHER_MACHINE	EM_AARCH64
#else
#define HOST_ABS64	R_AARCH64_ABS64
#define HOST_ABS64_NAME	"R_AARCH64_ABS64"
#define OTHER_MACHINE	EM_X86_64
#endif

/* What the TA asked of our syscall function. */
static struct {
	unsigned int logs;
	char last_log[512];
	unsigned int randoms;
	bool panicked;
	uint32_t panic_code;
	jmp_buf panic_jmp;
} sys;

static uint32_t test_syscall(uint32_t nr, uintptr_t a0, uintptr_t a1,
			     uintptr_t a2, uintptr_t a3, uintptr_t a4,
			     uintptr_t a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	switch (nr) {
	case UTEE_SYS_LOG:
		sys.logs++;
		snprintf(sys.last_log, sizeof(sys.last_log), "%.*s", (int)a1,
			 (const char *)a0);
		return TEE_SUCCESS;
	case UTEE_SYS_GET_RANDOM:
		/* Predictable "random" bytes, so the test knows them. */
		sys.randoms++;
		for (size_t i = 0; i < a1; i++)
			((uint8_t *)a0)[i] = (uint8_t)(0x11 * (i + 1));
		return TEE_SUCCESS;
	case UTEE_SYS_PANIC:
		/* A panic never returns to the TA: back to the test instead. */
		sys.panicked = true;
		sys.panic_code = (uint32_t)a0;
		longjmp(sys.panic_jmp, 1);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

struct loaded_ta {
	uint8_t *elf;
	size_t len;
	struct elf_loaded ta;
	utee_entry_fn entry;
};

static int setup_ta(void **state)
{
	struct loaded_ta *t = calloc(1, sizeof(*t));

	t->elf = loader_test_read(LOADER_TEST_TA ".elf", &t->len);
	*state = t;
	memset(&sys, 0, sizeof(sys));
	return 0;
}

static int teardown_ta(void **state)
{
	struct loaded_ta *t = *state;

	elf_unload(&t->ta);
	free(t->elf);
	free(t);
	return 0;
}

static void load_ok(struct loaded_ta *t)
{
	TEE_Result res = elf_load(t->elf, t->len, &t->ta);

	if (res)
		fail_msg("elf_load: 0x%08x: %s", res, t->ta.why);
	t->entry = (utee_entry_fn)t->ta.entry;
}

static void call(struct loaded_ta *t, struct utee_entry_args *a)
{
	t->entry(a);
}

static uint32_t boot(struct loaded_ta *t)
{
	struct utee_entry_args a = { .func = UTEE_ENTRY_BOOT,
				     .syscall = (uintptr_t)test_syscall };

	call(t, &a);
	return a.result;
}

/* The first three letters of a maps line's permissions are want. */
static void assert_perms(const char *perms, const char *want)
{
	/* Under qemu-user the maps show no execute bit: r and w only. */
	assert_memory_equal(perms, want, tc_maps_exec_visible() ? 3 : 2);
}

static void test_load_protections(void **state)
{
	struct loaded_ta *t = *state;
	bool text = false, rodata = false, data = false;
	size_t i;

	load_ok(t);
	assert_true(t->ta.nsegs >= 3);
	assert_int_equal(t->ta.base % 4096, 0);
	for (i = 0; i < t->ta.nsegs; i++) {
		const struct elf_loaded_segment *s = &t->ta.segs[i];
		char perms[5];

		assert_true(tc_maps_perms((void *)s->addr, perms));
		assert_false((s->prot & PROT_WRITE) && (s->prot & PROT_EXEC));
		assert_int_equal(s->addr, t->ta.base + s->vaddr);
		if (s->prot == (PROT_READ | PROT_EXEC)) {
			assert_perms(perms, "r-x");
			text = true;
		} else if (s->prot == PROT_READ) {
			assert_perms(perms, "r--");
			rodata = true;
		} else if (s->prot == (PROT_READ | PROT_WRITE)) {
			assert_perms(perms, "rw-");
			data = true;
		} else {
			fail_msg("segment %zu: unexpected prot %d", i, s->prot);
		}
	}
	assert_true(text && rodata && data);
}

static void test_load_finds_head_and_entry(void **state)
{
	struct loaded_ta *t = *state;
	const TEE_UUID uuid = TA_OS_TEST_UUID;
	const struct utee_ta_head *h;
	char perms[5];

	load_ok(t);
	h = t->ta.head;
	assert_non_null(h);
	assert_int_equal(h->magic, UTEE_TA_HEAD_MAGIC);
	assert_int_equal(h->abi_version, UTEE_ABI_VERSION);
	assert_int_equal(h->uuid_time_low, uuid.timeLow);
	assert_int_equal(h->uuid_time_mid, uuid.timeMid);
	assert_int_equal(h->uuid_time_hi_and_version, uuid.timeHiAndVersion);
	assert_memory_equal(h->uuid_clock_seq_and_node, uuid.clockSeqAndNode, 8);
	assert_int_equal(h->flags,
			 TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION);
	assert_int_equal(h->stack_size, 16 * 1024);
	assert_int_equal(h->data_size, 64 * 1024);

	assert_true(tc_maps_perms((void *)t->ta.entry, perms));
	assert_perms(perms, "r-x");
}

static void test_read_ta_head_without_loading(void **state)
{
	struct loaded_ta *t = *state;
	struct utee_ta_head h;
	char why[LOADER_WHY_LEN];
	uint8_t *mi;
	size_t mi_len;

	assert_int_equal(elf_read_ta_head(t->elf, t->len, &h, why,
					  sizeof(why)), TEE_SUCCESS);
	assert_int_equal(h.flags,
			 TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION);

	mi = loader_test_read("ta/4f7d474c-097f-4a53-af38-ba0609d56c53.elf",
			      &mi_len);
	assert_int_equal(elf_read_ta_head(mi, mi_len, &h, why, sizeof(why)),
			 TEE_SUCCESS);
	assert_int_equal(h.flags, TA_FLAG_MULTI_SESSION);
	assert_int_equal(h.uuid_time_low, 0x4f7d474c);
	free(mi);
}

static void test_unload_unmaps(void **state)
{
	struct loaded_ta *t = *state;
	uintptr_t base;
	char perms[5];

	load_ok(t);
	base = t->ta.segs[0].addr;
	assert_true(tc_maps_perms((void *)base, perms));
	elf_unload(&t->ta);
	assert_false(tc_maps_perms((void *)base, perms));
	elf_unload(&t->ta);
}

static void test_entry_before_boot_is_refused(void **state)
{
	struct loaded_ta *t = *state;
	struct utee_entry_args a = { .func = UTEE_ENTRY_CREATE };

	load_ok(t);
	call(t, &a);
	assert_int_equal(a.result, TEE_ERROR_BAD_STATE);
	assert_int_equal(sys.logs, 0);

	a = (struct utee_entry_args){ .func = UTEE_ENTRY_BOOT };
	call(t, &a);
	assert_int_equal(a.result, TEE_ERROR_BAD_PARAMETERS);
}

static void test_boot_create_logs(void **state)
{
	struct loaded_ta *t = *state;
	struct utee_entry_args a = { .func = UTEE_ENTRY_CREATE };

	load_ok(t);
	assert_int_equal(boot(t), TEE_SUCCESS);
	call(t, &a);
	assert_int_equal(a.result, TEE_SUCCESS);
	assert_int_equal(sys.randoms, 1);
	assert_int_equal(sys.logs, 1);
	/* the instance ID is the four "random" bytes 11 22 33 44 */
	assert_string_equal(sys.last_log, "I/TA: os_test: instance 0x44332211 created");
}

static void test_invoke_values(void **state)
{
	struct loaded_ta *t = *state;
	struct utee_entry_args a = { .func = UTEE_ENTRY_CREATE };

	load_ok(t);
	assert_int_equal(boot(t), TEE_SUCCESS);
	call(t, &a);
	assert_int_equal(a.result, TEE_SUCCESS);

	a = (struct utee_entry_args){
		.func = UTEE_ENTRY_INVOKE,
		.cmd_id = OS_TEST_CMD_VALUES,
		.param_types = TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
					       TEE_PARAM_TYPE_VALUE_OUTPUT,
					       TEE_PARAM_TYPE_VALUE_INOUT,
					       TEE_PARAM_TYPE_NONE),
		.params = { { 5, 3 }, { 0, 0 }, { 10, 0x80000007 } },
	};
	call(t, &a);
	assert_int_equal(a.result, TEE_SUCCESS);
	assert_int_equal(a.params[1].a, 8);		/* 5 + 3 */
	assert_int_equal(a.params[1].b, 6);		/* 5 ^ 3 */
	assert_int_equal(a.params[2].a, 11);		/* 10 + 1 */
	assert_int_equal(a.params[2].b, 0x0000000e);	/* * 2 mod 2^32 */
	assert_int_equal(a.params[0].a, 5);		/* input untouched */

	a.param_types = TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT,
					TEE_PARAM_TYPE_VALUE_INPUT,
					TEE_PARAM_TYPE_VALUE_INOUT,
					TEE_PARAM_TYPE_NONE);
	call(t, &a);
	assert_int_equal(a.result, TEE_ERROR_BAD_PARAMETERS);
}

static void test_invoke_memrefs_and_sessions(void **state)
{
	struct loaded_ta *t = *state;
	struct utee_entry_args a = { .func = UTEE_ENTRY_CREATE };
	uint8_t in[5] = { 1, 2, 3, 4, 5 }, out[8] = { 0 }, io[3] = { 9, 255, 0 };
	static const uint8_t reversed[5] = { 5, 4, 3, 2, 1 };

	load_ok(t);
	assert_int_equal(boot(t), TEE_SUCCESS);
	call(t, &a);

	a = (struct utee_entry_args){ .func = UTEE_ENTRY_OPEN_SESSION };
	call(t, &a);
	assert_int_equal(a.result, TEE_SUCCESS);

	a = (struct utee_entry_args){
		.func = UTEE_ENTRY_INVOKE,
		.cmd_id = OS_TEST_CMD_MEMREFS,
		.param_types = TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT,
					       TEE_PARAM_TYPE_MEMREF_OUTPUT,
					       TEE_PARAM_TYPE_MEMREF_INOUT,
					       TEE_PARAM_TYPE_NONE),
		.params = { { (uintptr_t)in, 5 }, { (uintptr_t)out, 4 },
			    { (uintptr_t)io, 3 } },
	};
	call(t, &a);
	assert_int_equal(a.result, TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(a.params[1].b, 5);
	assert_int_equal(io[0], 9);

	a.params[1].b = sizeof(out);
	call(t, &a);
	assert_int_equal(a.result, TEE_SUCCESS);
	assert_int_equal(a.params[1].b, 5);
	assert_memory_equal(out, reversed, 5);
	assert_int_equal(io[0], 10);
	assert_int_equal(io[1], 0);
	assert_int_equal(io[2], 1);

	a = (struct utee_entry_args){
		.func = UTEE_ENTRY_INVOKE,
		.cmd_id = OS_TEST_CMD_SESSION_INFO,
		.param_types = TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_OUTPUT,
					       TEE_PARAM_TYPE_NONE,
					       TEE_PARAM_TYPE_NONE,
					       TEE_PARAM_TYPE_NONE),
	};
	call(t, &a);
	assert_int_equal(a.result, TEE_SUCCESS);
	assert_int_equal(a.params[0].a, 1);
	assert_int_equal(a.params[0].b, 0x44332211);

	a = (struct utee_entry_args){ .func = UTEE_ENTRY_CLOSE_SESSION };
	call(t, &a);
	a = (struct utee_entry_args){
		.func = UTEE_ENTRY_INVOKE,
		.cmd_id = OS_TEST_CMD_SESSION_INFO,
		.param_types = TEE_PARAM_TYPE_VALUE_OUTPUT,
	};
	call(t, &a);
	assert_int_equal(a.params[0].a, 0);
}

static void test_invoke_panic_reaches_syscall(void **state)
{
	struct loaded_ta *t = *state;
	struct utee_entry_args a = { .func = UTEE_ENTRY_CREATE };

	load_ok(t);
	assert_int_equal(boot(t), TEE_SUCCESS);
	call(t, &a);

	a = (struct utee_entry_args){ .func = UTEE_ENTRY_INVOKE,
				      .cmd_id = OS_TEST_CMD_PANIC };
	if (!setjmp(sys.panic_jmp)) {
		call(t, &a);
		fail_msg("the TA returned from TEE_Panic");
	}
	assert_true(sys.panicked);
	assert_int_equal(sys.panic_code, OS_TEST_PANIC_CODE);
}

/*
 * Malformed ELFs: each case damages a fresh copy of os_test in one way and
 * names the error code and a word the reason must contain.
 */
struct bad_elf {
	const char *title;
	void (*damage)(uint8_t *elf, size_t *len);
	TEE_Result expect;
	const char *why;
};

static void dmg_truncate_header(uint8_t *elf, size_t *len)
{
	(void)elf;
	*len = sizeof(Elf64_Ehdr) - 1;
}

static void dmg_bad_magic(uint8_t *elf, size_t *len)
{
	(void)len;
	elf[EI_MAG1] = 'X';
}

static void dmg_wrong_class(uint8_t *elf, size_t *len)
{
	(void)len;
	elf[EI_CLASS] = ELFCLASS32;
}

static void dmg_wrong_machine(uint8_t *elf, size_t *len)
{
	(void)len;
	elf_ehdr(elf)->e_machine = OTHER_MACHINE;
}

static void dmg_not_pie(uint8_t *elf, size_t *len)
{
	(void)len;
	elf_ehdr(elf)->e_type = ET_EXEC;
}

static void dmg_phdrs_out_of_file(uint8_t *elf, size_t *len)
{
	elf_ehdr(elf)->e_phoff = *len - 8;
}

static void dmg_segment_past_eof(uint8_t *elf, size_t *len)
{
	Elf64_Phdr *ph = elf_find_phdr(elf, PT_LOAD, 1);

	ph->p_filesz = *len;
	ph->p_memsz = *len;
}

static void dmg_overlapping_segments(uint8_t *elf, size_t *len)
{
	/* text moved onto the first segment's page (offsets stay congruent) */
	(void)len;
	elf_find_phdr(elf, PT_LOAD, 1)->p_vaddr =
		elf_find_phdr(elf, PT_LOAD, 0)->p_vaddr;
}

static void dmg_writable_text(uint8_t *elf, size_t *len)
{
	(void)len;
	elf_find_phdr(elf, PT_LOAD, 1)->p_flags |= PF_W;
}

static void dmg_interpreter(uint8_t *elf, size_t *len)
{
	(void)len;
	elf_find_phdr(elf, PT_NOTE, 0)->p_type = PT_INTERP;
}

static Elf64_Rela *first_rela(uint8_t *elf)
{
	Elf64_Dyn *d = elf_find_dyn(elf, DT_RELA);

	assert_non_null(d);
	return (Elf64_Rela *)elf_at_vaddr(elf, d->d_un.d_ptr);
}

static void dmg_unsupported_reloc(uint8_t *elf, size_t *len)
{
	Elf64_Rela *r = first_rela(elf);

	(void)len;
	r->r_info = ELF64_R_INFO(0, HOST_ABS64);
}

static void dmg_reloc_into_text(uint8_t *elf, size_t *len)
{
	Elf64_Rela *r = first_rela(elf);

	(void)len;
	r->r_offset = elf_ehdr(elf)->e_entry;
}

static void dmg_needed(uint8_t *elf, size_t *len)
{
	Elf64_Dyn *d = elf_find_dyn(elf, DT_DEBUG);

	(void)len;
	assert_non_null(d);
	d->d_tag = DT_NEEDED;
}

static void dmg_entry_outside_text(uint8_t *elf, size_t *len)
{
	(void)len;
	/* the TA head: read-only data, mapped but not executable */
	elf_ehdr(elf)->e_entry = elf_find_section(elf, ".ta_head")->sh_addr;
}

static void dmg_missing_ta_head(uint8_t *elf, size_t *len)
{
	(void)len;
	elf_section_name(elf, ".ta_head")[5] = 'x';
}

static void dmg_ta_head_magic(uint8_t *elf, size_t *len)
{
	(void)len;
	elf[elf_find_section(elf, ".ta_head")->sh_offset] ^= 0x01;
}

static void dmg_ta_head_abi(uint8_t *elf, size_t *len)
{
	struct utee_ta_head *h = (struct utee_ta_head *)
		(elf + elf_find_section(elf, ".ta_head")->sh_offset);

	(void)len;
	h->abi_version = UTEE_ABI_VERSION + 1;
}

static const struct bad_elf bad_elves[] = {
	{ "truncated header", dmg_truncate_header, TEE_ERROR_BAD_FORMAT,
	  "ELF header: truncated" },
	{ "bad magic", dmg_bad_magic, TEE_ERROR_BAD_FORMAT,
	  "e_ident: bad magic" },
	{ "wrong class", dmg_wrong_class, TEE_ERROR_NOT_SUPPORTED,
	  "e_ident[EI_CLASS]: 1" },
	{ "wrong machine", dmg_wrong_machine, TEE_ERROR_NOT_SUPPORTED,
	  "e_machine" },
	{ "not position independent", dmg_not_pie, TEE_ERROR_NOT_SUPPORTED,
	  "e_type" },
	{ "program headers out of bounds", dmg_phdrs_out_of_file,
	  TEE_ERROR_BAD_FORMAT, "e_phoff" },
	{ "segment past end of file", dmg_segment_past_eof,
	  TEE_ERROR_BAD_FORMAT, "segment past the end of the file" },
	{ "overlapping segments", dmg_overlapping_segments,
	  TEE_ERROR_BAD_FORMAT, "overlapping segments" },
	{ "writable text", dmg_writable_text, TEE_ERROR_BAD_FORMAT,
	  "writable and executable" },
	{ "program interpreter", dmg_interpreter, TEE_ERROR_NOT_SUPPORTED,
	  "PT_INTERP" },
	{ "unsupported relocation type", dmg_unsupported_reloc,
	  TEE_ERROR_NOT_SUPPORTED, HOST_ABS64_NAME },
	{ "relocation into a read-only segment", dmg_reloc_into_text,
	  TEE_ERROR_BAD_FORMAT, "read-only segment" },
	{ "shared library dependency", dmg_needed, TEE_ERROR_NOT_SUPPORTED,
	  "DT_NEEDED" },
	{ "entry outside text", dmg_entry_outside_text, TEE_ERROR_BAD_FORMAT,
	  "e_entry" },
	{ "missing .ta_head", dmg_missing_ta_head, TEE_ERROR_BAD_FORMAT,
	  "missing .ta_head" },
	{ "bad ta_head magic", dmg_ta_head_magic, TEE_ERROR_BAD_FORMAT,
	  "ta_head: magic" },
	{ "unknown TA ABI version", dmg_ta_head_abi, TEE_ERROR_NOT_SUPPORTED,
	  "abi_version" },
};

static void test_malformed_elves_rejected(void **state)
{
	struct loaded_ta *t = *state;
	size_t i;

	for (i = 0; i < sizeof(bad_elves) / sizeof(bad_elves[0]); i++) {
		const struct bad_elf *b = &bad_elves[i];
		uint8_t *copy = malloc(t->len);
		size_t len = t->len;
		struct elf_loaded l;
		TEE_Result res;

		memcpy(copy, t->elf, t->len);
		b->damage(copy, &len);
		res = elf_load(copy, len, &l);
		print_message("  %-38s -> 0x%08x %s\n", b->title, res, l.why);
		if (res != b->expect || !strstr(l.why, b->why))
			fail_msg("%s: got 0x%08x \"%s\", expected 0x%08x with \"%s\"",
				 b->title, res, l.why, b->expect, b->why);
		assert_int_equal(l.nsegs, 0);
		free(copy);
	}
}

/* Every case gets a fresh copy of os_test, read from the dev kit's output. */
#define LOADER_TEST(fn)	cmocka_unit_test_setup_teardown(fn, setup_ta, teardown_ta)

int main(void)
{
	static const struct CMUnitTest tests[] = {
		LOADER_TEST(test_load_protections),
		LOADER_TEST(test_load_finds_head_and_entry),
		LOADER_TEST(test_read_ta_head_without_loading),
		LOADER_TEST(test_unload_unmaps),
		LOADER_TEST(test_entry_before_boot_is_refused),
		LOADER_TEST(test_boot_create_logs),
		LOADER_TEST(test_invoke_values),
		LOADER_TEST(test_invoke_memrefs_and_sessions),
		LOADER_TEST(test_invoke_panic_reaches_syscall),
		LOADER_TEST(test_malformed_elves_rejected),
	};

	return cmocka_run_group_tests_name("elf loader", tests, NULL, NULL);
}
