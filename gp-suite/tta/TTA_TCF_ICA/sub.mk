global-incdirs-y += ../common ../../../gen/runtime
srcs-y += tcf_ica.c ../common/tta_ica.c
