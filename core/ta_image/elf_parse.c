/*
 * Validation of a TA ELF before anything of it is mapped. Every field read
 * from the file is range-checked here, so the loader, the signer and the
 * verifier can trust struct elf_info. The file is only ever read with
 * bounds-checked copies: it needs no alignment and can be any bytes.
 */
#include <elf.h>
#include <stdbool.h>
#include <string.h>

#include <tee_api_defines.h>

#include "elf_parse.h"
#include "loader_why.h"

#if defined(__x86_64__)
#define ELF_HOST_MACHINE	EM_X86_64
#define ELF_HOST_RELATIVE	R_X86_64_RELATIVE
#elif defined(__aarch64__)
#define ELF_HOST_MACHINE	EM_AARCH64
#define ELF_HOST_RELATIVE	R_AARCH64_RELATIVE
#else
#error "the TA loader runs on x86_64 and aarch64 hosts only"
#endif

/* Both hosts are LP64: ELF64 fields print as longs. */
_Static_assert(sizeof(long) == sizeof(uint64_t), "an LP64 host");

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ELF_HOST_DATA		ELFDATA2LSB
#else
#define ELF_HOST_DATA		ELFDATA2MSB
#endif

/* More program headers than any linker makes for a TA. */
#define ELF_MAX_PHDRS		64

/* The file being checked, and where to say what is wrong with it. */
struct elf_src {
	const uint8_t *p;
	size_t len;
	char *why;
	size_t whylen;
};

#define ELF_BAD(s, ...) \
	loader_fail(TEE_ERROR_BAD_FORMAT, (s)->why, (s)->whylen, __VA_ARGS__)
#define ELF_UNSUPPORTED(s, ...) \
	loader_fail(TEE_ERROR_NOT_SUPPORTED, (s)->why, (s)->whylen, __VA_ARGS__)

static uint64_t page_down(uint64_t x)
{
	return x & ~(uint64_t)(ELF_PAGE_SIZE - 1);
}

static uint64_t page_up(uint64_t x)
{
	return page_down(x + ELF_PAGE_SIZE - 1);
}

/* True if [off, off + size) lies inside a file of len bytes. */
static bool elf_in_file(uint64_t off, uint64_t size, size_t len)
{
	return off <= len && size <= len - off;
}

/* Copies size bytes at off, false if they are not all inside the file. */
static bool elf_copy(const struct elf_src *s, uint64_t off, size_t size,
		     void *dst)
{
	if (!elf_in_file(off, size, s->len))
		return false;
	memcpy(dst, s->p + off, size);
	return true;
}

static const char *elf_reloc_name(uint32_t type)
{
	switch (type) {
#if defined(__x86_64__)
	case R_X86_64_NONE:		return "R_X86_64_NONE";
	case R_X86_64_64:		return "R_X86_64_64";
	case R_X86_64_COPY:		return "R_X86_64_COPY";
	case R_X86_64_GLOB_DAT:		return "R_X86_64_GLOB_DAT";
	case R_X86_64_JUMP_SLOT:	return "R_X86_64_JUMP_SLOT";
	case R_X86_64_RELATIVE:		return "R_X86_64_RELATIVE";
	case R_X86_64_DTPMOD64:		return "R_X86_64_DTPMOD64";
	case R_X86_64_DTPOFF64:		return "R_X86_64_DTPOFF64";
	case R_X86_64_TPOFF64:		return "R_X86_64_TPOFF64";
	case R_X86_64_IRELATIVE:	return "R_X86_64_IRELATIVE";
#else
	case R_AARCH64_NONE:		return "R_AARCH64_NONE";
	case R_AARCH64_ABS64:		return "R_AARCH64_ABS64";
	case R_AARCH64_COPY:		return "R_AARCH64_COPY";
	case R_AARCH64_GLOB_DAT:	return "R_AARCH64_GLOB_DAT";
	case R_AARCH64_JUMP_SLOT:	return "R_AARCH64_JUMP_SLOT";
	case R_AARCH64_RELATIVE:	return "R_AARCH64_RELATIVE";
	case R_AARCH64_TLS_DTPMOD:	return "R_AARCH64_TLS_DTPMOD";
	case R_AARCH64_TLS_TPREL:	return "R_AARCH64_TLS_TPREL";
	case R_AARCH64_TLSDESC:		return "R_AARCH64_TLSDESC";
	case R_AARCH64_IRELATIVE:	return "R_AARCH64_IRELATIVE";
#endif
	default:			return "unknown";
	}
}

