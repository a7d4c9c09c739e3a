/*
 * Names for addresses in the core's fatal reports ("pager_fill+0x24"): the
 * executable's own symbol table, mapped once at start, searched from the
 * fault path without allocating or locking; addresses in shared libraries
 * are named by the dynamic linker (only ever on the way to abort()).
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core_pager.h"

static struct {
	const ElfW(Sym) *syms;
	size_t nsyms;
	const char *strs;
	size_t strs_size;
	uintptr_t bias;		/* where the executable is loaded */
} sym;

static int sym_find_bias(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	(void)arg;
	/* The first object is the executable itself. */
	sym.bias = info->dlpi_addr;
	return 1;
}

/* Finds .symtab and its string table in the mapped file, with bounds. */
static void sym_load(const uint8_t *file, size_t len)
{
	const ElfW(Ehdr) *eh = (const ElfW(Ehdr) *)file;
	const ElfW(Shdr) *sh;
	size_t i;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_shentsize != sizeof(*sh) || eh->e_shoff > len ||
	    (size_t)eh->e_shnum * sizeof(*sh) > len - eh->e_shoff)
		return;
	sh = (const ElfW(Shdr) *)(file + eh->e_shoff);
	for (i = 0; i < eh->e_shnum; i++) {
		const ElfW(Shdr) *st;

		if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum)
			continue;
		st = &sh[sh[i].sh_link];
		if (sh[i].sh_offset > len || sh[i].sh_size > len - sh[i].sh_offset ||
		    st->sh_offset > len || st->sh_size > len - st->sh_offset ||
		    !st->sh_size)
			return;
		sym.syms = (const ElfW(Sym) *)(file + sh[i].sh_offset);
		sym.nsyms = sh[i].sh_size / sizeof(ElfW(Sym));
		sym.strs = (const char *)(file + st->sh_offset);
		sym.strs_size = st->sh_size;
		return;
	}
}

void self_page_sym_init(void)
{
	struct stat st;
	void *file;
	int fd;

	if (sym.syms)
		return;
	dl_iterate_phdr(sym_find_bias, NULL);
	fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (!fstat(fd, &st) && st.st_size > 0) {
		file = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE,
			    fd, 0);
		if (file != MAP_FAILED)
			sym_load(file, (size_t)st.st_size);
	}
	close(fd);
}

/* The executable's function or object holding addr, or NULL. */
static const ElfW(Sym) *sym_lookup(uintptr_t addr)
{
	const ElfW(Sym) *best = NULL;
	uintptr_t a = addr - sym.bias;
	size_t i;

	for (i = 0; i < sym.nsyms; i++) {
		const ElfW(Sym) *s = &sym.syms[i];
		unsigned int type = ELF64_ST_TYPE(s->st_info);

		if ((type != STT_FUNC && type != STT_OBJECT) ||
		    s->st_shndx == SHN_UNDEF || s->st_name >= sym.strs_size ||
		    a < s->st_value || a - s->st_value >= (s->st_size ?
							   s->st_size : 1))
			continue;
		best = s;
		break;
	}
	return best;
}

bool self_page_symbolize(uintptr_t addr, char *buf, size_t len)
{
	const ElfW(Sym) *s = sym.syms ? sym_lookup(addr) : NULL;
	const char *lib;
	Dl_info dl;

	if (s) {
		snprintf(buf, len, "%.*s+0x%lx",
			 (int)strnlen(sym.strs + s->st_name,
				      sym.strs_size - s->st_name),
			 sym.strs + s->st_name,
			 (unsigned long)(addr - sym.bias - s->st_value));
		return true;
	}
	if (!dladdr((void *)addr, &dl) || !dl.dli_fname)
		return false;
	lib = strrchr(dl.dli_fname, '/');
	lib = lib ? lib + 1 : dl.dli_fname;
	/* A library's internal symbols are not in its dynamic table. */
	if (dl.dli_sname)
		snprintf(buf, len, "%s+0x%lx in %s", dl.dli_sname,
			 (unsigned long)(addr - (uintptr_t)dl.dli_saddr), lib);
	else
		snprintf(buf, len, "%s+0x%lx", lib,
			 (unsigned long)(addr - (uintptr_t)dl.dli_fbase));
	return true;
}
