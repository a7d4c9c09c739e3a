/* Reading this process's mappings from /proc/self/maps (tc_maps.h). */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

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
	/*
	 * Two pages made as a loader makes a read-only segment and the code
	 * beside it: written first, then protected one by one. Does the
	 * code page's line say it is executable? (qemu-user reports both
	 * pages as one read-only mapping.)
	 */
	char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char perms[5];
	bool shown;

	if (p == MAP_FAILED)
		return false;
	p[0] = 1;
	p[4096] = 1;
	shown = !mprotect(p, 4096, PROT_READ) &&
		!mprotect(p + 4096, 4096, PROT_READ | PROT_EXEC) &&
		tc_maps_perms(p + 4096, perms) && perms[2] == 'x';
	munmap(p, 2 * 4096);
	return shown;
}
