/*
 * Handles of objects and operations. A handle is an index, a generation
 * and a tag drawn at random once per host, so that a freed handle (its
 * generation moved on), another instance's handle (another tag) and a made
 * up one are all refused, and GP's panic follows.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "cryp_priv.h"

#define HANDLE_INDEX_BITS	20
#define HANDLE_GEN_BITS		12
#define HANDLE_INDEX_MASK	((1u << HANDLE_INDEX_BITS) - 1)
#define HANDLE_GEN_MASK		((1u << HANDLE_GEN_BITS) - 1)
#define HANDLE_MAX		4096	/* live handles per host */

struct handle_slot {
	enum cryp_kind kind;	/* 0: free */
	uint32_t gen;
	void *ptr;
};

static struct handle_slot handle_slots[HANDLE_MAX];
static uint32_t handle_tag;

static uint32_t handle_instance_tag(void)
{
	while (!handle_tag) {
		if (getrandom(&handle_tag, sizeof(handle_tag), 0) !=
		    sizeof(handle_tag))
			cryp_panic(TEE_ERROR_GENERIC, "no random handle tag");
		handle_tag &= ~1u;	/* bit 0 tells objects from operations */
	}
	return handle_tag;
}

static uint64_t handle_encode(enum cryp_kind kind, uint32_t index,
			      uint32_t gen)
{
	uint32_t tag = handle_instance_tag() | (kind == CRYP_K_OP);

	return ((uint64_t)tag << 32) |
	       ((uint64_t)(gen & HANDLE_GEN_MASK) << HANDLE_INDEX_BITS) |
	       (index + 1);
}

uint64_t cryp_handle_new(enum cryp_kind kind, void *ptr)
{
	uint32_t i;

	for (i = 0; i < HANDLE_MAX; i++) {
		if (handle_slots[i].kind)
			continue;
		handle_slots[i].kind = kind;
		handle_slots[i].ptr = ptr;
		return handle_encode(kind, i, handle_slots[i].gen);
	}
	return 0;
}

static struct handle_slot *handle_slot_of(enum cryp_kind kind,
					  uint64_t handle)
{
	uint32_t low = (uint32_t)handle;
	uint32_t index = (low & HANDLE_INDEX_MASK) - 1;
	uint32_t gen = low >> HANDLE_INDEX_BITS;
	struct handle_slot *s;

	if (!handle || (low & HANDLE_INDEX_MASK) == 0 || index >= HANDLE_MAX)
		return NULL;
	s = &handle_slots[index];
	if (s->kind != kind || (s->gen & HANDLE_GEN_MASK) != gen ||
	    handle != handle_encode(kind, index, s->gen))
		return NULL;
	return s;
}

void *cryp_handle_lookup(enum cryp_kind kind, uint64_t handle)
{
	struct handle_slot *s = handle_slot_of(kind, handle);

	return s ? s->ptr : NULL;
}

void cryp_handle_release(enum cryp_kind kind, uint64_t handle)
{
	struct handle_slot *s = handle_slot_of(kind, handle);

	if (!s)
		return;
	s->kind = 0;
	s->ptr = NULL;
	s->gen++;
}
