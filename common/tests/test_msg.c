/* The message ABI's framing checks: every malformed class gets its error. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "../tc_msg.h"

static union {
	struct tc_msg m;
	uint8_t raw[TC_MSG_SIZE(8) + 64];
} buf;

/* A valid INVOKE with one value and one two-page memref. */
static struct tc_msg *good_msg(void)
{
	struct tc_msg *m = &buf.m;

	memset(&buf, 0, sizeof(buf));
	tc_msg_init(m, TC_CMD_INVOKE, 7);
	m->num_params = 2;
	m->params[0].type = TC_PARAM_VALUE_IN;
	m->params[0].a = 1;
	m->params[1].type = TC_PARAM_MEM_INOUT;
	m->params[1].offs = 100;
	m->params[1].size = 5000;
	m->params[1].npages = 2;
	m->params[1].first = 0;
	m->npages = 2;
	m->pages[0] = 3;
	m->pages[1] = 9;
	m->length = TC_MSG_SIZE(2);
	return m;
}

static void expect_bad(size_t len, const char *prefix)
{
	struct tc_why why = { { 0 } };

	assert_int_equal(tc_msg_check(&buf, len, &why), -EBADMSG);
	if (strncmp(why.text, prefix, strlen(prefix)))
		fail_msg("reason \"%s\" does not start with \"%s\"", why.text,
			 prefix);
}

static void test_good_passes(void **state)
{
	struct tc_why why;
	struct tc_msg *m = good_msg();

	(void)state;
	assert_int_equal(tc_msg_check(m, m->length, &why), 0);
	assert_int_equal(tc_msg_check_pages(m, 10, &why), 0);
}

static void test_short(void **state)
{
	(void)state;
	good_msg();
	expect_bad(sizeof(struct tc_msg) - 1, "message short");
	expect_bad(0, "message short");
}

static void test_long(void **state)
{
	(void)state;
	good_msg();
	/* Received more bytes than the length field says. */
	expect_bad(TC_MSG_SIZE(2) + 8, "length: field says");
	/* Length field agrees, but the page list is shorter than that. */
	buf.m.length = TC_MSG_SIZE(3);
	expect_bad(TC_MSG_SIZE(3), "length: ");
}

static void test_bad_magic_version_cmd(void **state)
{
	(void)state;
	good_msg()->magic = 0x12345678;
	expect_bad(TC_MSG_SIZE(2), "magic");
	good_msg()->version = 2;
	expect_bad(TC_MSG_SIZE(2), "version: 2");
	good_msg()->cmd = 0x30;
	expect_bad(TC_MSG_SIZE(2), "cmd: unknown command 0x30");
}

static void test_bad_counts(void **state)
{
	struct tc_msg *m;

	(void)state;
	good_msg()->num_params = 5;
	expect_bad(TC_MSG_SIZE(2), "num_params: 5");
	m = good_msg();
	m->npages = TC_MAX_PAGES + 1;
	expect_bad(TC_MSG_SIZE(2), "npages: ");
	m = good_msg();
	m->params[1].npages = 1;
	expect_bad(TC_MSG_SIZE(2), "params[1].npages: 1");
	m = good_msg();
	m->num_params = 1;	/* params[1] is now beyond num_params */
	expect_bad(TC_MSG_SIZE(2), "params[1]: set beyond num_params");
}

static void test_bad_offsets(void **state)
{
	struct tc_msg *m;
	struct tc_why why;

	(void)state;
	m = good_msg();
	m->params[1].offs = TC_PAGE_SIZE;
	expect_bad(TC_MSG_SIZE(2), "params[1].offs");
	m = good_msg();
	m->params[1].first = 1;
	expect_bad(TC_MSG_SIZE(2), "params[1].first");
	m = good_msg();
	m->params[1].first = 0xffffffffu;
	expect_bad(TC_MSG_SIZE(2), "params[1].first");
	/* Found by fuzz_msg: an empty memref naming a page far beyond the
	 * list passed the check. */
	m = good_msg();
	m->params[1].size = 0;
	m->params[1].npages = 0;
	m->params[1].first = 256;
	expect_bad(TC_MSG_SIZE(2), "params[1].first: 256 beyond the list of 2");
	m = good_msg();
	m->params[1].size = (uint64_t)TC_MAX_PAGES * TC_PAGE_SIZE + 1;
	expect_bad(TC_MSG_SIZE(2), "params[1].size");
	/* A frame outside the guest's RAM. */
	m = good_msg();
	assert_int_equal(tc_msg_check_pages(m, 9, &why), -EBADMSG);
	assert_string_equal(why.text, "pages[1]: frame 9 outside the 9 pages "
			    "of non-secure RAM");
}

