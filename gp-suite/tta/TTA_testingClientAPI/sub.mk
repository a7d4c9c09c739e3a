global-incdirs-y += ../common ../../../gen/runtime
srcs-y += testingclientapi.c ../common/tta_params.c
