global-incdirs-y += ../os_test/include
srcs-y += ../os_test/os_test.c
