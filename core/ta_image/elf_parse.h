/*
 * What the loader, the image signer and the image verifier need to know of
 * a TA ELF, found and checked without mapping anything: its loadable
 * segments, relocations, entry point and TA header.
 */
#ifndef CORE_LOADER_ELF_PARSE_H
#define CORE_LOADER_ELF_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include <tee_api_types.h>
#include <teecheck/ta_abi.h>

#define ELF_MAX_SEGMENTS	16
/* Segments are laid out, and never share, pages of this size. */
#define ELF_PAGE_SIZE		4096u
/* The most address space one TA may span (its heap and bss included). */
#define ELF_MAX_SPAN		(1ull << 30)
#define ELF_MAX_ALIGN		(64u * 1024)

/* One PT_LOAD, as in its program header. */
struct elf_segment {
	uint64_t vaddr;		/* p_vaddr: offset from the load base */
	uint64_t memsz;		/* p_memsz */
	uint64_t filesz;	/* p_filesz: the rest up to memsz is zeros */
	uint64_t offset;	/* p_offset in the ELF file */
	uint64_t align;		/* p_align */
	uint32_t flags;		/* p_flags: PF_R, PF_W, PF_X */
};

/* A table of Elf64_Rela entries inside the file. */
struct elf_rela_table {
	uint64_t offset;	/* file offset, 0 if there is none */
	uint64_t count;
};

struct elf_info {
	struct elf_segment segs[ELF_MAX_SEGMENTS];	/* ascending vaddr */
	size_t nsegs;
	uint64_t span;		/* end of the last segment, page-rounded */
	uint64_t max_align;	/* largest p_align of a segment */
	uint64_t entry;		/* e_entry, inside an executable segment */
	struct elf_rela_table rela[2];	/* DT_RELA and DT_JMPREL */
	uint64_t ta_head_vaddr;	/* .ta_head, in a read-only segment */
	struct utee_ta_head ta_head;	/* its contents, checked */
};

/*
 * Checks that elf[0..len) is a TA ELF this host can run: ELF64, this
 * host's byte order and machine, ET_DYN; program headers, segments and
 * sections inside the file; segments sorted, page-disjoint, never writable
 * and executable; only relative relocations, all into writable segments; no
 * interpreter, DT_NEEDED, TLS or constructors; a valid .ta_head.
 * TEE_ERROR_BAD_FORMAT (malformed) or TEE_ERROR_NOT_SUPPORTED (valid ELF
 * this loader does not run), with why naming the field at fault.
 */
TEE_Result elf_parse(const void *elf, size_t len, struct elf_info *info,
		     char *why, size_t whylen);

/*
 * The TA header of an ELF without loading it, after the same checks as
 * elf_parse (the core needs the flags and sizes before it starts a host).
 */
TEE_Result elf_read_ta_head(const void *elf, size_t len,
			    struct utee_ta_head *head, char *why,
			    size_t whylen);

#endif
