# crypto_test built against the v1.1 signatures of the Internal Core API.
global-incdirs-y += ../crypto_test/include
srcs-y += ../crypto_test/crypto_test.c ../crypto_test/ct_run.c
srcs-y += ../crypto_test/ct_selftest.c ../crypto_test/ct_misuse.c
srcs-y += ../crypto_test/ct_bigint.c
