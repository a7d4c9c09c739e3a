/* Timing helpers shared by the benchmarks: a monotonic clock in
 * microseconds and the median of a sample set. */
#ifndef BENCH_TIME_H
#define BENCH_TIME_H

double bench_now_us(void);
/* The median of n samples (sorts them in place). */
double bench_median(double *samples, unsigned int n);

/*
 * Prints "name: value unit (baseline: base unit, ratio: r)" and, when
 * target > 0, "target name: ratio <= target: met|not met".
 */
void bench_report(const char *name, double value, double base,
		  const char *unit, double target);

#endif
