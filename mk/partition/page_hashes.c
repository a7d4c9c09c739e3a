/*
 * page-hashes: the partition build's post-link step. Computes the SHA-256
 * of every page of a linked program's paged text and read-only data and
 * writes the table (core/pager/self_page_table.h) into its .pager_hashes section,
 * in place; nothing else of the file changes.
 *
 *   page-hashes PROGRAM
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "../../core/pager/self_page_table.h"

struct prog {
	const char *path;
	uint8_t *file;
	size_t len;
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;
};

static int fail(const struct prog *p, const char *what)
{
	fprintf(stderr, "page-hashes: %s: %s\n", p->path, what);
	return -1;
}

static bool in_file(const struct prog *p, uint64_t off, uint64_t size)
{
	return off <= p->len && size <= p->len - off;
}

static const Elf64_Shdr *section(const struct prog *p, const char *name)
{
	const Elf64_Shdr *strs = &p->sh[p->eh->e_shstrndx];
	size_t i;

	for (i = 0; i < p->eh->e_shnum; i++) {
		uint64_t at = strs->sh_offset + p->sh[i].sh_name;

		if (p->sh[i].sh_name < strs->sh_size &&
		    in_file(p, at, strlen(name) + 1) &&
		    !memcmp(p->file + at, name, strlen(name) + 1))
			return &p->sh[i];
	}
	return NULL;
}

/* The value of a symbol of .symtab, or 0 if there is none. */
static uint64_t symbol(const struct prog *p, const char *name)
{
	const Elf64_Shdr *st = section(p, ".symtab");
	const Elf64_Shdr *ss;
	const Elf64_Sym *syms;
	size_t i, n;

	if (!st || st->sh_link >= p->eh->e_shnum ||
	    !in_file(p, st->sh_offset, st->sh_size))
		return 0;
	ss = &p->sh[st->sh_link];
	if (!in_file(p, ss->sh_offset, ss->sh_size))
		return 0;
	syms = (const Elf64_Sym *)(p->file + st->sh_offset);
	n = st->sh_size / sizeof(*syms);
	for (i = 0; i < n; i++) {
		uint64_t at = ss->sh_offset + syms[i].st_name;

		if (syms[i].st_name < ss->sh_size &&
		    in_file(p, at, strlen(name) + 1) &&
		    !memcmp(p->file + at, name, strlen(name) + 1))
			return syms[i].st_value;
	}
	return 0;
}

/* The file bytes of [vaddr, vaddr + size), all inside one PT_LOAD's file
 * part, or NULL. */
static const uint8_t *vaddr_bytes(const struct prog *p, uint64_t vaddr,
				  uint64_t size)
{
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(p->file + p->eh->e_phoff);
	size_t i;

	for (i = 0; i < p->eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || vaddr < ph[i].p_vaddr ||
		    vaddr + size > ph[i].p_vaddr + ph[i].p_filesz)
			continue;
		if (!in_file(p, ph[i].p_offset + (vaddr - ph[i].p_vaddr), size))
			return NULL;
		return p->file + ph[i].p_offset + (vaddr - ph[i].p_vaddr);
	}
	return NULL;
}

/* Hashes one paged range into t, from page *k on. */
static int hash_range(const struct prog *p, const char *start_sym,
		      const char *end_sym, uint64_t *vaddr, uint64_t *size,
		      struct core_page_table *t, uint32_t *k)
{
	uint64_t lo = symbol(p, start_sym), hi = symbol(p, end_sym), off;
	const uint8_t *bytes;

