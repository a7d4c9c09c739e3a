/*
 * The page hash table of tee-core's paged image. The build reserves it in
 * the section CORE_PAGE_TABLE_SECTION; after the final link, the partition
 * build's page-hashes tool fills it in the executable file, and at start
 * the core checks its paged text and read-only data against it.
 */
#ifndef CORE_SELF_PAGE_TABLE_H
#define CORE_SELF_PAGE_TABLE_H

#include <stdint.h>

#define CORE_PAGE_TABLE_SECTION	".pager_hashes"
#define CORE_PAGE_TABLE_MAGIC	0x48504354u	/* "TCPH" */
#define CORE_PAGE_HASH_PAGE	4096u		/* bytes per hashed page */
#define CORE_PAGE_HASH_SIZE	32u		/* SHA-256 */
/* Room for 8 MiB of paged text and read-only data. */
#define CORE_PAGED_MAX_PAGES	2048u

/* The linker-script fragment's symbols around the two paged ranges. */
#define CORE_PAGED_TEXT_START	"__core_paged_text_start"
#define CORE_PAGED_TEXT_END	"__core_paged_text_end"
#define CORE_PAGED_RODATA_START	"__core_paged_rodata_start"
#define CORE_PAGED_RODATA_END	"__core_paged_rodata_end"

struct core_page_table {
	uint32_t magic;		/* CORE_PAGE_TABLE_MAGIC once filled */
	uint32_t page_size;	/* CORE_PAGE_HASH_PAGE */
	uint64_t text_vaddr;	/* link-time address of the paged text */
	uint64_t text_size;
	uint64_t rodata_vaddr;	/* ... and of the paged read-only data */
	uint64_t rodata_size;
	uint32_t npages;	/* hashes: the text's pages, then rodata's */
	uint32_t reserved;
	uint8_t hashes[CORE_PAGED_MAX_PAGES][CORE_PAGE_HASH_SIZE];
};

#endif
