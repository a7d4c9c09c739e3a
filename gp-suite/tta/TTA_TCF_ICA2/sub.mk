# gp_names.h is shared with the generated client side (through
# common/tta_names.h, without the Client API).
global-incdirs-y += ../common ../../../gen/runtime
srcs-y += tcf_ica2.c ../common/tta_ica.c
srcs-y += ../common/tta_entry.c
