/*
 * The signed TA image, out/ta/<uuid>.ta: what the supplicant hands to the
 * core, and what the core verifies before anything of the TA runs.
 *
 * Layout, every integer little-endian, every part starting 8-byte aligned:
 *
 *   struct ta_image_hdr                       hdr_size bytes
 *   struct ta_image_seg   [seg_count]         one per PT_LOAD, in order
 *   uint8_t  hashes       [hash_count][32]    page hashes, see below
 *   the ELF                                   elf_size bytes
 *   the signature                             sig_size bytes
 *
 * and nothing after it. The signature is RSASSA-PSS with SHA-256, MGF1 with
 * SHA-256 and a 32-byte salt, over every byte before it (header, tables and
 * ELF); sig_size is the RSA modulus size.
 *
 * Page hashes, for the pager: segment s covers the TA_IMAGE_PAGE_SIZE pages
 * from p_vaddr rounded down to p_vaddr + p_filesz rounded up (none if
 * p_filesz is 0), hashes[first_hash .. first_hash + page_count). A page's
 * hash is SHA-256 of the page exactly as the loader fills it before any
 * relocation: the segment's file bytes where they fall in the page, zeros
 * elsewhere. Pages of bss past the file bytes are zero pages and have no
 * hash. hash_count is the sum of every segment's page_count.
 */
#ifndef TEECHECK_TA_IMAGE_H
#define TEECHECK_TA_IMAGE_H

#include <stdint.h>

#define TA_IMAGE_MAGIC		0x474d4954u	/* "TIMG" */
#define TA_IMAGE_VERSION	1
#define TA_IMAGE_PAGE_SIZE	4096u
#define TA_IMAGE_MAX_SEGS	16
#define TA_IMAGE_MAX_SIG	1024u		/* RSA-8192 */

#define TA_IMAGE_HASH_SHA256		1u	/* hash_algo */
#define TA_IMAGE_HASH_SIZE		32u
#define TA_IMAGE_SIG_RSA_PSS_SHA256	1u	/* sig_algo */

struct ta_image_hdr {
	uint32_t magic;			/* TA_IMAGE_MAGIC */
	uint16_t version;		/* TA_IMAGE_VERSION */
	uint16_t hdr_size;		/* sizeof(struct ta_image_hdr) */
	uint32_t hash_algo;		/* TA_IMAGE_HASH_SHA256 */
	uint32_t sig_algo;		/* TA_IMAGE_SIG_RSA_PSS_SHA256 */
	/* The TA's UUID, as in its .ta_head (TEE_UUID field by field). */
	uint32_t uuid_time_low;
	uint16_t uuid_time_mid;
	uint16_t uuid_time_hi_and_version;
	uint8_t uuid_clock_seq_and_node[8];
	uint32_t page_size;		/* TA_IMAGE_PAGE_SIZE */
	uint32_t seg_count;		/* 1 .. TA_IMAGE_MAX_SEGS */
	uint32_t hash_count;		/* entries of the page hash table */
	uint32_t sig_size;		/* 1 .. TA_IMAGE_MAX_SIG */
	uint64_t elf_size;
	uint32_t reserved[2];		/* zero */
};

/* A PT_LOAD of the ELF and where its page hashes are. */
struct ta_image_seg {
	uint64_t vaddr;			/* p_vaddr */
	uint64_t memsz;			/* p_memsz */
	uint64_t filesz;		/* p_filesz */
	uint64_t offset;		/* p_offset in the ELF */
	uint32_t flags;			/* p_flags: PF_R 4, PF_W 2, PF_X 1 */
	uint32_t first_hash;		/* index of its first page's hash */
	uint32_t page_count;		/* how many pages it has hashes for */
	uint32_t reserved;		/* zero */
};

_Static_assert(sizeof(struct ta_image_hdr) == 64, "ta_image_hdr layout");
_Static_assert(sizeof(struct ta_image_seg) == 48, "ta_image_seg layout");

#endif