static TEE_Result elf_check_ehdr(const struct elf_src *s, Elf64_Ehdr *eh)
{
	if (!elf_copy(s, 0, sizeof(*eh), eh))
		return ELF_BAD(s, "ELF header: truncated, the file has %zu bytes, the header needs %zu",
			       s->len, sizeof(*eh));
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return ELF_BAD(s, "e_ident: bad magic, not an ELF file");
	if (eh->e_ident[EI_CLASS] != ELFCLASS64)
		return ELF_UNSUPPORTED(s, "e_ident[EI_CLASS]: %u, only ELFCLASS64 is supported",
				       eh->e_ident[EI_CLASS]);
	if (eh->e_ident[EI_DATA] != ELF_HOST_DATA)
		return ELF_UNSUPPORTED(s, "e_ident[EI_DATA]: %u, not this host's byte order (%u)",
				       eh->e_ident[EI_DATA], ELF_HOST_DATA);
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return ELF_BAD(s, "e_version: %u, expected EV_CURRENT",
			       eh->e_version);
	if (eh->e_type != ET_DYN)
		return ELF_UNSUPPORTED(s, "e_type: %u, a TA must be ET_DYN (position independent)",
				       eh->e_type);
	if (eh->e_machine != ELF_HOST_MACHINE)
		return ELF_UNSUPPORTED(s, "e_machine: %u, this host runs %u",
				       eh->e_machine, ELF_HOST_MACHINE);
	if (eh->e_ehsize != sizeof(Elf64_Ehdr))
		return ELF_BAD(s, "e_ehsize: %u, expected %zu", eh->e_ehsize,
			       sizeof(Elf64_Ehdr));
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return ELF_BAD(s, "e_phentsize: %u, expected %zu",
			       eh->e_phentsize, sizeof(Elf64_Phdr));
	if (!eh->e_phnum || eh->e_phnum > ELF_MAX_PHDRS)
		return ELF_BAD(s, "e_phnum: %u, expected 1 to %u", eh->e_phnum,
			       ELF_MAX_PHDRS);
	if (!elf_in_file(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr),
			 s->len))
		return ELF_BAD(s, "e_phoff: program headers at 0x%lx (%u of them) run past the end of the file (%zu bytes)",
			       eh->e_phoff, eh->e_phnum, s->len);
	return TEE_SUCCESS;
}

