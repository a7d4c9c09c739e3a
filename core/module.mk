# tee-core, the bundled secure core, and ta-host, the process a TA runs in.
include mk/partition/partition.mk

core-srcs := core/main.c core/conn.c core/workq.c core/dispatch.c \
	     core/session.c core/rpc.c core/ta_mgr.c core/ta_store.c \
	     core/ta_key.c core/call.c core/hostreq.c core/login.c \
	     core/ptime.c
# The pool budget, TA instances' shares, the core's own paging, statistics.
core-srcs += core/pager_budget.c core/inst_pager.c core/self_page.c \
	     core/self_page_sym.c core/stats_pager.c
# Dynamic shared memory: the SHM window and the objects mapped in it.
core-srcs += core/shm_mgr.c core/shm_host.c core/shm_stats.c core/shm_probe.c

# The TA verification key, built into tee-core as a C string.
CPPFLAGS_$(OUT)/gen/core/ta_pubkey.c := -Icore
$(OUT)/gen/core/ta_pubkey.c: $(TA_PUB_KEY)
	@mkdir -p $(dir $@)
	$(Q){ echo '/* Generated from $(notdir $<): the TA verification key. */'; \
	  echo '#include "ta_key.h"'; \
	  echo 'const char ta_builtin_pubkey_pem[] ='; \
	  sed 's/.*/"&\\n"/' $<; echo ';'; } > $@.tmp && mv $@.tmp $@

# Partitioned (mk/partition/partition.mk): the pager's fault path stays
# mapped, the rest of its own text and read-only data runs paged. The extra
# roots are the core's functions the fault path calls through pointers.
CORE_PAGER_ROOTS := self_page_foreign self_page_integrity self_page_symbolize
tee-core-libs := $(OUT)/lib/libpager.a $(OUT)/lib/libtaload.a \
		 $(OUT)/lib/libcoreshm.a $(OUT)/lib/libtccommon.a -lcrypto -lpthread
$(eval $(call paged-program,tee-core,$(core-srcs) $(OUT)/gen/core/ta_pubkey.c,\
	$(tee-core-libs),$(CORE_PAGER_ROOTS)))

ta-host-srcs := core/ta_host/ta_host.c core/ta_host/syscalls.c \
		core/ta_host/host_shm.c core/ta_host/host_session.c \
		core/ta_host/host_cancel.c core/ta_host/host_mem.c \
		core/ta_host/host_props.c core/ta_host/host_time.c \
		core/ta_host/host_ta2ta.c core/ta_host/ta_paged.c \
		core/ta_host/host_regmem.c
ta-host-libs := $(OUT)/lib/libpager.a $(OUT)/lib/libtaload.a \
		$(OUT)/lib/libtccommon.a -lcrypto -lpthread
$(eval $(call host-program,ta-host,$(ta-host-srcs),$(ta-host-libs)))

# The test builds, with the tampering command and hooks (8000 series).
include core/test_builds.mk
