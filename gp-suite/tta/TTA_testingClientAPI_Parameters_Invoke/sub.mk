global-incdirs-y += ../common ../../../gen/runtime
srcs-y += testingclientapi_parameters_invoke.c ../common/tta_params.c
