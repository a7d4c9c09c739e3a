/* Helpers of the loader's unit tests (see loader_test_util.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include <openssl/pem.h>

#include "loader_test_util.h"

static void loader_test_path(const char *name, char *path, size_t size)
{
	const char *out = getenv("TEECHECK_OUT");

	snprintf(path, size, "%s/%s", out && *out ? out : "out", name);
}

void *loader_test_read(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	long n;
	void *buf;

	loader_test_path(name, path, sizeof(path));
	f = fopen(path, "rb");
	if (!f)
		fail_msg("%s: cannot open (build it first)", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n > 0 ? (size_t)n : 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

EVP_PKEY *loader_test_key(const char *name, int is_private)
{
	char rel[256], path[512];
	EVP_PKEY *key;
	FILE *f;

	snprintf(rel, sizeof(rel), "keys/%s", name);
	loader_test_path(rel, path, sizeof(path));
	f = fopen(path, "r");
	if (!f)
		fail_msg("%s: cannot open (build it first)", path);
	key = is_private ? PEM_read_PrivateKey(f, NULL, NULL, NULL) :
			   PEM_read_PUBKEY(f, NULL, NULL, NULL);
	fclose(f);
	if (!key)
		fail_msg("%s: not a PEM key", path);
	return key;
}

Elf64_Ehdr *elf_ehdr(uint8_t *elf)
{
	return (Elf64_Ehdr *)elf;
}

Elf64_Phdr *elf_phdr(uint8_t *elf, unsigned int i)
{
	return (Elf64_Phdr *)(elf + elf_ehdr(elf)->e_phoff) + i;
}

Elf64_Phdr *elf_find_phdr(uint8_t *elf, uint32_t type, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < elf_ehdr(elf)->e_phnum; i++) {
		if (elf_phdr(elf, i)->p_type == type && !n--)
			return elf_phdr(elf, i);
	}
	return NULL;
}

static Elf64_Shdr *elf_shdr(uint8_t *elf, unsigned int i)
{
	return (Elf64_Shdr *)(elf + elf_ehdr(elf)->e_shoff) + i;
}

Elf64_Shdr *elf_find_section(uint8_t *elf, const char *name)
{
	Elf64_Shdr *names = elf_shdr(elf, elf_ehdr(elf)->e_shstrndx);
	unsigned int i;

	for (i = 0; i < elf_ehdr(elf)->e_shnum; i++) {
		Elf64_Shdr *sh = elf_shdr(elf, i);

		if (!strcmp((char *)elf + names->sh_offset + sh->sh_name, name))
			return sh;
	}
	return NULL;
}

char *elf_section_name(uint8_t *elf, const char *name)
{
	Elf64_Shdr *names = elf_shdr(elf, elf_ehdr(elf)->e_shstrndx);
	Elf64_Shdr *sh = elf_find_section(elf, name);

	return sh ? (char *)elf + names->sh_offset + sh->sh_name : NULL;
}

Elf64_Dyn *elf_find_dyn(uint8_t *elf, int64_t tag)
{
	Elf64_Phdr *dyn = elf_find_phdr(elf, PT_DYNAMIC, 0);
	Elf64_Dyn *d;

	if (!dyn)
		return NULL;
	for (d = (Elf64_Dyn *)(elf + dyn->p_offset); d->d_tag != DT_NULL; d++) {
		if (d->d_tag == tag)
			return d;
	}
	return NULL;
}

uint8_t *elf_at_vaddr(uint8_t *elf, uint64_t vaddr)
{
	unsigned int i;

	for (i = 0; i < elf_ehdr(elf)->e_phnum; i++) {
		Elf64_Phdr *ph = elf_phdr(elf, i);

		if (ph->p_type == PT_LOAD && vaddr >= ph->p_vaddr &&
		    vaddr < ph->p_vaddr + ph->p_filesz)
			return elf + ph->p_offset + (vaddr - ph->p_vaddr);
	}
	return NULL;
}
