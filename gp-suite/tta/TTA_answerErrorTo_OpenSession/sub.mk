global-incdirs-y += ../common
srcs-y += answererrorto_opensession.c
srcs-y += ../common/tta_entry.c
