global-incdirs-y += include ../tcf_peer/include
srcs-y += tcf_test.c tcf_props.c tcf_mem.c tcf_ta2ta.c
