/*
 * Unit tests of the TA libc (string functions, snprintf, the heap, ctype,
 * qsort, number parsing), built
 * from the same sources as the TA copy but with tlibc_-prefixed names.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../include/ctype.h"
#include "../include/inttypes.h"
#include "../include/stdio.h"
#include "../include/stdlib.h"
#include "../include/string.h"
#include "../include/strings.h"
#include "../include/ta_heap.h"

uint8_t ta_heap[64 * 1024] __attribute__((aligned(TA_HEAP_ALIGN)));
const size_t ta_heap_size = sizeof(ta_heap);

/* Formats into a roomy buffer and checks both the text and the count. */
#define EXPECT_FMT(expected, ...)					\
	do {								\
		char buf_[128];						\
		int n_ = snprintf(buf_, sizeof(buf_), __VA_ARGS__);	\
		assert_string_equal(buf_, (expected));			\
		assert_int_equal(n_, (int)strlen(expected));		\
	} while (0)

/*
 * The same for inputs the compiler's format check rightly warns about but
 * that have a defined result all the same: the format goes through a
 * function the check cannot see into.
 */
static int fmt_unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#define EXPECT_FMT_UNCHECKED(expected, ...)				\
	do {								\
		char buf_[128];						\
		int n_ = fmt_unchecked(buf_, sizeof(buf_), __VA_ARGS__);	\
		assert_string_equal(buf_, (expected));			\
		assert_int_equal(n_, (int)strlen(expected));		\
	} while (0)

static void test_fmt_signed(void **state)
{
	(void)state;
	EXPECT_FMT("0", "%d", 0);
	EXPECT_FMT("-42", "%d", -42);
	EXPECT_FMT("7", "%i", 7);
	EXPECT_FMT("-2147483648", "%d", INT_MIN);
	EXPECT_FMT("2147483647", "%i", INT_MAX);
	EXPECT_FMT("+5", "%+d", 5);
	EXPECT_FMT(" 5", "% d", 5);
	EXPECT_FMT("-1234567890123", "%ld", -1234567890123L);
	EXPECT_FMT("-9223372036854775808", "%lld", LLONG_MIN);
	EXPECT_FMT("-1", "%hd", 65535);
	EXPECT_FMT("-2", "%zd", (size_t)-2);
}

static void test_fmt_unsigned(void **state)
{
	(void)state;
	EXPECT_FMT("4294967295", "%u", 4294967295u);
	EXPECT_FMT("deadbeef", "%x", 0xdeadbeefu);
	EXPECT_FMT("DEADBEEF", "%X", 0xdeadbeefu);
	EXPECT_FMT("10", "%o", 8u);
	EXPECT_FMT("18446744073709551615", "%lu", ULONG_MAX);
	EXPECT_FMT("123456789abcdef", "%lx", 0x123456789abcdefUL);
	EXPECT_FMT("18446744073709551615", "%llu", ULLONG_MAX);
	EXPECT_FMT("fedcba9876543210", "%llx", 0xfedcba9876543210ULL);
	EXPECT_FMT("123456", "%zu", (size_t)123456);
	EXPECT_FMT("abc", "%zx", (size_t)0xabc);
	EXPECT_FMT("1", "%hhu", 257);
}

static void test_fmt_width_and_precision(void **state)
{
	(void)state;
	EXPECT_FMT("   42", "%5d", 42);
	EXPECT_FMT("42   |", "%-5d|", 42);
	EXPECT_FMT("00042", "%05d", 42);
	EXPECT_FMT("-0042", "%05d", -42);
	EXPECT_FMT("0000beef", "%08x", 0xbeefu);
	EXPECT_FMT("007", "%.3d", 7);
	EXPECT_FMT("    -007", "%8.3d", -7);
	EXPECT_FMT_UNCHECKED("   07", "%05.2d", 7);
	EXPECT_FMT("", "%.0d", 0);
	EXPECT_FMT("   7", "%*d", 4, 7);
	EXPECT_FMT("7   ", "%*d", -4, 7);
	EXPECT_FMT("+0042", "%+05d", 42);
}

static void test_fmt_alternate(void **state)
{
	(void)state;
	EXPECT_FMT("0xff", "%#x", 255u);
	EXPECT_FMT("0XFF", "%#X", 255u);
	EXPECT_FMT("0", "%#x", 0u);
	EXPECT_FMT("010", "%#o", 8u);
	EXPECT_FMT("0x00ff", "%#06x", 255u);
}

