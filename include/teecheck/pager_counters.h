/*
 * The pager's event counters, one list: X(name, what it counts), in the
 * order of the statistics record. Expanded wherever every counter is
 * handled alike: the pager's own counters and statistics, the record they
 * travel in, and the sums and differences its readers make. Counting
 * itself names each counter where its event happens.
 */
#ifndef TEECHECK_PAGER_COUNTERS_H
#define TEECHECK_PAGER_COUNTERS_H

#define TC_PAGER_EVENT_COUNTERS(X)					\
	X(ro_faults, "faults that filled a RO page")			\
	X(rw_faults, "faults that filled a RW or ZERO page")		\
	X(write_faults, "first writes to a clean resident page")	\
	X(hidden_hits, "touches of a hidden resident page")		\
	X(zero_released, "never written ZERO pages released")		\
	X(evictions, "resident pages given up")				\
	X(saves, "encrypted saves of dirty pages")			\
	X(integrity_failures, "pages that failed their check")		\
	X(busy_waits, "faults that waited for a page another thread was " \
		      "filling or evicting")				\
	X(map_calls, "mmap() calls that showed a pool page at a paged "	\
		     "address")						\
	X(unmap_calls, "mmap() calls that left a paged range mapping "	\
		       "nothing: hiding, removal")			\
	X(protect_calls, "mprotect() calls: write upgrades")

#endif
