global-incdirs-y += ../tcf_test/include ../tcf_peer/include
srcs-y += ../tcf_test/tcf_test.c ../tcf_test/tcf_props.c
srcs-y += ../tcf_test/tcf_mem.c ../tcf_test/tcf_ta2ta.c
