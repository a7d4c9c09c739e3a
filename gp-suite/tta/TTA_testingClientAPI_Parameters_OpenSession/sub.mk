global-incdirs-y += ../common ../../../gen/runtime
srcs-y += testingclientapi_parameters_opensession.c ../common/tta_params.c
