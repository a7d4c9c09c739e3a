# gp_names.h, shared with the generated client side, names values with
# tee_client_api.h: the project's include/ provides it.
global-incdirs-y += ../common ../../../gen/runtime \
		    ../../../include
srcs-y += tcf_ica2.c ../common/tta_ica.c
srcs-y += ../common/tta_entry.c
