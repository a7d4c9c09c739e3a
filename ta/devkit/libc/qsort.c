/*
 * qsort and bsearch of the TA libc. qsort is a heap sort: no recursion and
 * no allocation (a TA's stack is small), O(n log n) in the worst case.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static void qsort_swap(uint8_t *a, uint8_t *b, size_t size)
{
	while (size--) {
		uint8_t t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Moves the element at root down until the heap below it is ordered. */
static void qsort_sift(uint8_t *base, size_t root, size_t n, size_t size,
		       int (*compar)(const void *, const void *))
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n &&
		    compar(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (compar(base + root * size, base + child * size) >= 0)
			return;
		qsort_swap(base + root * size, base + child * size, size);
		root = child;
	}
}

void qsort(void *base, size_t nmemb, size_t size,
	   int (*compar)(const void *, const void *))
{
	uint8_t *b = base;
	size_t i;

	if (nmemb < 2 || !size)
		return;
	for (i = nmemb / 2; i-- > 0;)
		qsort_sift(b, i, nmemb, size, compar);
	for (i = nmemb - 1; i > 0; i--) {
		qsort_swap(b, b + i * size, size);
		qsort_sift(b, 0, i, size, compar);
	}
}

void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
	      int (*compar)(const void *, const void *))
{
	const uint8_t *b = base;
	size_t lo = 0, hi = nmemb;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = compar(key, b + mid * size);

		if (!c)
			return (void *)(b + mid * size);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