static TEE_Result elf_add_segment(const struct elf_src *s, unsigned int idx,
				  const Elf64_Phdr *ph, struct elf_info *info)
{
	struct elf_segment *seg;

	if (info->nsegs == ELF_MAX_SEGMENTS)
		return ELF_UNSUPPORTED(s, "program header %u: more than %u PT_LOAD segments",
				       idx, ELF_MAX_SEGMENTS);
	if (!ph->p_memsz)
		return ELF_BAD(s, "program header %u: PT_LOAD with p_memsz 0",
			       idx);
	if (ph->p_filesz > ph->p_memsz)
		return ELF_BAD(s, "program header %u: p_filesz 0x%lx exceeds p_memsz 0x%lx",
			       idx, ph->p_filesz, ph->p_memsz);
	if (!elf_in_file(ph->p_offset, ph->p_filesz, s->len))
		return ELF_BAD(s, "program header %u: segment past the end of the file: p_offset 0x%lx + p_filesz 0x%lx > %zu bytes",
			       idx, ph->p_offset, ph->p_filesz, s->len);
	if (ph->p_vaddr > ELF_MAX_SPAN ||
	    ph->p_memsz > ELF_MAX_SPAN - ph->p_vaddr)
		return ELF_UNSUPPORTED(s, "program header %u: p_vaddr 0x%lx + p_memsz 0x%lx beyond the 0x%llx bytes a TA may span",
				       idx, ph->p_vaddr, ph->p_memsz,
				       ELF_MAX_SPAN);
	if (ph->p_align & (ph->p_align - 1))
		return ELF_BAD(s, "program header %u: p_align 0x%lx is not a power of two",
			       idx, ph->p_align);
	if (ph->p_align > ELF_MAX_ALIGN)
		return ELF_UNSUPPORTED(s, "program header %u: p_align 0x%lx above 0x%x",
				       idx, ph->p_align, ELF_MAX_ALIGN);
	if (ph->p_align > 1 && (ph->p_vaddr - ph->p_offset) % ph->p_align)
		return ELF_BAD(s, "program header %u: p_vaddr 0x%lx and p_offset 0x%lx differ modulo p_align 0x%lx",
			       idx, ph->p_vaddr, ph->p_offset, ph->p_align);
	if ((ph->p_flags & (PF_W | PF_X)) == (PF_W | PF_X))
		return ELF_BAD(s, "program header %u: p_flags make the segment writable and executable",
			       idx);
	if (info->nsegs) {
		const struct elf_segment *prev = &info->segs[info->nsegs - 1];

		if (ph->p_vaddr < prev->vaddr)
			return ELF_BAD(s, "program header %u: PT_LOAD segments not in ascending p_vaddr order",
				       idx);
		if (page_down(ph->p_vaddr) < page_up(prev->vaddr + prev->memsz))
			return ELF_BAD(s, "program header %u: overlapping segments: p_vaddr 0x%lx is inside a page of the segment before (0x%lx-0x%lx)",
				       idx, ph->p_vaddr, prev->vaddr,
				       prev->vaddr + prev->memsz);
	}

	seg = &info->segs[info->nsegs++];
	seg->vaddr = ph->p_vaddr;
	seg->memsz = ph->p_memsz;
	seg->filesz = ph->p_filesz;
	seg->offset = ph->p_offset;
	seg->align = ph->p_align;
	seg->flags = ph->p_flags;
	if (ph->p_align > info->max_align)
		info->max_align = ph->p_align;
	return TEE_SUCCESS;
}

/* Reads the program headers: PT_LOADs into info, the PT_DYNAMIC out. */
static TEE_Result elf_read_phdrs(const struct elf_src *s, const Elf64_Ehdr *eh,
				 struct elf_info *info, Elf64_Phdr *dyn)
{
	TEE_Result res;
	bool have_dyn = false;
	unsigned int i;

	memset(dyn, 0, sizeof(*dyn));
	for (i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr ph;

		elf_copy(s, eh->e_phoff + (uint64_t)i * sizeof(ph), sizeof(ph),
			 &ph);
		switch (ph.p_type) {
		case PT_LOAD:
			res = elf_add_segment(s, i, &ph, info);
			if (res)
				return res;
			break;
		case PT_DYNAMIC:
			if (have_dyn)
				return ELF_BAD(s, "program header %u: a second PT_DYNAMIC",
					       i);
			if (!elf_in_file(ph.p_offset, ph.p_filesz, s->len))
				return ELF_BAD(s, "program header %u: PT_DYNAMIC past the end of the file",
					       i);
			*dyn = ph;
			have_dyn = true;
			break;
		case PT_INTERP:
			return ELF_UNSUPPORTED(s, "program header %u: PT_INTERP, the TA asks for a program interpreter",
					       i);
		case PT_TLS:
			return ELF_UNSUPPORTED(s, "program header %u: PT_TLS, thread-local storage is not supported",
					       i);
		default:
			break;
		}
	}
	if (!info->nsegs)
		return ELF_BAD(s, "program headers: no PT_LOAD segment");
	info->span = page_up(info->segs[info->nsegs - 1].vaddr +
			     info->segs[info->nsegs - 1].memsz);
	return TEE_SUCCESS;
}

/* The segment holding [vaddr, vaddr + size) in its memory image. */
static const struct elf_segment *elf_seg_at(const struct elf_info *info,
					    uint64_t vaddr, uint64_t size,
					    bool file_backed)
{
	size_t i;

	for (i = 0; i < info->nsegs; i++) {
		const struct elf_segment *seg = &info->segs[i];
		uint64_t limit = file_backed ? seg->filesz : seg->memsz;

		if (vaddr >= seg->vaddr && vaddr - seg->vaddr <= limit &&
		    size <= limit - (vaddr - seg->vaddr))
			return seg;
	}
	return NULL;
}

