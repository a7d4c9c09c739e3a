global-incdirs-y += include
srcs-y += pager_test.c
