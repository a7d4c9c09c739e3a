/* xtest --hash-perf and --aes-perf: crypto throughput through the TEE. */
#ifndef XTEST_CRYPTO_PERF_H
#define XTEST_CRYPTO_PERF_H

/* which: "hash-perf" or "aes-perf". Returns the exit status. */
int crypto_perf_main(const char *which);

#endif
