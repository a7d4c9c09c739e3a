global-incdirs-y += ../ta/include
srcs-y += ../ta/pager_stress_ta.c
