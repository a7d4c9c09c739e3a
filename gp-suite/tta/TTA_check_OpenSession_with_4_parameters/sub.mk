global-incdirs-y += ../common ../../../gen/runtime
srcs-y += check_opensession_with_4_parameters.c ../common/tta_params.c
