/* Sorting with the kit's qsort, in a folder of its own (subdirs-y). */
#include <stdlib.h>
#include <sort.h>

static int sort_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int r = (x > y) - (x < y);

	return SORT_DESCENDING ? -r : r;
}

void sort_u32(uint32_t *v, size_t n)
{
	qsort(v, n, sizeof(*v), sort_cmp);
}
