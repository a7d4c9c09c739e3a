global-incdirs-y += include
srcs-y += storage_test.c
