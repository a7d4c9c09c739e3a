global-incdirs-y += include
srcs-y += os_test.c
