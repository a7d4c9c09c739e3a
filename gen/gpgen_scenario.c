/*
 * Scenario identity: test IDs come from the code in a scenario's name and
 * nothing else; exclusion lists and duplicate codes.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpgen_scenario.h"

/* Far more than any GP code group; keeps IDs and symbols short. */
#define CODE_MAX_GROUP	16

int gpgen_code_valid(const char *s)
{
	int groups = 0;
	size_t len = 0;

	for (;; s++) {
		if (isalnum((unsigned char)*s)) {
			if (++len > CODE_MAX_GROUP)
				return 0;
			continue;
		}
		if (!len || (*s != '-' && *s))
			return 0;
		groups++;
		len = 0;
		if (!*s)
			return groups == 3;
	}
}

int gpgen_scenario_code(const char *name, char **code, char **title)
{
	const char *open, *close;
	size_t end = strlen(name);
	size_t tlen;
	char *c, *t;

	*code = NULL;
	*title = NULL;
	while (end && isspace((unsigned char)name[end - 1]))
		end--;
	if (!end || name[end - 1] != ')')
		return -EINVAL;
	close = name + end - 1;
	for (open = close; open > name && open[-1] != '('; open--)
		;
	if (open == name)
		return -EINVAL;
	c = strndup(open, (size_t)(close - open));
	if (!c)
		return -ENOMEM;
	if (!gpgen_code_valid(c)) {
		free(c);
		return -EINVAL;
	}
	for (t = c; *t; t++)
		*t = (char)tolower((unsigned char)*t);
	tlen = (size_t)(open - 1 - name);
	while (tlen && isspace((unsigned char)name[tlen - 1]))
		tlen--;
	t = tlen ? strndup(name, tlen) : strdup(name);
	if (!t) {
		free(c);
		return -ENOMEM;
	}
	*code = c;
	*title = t;
	return 0;
}

struct gpgen_code_use *gpgen_codes_find(struct gpgen_codes *c,
					const char *code)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].code, code))
			return c->v + i;
	return NULL;
}

int gpgen_codes_add(struct gpgen_codes *c, const char *code, const char *file,
		    long line, const struct gpgen_code_use **prev)
{
	struct gpgen_code_use *u = gpgen_codes_find(c, code);
	struct gpgen_code_use *v;

	if (u) {
		*prev = u;
		return 1;
	}
	v = realloc(c->v, (c->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	c->v = v;
	u = v + c->n;
	memset(u, 0, sizeof(*u));
	u->code = strdup(code);
	u->file = strdup(file);
	u->line = line;
	if (!u->code || !u->file) {
		free(u->code);
		free(u->file);
		return -ENOMEM;
	}
	c->n++;
	return 0;
}

void gpgen_codes_free(struct gpgen_codes *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].code);
		free(c->v[i].file);
	}
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

int gpgen_exclusions_load(struct gpgen_codes *x, const char *path,
			  struct gpgen_diag *d)
{
	struct gpgen_where w = { .file = path };
	const struct gpgen_code_use *prev;
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	int res = 0;

	if (!f) {
		res = -errno;
		gpgen_diag_error(d, &w, "cannot read: %s", strerror(-res));
		return res;
	}
	while (!res && getline(&line, &cap, f) >= 0) {
		char *s = line, *e, *p;

		w.line++;
		p = strchr(s, '#');
		if (p)
			*p = '\0';
		while (isspace((unsigned char)*s))
			s++;
		e = s + strlen(s);
		while (e > s && isspace((unsigned char)e[-1]))
			*--e = '\0';
		if (!*s)
			continue;
		if (!gpgen_code_valid(s)) {
			gpgen_diag_error(d, &w, "\"%s\" is not a scenario "
					 "code (xx-yy-zz)", s);
			res = -EINVAL;
			break;
		}
		for (p = s; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		res = gpgen_codes_add(x, s, path, w.line, &prev);
		if (res > 0)
			res = 0;	/* listed twice: still one exclusion */
	}
	if (!res && ferror(f)) {
		res = -EIO;
		gpgen_diag_error(d, &w, "cannot read: %s", strerror(EIO));
	}
	free(line);
	fclose(f);
	return res;
}
