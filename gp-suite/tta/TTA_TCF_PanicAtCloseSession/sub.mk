global-incdirs-y += ../../../gen/runtime
srcs-y += tcf_panicatclosesession.c