/* Finds a relocation table given by its address and size in the file. */
static TEE_Result elf_locate_rela(const struct elf_src *s, struct elf_info *info,
				  const char *tag, uint64_t vaddr, uint64_t size,
				  struct elf_rela_table *t)
{
	const struct elf_segment *seg;

	if (!size)
		return TEE_SUCCESS;
	if (size % sizeof(Elf64_Rela))
		return ELF_BAD(s, "%s: size 0x%lx is not a multiple of %zu",
			       tag, size, sizeof(Elf64_Rela));
	seg = elf_seg_at(info, vaddr, size, true);
	if (!seg)
		return ELF_BAD(s, "%s: table at 0x%lx (0x%lx bytes) is not inside the file-backed part of a segment",
			       tag, vaddr, size);
	t->offset = seg->offset + (vaddr - seg->vaddr);
	t->count = size / sizeof(Elf64_Rela);
	return TEE_SUCCESS;
}

static TEE_Result elf_read_dynamic(const struct elf_src *s,
				   const Elf64_Phdr *dyn,
				   struct elf_info *info)
{
	uint64_t rela = 0, relasz = 0, jmprel = 0, pltrelsz = 0;
	uint64_t pltrel = DT_RELA;
	uint64_t n = dyn->p_filesz / sizeof(Elf64_Dyn);
	TEE_Result res;
	uint64_t i;

	for (i = 0; i < n; i++) {
		Elf64_Dyn d;

		elf_copy(s, dyn->p_offset + i * sizeof(d), sizeof(d), &d);
		switch (d.d_tag) {
		case DT_NULL:
			goto tables;
		case DT_NEEDED:
			return ELF_UNSUPPORTED(s, "DT_NEEDED: the TA depends on a shared library");
		case DT_RELA:
			rela = d.d_un.d_ptr;
			break;
		case DT_RELASZ:
			relasz = d.d_un.d_val;
			break;
		case DT_RELAENT:
			if (d.d_un.d_val != sizeof(Elf64_Rela))
				return ELF_BAD(s, "DT_RELAENT: %lu, expected %zu",
					       d.d_un.d_val, sizeof(Elf64_Rela));
			break;
		case DT_JMPREL:
			jmprel = d.d_un.d_ptr;
			break;
		case DT_PLTRELSZ:
			pltrelsz = d.d_un.d_val;
			break;
		case DT_PLTREL:
			pltrel = d.d_un.d_val;
			break;
		case DT_REL:
		case DT_RELSZ:
			return ELF_UNSUPPORTED(s, "DT_REL: REL-format relocations are not supported, only RELA");
#ifdef DT_RELR
		case DT_RELR:
		case DT_RELRSZ:
			return ELF_UNSUPPORTED(s, "DT_RELR: packed relocations are not supported");
#endif
		case DT_TEXTREL:
			return ELF_BAD(s, "DT_TEXTREL: the TA relocates its text");
		case DT_FLAGS:
			if (d.d_un.d_val & DF_TEXTREL)
				return ELF_BAD(s, "DT_FLAGS: DF_TEXTREL, the TA relocates its text");
			break;
		case DT_INIT:
		case DT_FINI:
		case DT_INIT_ARRAY:
		case DT_FINI_ARRAY:
		case DT_PREINIT_ARRAY:
			return ELF_UNSUPPORTED(s, "dynamic tag %ld: constructors and destructors are not run for TAs",
					       d.d_tag);
		default:
			break;
		}
	}
	return ELF_BAD(s, "PT_DYNAMIC: no DT_NULL before the end of the segment");

tables:
	if (pltrelsz && pltrel != DT_RELA)
		return ELF_UNSUPPORTED(s, "DT_PLTREL: %lu, only DT_RELA tables are supported",
				       pltrel);
	res = elf_locate_rela(s, info, "DT_RELA", rela, relasz, &info->rela[0]);
	if (res)
		return res;
	return elf_locate_rela(s, info, "DT_JMPREL", jmprel, pltrelsz,
			       &info->rela[1]);
}

