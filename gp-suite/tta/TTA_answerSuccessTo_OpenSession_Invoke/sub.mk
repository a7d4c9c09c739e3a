global-incdirs-y += ../common
srcs-y += answersuccessto_opensession_invoke.c
srcs-y += ../common/tta_entry.c
