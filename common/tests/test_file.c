/* Unit tests of tc_file_write: what a tool does with the output path it is
 * given, for each kind of thing that path may already name. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

#include "../tc_file.h"

static char dir[64];

static int test_setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/tc_file.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int test_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) ? -1 : 0;
}

static const char *test_path(const char *name)
{
	static char path[2][128];
	static int k;

	k ^= 1;
	snprintf(path[k], sizeof(path[k]), "%s/%s", dir, name);
	return path[k];
}

static void test_contents(const char *path, const char *want)
{
	char buf[64] = { 0 };
	int fd = open(path, O_RDONLY);

	assert_true(fd >= 0);
	assert_true(read(fd, buf, sizeof(buf) - 1) >= 0);
	close(fd);
	assert_string_equal(buf, want);
}

static int test_write(const char *path, const char *text, char *why)
{
	return tc_file_write(path, text, strlen(text), why, TC_FILE_WHY_LEN);
}

static void test_new_and_regular(void **state)
{
	char why[TC_FILE_WHY_LEN];
	const char *p = test_path("plain");
	struct stat before, after;

	(void)state;
	assert_int_equal(test_write(p, "first", why), 0);
	test_contents(p, "first");
	assert_int_equal(stat(p, &before), 0);
	/* Replaced atomically: a new inode, never the old one truncated. */
	assert_int_equal(test_write(p, "second", why), 0);
	test_contents(p, "second");
	assert_int_equal(stat(p, &after), 0);
	assert_true(S_ISREG(after.st_mode));
	assert_int_not_equal(before.st_ino, after.st_ino);
}

static void test_symlink_kept(void **state)
{
	char why[TC_FILE_WHY_LEN];
	const char *link = test_path("link");
	struct stat st;

	(void)state;
	assert_int_equal(test_write(test_path("linked"), "old old old", why),
			 0);
	assert_int_equal(symlink("linked", link), 0);
	assert_int_equal(test_write(link, "new", why), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	test_contents(test_path("linked"), "new");

	/* A link to nothing is not replaced by a file. */
	assert_int_equal(symlink("nowhere", test_path("dangling")), 0);
	assert_int_equal(test_write(test_path("dangling"), "x", why), -ENOENT);
	assert_string_equal(why, "a symbolic link to nothing: refusing to "
			    "replace it");
	assert_int_equal(lstat(test_path("dangling"), &st), 0);
	assert_true(S_ISLNK(st.st_mode));
}

static void *test_fifo_reader(void *arg)
{
	static char buf[64];
	int fd = open(arg, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return NULL;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static void test_fifo_written_through(void **state)
{
	char why[TC_FILE_WHY_LEN];
	const char *p = test_path("fifo");
	pthread_t t;
	void *got;
	struct stat st;

	(void)state;
	assert_int_equal(mkfifo(p, 0600), 0);
	assert_int_equal(pthread_create(&t, NULL, test_fifo_reader,
					(void *)p), 0);
	assert_int_equal(test_write(p, "through", why), 0);
	assert_int_equal(pthread_join(t, &got), 0);
	assert_non_null(got);
	assert_string_equal(got, "through");
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
}

static void test_char_device_kept(void **state)
{
	char why[TC_FILE_WHY_LEN];
	const char *p = test_path("null");
	struct stat st;

	(void)state;
	/* The machine's /dev/null through a link, and one of our own
	 * when we may make devices. */
	assert_int_equal(symlink("/dev/null", test_path("devnull")), 0);
	assert_int_equal(test_write(test_path("devnull"), "gone", why), 0);
	assert_int_equal(lstat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	if (mknod(p, S_IFCHR | 0666, makedev(1, 3))) {
		print_message("no device of our own: mknod: %s\n",
			      strerror(errno));
		return;
	}
	assert_int_equal(test_write(p, "gone", why), 0);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISCHR(st.st_mode));
}

static void test_refused(void **state)
{
	char why[TC_FILE_WHY_LEN], p[96];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct stat st;
	int s;

	(void)state;
	assert_int_equal(mkdir(test_path("sub"), 0700), 0);
	assert_int_equal(test_write(test_path("sub"), "x", why), -EISDIR);
	assert_string_equal(why, "a directory: refusing to write it");

	snprintf(p, sizeof(p), "%s/sock", dir);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(s >= 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", p);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(test_write(p, "x", why), -EINVAL);
	assert_string_equal(why, "a socket: refusing to write it");
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISSOCK(st.st_mode));
	close(s);

	/* A directory that is not there: nothing is created. */
	assert_int_equal(test_write(test_path("none/file"), "x", why),
			 -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_and_regular),
		cmocka_unit_test(test_symlink_kept),
		cmocka_unit_test(test_fifo_written_through),
		cmocka_unit_test(test_char_device_kept),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests_name("tc_file", tests, test_setup,
					   test_teardown);
}
