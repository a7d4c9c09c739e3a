/*
 * The pager's state and the functions its files share. Nothing here is part
 * of the public interface (pager.h).
 */
#ifndef PAGER_INTERNAL_H
#define PAGER_INTERNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pager.h"
#include "pager_arch.h"
#include "pager_crypto.h"
#include "pager_spinlock.h"

#define PAGER_NO_PAGE		(-1)
#define PAGER_NAME_MAX		48

/*
 * A virtual page's life. Only the thread that moved a page to BUSY touches
 * it until it leaves BUSY; any other thread that needs it waits and looks
 * again. Only a RESIDENT page that is not HIDDEN maps anything.
 *
 *   ABSENT --fault: take a pool page--> BUSY --filled, mapped--> RESIDENT
 *   RESIDENT --clock hand passes--> RESIDENT + HIDDEN (unmapped, kept)
 *   RESIDENT + HIDDEN --touched: hidden hit, mapped again--> RESIDENT
 *   RESIDENT + HIDDEN --chosen as victim--> BUSY --saved--> ABSENT
 */
enum pager_vpage_state {
	PAGER_VP_ABSENT,	/* content in the backing, the store or nowhere */
	PAGER_VP_BUSY,		/* being filled or evicted */
	PAGER_VP_RESIDENT,	/* holds a pool page */
};

#define PAGER_VP_HIDDEN	(1u << 0)	/* resident but its address maps nothing */
#define PAGER_VP_DIRTY	(1u << 1)	/* mapped writable since filled or saved */
#define PAGER_VP_SAVED	(1u << 2)	/* the store holds its sealed copy */

/* At most this many pages hidden by the clock with one system call. */
#define PAGER_HIDE_BATCH	16

struct pager_vpage {
	int32_t ppage;			/* pool page while resident */
	uint8_t state;			/* enum pager_vpage_state */
	uint8_t flags;			/* PAGER_VP_* */
	uint16_t pins;			/* pager_lock() count */
	/* Kept here, in pager memory, so an old sealed copy cannot be replayed. */
	uint8_t iv[PAGER_IV_SIZE];
	uint8_t tag[PAGER_TAG_SIZE];
};

struct pager_region {
	uintptr_t start;
	size_t npages;
	enum pager_kind kind;
	int prot;
	bool own_va;			/* reserved by the pager */
	bool dying;			/* being removed: faults in it are not ours */
	unsigned int busy;		/* pages in PAGER_VP_BUSY */
	uint64_t id;			/* bound into every sealed page */
	const uint8_t *content;
	uint8_t *hashes;		/* pager's copy, or NULL */
	uint8_t *store;			/* sealed RW pages, or NULL */
	char name[PAGER_NAME_MAX];
	struct pager_vpage pages[];
};

struct pager_ppage {
	struct pager_region *region;	/* owner; NULL while free or filling */
	size_t index;			/* page index in the owner */
	int32_t next_free;
};

/* Event counters: updated with relaxed atomics, from any thread. */
struct pager_counters {
#define PAGER_COUNTER_FIELD(name, what)	uint64_t name;
	TC_PAGER_EVENT_COUNTERS(PAGER_COUNTER_FIELD)
#undef PAGER_COUNTER_FIELD
	uint64_t store_pages;		/* a level, not an event */
	uint64_t fault_ns_hist[PAGER_HIST_BUCKETS];
};

struct pager_state {
	bool ready;
	bool handler_installed;
	size_t page_size;
	unsigned int page_shift;
	size_t pool_pages;
	int memfd;
	uint8_t *alias;			/* the whole pool, read-write, never x */
	/* Guards every field below and every region's pages[]. */
	struct pager_spinlock lock;
	struct pager_ppage *ppages;
	int32_t free_head;
	size_t free_pages;
	size_t locked_pages;
	size_t clock_hand;
	struct pager_region *regions[PAGER_MAX_REGIONS];
	size_t nregions;
	uint64_t next_region_id;
	struct pager_counters stats;
};

extern struct pager_state pager_state;

/* What pager_fault_resolve() found; negative values are -errno. */
enum pager_fault_result {
	PAGER_FAULT_DONE,	/* the page is there with the access needed */
	PAGER_FAULT_SPURIOUS,	/* it already was: another thread was first */
	PAGER_FAULT_FOREIGN,	/* not a paged address, or access not allowed */
	PAGER_FAULT_RETRY,	/* internal: wait and look again */
};

static inline void pager_count(uint64_t *counter)
{
	__atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

static inline uintptr_t pager_region_va(const struct pager_region *r,
					size_t idx)
{
	return r->start + (idx << pager_state.page_shift);
}

/* pager_pool.c: the memfd pool, its alias and the free list. */
int pager_pool_init(size_t pages);
void pager_pool_fini(void);
int32_t pager_pool_alloc(void);
void pager_pool_free(int32_t p);
/* Shows pool page p at va, where nothing is mapped. */
int pager_pool_map(uintptr_t va, int32_t p, int prot);
/* Leaves [va, va + len) reserved, mapping nothing: one TLB flush. */
int pager_pool_unmap(uintptr_t va, size_t len);
/* Changes the protection of the one page mapped at va. */
int pager_pool_protect(uintptr_t va, int prot);

static inline uint8_t *pager_pool_alias(int32_t p)
{
	return pager_state.alias + ((size_t)p << pager_state.page_shift);
}

/* pager_region.c */
struct pager_region *pager_region_find(uintptr_t addr);
void pager_region_remove_all(void);

/* pager_clock.c: victim choice and hiding; the caller holds the lock. */
int32_t pager_clock_victim(void);
void pager_clock_hide(struct pager_region *r, size_t idx);
/* Hides pool page p (a candidate, not hidden) and the run after it. */
size_t pager_clock_hide_run(size_t p);

/*
 * pager_fill.c: moving a page's content in and out of the pool, for the
 * owner of a BUSY page, outside the lock. flags is the owner's copy of the
 * page's flags, written back under the lock.
 */
int pager_fill(struct pager_crypto_slot *cs, struct pager_region *r,
	       size_t idx, int32_t p, uint8_t flags, const char **reason);
void pager_save(struct pager_crypto_slot *cs, struct pager_region *r,
		size_t idx, int32_t p, uint8_t *flags);

/* pager_fault.c: the page state machine. */
int pager_fault_resolve(uintptr_t addr, enum pager_access access, bool pin);

/* pager_signal.c */
int pager_signal_install(void);
void pager_signal_uninstall(void);
void pager_api_enter(sigset_t *saved);
void pager_api_exit(const sigset_t *saved);
void pager_signal_forget_depth(void);

/* pager_stats.c */
void pager_stats_fault_time(uint64_t ns);

/* pager_report.c: fatal conditions; none of these returns. */
void pager_report_integrity(const struct pager_region *r, size_t idx,
			    const char *reason) __attribute__((noreturn));
void pager_report_self_fault(int sig, const struct pager_fault *f)
	__attribute__((noreturn));
void pager_report_sys_failure(const char *what, uintptr_t addr, int err)
	__attribute__((noreturn));

#endif
