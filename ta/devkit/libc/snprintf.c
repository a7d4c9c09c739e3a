/*
 * snprintf/vsnprintf of the TA libc: the C99 subset TAs and the trace
 * facility use (see stdio.h), with no floating point and no allocation.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FMT_LEFT	(1u << 0)	/* '-' */
#define FMT_ZERO	(1u << 1)	/* '0' */
#define FMT_PLUS	(1u << 2)	/* '+' */
#define FMT_SPACE	(1u << 3)	/* ' ' */
#define FMT_ALT		(1u << 4)	/* '#' */

enum fmt_length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG,
		  LEN_SIZE, LEN_PTRDIFF, LEN_INTMAX };

struct fmt_out {
	char *buf;
	size_t size;
	size_t len;	/* what the complete output needs, may exceed size */
};

struct fmt_spec {
	unsigned int flags;
	int width;
	int prec;	/* -1: none given */
	enum fmt_length length;
};

static void fmt_putc(struct fmt_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void fmt_puts(struct fmt_out *o, const char *s, size_t n)
{
	while (n--)
		fmt_putc(o, *s++);
}

static void fmt_pad(struct fmt_out *o, char c, int n)
{
	while (n-- > 0)
		fmt_putc(o, c);
}

/* Emits prefix, zeros and digits inside the field width. */
static void fmt_field(struct fmt_out *o, const struct fmt_spec *sp,
		      const char *prefix, int nzeros, const char *digits,
		      int ndigits)
{
	int plen = (int)strlen(prefix);
	int fill = sp->width - plen - nzeros - ndigits;

	if (!(sp->flags & FMT_LEFT))
		fmt_pad(o, ' ', fill);
	fmt_puts(o, prefix, (size_t)plen);
	fmt_pad(o, '0', nzeros);
	fmt_puts(o, digits, (size_t)ndigits);
	if (sp->flags & FMT_LEFT)
		fmt_pad(o, ' ', fill);
}

static void fmt_integer(struct fmt_out *o, const struct fmt_spec *sp,
			uintmax_t v, bool negative, char conv)
{
	static const char lower[] = "0123456789abcdef";
	static const char upper[] = "0123456789ABCDEF";
	const char *digitset = conv == 'X' ? upper : lower;
	unsigned int base = 10;
	char digits[3 * sizeof(uintmax_t)];
	int ndigits = 0;
	char prefix[3] = "";
	int nzeros = 0;
	int i;

	if (conv == 'x' || conv == 'X' || conv == 'p')
		base = 16;
	else if (conv == 'o')
		base = 8;

	/* Digits are produced backwards, then reversed in place. */
	while (v) {
		digits[ndigits++] = digitset[v % base];
		v /= base;
	}
	for (i = 0; i < ndigits / 2; i++) {
		char t = digits[i];

		digits[i] = digits[ndigits - 1 - i];
		digits[ndigits - 1 - i] = t;
	}
	/* Zero prints one digit unless the precision is explicitly 0. */
	if (!ndigits && sp->prec != 0)
		digits[ndigits++] = '0';

	if (negative)
		strcpy(prefix, "-");
	else if (conv == 'd' || conv == 'i') {
		if (sp->flags & FMT_PLUS)
			strcpy(prefix, "+");
		else if (sp->flags & FMT_SPACE)
			strcpy(prefix, " ");
	}
	if (conv == 'p' || ((sp->flags & FMT_ALT) && base == 16 &&
			    ndigits && digits[0] != '0'))
		strcpy(prefix, conv == 'X' ? "0X" : "0x");

	if (sp->prec > ndigits)
		nzeros = sp->prec - ndigits;
	if (conv == 'o' && (sp->flags & FMT_ALT) && !nzeros &&
	    (!ndigits || digits[0] != '0'))
		nzeros = 1;
	if ((sp->flags & FMT_ZERO) && !(sp->flags & FMT_LEFT) &&
	    sp->prec < 0) {
		int room = sp->width - (int)strlen(prefix) - ndigits;

		if (room > nzeros)
			nzeros = room;
	}
	fmt_field(o, sp, prefix, nzeros, digits, ndigits);
}

static uintmax_t fmt_arg_unsigned(va_list *ap, enum fmt_length len)
{
	switch (len) {
	case LEN_CHAR:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG:
		return va_arg(*ap, unsigned long);
	case LEN_LLONG:
		return va_arg(*ap, unsigned long long);
	case LEN_SIZE:
		return va_arg(*ap, size_t);
	case LEN_PTRDIFF:
		return (uintmax_t)va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static intmax_t fmt_arg_signed(va_list *ap, enum fmt_length len)
{
	switch (len) {
	case LEN_CHAR:
		return (signed char)va_arg(*ap, int);
	case LEN_SHORT:
		return (short)va_arg(*ap, int);
	case LEN_LONG:
		return va_arg(*ap, long);
	case LEN_LLONG:
		return va_arg(*ap, long long);
	case LEN_SIZE:
		/* the signed type of size_t's width */
		return (ptrdiff_t)va_arg(*ap, size_t);
	case LEN_PTRDIFF:
		return va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static int fmt_number(const char **p)
{
	int n = 0;

	while (**p >= '0' && **p <= '9') {
		if (n < 100000)
			n = n * 10 + (**p - '0');
		(*p)++;
	}
	return n;
}

/* Parses flags, width, precision and length after a '%'. */
static const char *fmt_parse_spec(const char *p, struct fmt_spec *sp,
				  va_list *ap)
{
	sp->flags = 0;
	sp->width = 0;
	sp->prec = -1;
	sp->length = LEN_INT;

	for (;; p++) {
		if (*p == '-')
			sp->flags |= FMT_LEFT;
		else if (*p == '0')
			sp->flags |= FMT_ZERO;
		else if (*p == '+')
			sp->flags |= FMT_PLUS;
		else if (*p == ' ')
			sp->flags |= FMT_SPACE;
		else if (*p == '#')
			sp->flags |= FMT_ALT;
		else
			break;
	}

	if (*p == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->flags |= FMT_LEFT;
			sp->width = sp->width == INT_MIN ? 0 : -sp->width;
		}
		p++;
	} else {
		sp->width = fmt_number(&p);
	}

	if (*p == '.') {
		p++;
		if (*p == '*') {
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
			p++;
		} else {
			sp->prec = fmt_number(&p);
		}
	}

	switch (*p) {
	case 'h':
		p++;
		sp->length = LEN_SHORT;
		if (*p == 'h') {
			p++;
			sp->length = LEN_CHAR;
		}
		break;
	case 'l':
		p++;
		sp->length = LEN_LONG;
		if (*p == 'l') {
			p++;
			sp->length = LEN_LLONG;
		}
		break;
	case 'z':
		p++;
		sp->length = LEN_SIZE;
		break;
	case 't':
		p++;
		sp->length = LEN_PTRDIFF;
		break;
	case 'j':
		p++;
		sp->length = LEN_INTMAX;
		break;
	default:
		break;
	}
	return p;
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      va_list ap)
{
	struct fmt_out o = { .buf = buf, .size = size, .len = 0 };
	struct fmt_spec sp;
	va_list args;
	const char *p = fmt;

	va_copy(args, ap);
	while (*p) {
		const char *start = p;

		if (*p != '%') {
			fmt_putc(&o, *p++);
			continue;
		}
		p = fmt_parse_spec(p + 1, &sp, &args);

		switch (*p) {
		case 'd':
		case 'i': {
			intmax_t v = fmt_arg_signed(&args, sp.length);
			uintmax_t mag = v < 0 ? -(uintmax_t)v : (uintmax_t)v;

			fmt_integer(&o, &sp, mag, v < 0, *p);
			break;
		}
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			fmt_integer(&o, &sp, fmt_arg_unsigned(&args, sp.length),
				    false, *p);
			break;
		case 'p':
			fmt_integer(&o, &sp,
				    (uintptr_t)va_arg(args, void *), false, 'p');
			break;
		case 'c': {
			char c = (char)va_arg(args, int);

			fmt_field(&o, &sp, "", 0, &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(args, const char *);
			size_t n;

			if (!s)
				s = "(null)";
			n = sp.prec >= 0 ? strnlen(s, (size_t)sp.prec) :
					   strlen(s);
			fmt_field(&o, &sp, "", 0, s, (int)n);
			break;
		}
		case '%':
			fmt_putc(&o, '%');
			break;
		default:
			/* Unknown or cut short: show it as written. */
			if (!*p) {
				fmt_puts(&o, start, (size_t)(p - start));
				continue;
			}
			fmt_puts(&o, start, (size_t)(p + 1 - start));
			break;
		}
		p++;
	}
	va_end(args);

	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > INT_MAX ? -1 : (int)o.len;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
