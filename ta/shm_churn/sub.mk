global-incdirs-y += include
srcs-y += shm_churn.c
