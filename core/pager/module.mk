# The demand pager runtime: libpager.a, used by the core and every TA host.
# Users link $(OUT)/lib/libpager.a $(PAGER_LIBS).

pager-srcs := \
	core/pager/pager.c \
	core/pager/pager_arch.c \
	core/pager/pager_clock.c \
	core/pager/pager_crypto.c \
	core/pager/pager_fault.c \
	core/pager/pager_fill.c \
	core/pager/pager_pool.c \
	core/pager/pager_region.c \
	core/pager/pager_report.c \
	core/pager/pager_signal.c \
	core/pager/pager_stats.c

PAGER_LIBS := -lcrypto -lpthread

$(eval $(call host-lib,pager,$(pager-srcs)))

# Tests and the benchmark get the tampering hooks; the library never does.
pager-test-common := core/pager/pager_testhooks.c core/pager/tests/pager_test_util.c
pager-test-libs := $(OUT)/lib/libpager.a $(OUT)/lib/libtccommon.a $(PAGER_LIBS)
$(foreach f,$(pager-test-common) $(wildcard core/pager/tests/*.c), \
	$(eval CPPFLAGS_$(f) := -DPAGER_TEST_HOOKS))

define pager-test
$(eval $(call unit-test,$(1),core/pager/tests/$(1).c $(pager-test-common),$(pager-test-libs)))
endef

$(call pager-test,test_pager_paging)
$(call pager-test,test_pager_signals)
$(call pager-test,test_pager_exec)
$(call pager-test,test_pager_threads)
$(call pager-test,test_pager_integrity)
$(call pager-test,test_pager_nomalloc)
$(call pager-test,test_pager_crypto)

$(eval $(call benchmark,pager-bench,core/pager/bench/pager_bench.c,$(pager-test-libs)))
