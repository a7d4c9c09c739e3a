global-incdirs-y += include
srcs-y += crypto_test.c ct_run.c ct_selftest.c ct_misuse.c ct_bigint.c
