/* Helpers of the loader's unit tests: build outputs they read, and ELF
 * surgery on copies of a real TA to make each kind of malformed input. */
#ifndef LOADER_TEST_UTIL_H
#define LOADER_TEST_UTIL_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>

/* os_test, as the dev kit builds it (out/ta/<uuid>.elf and .ta). */
#define LOADER_TEST_TA	"ta/4ec4e0c5-5340-4809-be39-f1cbc258fa50"

/* Reads $TEECHECK_OUT/name (default out/); fails the test if it cannot. */
void *loader_test_read(const char *name, size_t *len);
/* A PEM key under $TEECHECK_OUT/keys; fails the test if it cannot. */
EVP_PKEY *loader_test_key(const char *name, int is_private);

/* Views into a (trusted, well-formed) ELF held in memory. */
Elf64_Ehdr *elf_ehdr(uint8_t *elf);
Elf64_Phdr *elf_phdr(uint8_t *elf, unsigned int i);
/* The n-th program header of a type, or NULL. */
Elf64_Phdr *elf_find_phdr(uint8_t *elf, uint32_t type, unsigned int n);
Elf64_Shdr *elf_find_section(uint8_t *elf, const char *name);
/* The name of a section inside the section name table. */
char *elf_section_name(uint8_t *elf, const char *name);
/* A dynamic entry by tag, or NULL. */
Elf64_Dyn *elf_find_dyn(uint8_t *elf, int64_t tag);
/* The file bytes at a virtual address (inside a PT_LOAD's file part). */
uint8_t *elf_at_vaddr(uint8_t *elf, uint64_t vaddr);

#endif
