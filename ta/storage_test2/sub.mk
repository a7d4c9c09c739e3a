global-incdirs-y += ../storage_test/include
srcs-y += ../storage_test/storage_test.c
