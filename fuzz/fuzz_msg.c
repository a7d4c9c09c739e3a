/*
 * Fuzz target: what the core does first with any message from a peer. The
 * framing check, then for a message it accepts the page-list check against
 * a guest's RAM and the frame map's check of every memory parameter's pages.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/tc_msg.h"
#include "../core/shm/shm_physmap.h"

#define FUZZ_GUEST	7u
#define FUZZ_RAM_PAGES	64u

static struct shm_physmap fuzz_map;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	uint64_t start;

	(void)argc;
	(void)argv;
	/* Secure memory, another guest's RAM, then ours: a frame number
	 * that is off by a little lands in someone else's pages. */
	shm_physmap_init(&fuzz_map, 1u << 20);
	if (shm_physmap_add_secure(&fuzz_map, 0, 16, "core") ||
	    shm_physmap_add_ram(&fuzz_map, 3, 32, &start) ||
	    shm_physmap_add_ram(&fuzz_map, FUZZ_GUEST, FUZZ_RAM_PAGES, &start))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct shm_phys_region *ram;
	struct tc_msg *m;
	struct tc_why why;
	char text[160];
	unsigned int i;

	/* The core receives into an aligned buffer of its own. */
	m = malloc(size ? size : 1);
	if (!m)
		return 0;
	memcpy(m, data, size);
	if (tc_msg_check(m, size, &why) ||
	    tc_msg_check_pages(m, FUZZ_RAM_PAGES, &why))
		goto out;
	ram = shm_physmap_ram(&fuzz_map, FUZZ_GUEST);
	for (i = 0; i < m->num_params && i < TC_MAX_PARAMS; i++) {
		const struct tc_param *p = m->params + i;
		uint32_t k;

		if (!tc_param_is_mem(p->type) || (p->flags & TC_PFLAG_NULL))
			continue;
		/* Accepted: every page it names is inside the list and the
		 * guest's RAM, and so inside the guest's frames. */
		if (p->first + (uint64_t)p->npages > m->npages)
			abort();
		for (k = 0; k < p->npages; k++)
			if (shm_physmap_check(&fuzz_map, FUZZ_GUEST, ram->start +
					      m->pages[p->first + k], 1, text,
					      sizeof(text)))
				abort();
	}
out:
	free(m);
	return 0;
}
