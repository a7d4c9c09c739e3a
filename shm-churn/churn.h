/*
 * shm-churn: shared memory under load. The driver (churn_main.c) runs
 * client processes (churn_client.c) whose threads register, allocate,
 * release and invoke with memrefs of every kind and size against the
 * shm_churn TA, checking every byte both ways, while the driver kills
 * clients at random moments; at the end the core must hold what it held at
 * the start.
 */
#ifndef SHM_CHURN_H
#define SHM_CHURN_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct churn_cfg {
	unsigned int seconds;
	unsigned int procs;		/* client processes at a time */
	unsigned int threads;		/* threads per client */
	unsigned int kill_ms;		/* mean time between kills, 0: none */
	unsigned int big_mib;		/* largest "several MiB" block */
	uint64_t seed;
	bool verbose;
	bool shared_core;		/* others use the core: no end check */
};

/* Counters the clients share with the driver; they survive a kill. */
struct churn_counts {
	atomic_ullong ops;		/* memref round trips checked */
	atomic_ullong bytes;		/* bytes checked */
	atomic_ullong registrations;
	atomic_ullong failures;
};

/* A client process: runs until SIGTERM, returns its exit status. */
int churn_client(const struct churn_cfg *cfg, uint64_t seed,
		 struct churn_counts *counts);

/* splitmix64: the churn's random source, one per thread. */
static inline uint64_t churn_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline uint64_t churn_below(uint64_t *state, uint64_t n)
{
	return n ? churn_rand(state) % n : 0;
}

#endif
