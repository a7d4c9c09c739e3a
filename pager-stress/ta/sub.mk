global-incdirs-y += include
srcs-y += pager_stress_ta.c