static void test_fmt_pointer(void **state)
{
	(void)state;
	EXPECT_FMT("0x1234", "%p", (void *)0x1234);
	EXPECT_FMT("0x0", "%p", NULL);
	EXPECT_FMT("    0x1234", "%10p", (void *)0x1234);
	EXPECT_FMT("0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
}

static void test_fmt_strings_and_chars(void **state)
{
	(void)state;
	EXPECT_FMT("abc", "%s", "abc");
	EXPECT_FMT("  abc", "%5s", "abc");
	EXPECT_FMT("abc  |", "%-5s|", "abc");
	EXPECT_FMT("ab", "%.2s", "abc");
	EXPECT_FMT("ab", "%.*s", 2, "abcdef");
	EXPECT_FMT("   ab", "%5.2s", "abcdef");
	EXPECT_FMT_UNCHECKED("(null)", "%s", (char *)NULL);
	EXPECT_FMT("x", "%c", 'x');
	EXPECT_FMT("  x", "%3c", 'x');
	EXPECT_FMT("100%", "100%%");
	EXPECT_FMT("a=1 b=two c=3", "a=%d b=%s c=%c", 1, "two", '3');
}

static void test_fmt_unknown_conversion_copied(void **state)
{
	/* not a literal, so the compiler's format check leaves it alone */
	const char *fmt = "%y|%d|%";
	char buf[32];

	(void)state;
	assert_int_equal(snprintf(buf, sizeof(buf), fmt, 5), 6);
	assert_string_equal(buf, "%y|5|%");
}

static void test_fmt_truncation(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(snprintf(buf, 5, "hello world"), 11);
	assert_string_equal(buf, "hell");
	assert_int_equal(buf[5], 'Z');

	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(snprintf(buf, 0, "%d", 12345), 5);
	assert_int_equal(buf[0], 'Z');

	assert_int_equal(snprintf(buf, 1, "%s", "abc"), 3);
	assert_string_equal(buf, "");

	assert_int_equal(snprintf(NULL, 0, "%08x", 1u), 8);
}

static void test_mem_copy_and_move(void **state)
{
	char buf[8];

	(void)state;
	assert_ptr_equal(memcpy(buf, "abcdefg", 8), buf);
	assert_string_equal(buf, "abcdefg");

	assert_ptr_equal(memmove(buf + 1, buf, 4), buf + 1);
	assert_string_equal(buf, "aabcdfg");

	memcpy(buf, "abcdefg", 8);
	assert_ptr_equal(memmove(buf, buf + 1, 4), buf);
	assert_string_equal(buf, "bcdeefg");

	assert_ptr_equal(memset(buf, 'x', 3), buf);
	assert_string_equal(buf, "xxxeefg");
	memset(buf, 0x141, 1);
	assert_int_equal(buf[0], 0x41);
}

static void test_mem_compare_and_search(void **state)
{
	static const char s[] = "hello";

	(void)state;
	assert_int_equal(memcmp("abc", "abc", 3), 0);
	assert_true(memcmp("abd", "abc", 3) > 0);
	assert_true(memcmp("a\x01", "a\x80", 2) < 0);
	assert_int_equal(memcmp("x", "y", 0), 0);

	assert_ptr_equal(memchr(s, 'l', 5), s + 2);
	assert_null(memchr(s, 'o', 4));
	assert_ptr_equal(memchr(s, '\0', 6), s + 5);
}

static void test_str_length_and_compare(void **state)
{
	(void)state;
	assert_int_equal(strlen(""), 0);
	assert_int_equal(strlen("hello"), 5);
	assert_int_equal(strnlen("hello", 3), 3);
	assert_int_equal(strnlen("hi", 10), 2);

	assert_int_equal(strcmp("abc", "abc"), 0);
	assert_true(strcmp("abc", "abd") < 0);
	assert_true(strcmp("abcd", "abc") > 0);
	assert_true(strcmp("\xff", "a") > 0);
	assert_int_equal(strncmp("abcX", "abcY", 3), 0);
	assert_true(strncmp("abcX", "abcY", 4) < 0);
	assert_int_equal(strncmp("ab", "ab", 10), 0);
}

static void test_str_search_and_copy(void **state)
{
	static const char s[] = "a/b/c";
	char buf[4];

	(void)state;
	assert_ptr_equal(strchr(s, '/'), s + 1);
	assert_ptr_equal(strrchr(s, '/'), s + 3);
	assert_ptr_equal(strchr(s, '\0'), s + 5);
	assert_null(strchr(s, 'z'));
	assert_null(strrchr(s, 'z'));

	assert_ptr_equal(strcpy(buf, "xyz"), buf);
	assert_string_equal(buf, "xyz");
	assert_int_equal(strlcpy(buf, "abcdef", sizeof(buf)), 6);
	assert_string_equal(buf, "abc");
	assert_int_equal(strlcpy(buf, "q", sizeof(buf)), 1);
	assert_string_equal(buf, "q");
}

static void test_heap_alignment_and_independence(void **state)
{
	uint8_t *p[8];
	size_t i;

	(void)state;
	for (i = 0; i < 8; i++) {
		p[i] = malloc(i * 7 + 1);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % 16, 0);
		memset(p[i], (int)i, i * 7 + 1);
	}
	for (i = 0; i < 8; i++) {
		size_t k;

		for (k = 0; k < i * 7 + 1; k++)
			assert_int_equal(p[i][k], i);
	}
	for (i = 0; i < 8; i++)
		free(p[i]);
}

