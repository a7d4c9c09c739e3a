global-incdirs-y += ../../../gen/runtime
srcs-y += time.c
