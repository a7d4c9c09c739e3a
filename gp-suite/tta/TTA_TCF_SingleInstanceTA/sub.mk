global-incdirs-y += ../common ../../../gen/runtime
srcs-y += tcf_singleinstanceta.c ../common/tta_instance.c ../common/tta_text.c