static void test_heap_zero_size_is_unique(void **state)
{
	void *a = malloc(0);
	void *b = malloc(0);

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	free(a);
	free(b);
	free(NULL);
}

static void test_heap_exhaustion_and_coalescing(void **state)
{
	void *blocks[4096];
	size_t n = 0;
	size_t i;
	void *big;

	(void)state;
	assert_null(malloc(ta_heap_size));
	/* fill the heap with small blocks until it refuses */
	while (n < 4096 && (blocks[n] = malloc(40)))
		n++;
	assert_true(n > 100);
	assert_true(n < 4096);
	assert_null(malloc(ta_heap_size / 2));

	/* free in an order that leaves free neighbours on both sides */
	for (i = 0; i < n; i += 2)
		free(blocks[i]);
	for (i = 1; i < n; i += 2)
		free(blocks[i]);

	big = malloc(ta_heap_size - 256);
	assert_non_null(big);
	free(big);
}

static void test_heap_calloc(void **state)
{
	uint8_t *p;
	size_t i;

	(void)state;
	p = malloc(256);
	memset(p, 0xaa, 256);
	free(p);
	p = calloc(16, 16);
	assert_non_null(p);
	for (i = 0; i < 256; i++)
		assert_int_equal(p[i], 0);
	free(p);
	assert_null(calloc(SIZE_MAX / 2, 4));
}

static void test_heap_zero_fill_sticks_on_growth(void **state)
{
	uint8_t *p = calloc(1, 10);
	uint8_t *blocker;
	size_t i;

	(void)state;
	assert_non_null(p);
	memset(p, 0xff, 10);
	p = realloc(p, 4);
	assert_non_null(p);
	/* grows in place: bytes 4..99 must read as zero, old 0xff included */
	p = realloc(p, 100);
	assert_non_null(p);
	for (i = 0; i < 4; i++)
		assert_int_equal(p[i], 0xff);
	for (i = 4; i < 100; i++)
		assert_int_equal(p[i], 0);

	/* and when it has to move */
	memset(p, 0xee, 100);
	blocker = malloc(1);
	p = realloc(p, 5000);
	assert_non_null(p);
	for (i = 0; i < 100; i++)
		assert_int_equal(p[i], 0xee);
	for (i = 100; i < 5000; i++)
		assert_int_equal(p[i], 0);
	free(blocker);
	free(p);

	p = heap_alloc(64, true);
	assert_non_null(p);
	for (i = 0; i < 64; i++)
		assert_int_equal(p[i], 0);
	free(p);
}

static void test_heap_realloc(void **state)
{
	uint8_t *p;
	uint8_t *q;
	uint8_t *blocker;
	size_t i;

	(void)state;
	assert_null(realloc(NULL, ta_heap_size));
	p = realloc(NULL, 32);
	assert_non_null(p);
	for (i = 0; i < 32; i++)
		p[i] = (uint8_t)i;

	/* shrinking keeps the block and its first bytes */
	q = realloc(p, 16);
	assert_ptr_equal(q, p);
	for (i = 0; i < 16; i++)
		assert_int_equal(q[i], i);

	/* growing into a used neighbour moves the data */
	blocker = malloc(16);
	assert_non_null(blocker);
	q = realloc(p, 4000);
	assert_non_null(q);
	for (i = 0; i < 16; i++)
		assert_int_equal(q[i], i);

	assert_null(realloc(q, ta_heap_size));
	for (i = 0; i < 16; i++)
		assert_int_equal(q[i], i);
	free(q);
	free(blocker);
}

static void test_fmt_inttypes(void **state)
{
	(void)state;
	EXPECT_FMT("18446744073709551615", "%" PRIu64, UINT64_MAX);
	EXPECT_FMT("-9223372036854775808", "%" PRId64, INT64_MIN);
	EXPECT_FMT("ffffffff:4294967295", "%" PRIx32 ":%" PRIu32, UINT32_MAX,
		   UINT32_MAX);
	EXPECT_FMT("DEADBEEF", "%" PRIX32, (uint32_t)0xdeadbeef);
	EXPECT_FMT("1234", "%" PRIxPTR, (uintptr_t)0x1234);
}

