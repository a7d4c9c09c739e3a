# The test builds, used only by the 8000 series: tee-core-test answers
# TC_CMD_PAGER_TEST (it corrupts what the pager keeps outside the pool; its
# entry in core/conn/test_cmds.c exists only here) and ta-host-test carries
# the pager's tampering hooks. Neither the command nor the hooks exist in
# tee-core and ta-host.
core-test-srcs := core/conn/test_cmds.c core/pager/self_page.c \
	core/pager/pager_test_cmd.c
$(eval $(call paged-program,tee-core-test,$(core-srcs) core/pager/pager_test_cmd.c \
	core/pager/pager_testhooks.c $(OUT)/gen/core/ta_pubkey.c,\
	$(tee-core-libs),$(CORE_PAGER_ROOTS),$(core-test-srcs)))

ta-host-test-objs := $(call paged-objs,$(ta-host-srcs) \
	core/pager/pager_testhooks.c,core/ta_host/ta_paged.c)
$(OUT)/bin/ta-host-test: $(ta-host-test-objs) $(filter %.a,$(ta-host-libs))
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_LDFLAGS) -o $@ $(ta-host-test-objs) $(ta-host-libs)
ALL_TARGETS += $(OUT)/bin/ta-host-test

# The fatal reports' symbols, and the pager's report of a fault it took.
$(eval $(call unit-test,test_self_page,core/pager/tests/test_self_page.c \
	core/pager/self_page_sym.c,$(OUT)/lib/libpager.a -lcrypto -lpthread))

# The partition check fails when it should (a script run as a unit test).
$(OUT)/tests/test_partition_check: mk/partition/test_check.sh \
		$(OUT)/bin/tee-core
	@mkdir -p $(dir $@)
	$(Q){ echo '#!/bin/sh'; echo 'cd "$(CURDIR)" && NM=$(PART_NM) exec sh \
		mk/partition/test_check.sh "$${TEECHECK_OUT:-$(OUT)}" tee-core'; } \
		> $@.tmp && chmod +x $@.tmp && mv $@.tmp $@
ALL_TARGETS += $(OUT)/tests/test_partition_check
UNIT_TESTS += $(OUT)/tests/test_partition_check
