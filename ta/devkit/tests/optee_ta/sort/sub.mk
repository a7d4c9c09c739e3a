incdirs-y += .
srcs-y += sort.c
cflags-sort.c-y += -DSORT_DESCENDING=0
