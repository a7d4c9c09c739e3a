# gp_names.h is shared with the generated client side (through
# common/tta_names.h, without the Client API).
global-incdirs-y += ../common ../../../gen/runtime
srcs-y += tcf_main.c tcf_properties.c tcf_memory.c tcf_ta_sessions.c \
	  tcf_cancel.c ../common/tta_text.c
srcs-y += ../common/tta_entry.c
