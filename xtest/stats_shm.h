/* xtest --stats shm: the core's shared memory, per guest and in total. */
#ifndef XTEST_STATS_SHM_H
#define XTEST_STATS_SHM_H

#include <stdio.h>

/*
 * Connects to the core the environment names and prints its SHM window:
 * one line per guest that holds shared memory, and the total. Returns 0,
 * or -ECONNREFUSED (no core) or -EIO (a query failed), with the reason on
 * stderr.
 */
int stats_shm_print(FILE *f);

#endif
