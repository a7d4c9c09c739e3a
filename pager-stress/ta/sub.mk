global-incdirs-y += include
srcs-y += pager_stress_ta.c
# make CFG_PS_MAX_PAGES=N: a smaller bss for a TEE with less memory.
ifneq ($(CFG_PS_MAX_PAGES),)
cppflags-y += -DCFG_PS_MAX_PAGES=$(CFG_PS_MAX_PAGES)u
endif
