global-incdirs-y += ../common
srcs-y += answererrorto_invoke.c
srcs-y += ../common/tta_entry.c