static void test_bad_types_and_flags(void **state)
{
	struct tc_msg *m;

	(void)state;
	good_msg()->params[0].type = 4;
	expect_bad(TC_MSG_SIZE(2), "params[0].type: unknown type 4");
	good_msg()->params[0].size = 1;
	expect_bad(TC_MSG_SIZE(2), "params[0]: memory fields set");
	good_msg()->params[1].flags = 0x80;
	expect_bad(TC_MSG_SIZE(2), "params[1].flags");
	m = good_msg();
	m->params[1].flags = TC_PFLAG_NULL;
	expect_bad(TC_MSG_SIZE(2), "params[1]: NULL buffer with pages");
}

static void test_reply_rules(void **state)
{
	struct tc_msg *m;
	struct tc_why why;

	(void)state;
	m = good_msg();
	m->cmd |= TC_REPLY;
	/* Replies carry sizes only, no pages. */
	expect_bad(TC_MSG_SIZE(2), "params[1]: page fields set in a reply");
	m->params[1].offs = m->params[1].npages = 0;
	m->npages = 0;
	m->length = TC_MSG_SIZE(0);
	assert_int_equal(tc_msg_check(m, m->length, &why), 0);
}

/* A request turned into its reply passes the reply rules as it is. */
static void test_to_reply_keeps_values_and_sizes(void **state)
{
	struct tc_msg *m = good_msg();
	struct tc_why why;

	(void)state;
	tc_msg_to_reply(m, 0xffff0010u, 4);
	assert_int_equal(m->cmd, TC_CMD_INVOKE | TC_REPLY);
	assert_int_equal(m->id, 7);
	assert_int_equal(m->ret, 0xffff0010u);
	assert_int_equal(m->origin, 4);
	assert_int_equal(m->npages, 0);
	assert_int_equal(m->length, TC_MSG_SIZE(0));
	assert_int_equal(m->params[0].a, 1);
	assert_int_equal(m->params[1].size, 5000);
	assert_int_equal(m->params[1].offs, 0);
	assert_int_equal(m->params[1].npages, 0);
	assert_int_equal(tc_msg_check(m, m->length, &why), 0);
}

static void test_socket_roundtrip_with_fd(void **state)
{
	int sv[2], fd = -1, pipefd[2];
	struct tc_msg *m = good_msg();
	uint8_t rx[TC_MSG_SIZE(2)];
	ssize_t n;

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	assert_int_equal(pipe(pipefd), 0);
	assert_int_equal(tc_send(sv[0], m, pipefd[1]), 0);
	n = tc_recv(sv[1], rx, sizeof(rx), &fd);
	assert_int_equal(n, TC_MSG_SIZE(2));
	assert_memory_equal(rx, m, (size_t)n);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "x", 1), 1);
	/* A message larger than the buffer is refused, not cut. */
	assert_int_equal(tc_send(sv[0], m, -1), 0);
	assert_int_equal(tc_recv(sv[1], rx, 16, NULL), -EMSGSIZE);
	close(sv[0]);
	assert_int_equal(tc_recv(sv[1], rx, sizeof(rx), NULL), 0);
	close(sv[1]);
	close(fd);
	close(pipefd[0]);
	close(pipefd[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_passes),
		cmocka_unit_test(test_short),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_bad_magic_version_cmd),
		cmocka_unit_test(test_bad_counts),
		cmocka_unit_test(test_bad_offsets),
		cmocka_unit_test(test_bad_types_and_flags),
		cmocka_unit_test(test_reply_rules),
		cmocka_unit_test(test_to_reply_keeps_values_and_sizes),
		cmocka_unit_test(test_socket_roundtrip_with_fd),
	};

	return cmocka_run_group_tests_name("msg_abi", tests, NULL, NULL);
}
