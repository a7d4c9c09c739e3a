srcs-y += answererrorto_invoke.c
