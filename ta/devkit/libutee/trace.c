/* The TA log: formats one line and passes it to the host's log syscall. */
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
	default:
		return 'F';
	}
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
	len += (size_t)n;
	if (len > sizeof(buf) - 1)
		len = sizeof(buf) - 1;
	if (len && buf[len - 1] == '\n')
		len--;
	utee_log(buf, len);
}
