# gp_names.h, shared with the generated client side, names values with
# tee_client_api.h: the project's include/ provides it.
global-incdirs-y += ../common ../../../gen/runtime \
		    ../../../include
srcs-y += testingclientapi_parameters_opensession.c ../common/tta_params.c
srcs-y += ../common/tta_entry.c
