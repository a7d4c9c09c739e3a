# gp_names.h is shared with the generated client side (through
# common/tta_names.h, without the Client API).
global-incdirs-y += ../common ../../../gen/runtime
srcs-y += check_opensession_with_4_parameters.c ../common/tta_params.c
srcs-y += ../common/tta_entry.c
