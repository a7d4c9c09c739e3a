/* Text that gpgen hands to the stylesheets for use inside C source. */
#ifndef GPGEN_CSTR_H
#define GPGEN_CSTR_H

/* s escaped for use between the quotes of a C string literal. */
char *gpgen_cstr_literal(const char *s);

/* s with every comment terminator broken up, for a C block comment. */
char *gpgen_cstr_comment(const char *s);

#endif
