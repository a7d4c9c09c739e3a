global-incdirs-y += ../storage_test/include
srcs-y += ../storage_test/storage_test.c
cflags-y += -DTEE_CORE_API_COMPAT_1_1
