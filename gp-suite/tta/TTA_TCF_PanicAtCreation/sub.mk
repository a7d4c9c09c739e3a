global-incdirs-y += ../common
srcs-y += tcf_panicatcreation.c
srcs-y += ../common/tta_entry.c
