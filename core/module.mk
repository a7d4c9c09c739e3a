# tee-core, the bundled secure core, and ta-host, the process a TA runs in.
include mk/partition/partition.mk

# Its parts, one folder each (docs/ARCHITECTURE.md, "The core's layout").
core-srcs := core/main.c
# Connections from the normal world: the event loop, replies, the secure
# thread pool, requests in flight, dispatch, and RPC to the supplicant.
core-srcs += core/conn/event_loop.c core/conn/conn.c core/conn/reply.c \
	     core/conn/workq.c core/conn/call.c core/conn/dispatch.c \
	     core/conn/test_cmds.c core/conn/rpc.c
# Sessions and the login identities of their clients.
core-srcs += core/session/session.c core/session/login.c
# TA instances: lookup and lifecycle, starting one, scheduling, the host
# wire protocol, entry-point calls, what a host asks during a call, and the
# zygote that forks hosts.
core-srcs += core/inst/inst.c core/inst/inst_start.c core/inst/inst_sched.c \
	     core/inst/host_wire.c core/inst/inst_call.c core/inst/hostreq.c \
	     core/inst/host_zygote.c
# The TA store (images through the supplicant, verified) and its key.
core-srcs += core/store/ta_store.c core/store/ta_key.c
# Persistent state in --state-dir: TA persistent time; trusted storage
# (keys, the supplicant's file system, sealed files, directory records,
# open objects).
core-srcs += core/storage/ptime.c core/storage/sto_key.c \
	     core/storage/sto_fs.c core/storage/sto_seal.c \
	     core/storage/sto_dir.c core/storage/sto_objfile.c \
	     core/storage/sto_obj.c core/storage/sto_stream.c \
	     core/storage/sto_req.c
# The pool budget, TA instances' shares, the core's own paging, statistics.
core-srcs += core/pager/pager_budget.c core/pager/inst_pager.c \
	     core/pager/self_page.c core/pager/self_page_sym.c \
	     core/pager/stats_pager.c
# Dynamic shared memory: the SHM window and the objects mapped in it.
core-srcs += core/shm/shm_mgr.c core/shm/shm_host.c core/shm/shm_stats.c \
	     core/shm/shm_probe.c

# The TA verification key, built into tee-core as a C string. Its header is
# found through -Icore/store, so the file compiles wherever OUT is.
CPPFLAGS_$(OUT)/gen/core/ta_pubkey.c := -Icore/store
$(OUT)/gen/core/ta_pubkey.c: $(TA_PUB_KEY) core/module.mk
	@mkdir -p $(dir $@)
	$(Q){ echo '/* Generated from $(notdir $<): the TA verification key. */'; \
	  echo '#include "ta_key.h"'; \
	  echo 'const char ta_builtin_pubkey_pem[] ='; \
	  sed 's/.*/"&\\n"/' $<; echo ';'; } > $@.tmp && mv $@.tmp $@

# Partitioned (mk/partition/partition.mk): the pager's fault path stays
# mapped, the rest of its own text and read-only data runs paged. The extra
# roots are the core's functions the fault path calls through pointers.
CORE_PAGER_ROOTS := self_page_foreign self_page_integrity self_page_symbolize
tee-core-libs := $(OUT)/lib/libpager.a $(OUT)/lib/libtaimage.a \
		 $(OUT)/lib/libcoreshm.a $(OUT)/lib/libtccommon.a -lcrypto -lpthread
$(eval $(call paged-program,tee-core,$(core-srcs) $(OUT)/gen/core/ta_pubkey.c,\
	$(tee-core-libs),$(CORE_PAGER_ROOTS)))

ta-host-srcs := core/ta_host/ta_host.c core/ta_host/syscalls.c \
		core/ta_host/host_shm.c core/ta_host/host_session.c \
		core/ta_host/host_cancel.c core/ta_host/host_mem.c \
		core/ta_host/host_props.c core/ta_host/host_time.c \
		core/ta_host/host_ta2ta.c core/ta_host/ta_paged.c \
		core/ta_host/host_regmem.c core/ta_host/host_tmem.c
# Cryptography: the syscalls' glue here, the work in core/crypto.
ta-host-srcs += core/ta_host/host_crypto.c
# Trusted storage's syscalls: persistent objects are crypto's objects.
ta-host-srcs += core/ta_host/host_storage.c
ta-host-libs := $(OUT)/lib/libcorecrypto.a $(OUT)/lib/libpager.a \
		$(OUT)/lib/libtaload.a $(OUT)/lib/libtaimage.a \
		$(OUT)/lib/libtccommon.a -lcrypto -lpthread
$(eval $(call host-program,ta-host,$(ta-host-srcs),$(ta-host-libs)))

# The test builds, with the tampering command and hooks (8000 series).
include core/test_builds.mk

# Trusted storage's sealing and crypto's attribute records, without a core.
$(eval $(call unit-test,test_storage,core/storage/tests/test_storage.c \
	core/storage/sto_seal.c,$(OUT)/lib/libcorecrypto.a -lcrypto -lpthread))