	if (!lo || hi <= lo || lo % CORE_PAGE_HASH_PAGE ||
	    hi % CORE_PAGE_HASH_PAGE)
		return fail(p, "a paged range is missing, empty or not "
			    "page-aligned (not linked with the partition "
			    "fragment?)");
	bytes = vaddr_bytes(p, lo, hi - lo);
	if (!bytes)
		return fail(p, "a paged range is not file-backed in one "
			    "loadable segment");
	if ((hi - lo) / CORE_PAGE_HASH_PAGE > CORE_PAGED_MAX_PAGES - *k)
		return fail(p, "more paged pages than CORE_PAGED_MAX_PAGES");
	for (off = 0; off < hi - lo; off += CORE_PAGE_HASH_PAGE) {
		if (!EVP_Digest(bytes + off, CORE_PAGE_HASH_PAGE,
				t->hashes[(*k)++], NULL, EVP_sha256(), NULL))
			return fail(p, "SHA-256 failed");
	}
	*vaddr = lo;
	*size = hi - lo;
	return 0;
}

static int page_hashes(struct prog *p)
{
	const Elf64_Shdr *sec;
	struct core_page_table *t;
	uint32_t k = 0;

	p->eh = (const Elf64_Ehdr *)p->file;
	if (p->len < sizeof(*p->eh) || memcmp(p->eh->e_ident, ELFMAG, SELFMAG) ||
	    p->eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    p->eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    !in_file(p, p->eh->e_shoff,
		     (uint64_t)p->eh->e_shnum * sizeof(Elf64_Shdr)) ||
	    p->eh->e_shstrndx >= p->eh->e_shnum ||
	    p->eh->e_phentsize != sizeof(Elf64_Phdr) ||
	    !in_file(p, p->eh->e_phoff,
		     (uint64_t)p->eh->e_phnum * sizeof(Elf64_Phdr)))
		return fail(p, "not a 64-bit ELF file");
	p->sh = (const Elf64_Shdr *)(p->file + p->eh->e_shoff);
	sec = section(p, CORE_PAGE_TABLE_SECTION);
	if (!sec || sec->sh_type != SHT_PROGBITS ||
	    sec->sh_size < sizeof(*t) ||
	    !in_file(p, sec->sh_offset, sizeof(*t)))
		return fail(p, "no " CORE_PAGE_TABLE_SECTION " section to "
			    "hold the page hashes");
	t = calloc(1, sizeof(*t));
	if (!t)
		return fail(p, "out of memory");
	if (hash_range(p, CORE_PAGED_TEXT_START, CORE_PAGED_TEXT_END,
		       &t->text_vaddr, &t->text_size, t, &k) ||
	    hash_range(p, CORE_PAGED_RODATA_START, CORE_PAGED_RODATA_END,
		       &t->rodata_vaddr, &t->rodata_size, t, &k)) {
		free(t);
		return -1;
	}
	t->magic = CORE_PAGE_TABLE_MAGIC;
	t->page_size = CORE_PAGE_HASH_PAGE;
	t->npages = k;
	memcpy(p->file + sec->sh_offset, t, sizeof(*t));
	free(t);
	printf("page-hashes: %s: %u pages hashed (text %llu KiB, rodata %llu "
	       "KiB)\n", p->path, k,
	       (unsigned long long)(symbol(p, CORE_PAGED_TEXT_END) -
				    symbol(p, CORE_PAGED_TEXT_START)) / 1024,
	       (unsigned long long)(symbol(p, CORE_PAGED_RODATA_END) -
				    symbol(p, CORE_PAGED_RODATA_START)) / 1024);
	return 0;
}

int main(int argc, char **argv)
{
	struct prog p = { 0 };
	struct stat st;
	int fd, rc;

	if (argc != 2) {
		fprintf(stderr, "usage: page-hashes PROGRAM\n");
		return 2;
	}
	p.path = argv[1];
	fd = open(p.path, O_RDWR | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) || st.st_size <= 0) {
		fprintf(stderr, "page-hashes: %s: %s\n", p.path,
			strerror(errno));
		return 1;
	}
	p.len = (size_t)st.st_size;
	p.file = mmap(NULL, p.len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p.file == MAP_FAILED) {
		fprintf(stderr, "page-hashes: %s: %s\n", p.path,
			strerror(errno));
		return 1;
	}
	rc = page_hashes(&p);
	if (!rc && msync(p.file, p.len, MS_SYNC))
		rc = fail(&p, "cannot write the table back");
	munmap(p.file, p.len);
	return rc ? 1 : 0;
}
