srcs-y += answererrorto_opensession.c
