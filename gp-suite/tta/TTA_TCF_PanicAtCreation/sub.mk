srcs-y += tcf_panicatcreation.c
