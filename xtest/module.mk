# xtest: the test runner and the regression series. Cases declare themselves
# with XTEST_CASE (xtest/xtest_case.h); linking a file in adds its cases.

# libxtestsupport (xtest/xtestsupport.h): what the programs beside xtest
# (bench/, pager-stress/, shm-churn/) link too. Link it before libteec, and
# libtccommon after.
xtest-support-srcs := xtest/private_core.c xtest/proc.c xtest/settings.c \
		      xtest/stats.c xtest/shm_raw.c
$(eval $(call host-lib,xtestsupport,$(xtest-support-srcs)))
XTESTSUPPORT_LIBS := $(OUT)/lib/libxtestsupport.a $(OUT)/lib/libteec.a \
		     $(OUT)/lib/libtccommon.a

xtest-runner-srcs := xtest/xtest_main.c xtest/options.c xtest/select.c \
		     xtest/registry.c xtest/runner.c xtest/runner_job.c xtest/runner_order.c xtest/case_exec.c \
		     xtest/results.c xtest/report.c xtest/tap.c xtest/junit.c \
		     xtest/stats_shm.c xtest/stress.c
CPPFLAGS_xtest/stress.c := -Ipager-stress/ta/include -Ita/shm_churn/include
xtest-case-srcs := xtest/xtest_helpers.c xtest/fixture.c \
		   xtest/regression_1000.c \
		   xtest/regression_1006.c xtest/tcf_helpers.c \
		   xtest/regression_1008.c xtest/regression_1012.c \
		   xtest/regression_1016.c xtest/regression_1021.c \
		   xtest/regression_1024.c xtest/regression_1027.c \
		   xtest/regression_7000.c xtest/regression_7010.c
# The 8000 (pager) series.
xtest-case-srcs += xtest/pager_helpers.c xtest/regression_8000.c \
		   xtest/regression_8004.c
# The 9000 series: hostile peers.
xtest-case-srcs += xtest/hostile.c xtest/regression_9000.c
# The 6000 (trusted storage) series, driving the storage_test TAs.
xtest-storage-srcs := xtest/storage_helpers.c xtest/regression_6000.c \
		      xtest/regression_6010.c xtest/regression_6020.c
xtest-case-srcs += $(xtest-storage-srcs)
$(foreach f,$(xtest-storage-srcs),$(eval CPPFLAGS_$(f) := -Ita/storage_test/include))
# The 5000 (shared memory) series, driving the shm_churn TA.
xtest-shm-srcs := xtest/shm_helpers.c xtest/regression_5000.c \
		  xtest/regression_5007.c
xtest-case-srcs += $(xtest-shm-srcs)
$(foreach f,$(xtest-shm-srcs) xtest/shm_raw.c,\
	$(eval CPPFLAGS_$(f) := -Ita/shm_churn/include))

# Generated cases (gpgen's out/gen/gp/*.c) and what they need join xtest
# through these lists: any module appends `XTEST_EXTRA_SRCS += out/gen/gp/x.c`
# (and provides the rule that makes the file) and the include flags those
# generated files need to XTEST_EXTRA_CPPFLAGS. Both are read after every
# module.mk, so the order modules are included in does not matter. Objects go
# to out/obj/out/gen/gp/... through the host pattern rule.
XTEST_EXTRA_SRCS ?=
XTEST_EXTRA_CPPFLAGS ?=

xtest-xml-cflags := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || \
		      echo -I/usr/include/libxml2)
xtest-xml-libs := $(shell pkg-config --libs libxml-2.0 2>/dev/null || \
		    echo -lxml2)

# Case sources (ours and generated ones) see the case contract and the TA
# interfaces they drive. For generated ones the flags are expanded when the
# file compiles, so XTEST_EXTRA_CPPFLAGS may grow after this point.
$(OUT)/obj/xtest/%.o: HOST_CPPFLAGS += -Ixtest -Ita/os_test/include \
	-Ita/tcf_test/include -Ita/tcf_peer/include -Ita/pager_test/include \
	$(xtest-xml-cflags)
xtest-host-cppflags := $(HOST_CPPFLAGS)
$(OUT)/obj/$(OUT)/gen/gp/%.o: HOST_CPPFLAGS = $(xtest-host-cppflags) -Ixtest \
	-Ita/os_test/include $(XTEST_EXTRA_CPPFLAGS)

$(eval $(call host-program,xtest,$(xtest-runner-srcs) $(xtest-case-srcs),\
	$(XTESTSUPPORT_LIBS) $(xtest-xml-libs) -lcmocka -lcrypto -lpthread))

.SECONDEXPANSION:
$(OUT)/bin/xtest: $$(call host-objs,$$(XTEST_EXTRA_SRCS))

# The runner's own logic (selection, sharding, reports), without a core.
xtest-selftest-srcs := xtest/tests/test_runner_logic.c xtest/select.c \
		       xtest/registry.c xtest/results.c xtest/report.c \
		       xtest/tap.c xtest/junit.c xtest/options.c
$(eval $(call unit-test,test_xtest_runner,$(xtest-selftest-srcs),\
	$(OUT)/lib/libtccommon.a $(xtest-xml-libs)))

# The runner's process handling with made-up cases: pass, fail, skip, crash,
# timeout, exit in the middle.
xtest-exec-test-srcs := xtest/tests/test_runner_exec.c xtest/runner.c xtest/runner_job.c xtest/runner_order.c \
			xtest/case_exec.c xtest/proc.c xtest/results.c \
			xtest/select.c xtest/tap.c xtest/fixture.c \
			xtest/xtest_helpers.c
$(eval $(call unit-test,test_xtest_exec,$(xtest-exec-test-srcs),\
	$(XTESTSUPPORT_LIBS) -lcrypto -lpthread))

# The fixtures against a private core: sub-cases that fail in every way a
# sub-case can leave nothing behind in the core, a generated GP scenario
# among them (gen/module.mk makes it).
xtest-fixture-test-srcs := xtest/tests/test_fixture.c xtest/runner.c xtest/runner_job.c xtest/runner_order.c \
			   xtest/case_exec.c xtest/results.c xtest/select.c \
			   xtest/tap.c xtest/fixture.c xtest/xtest_helpers.c \
			   $(GP_FIXTURE_TEST_C) $(GP_RUNTIME_SRCS)
$(eval $(call unit-test,test_xtest_fixture,$(xtest-fixture-test-srcs),\
	$(XTESTSUPPORT_LIBS) -lcrypto -lpthread))
