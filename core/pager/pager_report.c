/*
 * Fatal reports from the fault path: formatted without stdio into a buffer
 * on the stack, written with write(2), then abort() -- or, for an integrity
 * failure, the fatal hook tests install instead.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pager_internal.h"

/* Set by tests; survives pager_init() and pager_fini(). */
static struct {
	pager_fatal_hook_t fn;
	void *arg;
} hook;

/* Set by the program the pager runs in; survives init and fini too. */
static pager_symbolizer_t symbolizer;

struct report {
	char buf[512];
	size_t len;
};

static void put_str(struct report *m, const char *s)
{
	while (*s && m->len < sizeof(m->buf) - 1)
		m->buf[m->len++] = *s++;
}

static void put_num(struct report *m, uint64_t v, unsigned int base)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[24];
	size_t n = 0;

	if (base == 16)
		put_str(m, "0x");
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	while (n && m->len < sizeof(m->buf) - 1)
		m->buf[m->len++] = tmp[--n];
}

static void emit(struct report *m)
{
	size_t off = 0;

	m->buf[m->len++] = '\n';
	while (off < m->len) {
		ssize_t n = write(STDERR_FILENO, m->buf + off, m->len - off);

		if (n <= 0)
			break;
		off += (size_t)n;
	}
}

void pager_report_integrity(const struct pager_region *r, size_t idx,
			    const char *reason)
{
	uintptr_t end = r->start + (r->npages << pager_state.page_shift);
	pager_fatal_hook_t fn = __atomic_load_n(&hook.fn, __ATOMIC_ACQUIRE);
	struct pager_fatal_info info = {
		.reason = reason,
		.region = r->name,
		.addr = pager_region_va(r, idx),
		.region_start = r->start,
		.page_index = idx,
	};
	struct report m = { .len = 0 };

	if (fn) {
		pager_signal_forget_depth();
		fn(&info, hook.arg);
		put_str(&m, "pager: the fatal hook returned\n");
	}
	put_str(&m, "pager: integrity failure at ");
	put_num(&m, info.addr, 16);
	put_str(&m, ": ");
	put_str(&m, reason);
	put_str(&m, " (page ");
	put_num(&m, idx, 10);
	put_str(&m, " of region \"");
	put_str(&m, r->name);
	put_str(&m, "\" ");
	put_num(&m, r->start, 16);
	put_str(&m, "-");
	put_num(&m, end, 16);
	put_str(&m, "); the page is not used");
	emit(&m);
	abort();
}

/* " <symbol+0xoff>" of addr, when the program gave a symbolizer. */
static void put_symbol(struct report *m, uintptr_t addr)
{
	pager_symbolizer_t fn = __atomic_load_n(&symbolizer, __ATOMIC_ACQUIRE);
	char name[160];

	if (!fn || !fn(addr, name, sizeof(name)))
		return;
	name[sizeof(name) - 1] = '\0';
	put_str(m, " <");
	put_str(m, name);
	put_str(m, ">");
}

void pager_report_self_fault(int sig, const struct pager_fault *f)
{
	struct report m = { .len = 0 };

	put_str(&m, sig == SIGBUS ? "pager: SIGBUS" : "pager: SIGSEGV");
	put_str(&m, " at ");
	put_num(&m, f->addr, 16);
	put_symbol(&m, f->addr);
	put_str(&m, " (pc ");
	put_num(&m, f->pc, 16);
	put_symbol(&m, f->pc);
	put_str(&m, ") inside the pager: its fault path touched paged or "
		    "unmapped memory (a backing buffer, or code the pager needs "
		    "left in a paged region)");
	emit(&m);
	abort();
}

void pager_report_sys_failure(const char *what, uintptr_t addr, int err)
{
	struct report m = { .len = 0 };

	put_str(&m, "pager: cannot ");
	put_str(&m, what);
	put_str(&m, " at ");
	put_num(&m, addr, 16);
	put_str(&m, ": errno ");
	put_num(&m, (uint64_t)(err < 0 ? -err : err), 10);
	emit(&m);
	abort();
}

void pager_set_fatal_hook(pager_fatal_hook_t fn, void *arg)
{
	/* The argument is in place before a reader can see the function. */
	__atomic_store_n(&hook.fn, NULL, __ATOMIC_RELEASE);
	hook.arg = arg;
	__atomic_store_n(&hook.fn, fn, __ATOMIC_RELEASE);
}

void pager_set_symbolizer(pager_symbolizer_t fn)
{
	__atomic_store_n(&symbolizer, fn, __ATOMIC_RELEASE);
}
