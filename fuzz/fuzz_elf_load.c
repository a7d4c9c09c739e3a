/*
 * Fuzz target: a TA host's loader on any ELF. The checker refuses what it
 * does not accept with a reason; what it accepts is mapped, relocated and
 * unmapped again without touching memory outside what it reserved.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/loader/elf_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_loaded *l = calloc(1, sizeof(*l));
	struct elf_info *info = calloc(1, sizeof(*info));
	char why[LOADER_WHY_LEN];
	TEE_Result parsed, loaded;
	void *copy = malloc(size ? size : 1);

	if (!l || !info || !copy)
		goto out;
	/* Loaded from an aligned copy, as from the verified image. */
	memcpy(copy, data, size);
	why[0] = '\0';
	parsed = elf_parse(copy, size, info, why, sizeof(why));
	if (parsed && !why[0])
		abort();	/* a refusal always says why */
	loaded = elf_load(copy, size, l);
	if (!parsed != !loaded && loaded != TEE_ERROR_OUT_OF_MEMORY)
		abort();	/* the loader accepts what the checker does */
	elf_unload(l);
out:
	free(copy);
	free(info);
	free(l);
	return 0;
}
