# gp_names.h, shared with the generated client side, names values with
# tee_client_api.h: the project's include/ provides it.
global-incdirs-y += ../common ../../../gen/runtime \
		    ../../../include
srcs-y += tcf_main.c tcf_properties.c tcf_memory.c tcf_ta_sessions.c \
	  tcf_cancel.c ../common/tta_text.c
srcs-y += ../common/tta_entry.c
