# The normal world: libteec (GP Client API, sim and dev backends) and tee-supplicant.
# libteec links the common library (message framing, UUIDs, log) rather than
# compiling its sources again.
libteec-srcs := client/libteec/teec.c client/libteec/transport.c \
		client/libteec/nsram.c client/libteec/teec_ext.c \
		client/libteec/cancel.c
# Registered shared memory and its teecheck extensions.
libteec-srcs += client/libteec/regshm.c client/libteec/teec_ext_shm.c
# The dev backend: the Linux TEE subsystem's ioctl ABI (<linux/tee.h>).
libteec-srcs += client/libteec/dev.c client/libteec/dev_param.c \
		client/libteec/dev_errno.c

LIBTEEC_COMMON	:= $(OUT)/lib/libtccommon.a

# The static library carries the members of the common library it needs, so
# `-lteec` is enough for its users, as with the shared one.
$(OUT)/lib/libteec.a: $(call host-objs,$(libteec-srcs)) $(LIBTEEC_COMMON)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && { echo "create $@"; echo "addlib $(LIBTEEC_COMMON)"; \
		for o in $(filter %.o,$^); do echo "addmod $$o"; done; \
		echo save; echo end; } | $(AR) -M && $(AR) s $@
ALL_TARGETS += $(OUT)/lib/libteec.a

# libteec.so.1.0.0, its soname link libteec.so.1 (what programs load) and
# libteec.so (what `-lteec` finds), as optee_client ships it.
LIBTEEC_SO_VERSION := 1.0.0
LIBTEEC_SO	:= $(OUT)/lib/libteec.so.$(LIBTEEC_SO_VERSION)

$(LIBTEEC_SO): $(call host-objs,$(libteec-srcs)) $(LIBTEEC_COMMON) \
		client/libteec/libteec.map
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_LDFLAGS) -shared -Wl,-soname,libteec.so.1 \
		-Wl,--no-undefined \
		-Wl,--version-script=client/libteec/libteec.map \
		-o $@ $(filter %.o,$^) $(LIBTEEC_COMMON) -lpthread

$(OUT)/lib/libteec.so.1: $(LIBTEEC_SO)
	$(Q)ln -sf $(notdir $<) $@
$(OUT)/lib/libteec.so: $(OUT)/lib/libteec.so.1
	$(Q)ln -sf $(notdir $<) $@
ALL_TARGETS += $(LIBTEEC_SO) $(OUT)/lib/libteec.so.1 $(OUT)/lib/libteec.so

$(eval $(call host-program,tee-supplicant,client/supplicant/supplicant.c \
	client/supplicant/supp_shm.c client/supplicant/supp_fs.c,\
	$(OUT)/lib/libtccommon.a))

# The dev backend against a stand-in device: encoding and error mapping.
$(eval $(call unit-test,test_libteec_dev,client/tests/test_dev.c,\
	$(OUT)/lib/libteec.a -lpthread))
