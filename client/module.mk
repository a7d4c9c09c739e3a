# The normal world: libteec (GP Client API, sim backend) and tee-supplicant.
libteec-srcs := client/libteec/teec.c client/libteec/transport.c \
		client/libteec/nsram.c client/libteec/teec_ext.c \
		client/libteec/cancel.c common/tc_msg.c common/uuid.c \
		common/tc_log.c
# Registered shared memory and its teecheck extensions.
libteec-srcs += client/libteec/regshm.c client/libteec/teec_ext_shm.c

$(eval $(call host-lib,teec,$(libteec-srcs)))

$(OUT)/lib/libteec.so: $(call host-objs,$(libteec-srcs)) \
		client/libteec/libteec.map
	@mkdir -p $(dir $@)
	$(Q)$(CC) -shared -Wl,-soname,libteec.so.1 -Wl,--no-undefined \
		-Wl,--version-script=client/libteec/libteec.map \
		-o $@ $(filter %.o,$^) -lpthread
ALL_TARGETS += $(OUT)/lib/libteec.so

$(eval $(call host-program,tee-supplicant,client/supplicant/supplicant.c \
	client/supplicant/supp_shm.c client/supplicant/supp_fs.c,\
	$(OUT)/lib/libtccommon.a))