/* Every relocation must be relative and land in a writable segment. */
static TEE_Result elf_check_relocs(const struct elf_src *s,
				   const struct elf_info *info)
{
	uint64_t done = 0;
	size_t t;

	for (t = 0; t < 2; t++) {
		const struct elf_rela_table *tab = &info->rela[t];
		uint64_t k;

		for (k = 0; k < tab->count; k++, done++) {
			const struct elf_segment *seg;
			uint32_t type;
			Elf64_Rela r;

			elf_copy(s, tab->offset + k * sizeof(r), sizeof(r), &r);
			type = ELF64_R_TYPE(r.r_info);
			if (type != ELF_HOST_RELATIVE)
				return ELF_UNSUPPORTED(s, "relocation %lu: type %u (%s) is not supported, only %s",
						       done, type,
						       elf_reloc_name(type),
						       elf_reloc_name(ELF_HOST_RELATIVE));
			if (ELF64_R_SYM(r.r_info))
				return ELF_BAD(s, "relocation %lu: relative relocation names symbol %u",
					       done,
					       (unsigned int)ELF64_R_SYM(r.r_info));
			seg = elf_seg_at(info, r.r_offset, sizeof(uint64_t),
					 false);
			if (!seg)
				return ELF_BAD(s, "relocation %lu: target 0x%lx is outside every segment",
					       done, r.r_offset);
			if (!(seg->flags & PF_W))
				return ELF_BAD(s, "relocation %lu: target 0x%lx is in a read-only segment (p_vaddr 0x%lx)",
					       done, r.r_offset, seg->vaddr);
		}
	}
	return TEE_SUCCESS;
}

/* Finds section idx's header and its NUL-terminated name. */
static TEE_Result elf_section(const struct elf_src *s, const Elf64_Ehdr *eh,
			      const Elf64_Shdr *names, unsigned int idx,
			      Elf64_Shdr *sh, const char **name)
{
	const char *p;

	elf_copy(s, eh->e_shoff + (uint64_t)idx * sizeof(*sh), sizeof(*sh), sh);
	if (sh->sh_name >= names->sh_size)
		return ELF_BAD(s, "section %u: sh_name 0x%x is outside the section name table",
			       idx, sh->sh_name);
	p = (const char *)s->p + names->sh_offset + sh->sh_name;
	if (!memchr(p, '\0', names->sh_size - sh->sh_name))
		return ELF_BAD(s, "section %u: name is not NUL-terminated", idx);
	*name = p;
	return TEE_SUCCESS;
}

