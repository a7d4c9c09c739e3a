/*
 * The TA host's ELF loader: maps a TA ELF (checked by elf_parse) into one
 * reserved address range, applies its relative relocations and sets each
 * segment's final protection. Mapping goes through struct elf_map_ops, so
 * the pager can place segments in its paged regions instead of plain
 * anonymous memory.
 */
#ifndef CORE_LOADER_ELF_LOAD_H
#define CORE_LOADER_ELF_LOAD_H

#include <stddef.h>
#include <stdint.h>
#include <tee_api_types.h>
#include <teecheck/ta_abi.h>

#include "../ta_image/elf_parse.h"
#include "../ta_image/loader_why.h"

/* One segment to map, as the loader asks for it. */
struct elf_map_req {
	uintptr_t addr;		/* page-aligned, inside the reserved range */
	size_t size;		/* page-rounded */
	const void *src;	/* the segment's bytes in the ELF */
	size_t src_off;		/* where src starts inside [addr, addr+size) */
	size_t src_len;		/* p_filesz; the rest reads as zeros */
	int prot;		/* the final PROT_* it will get */
	size_t seg_index;	/* which PT_LOAD, in elf_info order */
};

struct elf_map_ops {
	/*
	 * Reserves size bytes of address space, aligned to align (a power of
	 * two, at least the page size), with no access.
	 */
	TEE_Result (*reserve)(void *ctx, size_t size, size_t align,
			      uintptr_t *base);
	/*
	 * Gives req's range its initial contents: src_len bytes of src at
	 * addr + src_off, zeros elsewhere. Writable until protect() if prot
	 * has PROT_WRITE: the loader writes relocations there. The loader
	 * never writes to a segment without PROT_WRITE.
	 */
	TEE_Result (*map)(void *ctx, const struct elf_map_req *req);
	/* Sets the final protection of a mapped range. */
	TEE_Result (*protect)(void *ctx, uintptr_t addr, size_t size, int prot);
	/* Gives back the whole reserved range. */
	void (*release)(void *ctx, uintptr_t base, size_t size);
};

/* Plain anonymous memory (mmap/mprotect/munmap); ctx is unused. */
extern const struct elf_map_ops elf_map_anon_ops;

struct elf_loaded_segment {
	uintptr_t addr;		/* base + p_vaddr */
	uint64_t vaddr;		/* p_vaddr */
	size_t size;		/* p_memsz */
	size_t filesz;		/* p_filesz */
	uint64_t offset;	/* p_offset in the ELF */
	int prot;		/* PROT_READ / PROT_WRITE / PROT_EXEC */
};

struct elf_loaded {
	uintptr_t base;		/* where p_vaddr 0 is; the range starts here */
	size_t size;		/* bytes reserved from base */
	uintptr_t entry;	/* base + e_entry: a utee_entry_fn */
	const struct utee_ta_head *head;	/* the mapped .ta_head */
	struct elf_loaded_segment segs[ELF_MAX_SEGMENTS];
	size_t nsegs;
	const struct elf_map_ops *ops;
	void *ops_ctx;
	char why[LOADER_WHY_LEN];	/* on failure: what was wrong */
};

/*
 * Loads elf[0..len) into anonymous memory. On failure nothing stays mapped
 * and out->why names the field at fault: TEE_ERROR_BAD_FORMAT or
 * TEE_ERROR_NOT_SUPPORTED (see elf_parse), TEE_ERROR_OUT_OF_MEMORY.
 */
TEE_Result elf_load(const void *elf, size_t len, struct elf_loaded *out);

/* The same through a caller's mapping operations. */
TEE_Result elf_load_with(const void *elf, size_t len,
			 const struct elf_map_ops *ops, void *ops_ctx,
			 struct elf_loaded *out);

/* Unmaps a loaded TA; harmless on one that failed to load or is unloaded. */
void elf_unload(struct elf_loaded *l);

#endif
