srcs-y += answersuccessto_opensession_invoke.c
