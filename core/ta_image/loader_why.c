/* The reason the loader gives for rejecting an image. */
#include <stdarg.h>
#include <stdio.h>

#include "loader_why.h"

TEE_Result loader_fail(TEE_Result res, char *why, size_t whylen,
		       const char *fmt, ...)
{
	va_list ap;

	if (why && whylen) {
		va_start(ap, fmt);
		vsnprintf(why, whylen, fmt, ap);
		va_end(ap);
	}
	return res;
}
