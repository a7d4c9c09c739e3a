/*
 * How a generated GP case reports a failed expectation: one line naming
 * the XML location and what differed, then a cmocka failure there.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "gp_runtime.h"

void gp_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	print_error("%s:%d: %s\n", file, line, msg);
	_fail(file, line);
	abort();	/* _fail leaves the test; never reached */
}

void gp_expect_result(const char *file, int line, const char *exp_name,
		      uint32_t exp, uint32_t got)
{
	if (exp == TEEC_UNDEFINED_ERROR || exp == got)
		return;
	gp_fail(file, line, "expected %s got 0x%08x", exp_name, got);
}

void gp_expect_origin(const char *file, int line, const char *exp_name,
		      uint32_t exp, uint32_t got)
{
	if (exp == GP_ORIGIN_ANY || exp == got)
		return;
	if (exp == TEEC_ORIGIN_ANY_NOT_TRUSTED_APP &&
	    got != TEEC_ORIGIN_TRUSTED_APP)
		return;
	gp_fail(file, line, "expected origin %s got 0x%08x", exp_name, got);
}

void gp_expect_u32(const char *file, int line, const char *what,
		   uint32_t exp, uint32_t got)
{
	if (exp == got)
		return;
	gp_fail(file, line, "expected %s 0x%08x got 0x%08x", what, exp, got);
}
