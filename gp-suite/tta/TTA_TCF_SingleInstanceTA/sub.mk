global-incdirs-y += ../common ../../../gen/runtime
srcs-y += ../common/tta_instance_ta.c ../common/tta_instance.c ../common/tta_text.c
