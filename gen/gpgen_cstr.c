/* Text for C source: XML names and paths made safe as literals and comments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpgen_cstr.h"

char *gpgen_cstr_literal(const char *s)
{
	/* Worst case: every byte becomes a four-character octal escape. */
	char *out = malloc(strlen(s) * 4 + 1);
	char *o = out;
	const unsigned char *c;

	if (!out)
		return NULL;
	for (c = (const unsigned char *)s; *c; c++) {
		if (*c == '"' || *c == '\\') {
			*o++ = '\\';
			*o++ = (char)*c;
		} else if (*c < 0x20 || *c >= 0x7f || *c == '?') {
			/* '?' too: no trigraph can form, whatever the mode. */
			o += sprintf(o, "\\%03o", *c);
		} else {
			*o++ = (char)*c;
		}
	}
	*o = '\0';
	return out;
}

char *gpgen_cstr_comment(const char *s)
{
	char *out = malloc(strlen(s) * 2 + 1);
	char *o = out;

	if (!out)
		return NULL;
	for (; *s; s++) {
		*o++ = (unsigned char)*s < 0x20 ? ' ' : *s;
		if ((s[0] == '*' && s[1] == '/') || (s[0] == '/' && s[1] == '*'))
			*o++ = ' ';
	}
	*o = '\0';
	return out;
}