static TEE_Result elf_find_ta_head(const struct elf_src *s,
				   const Elf64_Ehdr *eh, struct elf_info *info)
{
	const struct elf_segment *seg;
	struct utee_ta_head *head = &info->ta_head;
	Elf64_Shdr names, sh, found = { .sh_type = SHT_NULL };
	bool have = false;
	const char *name = NULL;
	TEE_Result res;
	unsigned int i;

	if (!eh->e_shoff || !eh->e_shnum)
		return ELF_BAD(s, "missing .ta_head: the ELF has no section headers");
	if (eh->e_shentsize != sizeof(Elf64_Shdr))
		return ELF_BAD(s, "e_shentsize: %u, expected %zu",
			       eh->e_shentsize, sizeof(Elf64_Shdr));
	if (!elf_in_file(eh->e_shoff,
			 (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr), s->len))
		return ELF_BAD(s, "e_shoff: section headers at 0x%lx (%u of them) run past the end of the file",
			       eh->e_shoff, eh->e_shnum);
	if (eh->e_shstrndx == SHN_UNDEF || eh->e_shstrndx >= eh->e_shnum)
		return ELF_BAD(s, "e_shstrndx: %u, not a section (e_shnum %u)",
			       eh->e_shstrndx, eh->e_shnum);
	elf_copy(s, eh->e_shoff + (uint64_t)eh->e_shstrndx * sizeof(names),
		 sizeof(names), &names);
	if (names.sh_type != SHT_STRTAB ||
	    !elf_in_file(names.sh_offset, names.sh_size, s->len))
		return ELF_BAD(s, "e_shstrndx: section %u is not a string table inside the file",
			       eh->e_shstrndx);

	for (i = 0; i < eh->e_shnum; i++) {
		res = elf_section(s, eh, &names, i, &sh, &name);
		if (res)
			return res;
		if (strcmp(name, UTEE_TA_HEAD_SECTION))
			continue;
		if (have)
			return ELF_BAD(s, "section %u: a second %s section", i,
				       UTEE_TA_HEAD_SECTION);
		found = sh;
		have = true;
	}
	if (!have)
		return ELF_BAD(s, "missing .ta_head: no section named %s",
			       UTEE_TA_HEAD_SECTION);

	if (found.sh_type != SHT_PROGBITS || !(found.sh_flags & SHF_ALLOC))
		return ELF_BAD(s, ".ta_head: not a loaded SHT_PROGBITS section");
	if (found.sh_size < sizeof(*head))
		return ELF_BAD(s, ".ta_head: sh_size %lu, smaller than struct utee_ta_head (%zu)",
			       found.sh_size, sizeof(*head));
	if (found.sh_addr % _Alignof(struct utee_ta_head))
		return ELF_BAD(s, ".ta_head: sh_addr 0x%lx is not %zu-byte aligned",
			       found.sh_addr, _Alignof(struct utee_ta_head));
	seg = elf_seg_at(info, found.sh_addr, sizeof(*head), true);
	if (!seg)
		return ELF_BAD(s, ".ta_head: sh_addr 0x%lx is not inside the file-backed part of a segment",
			       found.sh_addr);
	if (seg->flags & PF_W)
		return ELF_BAD(s, ".ta_head: in a writable segment");
	if (found.sh_offset != seg->offset + (found.sh_addr - seg->vaddr))
		return ELF_BAD(s, ".ta_head: sh_offset 0x%lx disagrees with its segment (0x%lx)",
			       found.sh_offset,
			       seg->offset + (found.sh_addr - seg->vaddr));
	elf_copy(s, found.sh_offset, sizeof(*head), head);
	if (head->magic != UTEE_TA_HEAD_MAGIC)
		return ELF_BAD(s, "ta_head: magic 0x%08x, expected 0x%08x",
			       head->magic, UTEE_TA_HEAD_MAGIC);
	if (head->abi_version != UTEE_ABI_VERSION)
		return ELF_UNSUPPORTED(s, "ta_head: abi_version %u, this host runs %u",
				       head->abi_version, UTEE_ABI_VERSION);
	if (!head->stack_size)
		return ELF_BAD(s, "ta_head: stack_size is 0");
	info->ta_head_vaddr = found.sh_addr;
	return TEE_SUCCESS;
}

static TEE_Result elf_check_entry(const struct elf_src *s, const Elf64_Ehdr *eh,
				  struct elf_info *info)
{
	const struct elf_segment *seg = elf_seg_at(info, eh->e_entry, 1, true);

	if (!seg || !(seg->flags & PF_X))
		return ELF_BAD(s, "e_entry: 0x%lx is not inside an executable segment",
			       eh->e_entry);
	info->entry = eh->e_entry;
	return TEE_SUCCESS;
}

TEE_Result elf_parse(const void *elf, size_t len, struct elf_info *info,
		     char *why, size_t whylen)
{
	struct elf_src s = { .p = elf, .len = len, .why = why,
			     .whylen = whylen };
	Elf64_Ehdr eh;
	Elf64_Phdr dyn;
	TEE_Result res;

	memset(info, 0, sizeof(*info));
	if (why && whylen)
		why[0] = '\0';
	if (!elf)
		return loader_fail(TEE_ERROR_BAD_PARAMETERS, why, whylen,
				   "no ELF given");

	res = elf_check_ehdr(&s, &eh);
	if (!res)
		res = elf_read_phdrs(&s, &eh, info, &dyn);
	if (!res && dyn.p_type == PT_DYNAMIC)
		res = elf_read_dynamic(&s, &dyn, info);
	if (!res)
		res = elf_check_relocs(&s, info);
	if (!res)
		res = elf_check_entry(&s, &eh, info);
	if (!res)
		res = elf_find_ta_head(&s, &eh, info);
	return res;
}

TEE_Result elf_read_ta_head(const void *elf, size_t len,
			    struct utee_ta_head *head, char *why,
			    size_t whylen)
{
	struct elf_info info;
	TEE_Result res = elf_parse(elf, len, &info, why, whylen);

	if (!res)
		*head = info.ta_head;
	return res;
}
