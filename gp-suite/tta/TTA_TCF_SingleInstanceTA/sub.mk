# gp_names.h is shared with the generated client side (through
# common/tta_names.h, without the Client API).
global-incdirs-y += ../common ../../../gen/runtime
srcs-y += ../common/tta_instance_ta.c ../common/tta_instance.c ../common/tta_text.c
srcs-y += ../common/tta_entry.c
