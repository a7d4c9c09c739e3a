/*
 * A seeded random source for the randomized SHM tests: every run prints its
 * seed, and SHM_TEST_SEED=N replays one.
 */
#ifndef SHM_TEST_RAND_H
#define SHM_TEST_RAND_H

#include <stdint.h>

struct shm_rand {
	uint64_t state;
};

/* Seeds from SHM_TEST_SEED or the clock, and prints the seed for test. */
void shm_rand_init(struct shm_rand *r, const char *test);
uint64_t shm_rand_next(struct shm_rand *r);
/* Uniform in [0, n); n > 0. */
uint64_t shm_rand_below(struct shm_rand *r, uint64_t n);

#endif