static void test_str_more(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_ptr_equal(strncpy(buf, "ab", 5), buf);
	assert_memory_equal(buf, "ab\0\0\0xxx", 8);
	strlcpy(buf, "abc", sizeof(buf));
	assert_int_equal(strlcat(buf, "defgh", sizeof(buf)), 8);
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(strlcat(buf, "z", 3), 4);
	assert_string_equal(strstr("haystack", "st"), "stack");
	assert_null(strstr("haystack", "needle"));
	assert_string_equal(strstr("abc", ""), "abc");
	assert_int_equal(strcasecmp("HeLLo", "hello"), 0);
	assert_true(strcasecmp("abc", "ABD") < 0);
	assert_int_equal(strncasecmp("abcX", "ABCy", 3), 0);
}

static void test_str_dup(void **state)
{
	char *a, *b;

	(void)state;
	a = strdup("teecheck");
	b = strndup("teecheck", 3);
	assert_string_equal(a, "teecheck");
	assert_string_equal(b, "tee");
	free(a);
	free(b);
}

static void test_ctype(void **state)
{
	(void)state;
	assert_true(isdigit('7') && !isdigit('a'));
	assert_true(isxdigit('F') && isxdigit('a') && !isxdigit('g'));
	assert_true(isspace('\t') && isspace(' ') && !isspace('x'));
	assert_true(isalpha('Q') && !isalpha('1') && isalnum('1'));
	assert_true(ispunct('!') && !ispunct('a') && !ispunct(' '));
	assert_true(isprint(' ') && !isgraph(' ') && iscntrl('\n'));
	assert_int_equal(tolower('A'), 'a');
	assert_int_equal(toupper('z'), 'Z');
	assert_int_equal(toupper('1'), '1');
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void test_qsort_bsearch(void **state)
{
	int v[] = { 5, -3, 9, 0, 5, 12, -7, 1, 8, 2, 2 };
	const int sorted[] = { -7, -3, 0, 1, 2, 2, 5, 5, 8, 9, 12 };
	int key = 8, missing = 3;
	int *hit;

	(void)state;
	qsort(v, sizeof(v) / sizeof(v[0]), sizeof(v[0]), cmp_int);
	assert_memory_equal(v, sorted, sizeof(v));
	hit = bsearch(&key, v, sizeof(v) / sizeof(v[0]), sizeof(v[0]), cmp_int);
	assert_ptr_equal(hit, &v[8]);
	assert_null(bsearch(&missing, v, sizeof(v) / sizeof(v[0]),
			    sizeof(v[0]), cmp_int));
	qsort(v, 0, sizeof(v[0]), cmp_int);
}

static void test_strtol(void **state)
{
	const char *s = "  -0x1fz";
	char *end;

	(void)state;
	assert_int_equal(strtol(s, &end, 0), -31);
	assert_ptr_equal(end, s + 7);
	assert_int_equal(strtoul("777", NULL, 8), 511);
	assert_int_equal(strtoul("0777", NULL, 0), 511);
	assert_int_equal(strtoul("z", &end, 36), 35);
	assert_true(strtoull("99999999999999999999999", NULL, 10) ==
		    ULLONG_MAX);
	assert_true(strtoll("-99999999999999999999999", NULL, 10) ==
		    LLONG_MIN);
	assert_true(strtol("9223372036854775808", NULL, 10) == LONG_MAX);
	s = "nothing";
	assert_int_equal(strtol(s, &end, 10), 0);
	assert_ptr_equal(end, s);
	assert_int_equal(atoi("42abc"), 42);
	assert_int_equal(abs(-5), 5);
	assert_int_equal(labs(-6L), 6);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fmt_signed),
		cmocka_unit_test(test_fmt_unsigned),
		cmocka_unit_test(test_fmt_width_and_precision),
		cmocka_unit_test(test_fmt_alternate),
		cmocka_unit_test(test_fmt_pointer),
		cmocka_unit_test(test_fmt_strings_and_chars),
		cmocka_unit_test(test_fmt_unknown_conversion_copied),
		cmocka_unit_test(test_fmt_truncation),
		cmocka_unit_test(test_mem_copy_and_move),
		cmocka_unit_test(test_mem_compare_and_search),
		cmocka_unit_test(test_str_length_and_compare),
		cmocka_unit_test(test_str_search_and_copy),
		cmocka_unit_test(test_heap_alignment_and_independence),
		cmocka_unit_test(test_heap_zero_size_is_unique),
		cmocka_unit_test(test_heap_exhaustion_and_coalescing),
		cmocka_unit_test(test_heap_calloc),
		cmocka_unit_test(test_heap_zero_fill_sticks_on_growth),
		cmocka_unit_test(test_heap_realloc),
		cmocka_unit_test(test_fmt_inttypes),
		cmocka_unit_test(test_str_more),
		cmocka_unit_test(test_str_dup),
		cmocka_unit_test(test_ctype),
		cmocka_unit_test(test_qsort_bsearch),
		cmocka_unit_test(test_strtol),
	};

	return cmocka_run_group_tests_name("ta libc", tests, NULL, NULL);
}
