/* The seeded random source of the SHM unit tests (xorshift64*). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "shm_test_rand.h"

void shm_rand_init(struct shm_rand *r, const char *test)
{
	const char *env = getenv("SHM_TEST_SEED");
	struct timespec ts;
	uint64_t seed;

	if (env && *env) {
		seed = strtoull(env, NULL, 0);
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
		seed = (uint64_t)ts.tv_sec * 1000000007u ^ (uint64_t)ts.tv_nsec;
	}
	printf("%s: SHM_TEST_SEED=%llu\n", test, (unsigned long long)seed);
	r->state = seed ? seed : 1;
}

uint64_t shm_rand_next(struct shm_rand *r)
{
	r->state ^= r->state >> 12;
	r->state ^= r->state << 25;
	r->state ^= r->state >> 27;
	return r->state * 0x2545f4914f6cdd1dull;
}

uint64_t shm_rand_below(struct shm_rand *r, uint64_t n)
{
	return shm_rand_next(r) % n;
}
