/* Timing helpers shared by the benchmarks. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_time.h"

double bench_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double bench_median(double *samples, unsigned int n)
{
	qsort(samples, n, sizeof(*samples), cmp_double);
	return samples[n / 2];
}

void bench_report(const char *name, double value, double base,
		  const char *unit, double target)
{
	double r = value / base;

	printf("%s: %.1f %s (baseline: %.1f %s, ratio: %.2f)\n", name, value,
	       unit, base, unit, r);
	if (target > 0)
		printf("target %s: ratio <= %.2f: %s\n", name, target,
		       r <= target ? "met" : "not met");
}
