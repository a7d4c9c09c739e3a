/*
 * Number parsing of the TA libc: strto[u]l[l] as C99 has them (leading
 * space, sign, 0x/0 prefixes with base 0 or 16, saturation on overflow),
 * with no errno: a TA has none.
 */
#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

static int strto_digit(char c)
{
	if (isdigit((unsigned char)c))
		return c - '0';
	if (isalpha((unsigned char)c))
		return tolower((unsigned char)c) - 'a' + 10;
	return 99;
}

/*
 * The magnitude, saturated at max; *neg the sign. *end: after the number,
 * or s when there is none.
 */
static unsigned long long strto_parse(const char *s, char **end, int base,
				      unsigned long long max, bool *neg)
{
	const char *p = s;
	unsigned long long v = 0;
	bool any = false, over = false;

	while (isspace((unsigned char)*p))
		p++;
	*neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && strto_digit(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	if (base < 2 || base > 36) {
		if (end)
			*end = (char *)s;
		return 0;
	}
	for (; strto_digit(*p) < base; p++) {
		unsigned int d = (unsigned int)strto_digit(*p);

		any = true;
		if (v > (max - d) / (unsigned int)base)
			over = true;
		else
			v = v * (unsigned int)base + d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return over ? max : v;
}

unsigned long long strtoull(const char *restrict s, char **restrict end,
			    int base)
{
	bool neg;
	unsigned long long v = strto_parse(s, end, base, ULLONG_MAX, &neg);

	return neg ? -v : v;
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	bool neg;
	unsigned long v = (unsigned long)strto_parse(s, end, base, ULONG_MAX,
						     &neg);

	return neg ? -v : v;
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	bool neg;
	unsigned long long v = strto_parse(s, end, base,
					   (unsigned long long)LLONG_MAX + 1,
					   &neg);

	if (neg)
		return v > (unsigned long long)LLONG_MAX ? LLONG_MIN : -(long long)v;
	return v > (unsigned long long)LLONG_MAX ? LLONG_MAX : (long long)v;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	long long v = strtoll(s, end, base);

	if (v > LONG_MAX)
		return LONG_MAX;
	if (v < LONG_MIN)
		return LONG_MIN;
	return (long)v;
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

int abs(int v)
{
	return v < 0 ? -v : v;
}

long labs(long v)
{
	return v < 0 ? -v : v;
}
