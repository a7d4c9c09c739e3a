/*
 * Fuzz target: gpgen on any input file: XML reader, schema validation, the
 * sequencing checker and the emitter. Run from the top of the tree (the
 * stylesheets and schema are read from gen/). The first byte picks the
 * area, so each area's tables are exercised.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../gen/gpgen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const areas[] = { "client", "tcf", "time", NULL };
	struct gpgen_opts opts = { .datadir = "gen" };
	struct gpgen *g = NULL;
	char path[64];
	size_t i, n;
	int fd;

	if (!size)
		return 0;
	opts.area = areas[data[0] % 4];
	/* gpgen reads files: give it one that lives in memory. */
	fd = memfd_create("fuzz.xml", MFD_CLOEXEC);
	if (fd < 0)
		abort();
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (gpgen_new(&opts, &g))
		abort();
	gpgen_input(g, path);
	gpgen_finish(g);
	n = gpgen_outputs(g);
	/* Output only when nothing was wrong, and then some. */
	if (gpgen_errors(g) && n)
		abort();
	for (i = 0; i < n; i++) {
		size_t len = 0;

		if (!gpgen_output(g, i, NULL, &len))
			abort();
	}
	gpgen_free(g);
	close(fd);
	return 0;
}
