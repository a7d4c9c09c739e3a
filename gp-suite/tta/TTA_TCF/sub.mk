global-incdirs-y += ../common ../../../gen/runtime
srcs-y += tcf_main.c tcf_properties.c tcf_memory.c tcf_ta_sessions.c \
	  tcf_cancel.c ../common/tta_text.c
