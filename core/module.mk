# tee-core, the bundled secure core, and ta-host, the process a TA runs in.
core-srcs := core/main.c core/conn.c core/workq.c core/dispatch.c \
	     core/session.c core/rpc.c core/ta_mgr.c core/ta_store.c \
	     core/ta_key.c

# The TA verification key, built into tee-core as a C string.
$(OUT)/gen/core/ta_pubkey.c: $(TA_PUB_KEY)
	@mkdir -p $(dir $@)
	$(Q){ echo '/* Generated from $(notdir $<): the TA verification key. */'; \
	  echo '#include "../../../core/ta_key.h"'; \
	  echo 'const char ta_builtin_pubkey_pem[] ='; \
	  sed 's/.*/"&\\n"/' $<; echo ';'; } > $@.tmp && mv $@.tmp $@

$(eval $(call host-program,tee-core,$(core-srcs) $(OUT)/gen/core/ta_pubkey.c,\
	$(OUT)/lib/libtaload.a $(OUT)/lib/libtccommon.a -lcrypto -lpthread))

ta-host-srcs := core/ta_host/ta_host.c core/ta_host/syscalls.c
$(eval $(call host-program,ta-host,$(ta-host-srcs),\
	$(OUT)/lib/libtaload.a $(OUT)/lib/libtccommon.a -lcrypto))
