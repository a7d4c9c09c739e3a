/*
 * Maps a checked TA ELF: one reserved range, each PT_LOAD placed at base +
 * p_vaddr, relative relocations applied, then final protections (text
 * r-x, read-only data r--, data rw-; never writable and executable).
 */
#include <elf.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <tee_api_defines.h>

#include "elf_load.h"

static size_t elf_host_page(void)
{
	long page = sysconf(_SC_PAGESIZE);

	return page > 0 ? (size_t)page : ELF_PAGE_SIZE;
}

static uintptr_t round_down(uintptr_t x, size_t a)
{
	return x & ~(uintptr_t)(a - 1);
}

static uintptr_t round_up(uintptr_t x, size_t a)
{
	return round_down(x + a - 1, a);
}

static int elf_prot(uint32_t flags)
{
	return ((flags & PF_R) ? PROT_READ : 0) |
	       ((flags & PF_W) ? PROT_WRITE : 0) |
	       ((flags & PF_X) ? PROT_EXEC : 0);
}

static TEE_Result anon_reserve(void *ctx, size_t size, size_t align,
			       uintptr_t *base)
{
	size_t page = elf_host_page();
	size_t extra = align > page ? align : 0;
	uintptr_t p, aligned;
	void *m;

	(void)ctx;
	m = mmap(NULL, size + extra, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED)
		return TEE_ERROR_OUT_OF_MEMORY;
	p = (uintptr_t)m;
	aligned = round_up(p, align);
	if (aligned > p)
		munmap(m, aligned - p);
	if (p + size + extra > aligned + size)
		munmap((void *)(aligned + size), p + size + extra - aligned - size);
	*base = aligned;
	return TEE_SUCCESS;
}

static TEE_Result anon_map(void *ctx, const struct elf_map_req *req)
{
	(void)ctx;
	/* Fresh from reserve(), so already zero-filled. */
	if (mprotect((void *)req->addr, req->size, PROT_READ | PROT_WRITE))
		return TEE_ERROR_OUT_OF_MEMORY;
	memcpy((void *)(req->addr + req->src_off), req->src, req->src_len);
	return TEE_SUCCESS;
}

static TEE_Result anon_protect(void *ctx, uintptr_t addr, size_t size,
			       int prot)
{
	(void)ctx;
	if (mprotect((void *)addr, size, prot))
		return TEE_ERROR_OUT_OF_MEMORY;
	return TEE_SUCCESS;
}

static void anon_release(void *ctx, uintptr_t base, size_t size)
{
	(void)ctx;
	munmap((void *)base, size);
}

const struct elf_map_ops elf_map_anon_ops = {
	.reserve = anon_reserve,
	.map = anon_map,
	.protect = anon_protect,
	.release = anon_release,
};

/* Host pages larger than the ELF's page size must not be shared either. */
static TEE_Result elf_check_host_pages(const struct elf_info *info,
				       size_t page, char *why, size_t whylen)
{
	size_t i;

	for (i = 1; i < info->nsegs; i++) {
		const struct elf_segment *a = &info->segs[i - 1];
		const struct elf_segment *b = &info->segs[i];

		if (round_down(b->vaddr, page) < round_up(a->vaddr + a->memsz,
							  page))
			return loader_fail(TEE_ERROR_NOT_SUPPORTED, why, whylen,
					   "segments %zu and %zu share a page of this host's %zu-byte pages",
					   i - 1, i, page);
	}
	return TEE_SUCCESS;
}

/* Applies the relocations elf_parse checked: all relative, all writable. */
static void elf_relocate(const uint8_t *elf, const struct elf_info *info,
			 uintptr_t base)
{
	size_t t;

	for (t = 0; t < 2; t++) {
		uint64_t k;

		for (k = 0; k < info->rela[t].count; k++) {
			Elf64_Rela r;
			uint64_t v;

			memcpy(&r, elf + info->rela[t].offset + k * sizeof(r),
			       sizeof(r));
			v = base + (uint64_t)r.r_addend;
			memcpy((void *)(base + r.r_offset), &v, sizeof(v));
		}
	}
}

TEE_Result elf_load_with(const void *elf, size_t len,
			 const struct elf_map_ops *ops, void *ops_ctx,
			 struct elf_loaded *out)
{
	size_t page = elf_host_page();
	struct elf_info info;
	uintptr_t base = 0;
	size_t span = 0;
	bool reserved = false;
	TEE_Result res;
	size_t i;

	memset(out, 0, sizeof(*out));
	res = elf_parse(elf, len, &info, out->why, sizeof(out->why));
	if (res)
		goto out;
	res = elf_check_host_pages(&info, page, out->why, sizeof(out->why));
	if (res)
		goto out;

	span = round_up(info.span, page);
	res = ops->reserve(ops_ctx, span,
			   info.max_align > page ? info.max_align : page, &base);
	if (res) {
		loader_fail(res, out->why, sizeof(out->why),
			    "reserve: no room for 0x%zx bytes", span);
		goto out;
	}
	reserved = true;

	for (i = 0; i < info.nsegs; i++) {
		const struct elf_segment *seg = &info.segs[i];
		uintptr_t start = round_down(base + seg->vaddr, page);
		struct elf_map_req req = {
			.addr = start,
			.size = round_up(base + seg->vaddr + seg->memsz, page) -
				start,
			.src = (const uint8_t *)elf + seg->offset,
			.src_off = base + seg->vaddr - start,
			.src_len = seg->filesz,
			.prot = elf_prot(seg->flags),
			.seg_index = i,
		};

		res = ops->map(ops_ctx, &req);
		if (res) {
			loader_fail(res, out->why, sizeof(out->why),
				    "segment %zu: mapping 0x%zx bytes failed",
				    i, req.size);
			goto out;
		}
	}

	elf_relocate(elf, &info, base);

	for (i = 0; i < info.nsegs; i++) {
		const struct elf_segment *seg = &info.segs[i];
		uintptr_t start = round_down(base + seg->vaddr, page);
		size_t size = round_up(base + seg->vaddr + seg->memsz, page) -
			      start;

		res = ops->protect(ops_ctx, start, size, elf_prot(seg->flags));
		if (res) {
			loader_fail(res, out->why, sizeof(out->why),
				    "segment %zu: setting its protection failed",
				    i);
			goto out;
		}
		out->segs[i] = (struct elf_loaded_segment){
			.addr = base + seg->vaddr,
			.vaddr = seg->vaddr,
			.size = seg->memsz,
			.filesz = seg->filesz,
			.offset = seg->offset,
			.prot = elf_prot(seg->flags),
		};
	}

	out->nsegs = info.nsegs;
	out->base = base;
	out->size = span;
	out->entry = base + info.entry;
	out->head = (const struct utee_ta_head *)(base + info.ta_head_vaddr);
	out->ops = ops;
	out->ops_ctx = ops_ctx;

out:
	if (res) {
		if (reserved)
			ops->release(ops_ctx, base, span);
		out->nsegs = 0;
	}
	return res;
}

TEE_Result elf_load(const void *elf, size_t len, struct elf_loaded *out)
{
	return elf_load_with(elf, len, &elf_map_anon_ops, NULL, out);
}

void elf_unload(struct elf_loaded *l)
{
	if (l->ops && l->size)
		l->ops->release(l->ops_ctx, l->base, l->size);
	l->ops = NULL;
	l->size = 0;
	l->base = 0;
	l->entry = 0;
	l->head = NULL;
	l->nsegs = 0;
}
