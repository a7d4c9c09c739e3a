/*
 * The demand pager: a small fixed pool of physical pages (the "TZSRAM") backs
 * much larger paged regions, filled on fault, verified, and evicted by clock.
 */
#ifndef PAGER_H
#define PAGER_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tee_api_types.h>
#include <teecheck/pager_counters.h>

#define PAGER_HASH_SIZE		32	/* SHA-256 of one page */
#define PAGER_MAX_REGIONS	64
/*
 * The smallest pool, and the number of pool pages pager_lock() always leaves
 * unlocked: an instruction may need its code page and data pages resident
 * at once. (One that needs more pages than are unlocked would fault
 * forever.)
 */
#define PAGER_MIN_UNLOCKED	4
#define PAGER_MAX_POOL_PAGES	(1u << 20)
#define PAGER_HIST_BUCKETS	32

/*
 * pager_init() flags. PAGER_INIT_NO_HANDLER leaves SIGSEGV and SIGBUS alone:
 * the caller's own handler must offer every fault to pager_handle_signal().
 */
#define PAGER_INIT_NO_HANDLER	(1u << 0)

enum pager_kind {
	/*
	 * Content comes from a backing buffer and is checked against a
	 * per-page SHA-256 before it is mapped. Protection PROT_READ or
	 * PROT_READ | PROT_EXEC.
	 */
	PAGER_KIND_RO,
	/*
	 * Initial content from a buffer (checked if hashes are given); a page
	 * written to is saved encrypted and authenticated when evicted.
	 * Protection PROT_READ | PROT_WRITE.
	 */
	PAGER_KIND_RW,
	/* As RW, but starts as zeroes and needs no store until written. */
	PAGER_KIND_ZERO,
};

struct pager_region_desc {
	const char *name;	/* for messages; copied, may be NULL */
	/*
	 * Page-aligned start, or NULL to let the pager reserve the range.
	 * A range given here is taken over: its old content is discarded
	 * and it is left reserved with no access when the region goes.
	 */
	void *addr;
	size_t size;		/* bytes, a multiple of pager_page_size() */
	enum pager_kind kind;
	int prot;		/* PROT_* as above */
	/*
	 * RO, RW: size bytes, read while the region exists (never copied).
	 * It must not lie in a paged region. ZERO: NULL.
	 */
	const void *content;
	/*
	 * SHA-256 of each page of content, PAGER_HASH_SIZE bytes per page,
	 * copied at registration. Required for RO, optional for RW, NULL for
	 * ZERO.
	 */
	const uint8_t *hashes;
};

struct pager_stats {
	size_t page_size;
	uint32_t pool_pages;
	uint32_t free_pages;		/* pool pages holding nothing */
	uint32_t locked_pages;		/* pinned by pager_lock() */
	uint32_t unlocked_pages;	/* pool_pages - locked_pages */
	uint32_t regions;
	uint32_t store_pages;		/* RW pages with a saved copy */
	/* The event counters (teecheck/pager_counters.h says what each is). */
#define PAGER_STATS_FIELD(name, what)	uint64_t name;
	TC_PAGER_EVENT_COUNTERS(PAGER_STATS_FIELD)
#undef PAGER_STATS_FIELD
	/* Handled faults by duration: bucket b counts [2^b, 2^(b+1)) ns. */
	uint64_t fault_ns_hist[PAGER_HIST_BUCKETS];
};

/* What pager_set_fatal_hook()'s hook is told about an integrity failure. */
struct pager_fatal_info {
	const char *reason;
	const char *region;		/* the region's name */
	uintptr_t addr;			/* start of the page */
	uintptr_t region_start;
	size_t page_index;
};

/*
 * Called, from the fault handler, instead of aborting. It must not return
 * (tests siglongjmp() out of it); if it does, the pager aborts anyway.
 */
typedef void (*pager_fatal_hook_t)(const struct pager_fatal_info *info,
				   void *arg);

/*
 * Names what lies at addr for the report of a fault the pager took itself
 * (a build bug: code or data its fault path needs was left paged): writes
 * "symbol+0xoffset" into buf (len bytes, NUL-terminated) and returns true,
 * or returns false. Called from the fault handler: async-signal-safe, and
 * itself never in paged memory.
 */
typedef bool (*pager_symbolizer_t)(uintptr_t addr, char *buf, size_t len);

/*
 * Sets up a pool of pool_pages pages and, unless PAGER_INIT_NO_HANDLER, the
 * fault handler. One pager per process; not fork-safe (the pool is shared
 * with a child: exec after fork).
 */
TEE_Result pager_init(size_t pool_pages, uint32_t flags);
/*
 * Fetches the algorithms pager_init() will use, before any pager exists:
 * a process that forks its pagers' processes (the TA host zygote) pays
 * the crypto library's start-up once. No key and no random state are made.
 */
TEE_Result pager_preload(void);
/* Removes every region, restores the previous handlers, frees the pool. */
void pager_fini(void);
size_t pager_page_size(void);

/* Registers a region; *addr receives its start. */
TEE_Result pager_region_add(const struct pager_region_desc *desc, void **addr);
/* Removes the region starting at addr, releasing its pool pages. */
TEE_Result pager_region_remove(void *addr);

/*
 * Makes [addr, addr + len) resident, fully accessible and never evicted
 * until as many pager_unlock() calls. Fails if that would leave fewer than
 * PAGER_MIN_UNLOCKED pool pages for paging.
 */
TEE_Result pager_lock(void *addr, size_t len);
TEE_Result pager_unlock(void *addr, size_t len);

/* Hides every unlocked resident page: its next touch is a hidden hit. */
TEE_Result pager_hide_all(void);
/* Evicts every unlocked resident page, saving the dirty ones. */
TEE_Result pager_evict_all(void);

TEE_Result pager_get_stats(struct pager_stats *stats);
void pager_set_fatal_hook(pager_fatal_hook_t hook, void *arg);
void pager_set_symbolizer(pager_symbolizer_t fn);

/*
 * Offers a SIGSEGV or SIGBUS to the pager. True if it was a paged access that
 * is now resolved (return from the handler to retry it); false if the fault
 * is not the pager's to handle.
 */
bool pager_handle_signal(int sig, siginfo_t *info, void *uctx);

/* Computes the per-page hash table for content of size bytes. */
TEE_Result pager_hash_pages(const void *content, size_t size, uint8_t *hashes);

#ifdef PAGER_TEST_HOOKS
/* Flips a byte of the saved ciphertext of the page at addr. */
TEE_Result pager_test_corrupt_saved(void *addr);
/* Flips a byte of the backing content of the page at addr (must be writable). */
TEE_Result pager_test_corrupt_backing(void *addr);
/* Where the saved ciphertext of the page at addr lives, to replay it. */
TEE_Result pager_test_saved_copy(void *addr, void **ciphertext);
#endif

#endif
