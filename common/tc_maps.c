/* Reading this process's mappings from /proc/self/maps (tc_maps.h). */
#include <stdint.h>
#include <stdio.h>

#include "tc_maps.h"

bool tc_maps_perms(const void *addr, char perms[5])
{
	uintptr_t a = (uintptr_t)addr;
	char line[512];
	bool found = false;
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 &&
		    a >= lo && a < hi)
			found = true;
	}
	fclose(f);
	return found;
}

bool tc_maps_exec_visible(void)
{
	char perms[5];

	return tc_maps_perms((const void *)(uintptr_t)&tc_maps_exec_visible,
			     perms) && perms[2] == 'x';
}
