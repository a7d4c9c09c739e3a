# pager-stress: its TA, built twice (one instance for every session, and one
# instance a session), and the driver, out/bin/pager-stress.
$(eval $(call ta-build,pager-stress/ta))
$(eval $(call ta-build,pager-stress/ta_mi))

ps-srcs := pager-stress/ps_main.c pager-stress/ps_run.c \
	   pager-stress/ps_pattern.c pager-stress/ps_sweep.c \
	   xtest/private_core.c xtest/proc.c xtest/settings.c xtest/stats.c
$(foreach s,pager-stress/ps_main.c pager-stress/ps_run.c,\
	$(eval CPPFLAGS_$(s) := -Ipager-stress/ta/include))
$(eval $(call host-program,pager-stress,$(ps-srcs),\
	$(OUT)/lib/libteec.a $(OUT)/lib/libtccommon.a -lm -lpthread))
