/* Timing helpers shared by the benchmarks: a monotonic clock in
 * microseconds and the median of a sample set. */
#ifndef BENCH_TIME_H
#define BENCH_TIME_H

double bench_now_us(void);
/* The median of n samples (sorts them in place). */
double bench_median(double *samples, unsigned int n);

#endif
