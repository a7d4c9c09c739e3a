/*
 * The TA log: formats one line and passes it to the host's log syscall.
 * printf and puts of the libc write there too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <trace.h>
#include <utee_syscalls.h>

static char trace_level_char(int level)
{
	switch (level) {
	case TRACE_ERROR:
		return 'E';
	case TRACE_INFO:
		return 'I';
	case TRACE_DEBUG:
		return 'D';
	case 0:
		return 'M';
	default:
		return 'F';
	}
}

/* Sends buf[0..len) as one line, without its trailing newline. */
static void trace_send(char *buf, size_t len, size_t size)
{
	if (len > size - 1)
		len = size - 1;
	if (len && buf[len - 1] == '\n')
		len--;
	utee_log(buf, len);
}

void trace_printf(int level, const char *func, int line, const char *fmt, ...)
{
	char buf[TRACE_MAX_LEN];
	size_t len;
	va_list ap;
	int n;

	if (level == TRACE_INFO)
		n = snprintf(buf, sizeof(buf), "I/TA: ");
	else
		n = snprintf(buf, sizeof(buf), "%c/TA: %s:%d: ",
			     trace_level_char(level), func, line);
	if (n < 0)
		return;
	len = (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1;

	va_start(ap, fmt);
	n = vsnprintf(buf + len, sizeof(buf) - len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	trace_send(buf, len + (size_t)n, sizeof(buf));
}

void trace_printf_raw(int level, const char *fmt, ...)
{
	char buf[TRACE_MAX_LEN];
	va_list ap;
	int n;

	(void)level;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= 0)
		trace_send(buf, (size_t)n, sizeof(buf));
}

int vprintf(const char *restrict fmt, va_list ap)
{
	char buf[TRACE_MAX_LEN];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n >= 0)
		trace_send(buf, (size_t)n, sizeof(buf));
	return n;
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	printf("%s", s);
	return 1;
}
