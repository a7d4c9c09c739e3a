global-incdirs-y += ../common ../../../gen/runtime
srcs-y += tcf_ica2.c ../common/tta_ica.c
