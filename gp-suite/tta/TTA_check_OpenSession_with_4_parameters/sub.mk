# gp_names.h, shared with the generated client side, names values with
# tee_client_api.h: the project's include/ provides it.
global-incdirs-y += ../common ../../../gen/runtime \
		    ../../../include
srcs-y += check_opensession_with_4_parameters.c ../common/tta_params.c
srcs-y += ../common/tta_entry.c
