/* Line-buffered logging shared by tee-core, the TA host and the supplicant. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tc_log.h"

static const char *log_prog = "teecheck";

void tc_log_init(const char *prog)
{
	log_prog = prog;
}

void tc_log(const char *level, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "%s[%d]: %s: ", log_prog,
		     (int)getpid(), level);
	if (n < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	n = (int)strlen(line);
	line[n++] = '\n';
	/* One write per line so lines of several processes do not mix. */
	if (write(STDERR_FILENO, line, (size_t)n) < 0)
		return;
}
