/* Access patterns: which page of the working set each access touches. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps.h"

struct ps_pattern {
	enum ps_pattern_kind kind;
	unsigned int ws;
	unsigned int stride;
	unsigned int write_pct;
	uint64_t state;
	uint32_t cursor;
	double *cdf;		/* zipf: by rank */
	uint32_t *page_of;	/* zipf: rank -> page, a fixed shuffle */
};

static const char *const ps_names[] = {
	[PS_SEQ] = "seq", [PS_RANDOM] = "random", [PS_ZIPF] = "zipf",
	[PS_STRIDED] = "strided",
};

const char *ps_pattern_name(enum ps_pattern_kind k)
{
	return ps_names[k];
}

int ps_pattern_parse(const char *s, enum ps_pattern_kind *k)
{
	unsigned int i;

	for (i = 0; i < sizeof(ps_names) / sizeof(ps_names[0]); i++) {
		if (!strcmp(s, ps_names[i])) {
			*k = (enum ps_pattern_kind)i;
			return 0;
		}
	}
	return -1;
}

/* xorshift64*: reproducible from the seed, cheap. */
static uint32_t ps_rand(struct ps_pattern *p)
{
	p->state ^= p->state >> 12;
	p->state ^= p->state << 25;
	p->state ^= p->state >> 27;
	return (uint32_t)((p->state * 0x2545f4914f6cdd1dull) >> 32);
}

static double ps_unit(struct ps_pattern *p)
{
	return (ps_rand(p) + 0.5) / 4294967296.0;
}

static int ps_zipf_init(struct ps_pattern *p, double s)
{
	double sum = 0;
	uint32_t i;

	p->cdf = malloc(p->ws * sizeof(*p->cdf));
	p->page_of = malloc(p->ws * sizeof(*p->page_of));
	if (!p->cdf || !p->page_of)
		return -1;
	for (i = 0; i < p->ws; i++) {
		sum += 1.0 / pow(i + 1, s);
		p->cdf[i] = sum;
		p->page_of[i] = i;
	}
	for (i = 0; i < p->ws; i++)
		p->cdf[i] /= sum;
	/* Hot pages spread over the working set, not packed at its start. */
	for (i = p->ws - 1; i > 0; i--) {
		uint32_t j = ps_rand(p) % (i + 1), t = p->page_of[i];

		p->page_of[i] = p->page_of[j];
		p->page_of[j] = t;
	}
	return 0;
}

struct ps_pattern *ps_pattern_new(const struct ps_config *cfg, uint32_t seed)
{
	struct ps_pattern *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->kind = cfg->pattern;
	p->ws = cfg->ws;
	p->stride = cfg->stride;
	p->write_pct = cfg->write_pct;
	p->state = 0x9e3779b97f4a7c15ull ^ seed;
	if (p->kind == PS_ZIPF && ps_zipf_init(p, cfg->zipf_s)) {
		ps_pattern_free(p);
		return NULL;
	}
	return p;
}

uint32_t ps_pattern_next(struct ps_pattern *p)
{
	double u;
	uint32_t lo, hi, mid, page;

	switch (p->kind) {
	case PS_SEQ:
		page = p->cursor;
		p->cursor = (p->cursor + 1) % p->ws;
		return page;
	case PS_STRIDED:
		page = p->cursor;
		p->cursor = (uint32_t)(((uint64_t)p->cursor + p->stride) %
				       p->ws);
		return page;
	case PS_ZIPF:
		u = ps_unit(p);
		lo = 0;
		hi = p->ws - 1;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (p->cdf[mid] < u)
				lo = mid + 1;
			else
				hi = mid;
		}
		return p->page_of[lo];
	default:
		return ps_rand(p) % p->ws;
	}
}

bool ps_pattern_writes(struct ps_pattern *p)
{
	return ps_rand(p) % 100 < p->write_pct;
}

void ps_pattern_free(struct ps_pattern *p)
{
	if (!p)
		return;
	free(p->cdf);
	free(p->page_of);
	free(p);
}
